"""`curl --inline-secrets` with exported TWILIO_* variables: scoped to their Region, and loudly warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli.main import main
from explorer.core.env_profile import ENV_VARIABLES

ACCOUNT = "AC" + "a" * 32
KEY = "SK" + "b" * 32
SECRET = "au1-key-secret-value"
TOKEN = "au1-auth-token-value"
CALLS = ["GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json"]
WARNING = "twilio-explorer: warning: the command below shows the"


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """An API key exported as the helper libraries read it; no TWILIO_REGION yet."""
    for name in ENV_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT)
    monkeypatch.setenv("TWILIO_API_KEY", KEY)
    monkeypatch.setenv("TWILIO_API_SECRET", SECRET)
    monkeypatch.setenv("TWILIO_EXPLORER_CONFIG_DIR", str(tmp_path))
    return monkeypatch


def test_an_au1_key_is_not_printed_for_the_ie1_host(
    exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """TWILIO_REGION=au1 and `--region ie1 --edge dublin`: exit 2, one line naming both Regions and a fix."""
    exported.setenv("TWILIO_REGION", "au1")
    assert main(["curl", "--inline-secrets", "--region", "ie1", "--edge", "dublin", *CALLS]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert SECRET not in captured.err
    (line,) = captured.err.splitlines()
    assert line.startswith(
        "twilio-explorer: error: refused to write the AU1 credential of profile 'env' into a command for "
        "'api.dublin.ie1.twilio.com': the host is processed in IE1, not AU1; nothing secret was printed. Fix: "
    )
    assert "drop --inline-secrets" in line and "TWILIO_REGION" in line


def test_an_unset_region_means_us1(exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without TWILIO_REGION the exported key is US1's, as the libraries use it: refused for the AU1 host."""
    assert main(["curl", "--inline-secrets", "--region", "au1", "--edge", "sydney", *CALLS]) == 2
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    assert "the US1 credential of profile 'env'" in captured.err
    assert "processed in AU1, not US1" in captured.err


def test_the_exported_region_is_the_default_host(
    exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no --region the host is the exported Region's, as for a profile, and the secret is written."""
    exported.setenv("TWILIO_REGION", "au1")
    assert main(["curl", "--inline-secrets", *CALLS]) == 0
    out = capsys.readouterr().out.strip()
    assert out == (
        f"curl https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Calls.json -u {KEY}:{SECRET}"
    )


def test_every_inline_secret_comes_with_a_warning_on_stderr(
    exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each run that prints a secret warns on stderr, in one line; a docs-safe run does not."""
    for _ in range(2):
        assert main(["curl", "--inline-secrets", *CALLS]) == 0
        captured = capsys.readouterr()
        assert SECRET in captured.out
        (line,) = captured.err.splitlines()
        assert line.startswith(f"{WARNING} US1 API key secret of {KEY} inline")
        assert SECRET not in captured.err
    assert main(["curl", *CALLS]) == 0
    captured = capsys.readouterr()
    assert SECRET not in captured.out and captured.err == ""


def test_auth_token_is_scoped_too(exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`--auth auth-token` inlines TWILIO_AUTH_TOKEN for its Region's host only, even with a key exported."""
    exported.setenv("TWILIO_REGION", "au1")
    exported.setenv("TWILIO_AUTH_TOKEN", TOKEN)
    assert main(["curl", "--inline-secrets", "--auth", "auth-token", *CALLS]) == 0
    captured = capsys.readouterr()
    assert f"-u {ACCOUNT}:{TOKEN}" in captured.out and SECRET not in captured.out
    assert captured.err.startswith(f"{WARNING} AU1 Auth Token of {ACCOUNT} inline")
    assert main(["curl", "--inline-secrets", "--auth", "auth-token", "--region", "ie1", *CALLS]) == 2
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err


def test_a_secret_given_as_the_profile_is_not_echoed(
    exported: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--profile <a secret>` fails with exit 2 without repeating the value, in the message or in the fix."""
    pasted = "0123456789abcdef0123456789abcdef"
    assert main(["curl", *CALLS, "--profile", pasted]) == 2
    err = capsys.readouterr().err
    assert pasted not in err
    assert "looks like a secret" in err


@pytest.mark.parametrize(
    "args",
    [
        ["curl", *CALLS, "--query", "0123456789abcdef0123456789abcdef"],
        ["curl", *CALLS, "--auth", "Zq8xSecretValue0123456789abcdefX"],
    ],
)
def test_usage_errors_do_not_echo_a_secret(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own errors (`invalid choice: '…'`) hide a secret-like value and still exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert args[-1] not in err
    assert "<hidden: 32 characters>" in err
