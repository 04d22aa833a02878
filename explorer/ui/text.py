"""Foreign text on screen: always a `Text`, never markup, with control characters made visible.

The one rule of the app's display: anything a user typed, a file held or a server sent reaches a widget
through `plain` (or `ControlPictures`, for an input field), never as a `str` that Textual would parse as
markup. A `[/]` in a path or a server message is then shown as the three characters it is, and an `ESC` in a
response body as `\\x1b`, not as a command to the terminal. Notifications go through `ExplorerApp.notify`,
which applies the same rule.
"""

from __future__ import annotations

__all__ = ["ControlPictures", "append_plain", "plain"]

from rich.highlighter import Highlighter
from rich.style import StyleType
from rich.text import Text

from explorer.core.printable import visible


def plain(text: str, style: StyleType = "", *, multiline: bool = False) -> Text:
    """`text` as a `Text` to show as it is: no markup, control characters as visible escapes.

    Args:
        text: foreign text.
        style: the style of the whole text.
        multiline: keep its line breaks and tabs (a body, a status of several lines).
    """
    return Text(visible(text, multiline=multiline), style=style)


def append_plain(text: Text, value: str, style: StyleType = "", *, multiline: bool = False) -> Text:
    """Append foreign `value` to `text` (made visible as by `plain`); return `text`."""
    text.append(visible(value, multiline=multiline), style=style)
    return text


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␛ … ␟
    if code == 0x7F:
        return "␡"
    return "�"


class ControlPictures(Highlighter):
    """Shows each non-printable character of an input field as one visible symbol (`␛` for ESC, `�` else).

    An `Input` keeps its value as typed or pasted (the request is built from it), but draws it through its
    highlighter; one symbol per character keeps the cursor where the value says it is.
    """

    def highlight(self, text: Text) -> None:
        value = text.plain
        if not value.isprintable():
            text.plain = "".join(char if char.isprintable() else _picture(char) for char in value)
