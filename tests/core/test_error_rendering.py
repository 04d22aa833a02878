"""One renderer per front end: an ExplorerError as words, as the command line's line, and as notebook HTML."""

from __future__ import annotations

from explorer.core.errors import CatalogError, ExplorerError, InputError, RegionScopeError

HOSTILE = InputError(
    "the path '/x<script>alert(1)</script>&[bold]y[/]\x1b]0;pwned\x07' is odd",
    hint="type it again \u202e& check\r\nit",
    source="api.sydney.au1.twilio.com\x1b[2J",
)


def test_text_is_message_source_and_fix() -> None:
    """`message (source). Fix: hint`, each part only when it is there."""
    assert InputError("bad value", hint="use another").text() == "bad value. Fix: use another"
    assert InputError("bad value").text() == "bad value"
    assert CatalogError("unreadable", source="--openapi").text() == "unreadable (--openapi)"
    assert ExplorerError("x", hint="y", source="z").fix == "y"


def test_cli_line_is_one_line_with_the_fix() -> None:
    """The command line's format, exactly: `twilio-explorer: error: message. Fix: hint`."""
    error = RegionScopeError("refused to send it", hint="use the AU1 host")
    assert error.cli_line() == "twilio-explorer: error: refused to send it. Fix: use the AU1 host"
    assert error.cli_line("warning") == "twilio-explorer: warning: refused to send it. Fix: use the AU1 host"
    assert InputError("no fix").cli_line() == "twilio-explorer: error: no fix"


def test_cli_line_shows_hostile_text_as_escapes() -> None:
    """Control characters (ESC, BEL, CR, LF, bidi overrides) are written as visible escapes, on one line."""
    line = HOSTILE.cli_line()
    assert line == (
        "twilio-explorer: error: the path '/x<script>alert(1)</script>&[bold]y[/]\\x1b]0;pwned\\x07' is odd "
        "(api.sydney.au1.twilio.com\\x1b[2J). Fix: type it again \\u202e& check\\r\\nit"
    )
    assert line.isprintable()


def test_html_is_escaped_and_visible() -> None:
    """Notebook HTML: title, message, source and fix, every `<`/`&` escaped and control characters visible."""
    assert InputError("bad value", hint="use another").html() == (
        '<div class="explorer-error"><strong>Invalid input</strong>: bad value.'
        "<br><em>Fix:</em> use another</div>"
    )
    assert HOSTILE.html() == (
        '<div class="explorer-error"><strong>Invalid input</strong>: '
        "the path &#x27;/x&lt;script&gt;alert(1)&lt;/script&gt;&amp;[bold]y[/]\\x1b]0;pwned\\x07&#x27; is odd"
        " <span>(api.sydney.au1.twilio.com\\x1b[2J)</span>."
        "<br><em>Fix:</em> type it again \\u202e&amp; check\\r\\nit</div>"
    )
    assert HOSTILE._repr_html_() == HOSTILE.html()


def test_renderers_never_echo_a_secret() -> None:
    """A secret-looking value given as the source is redacted like the message and the hint."""
    secret = "Zq8xSecretValue0123456789abcdefXYZ"
    error = InputError("bad", hint="h", source=secret)
    assert secret not in error.text() + error.cli_line() + error.html()
