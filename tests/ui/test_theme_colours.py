"""Status codes and errors drawn in Rich text take the theme's colours, in every theme and after a switch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widgets import DataTable, Static

from explorer.core.exchange import Exchange, Timings
from explorer.model.outcome import Outcome
from explorer.model.target import Target
from explorer.ui.history.pane import HistoryPane
from explorer.ui.request.inspector import Inspector
from explorer.ui.themes import UiTheme, load_themes
from explorer.ui.tones import Tones
from tests.ui.history_harness import sample_history

THEMES = load_themes()
NAMES = ("explorer-dark", "explorer-light", "explorer-high-contrast")


class ThemedHarness(App[None]):
    """The inspector and the history pane, in an app that offers the project's themes."""

    def __init__(self, history_path: Path) -> None:
        super().__init__()
        for theme in THEMES.values():
            colours: dict[str, Any] = dict(theme.colours)
            self.register_theme(
                Theme(name=theme.name, dark=theme.dark, variables=theme.variables(), **colours)
            )
        self.theme = "explorer-dark"
        self._history_path = history_path

    def compose(self) -> ComposeResult:
        yield Inspector("GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "", id="inspector")
        yield HistoryPane(id="history")

    def on_mount(self) -> None:
        self.query_one(HistoryPane).history = sample_history(self._history_path)


def _colour(app: App[None], theme: UiTheme, name: str) -> Color:
    """The theme's colour `name` as its CSS gets it (`$error`), checked to be the one its file sets."""
    colour, written = Color.parse(app.theme_variables[name]), Color.parse(theme.colours[name])
    assert (
        max(abs(a - b) for a, b in zip(colour.rgb, written.rgb, strict=True)) <= 2
    )  # Textual rounds via HSL
    return colour


def _spans(renderable: object, word: str) -> list[Style]:
    """The styles of the spans that cover `word` in a `Text` (or the `Text`s of a `Group`)."""
    if isinstance(renderable, Group):
        return [style for part in renderable.renderables for style in _spans(part, word)]
    if not isinstance(renderable, Text) or word not in renderable.plain:
        return []
    start = renderable.plain.index(word)
    return [
        span.style
        for span in renderable.spans
        if span.start <= start < span.end and isinstance(span.style, Style)
    ]


def _failing_outcome() -> Outcome:
    url = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Calls.json"
    headers = (("Content-Type", "application/json"),)
    exchange = Exchange("GET", url, (), b"", 404, headers, b'{"code": 20404}', Timings(0.01))
    return Outcome(Target("api", "au1", "sydney"), url, exchange, None)


async def test_a_failing_status_is_drawn_on_the_themes_error_colour_after_each_switch(tmp_path: Path) -> None:
    """The inspector's 404 badge sits on the theme's `$error`; switching the theme redraws it in the new one."""
    app = ThemedHarness(tmp_path / "history.jsonl")
    async with app.run_test(size=(100, 40)) as pilot:
        app.query_one(Inspector).outcome = _failing_outcome()
        for name in (*NAMES, "explorer-dark"):
            app.theme = name
            await pilot.pause()
            await pilot.pause()
            styles = _spans(app.query_one("#response-text", Static).content, " 404 ")
            error = _colour(app, THEMES[name], "error")
            assert [style.bgcolor for style in styles] == [error.rich_color], name
            assert styles[0].color == error.get_contrast_text(alpha=1.0).rich_color


async def test_history_statuses_take_the_themes_success_colour_after_each_switch(tmp_path: Path) -> None:
    """A 2xx in the history is in the theme's `$success`, and follows a theme switch."""
    app = ThemedHarness(tmp_path / "history.jsonl")
    async with app.run_test(size=(100, 40)) as pilot:
        table = app.query_one("#history-table", DataTable)
        for _ in range(200):  # the pane reads the file in a thread worker
            if table.row_count == 3:
                break
            await pilot.pause(0.05)
        for name in NAMES:
            app.theme = name
            await pilot.pause()
            await pilot.pause()
            cell = table.get_cell("0", "status")
            assert isinstance(cell, Text) and cell.plain == "201"
            assert (
                isinstance(cell.style, Style)
                and cell.style.color == _colour(app, THEMES[name], "success").rich_color
            )


def test_tones_follow_the_variables_given() -> None:
    """Each tone is the variable's colour; a badge's text contrasts with its background."""
    tones = Tones.from_variables({"error": "#b91c1c", "success": "#ffffff"})
    assert tones.error == Style(color=Color.parse("#b91c1c").rich_color, bold=True)
    assert tones.success_badge.bgcolor == Color.parse("#ffffff").rich_color
    assert tones.success_badge.color == Color(0, 0, 0).rich_color  # black on white
    assert tones.error_badge.color == Color(255, 255, 255).rich_color  # white on dark red
