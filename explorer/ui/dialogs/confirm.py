"""A yes/no question asked before something risky, such as showing a secret on screen."""

from __future__ import annotations

__all__ = ["ConfirmScreen"]

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from explorer.ui.text import plain


class ConfirmScreen(ModalScreen[bool]):
    """Asks one question; dismisses with True only for an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Cancel", id="confirm.cancel", tooltip="Keep things as they are")
    ]

    def __init__(self, question: str, yes: str = "Show it") -> None:
        super().__init__()
        self._question = question
        self._yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            # Questions name profiles and hosts: text, never markup.
            yield Static(plain(self._question, multiline=True), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Cancel", id="confirm-no", variant="primary")
                yield Button(self._yes, id="confirm-yes", variant="error")

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
