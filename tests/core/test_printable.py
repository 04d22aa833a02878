"""Foreign text made visible: every control or invisible character becomes an escape a person can read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.printable import visible

# Brackets and markup, every kind of control character, invisible and astral characters, long text.
HOSTILE = st.text(
    alphabet=st.sampled_from(
        "[]/\\=ab é日🙂\n\r\t\x00\x07\x1b\x7f\x85\x9b\u00a0\u200b\u202e\u2028\ufeff\ud800"
    )
    | st.characters(),
    max_size=400,
)


def test_terminal_controls_are_shown_as_escapes() -> None:
    """A title change and a screen wipe are shown as the characters they are, not obeyed."""
    assert visible("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("a\x7fb\x9bc") == "a\\x7fb\\x9bc"


def test_invisible_characters_are_shown() -> None:
    """A bidi override, a zero-width space and a lone surrogate are written as escapes."""
    assert visible("abc\u202edef") == "abc\\u202edef"
    assert visible("x\u200by") == "x\\u200by"
    assert visible("\ud800") == "\\ud800"
    assert visible("\U000e0001") == "\\U000e0001"


def test_one_line_unless_asked() -> None:
    """A message stays on one line; a body keeps its lines and tabs (CRLF is one line break)."""
    assert visible("a\nb\tc\rd") == "a\\nb\\tc\\rd"
    assert visible("a\r\nb\tc\rd\x1b", multiline=True) == "a\nb\tc\\rd\\x1b"


def test_printable_text_is_unchanged() -> None:
    """Markup-looking brackets, backslashes, accents, CJK and emoji are left exactly as they are."""
    text = "[bold red]x[/] \\x1b é 日本 🙂"
    assert visible(text) is text


@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=HOSTILE)
def test_output_is_printable_and_only_escapes_what_is_not(text: str) -> None:
    """For any text: the result is printable, and printable characters come through in order."""
    one_line = visible(text)
    assert one_line.isprintable()
    assert visible(one_line) == one_line  # applying it twice changes nothing
    body = visible(text, multiline=True)
    assert all(line.replace("\t", "").isprintable() for line in body.split("\n"))
    kept = "".join(char for char in text if char.isprintable())
    iterator = iter(one_line)
    assert all(char in iterator for char in kept)  # a subsequence: nothing printable is lost or reordered
