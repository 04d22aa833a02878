"""Command-line messages that quote what was given: one line, control characters shown, never obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli.main import main

HOSTILE_NAME = "a\nb\x1b]0;pwned\x07c\x9b2J"


def _no_control(text: str) -> bool:
    return all(char.isprintable() for char in text.rstrip("\n"))


def test_a_profile_name_in_an_error_and_its_hint_stays_on_one_visible_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`curl --profile NAME` for a missing NAME holding a newline and ESC: one stderr line, `\\x1b` shown."""
    monkeypatch.setenv("TWILIO_EXPLORER_CONFIG_DIR", str(tmp_path))
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["curl", "GET", "/2010-04-01/Accounts.json", "--profile", HOSTILE_NAME]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and _no_control(err)
    assert "a\\nb\\x1b]0;pwned\\x07c\\x9b2J" in err  # the hint quotes it as given, made visible


def test_argparse_errors_show_the_arguments_they_quote(capsys: pytest.CaptureFixture[str]) -> None:
    """An unexpected argument holding a title change is quoted with `\\x1b`, on one line."""
    with pytest.raises(SystemExit) as exit_info:
        main(["fqdn", "--region", "au1", "\x1b]0;pwned\x07\nnext"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert _no_control(err.replace("\n", ""))
    assert "\\x1b]0;pwned\\x07\\nnext" in err


def test_curl_prints_control_characters_quoted(capsys: pytest.CaptureFixture[str]) -> None:
    """`curl --data` with ESC, BEL and a C1 CSI prints `$'...'` words and escaped snippets: nothing raw."""
    code = main(
        ["curl", "POST", "/2010-04-01/Accounts/{AccountSid}/Messages.json", "--region", "au1", "--edge", "sydney",
         "--data", "Body=\x1b]0;pwned\x07\x9b", "--data", "To=+61 400\t000", "--snippets"]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert _no_control(out.replace("\n", ""))  # lines of the snippets apart, nothing but printable text
    assert "--data-urlencode $'Body=\\x1b]0;pwned\\x07\\xc2\\x9b'" in out
    assert '"Body": "\\u001b]0;pwned\\u0007\\u009b"' in out  # the twilio-node snippet
    assert "--data-urlencode $'To=+61 400\\t000'" in out
