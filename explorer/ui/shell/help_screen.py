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

KEYS: tuple[tuple[str, str], ...] = (
    (":", "open the command bar"),
    ("ctrl+p", "command palette (the same commands)"),
    ("1 2 3", "Region presets: US1, IE1 Dublin, AU1 Sydney"),
    ("s", "send the request (Enter in the path or parameters too)"),
    ("x", "cancel the request in flight (s waits while a write is in flight)"),
    ("c", "show the curl command"),
    ("y", "copy the curl command (OSC 52) and save it to a file"),
    ("r", "reveal or hide the secret in the curl command (asks first)"),
    ("tab", "move between the picker and the inspector"),
    ("i b p h", "views: request (inspector), browse resources, profiles, history"),
    ("n e d", "in the browser: create in the open list, edit or delete the open record (form, then confirm)"),
    ("a / f m", "in the browser: load all pages, filter loaded rows, server filters, more columns"),
    ("?", "this help"),
    ("esc", "back: close the bar, a dialog, this help, a drill-down level, or return to the request"),
    ("q", "quit"),
)


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
