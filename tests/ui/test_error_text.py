"""An ExplorerError in the app: one Text for status lines and the inspector, one plain message for notices."""

from __future__ import annotations

from rich.text import Span

from explorer.core.errors import InputError
from explorer.ui.errors import error_text, notify_error

HOSTILE = InputError("bad [bold red]x[/] \x1b[2J", hint="retype [link=x]it[/link]\x07", source="host\u202e")


def test_error_text_is_titled_with_the_fix_in_bold() -> None:
    """`Title: message. Fix: hint`, the title and `Fix:` bold, nothing parsed as markup."""
    text = error_text(InputError("the parameter 'A' has no '='", hint="write Name=value"))
    assert text.plain == "Invalid input: the parameter 'A' has no '='. Fix: write Name=value"
    assert text.spans == [Span(0, 13, "bold"), Span(44, 50, "bold")]
    assert [text.plain[s.start : s.end] for s in text.spans] == ["Invalid input", " Fix: "]
    assert error_text(InputError("plain")).plain == "Invalid input: plain"


def test_error_text_shows_hostile_text_as_it_is() -> None:
    """Markup stays literal and control characters become visible escapes."""
    assert error_text(HOSTILE).plain == (
        "Invalid input: bad [bold red]x[/] \\x1b[2J (host\\u202e). Fix: retype [link=x]it[/link]\\x07"
    )
    assert error_text(HOSTILE, titled=False).plain == (
        "bad [bold red]x[/] \\x1b[2J (host\\u202e). Fix: retype [link=x]it[/link]\\x07"
    )
    assert all(span.style == "bold" for span in error_text(HOSTILE).spans)


def test_notify_error_sends_the_title_and_the_plain_words() -> None:
    """A notification gets the title as its heading and the untitled text, never as markup."""
    calls: list[tuple[str, dict[str, object]]] = []

    class Recorder:
        def notify(self, message: str, **options: object) -> None:
            calls.append((message, options))

    notify_error(Recorder(), HOSTILE, severity="warning", timeout=3)
    assert calls == [
        (
            error_text(HOSTILE, titled=False).plain,
            {"title": "Invalid input", "severity": "warning", "timeout": 3, "markup": False},
        )
    ]
