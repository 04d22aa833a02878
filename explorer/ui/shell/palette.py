"""The `:` commands in the Ctrl+P palette (imported when the palette first opens, not at start-up)."""

from __future__ import annotations

__all__ = ["ExplorerCommands", "palette_commands"]

from collections.abc import Iterable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from explorer.core.regions import EDGES, PRODUCTS, REGIONS
from explorer.ui.shell.main_screen import MainScreen
from explorer.ui.themes import UiTheme


def palette_commands(themes: Iterable[UiTheme] = ()) -> Iterator[tuple[str, str, str]]:
    """Every palette entry as (title, `:` command, help): each Region, edge, product and theme, then actions."""
    for region in REGIONS.values():
        yield f"Region: {region.label} ({region.location})", f"region {region.id}", "Switch the Region"
    for edge in EDGES:
        yield f"Edge: {edge}", f"edge {edge}", "Set the edge"
    yield "Edge: none", "edge none", "Unset the edge"
    for product in PRODUCTS:
        yield f"Product: {product}", f"product {product}", "Set the product host"
    for theme in themes:
        yield f"Theme: {theme.short_name}", f"theme {theme.short_name}", "Switch the theme"
    yield "Send the request", "send", "Send the current request"
    yield "Copy curl", "copy", "Copy the curl command and save it to a file"
    yield "Profile: demo (local simulator)", "profile demo", "Send as the simulator's demo credentials"


class ExplorerCommands(Provider):
    """The `:` commands in the Ctrl+P palette."""

    def _commands(self) -> Iterator[tuple[str, str, str]]:
        themes: dict[str, UiTheme] = getattr(self.app, "ui_themes", {})
        return palette_commands(themes.values())

    def _run(self, text: str) -> None:
        screen = self.app.screen
        if isinstance(screen, MainScreen):
            screen.run_command(text)

    async def discover(self) -> Hits:
        for title, command, help_text in self._commands():
            if title.startswith(("Region", "Send", "Copy", "Theme")):
                yield DiscoveryHit(title, partial(self._run, command), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, command), help=help_text)
