"""Foreign text on screen: always a `Text`, never markup, with control characters made visible.

The one rule of the app's display: anything a user typed, a file held or a server sent reaches a widget
through `plain` (or `ControlPictures`, for an input field), never as a `str` that Textual would parse as
markup. A `[/]` in a path or a server message is then shown as the three characters it is, and an `ESC` in a
response body as `\\x1b`, not as a command to the terminal. Notifications go through `ExplorerApp.notify`,
which applies the same rule.
"""

from __future__ import annotations

__all__ = ["Breakable", "ControlPictures", "append_plain", "elide_middle", "plain"]

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.highlighter import Highlighter
from rich.measure import Measurement
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


_BREAK_AFTER = re.compile(r"[/?&] ?| +")
"""Where a URL or a command line may break: after `/`, `?`, `&` and between arguments (after spaces)."""


class Breakable:
    """A `Text` that wraps only where a URL or a shell command can be read across lines.

    Rich wraps at spaces and, in a word longer than the width, anywhere: a URL or a curl argument broke
    mid-token (`$TWILIO_ACCOUNT` / `_SID`). Here each line is cut after a `/`, `?` or `&`, or between
    arguments, at render time for the width there is; only a single token wider than the whole width is
    folded.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def pieces(self, line: Text) -> list[Text]:
        """`line` cut after each break opportunity (the pieces join back to `line`)."""
        offsets = [match.end() for match in _BREAK_AFTER.finditer(line.plain) if match.end() < len(line)]
        return list(line.divide(offsets))

    def lines(self, width: int) -> Iterator[Text]:
        """The lines for `width` cells, each at most that wide."""
        width = max(width, 1)
        for line in self.text.split("\n", allow_blank=True):
            current = Text(style=line.style)
            for piece in self.pieces(line):
                if current.plain and cell_len(current.plain + piece.plain.rstrip()) > width:
                    current.rstrip()
                    yield current
                    current = Text(style=line.style)
                current.append_text(piece)
                while cell_len(current.plain.rstrip()) > width:  # one token wider than the width: folded
                    head, current = current.divide([width])
                    yield head
            current.rstrip()
            yield current

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line.plain) for line in self.text.split("\n")), default=0)
        return Measurement(1, min(widest, options.max_width))


def elide_middle(path: str, width: int) -> str:
    """`path` in at most `width` cells, its middle segments replaced by `…` (`/2010-04-01/…/Calls.json`).

    The useful ends stay: the API version at the start, the resource at the end. A path whose last segment
    alone is too wide is cut in the middle of its characters.
    """
    if cell_len(path) <= width:
        return path
    parts = path.split("/")
    head = "/".join(parts[:2]) + "/…/"
    tail: list[str] = []
    for part in reversed(parts[2:]):
        if cell_len(head + "/".join([part, *tail])) > width:
            break
        tail.insert(0, part)
    if tail:
        return head + "/".join(tail)
    if cell_len("…/" + parts[-1]) <= width:
        return "…/" + parts[-1]
    keep = max(width - 1, 0)
    return path[: keep // 2] + "…" + path[len(path) - (keep - keep // 2) :]
