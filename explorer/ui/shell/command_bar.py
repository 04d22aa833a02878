"""The `:` command bar, k9s style: one line at the bottom that takes `region ie1`, `edge dublin`, ..."""

from __future__ import annotations

__all__ = ["CommandBar", "completions"]

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input

from explorer.core.regions import EDGES, PRODUCTS, REGIONS
from explorer.model.commands import COMMANDS
from explorer.ui.text import ControlPictures


def completions() -> list[str]:
    """What the bar completes: every command, then `region ID`, `edge ID` and `product NAME` for each known one."""
    words = [f"{name} " for name in COMMANDS]
    words += [f"region {region}" for region in REGIONS]
    words += [f"edge {edge}" for edge in EDGES]
    words += [f"product {product}" for product in PRODUCTS]
    words += [f"theme {name}" for name in ("dark", "light", "high-contrast")]
    return words


class CommandBar(Input):
    """Hidden until `:` is pressed; Enter runs the command, Esc closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="command-bar.close", tooltip="Close the command bar")
    ]

    @dataclass
    class Entered(Message):
        """The user entered a command."""

        bar: CommandBar
        """The command bar."""
        text: str
        """The command as typed, without the `:`."""

        @property
        def control(self) -> CommandBar:
            """The command bar."""
            return self.bar

    class Closed(Message):
        """The bar was closed without a command."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder=":region au1 · :edge dublin · :product messaging · :profile NAME · :theme light",
            suggester=SuggestFromList(completions(), case_sensitive=False),
            id=id,
            compact=True,
            highlighter=ControlPictures(),
        )

    def open(self) -> None:
        """Show the bar, empty, with the focus in it at once."""
        self.value = ""
        self.display = True
        # At once: `Widget.focus` waits for the next turn of the loop, and keys typed right after `:`
        # (`:applications`, quickly or pasted) went to the view meanwhile, where `s` sent and `a` added.
        self.screen.set_focus(self)

    def action_close(self) -> None:
        """Hide the bar."""
        self.display = False
        self.post_message(self.Closed())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        self.display = False
        self.post_message(self.Entered(self, text))
