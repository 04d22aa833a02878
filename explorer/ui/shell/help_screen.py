"""The help screen: every key and every `:` command."""

from __future__ import annotations

__all__ = ["HelpScreen"]

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
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

    def compose(self) -> ComposeResult:
        keys = Table(title="Keys", show_header=False, box=None, padding=(0, 2))
        for key, what in KEYS:
            keys.add_row(f"[bold]{key}[/]", what)
        commands = Table(title="Commands (:name value)", show_header=False, box=None, padding=(0, 2))
        for name, what in COMMANDS.items():
            commands.add_row(f"[bold]:{name}[/]", what)
        with VerticalScroll(id="help-box"):
            yield Static(keys)
            yield Static(commands)
            yield Static("[dim]Esc to go back[/]")
