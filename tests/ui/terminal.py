"""What reaches the terminal: the screen as text, and checks that foreign text arrives as text."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace

import httpx
from rich.console import Console
from textual.app import App
from textual.widgets import Static

from explorer.model.session import Session
from tests.ui.fakes import FakeTwilio, fake_session

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
"""C0 controls (ESC, BEL, newline...), DEL and C1 controls: none may be written to the terminal as text."""


def screen_lines(app: App[object]) -> list[str]:
    """The text of every line the compositor would write for the current screen (toasts included).

    The one Textual internal these tests read, on purpose: Textual has no public way to get the screen's text.
    The public `export_screenshot()` draws the same compositor output as SVG, about eight times slower and
    without its runs of blank cells, which the property tests (hundreds of screens) cannot afford.
    """
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_no_control_on_screen(app: App[object]) -> None:
    """No line drawn holds a raw control character."""
    for number, line in enumerate(screen_lines(app)):
        assert not CONTROL.search(line), f"line {number} writes a control character: {line!r}"


def static_text(widget: Static) -> str:
    """Everything a Static holds, rendered without styles at a wide width (scrolled out of view or not)."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=4000, record=True, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(content)
    return console.export_text(styles=False)


def toast_texts(app: App[object]) -> list[str]:
    """The plain text of every toast on screen (title, newline, message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]  # Textual does not export Toast


def served_session(handler: Callable[[httpx.Request], httpx.Response]) -> Session:
    """The demo-like fake session, but every request is answered by `handler`."""
    return replace(fake_session(FakeTwilio()), transport=httpx.MockTransport(handler))
