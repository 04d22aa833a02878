"""Foreign text made safe to show on a terminal: every control or invisible character becomes a visible escape.

Text typed by the user, read from a file or sent by a server can hold ESC, BEL, C1 controls, DEL, bidi
overrides or lone surrogates. Written to a terminal as they are, they retitle the window (`ESC ] 0 ;`), wipe
the screen (`ESC [ 2 J`) or reorder what is read. `visible` turns each character that `str.isprintable`
refuses into the escape Python's `repr` would write for it (`\\x1b`, `\\n`, `\\u202e`), so the text is still
readable, and what was there is plain to see. Backslashes are left alone: the text stays literal, at the cost
that a typed `\\x1b` and a real ESC look the same.
"""

from __future__ import annotations

__all__ = ["escape_char", "visible"]

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(char: str) -> str:
    """The visible escape for one character: `\\n`, `\\r`, `\\t`, else `\\xHH`, `\\uHHHH` or `\\UHHHHHHHH`."""
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape(text: str) -> str:
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(char if char.isprintable() else escape_char(char) for char in text)


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every non-printable character written as a visible escape.

    Args:
        text: foreign text (typed, read from a file, or received).
        multiline: keep line breaks and tabs, for a body shown over several lines (`\\r\\n` counts as one
            line break); otherwise they are escaped too, so a message stays on one line.

    Returns:
        Text that holds only printable characters (plus `\\n` and `\\t` when `multiline`).
    """
    if text.isprintable():
        return text
    if not multiline:
        return _escape(text)
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join("\t".join(_escape(part) for part in line.split("\t")) for line in lines)
