"""The help screen: every key and every `:` command."""

from __future__ import annotations

__all__ = ["HelpScreen"]

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from explorer.model.commands import COMMANDS
from explorer.ui.shell.keys import KEYS


class HelpScreen(ModalScreen[None]):
    """Keys and commands; Esc or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back", id="help.back", tooltip="Close the help"),
        Binding("question_mark", "dismiss", "Back", show=False, id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, here: Mapping[str, ActiveBinding] | None = None) -> None:
        """Args:
        here: the keys that act where the focus was when help was asked for (the screen's
            `active_bindings`): listed first, as the footer shows them, hidden ones included.
        """
        super().__init__()
        self._here = dict(here or {})

    def compose(self) -> ComposeResult:
        here = Table(title="Keys here", show_header=False, box=None, padding=(0, 2))
        for active in self._here.values():
            binding = active.binding
            if active.enabled and binding.description and binding.action != "help":
                # Key names and descriptions are the app's own, never foreign text: markup-free all the same.
                here.add_row(
                    Text(self.app.get_key_display(binding), style="bold"),
                    binding.tooltip or binding.description,
                )
        keys = Table(title="All keys", show_header=False, box=None, padding=(0, 2))
        for key, what in KEYS:
            keys.add_row(f"[bold]{key}[/]", what)
        commands = Table(title="Commands (:name value)", show_header=False, box=None, padding=(0, 2))
        for name, what in COMMANDS.items():
            commands.add_row(f"[bold]:{name}[/]", what)
        with VerticalScroll(id="help-box"):
            if here.row_count:
                yield Static(here, id="help-here")
            yield Static(keys)
            yield Static(commands)
            yield Static("[dim]Esc to go back[/]")
