"""The last step before a write: the Region, host and Account it goes to, and its curl, before anything is sent."""

from __future__ import annotations

__all__ = ["ConfirmWriteScreen", "display_spec"]

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from explorer.core.curl import render_curl
from explorer.core.forms import describe_write
from explorer.core.request import RequestSpec
from explorer.ui.text import plain

HIDDEN = "[hidden]"
"""What the confirmation's curl shows instead of a value that is a secret of its own (a SIP password)."""


def display_spec(spec: RequestSpec, secret_names: Iterable[str]) -> RequestSpec:
    """`spec` with the values of `secret_names` replaced by `[hidden]`, for showing its curl on screen."""
    hidden = set(secret_names)

    def mask(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple((name, HIDDEN if name in hidden else value) for name, value in pairs)

    return replace(spec, query=mask(spec.query), form=mask(spec.form))


class ConfirmWriteScreen(ModalScreen[bool]):
    """Names the Region, the host and the Account, shows the curl; dismisses True only on "Send it"."""

    DEFAULT_CSS = """
    ConfirmWriteScreen { align: center middle; }
    ConfirmWriteScreen #confirm-write-box {
        width: 90%; max-width: 110; height: 95%; max-height: 40;
        border: thick $error; background: $surface; padding: 0 1;
    }
    ConfirmWriteScreen #confirm-write-scroll { height: 1fr; }
    ConfirmWriteScreen .section-title { color: $text-muted; text-style: bold; margin-top: 1; }
    ConfirmWriteScreen #confirm-write-summary { color: $text; }
    ConfirmWriteScreen #confirm-write-curl { background: $boost; padding: 0 1; }
    ConfirmWriteScreen #confirm-write-buttons { height: auto; margin-top: 1; align: right middle; }
    ConfirmWriteScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Back", id="confirm-write.back", tooltip="Back to the form; nothing is sent"),
    ]  # fmt: skip

    def __init__(
        self, spec: RequestSpec, *, account_sid: str, region: str, secret_names: Iterable[str] = ()
    ) -> None:
        """Confirm `spec` for `account_sid` in Processing Region `region`; mask `secret_names` in the curl."""
        super().__init__()
        self.spec = spec
        self.summary = describe_write(spec, account_sid, region)
        """The text naming the Region, host, Account and the values sent."""
        self.curl = render_curl(display_spec(spec, secret_names), multiline=True)
        """The docs-safe curl of the write (placeholders for the credential, secret values hidden)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-write-box"):
            with VerticalScroll(id="confirm-write-scroll"):
                # Text, not str: the indentation is kept, and typed values are neither markup nor terminal control.
                yield Static(plain(self.summary, multiline=True), id="confirm-write-summary")
                yield Label("The same request as curl (nothing has been sent yet)", classes="section-title")
                yield Static(plain(self.curl, multiline=True), id="confirm-write-curl")
            with Horizontal(id="confirm-write-buttons"):
                yield Button("Back to the form", id="confirm-write-no", variant="primary", compact=True)
                yield Button("Send it", id="confirm-write-yes", variant="error", compact=True)

    def on_mount(self) -> None:
        # Focus starts on the safe choice: Enter right after opening never writes.
        self.query_one("#confirm-write-no", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-write-yes")
