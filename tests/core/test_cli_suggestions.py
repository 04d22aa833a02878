"""An unknown option gets a did-you-mean naming the options of the command it was given to."""

from __future__ import annotations

import pytest

from explorer.cli.main import main


def test_a_misspelt_option_is_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    """`fqdn --regoin au1`: exit 2, the fqdn usage, and "did you mean --region?"."""
    with pytest.raises(SystemExit) as exit_info:
        main(["fqdn", "--regoin", "au1"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert err.startswith("usage: twilio-explorer fqdn ")
    assert err.rstrip().endswith(
        "twilio-explorer fqdn: error: unrecognized arguments: --regoin au1 (--regoin: did you mean --region?)"
    )


def test_no_suggestion_when_nothing_is_close(capsys: pytest.CaptureFixture[str]) -> None:
    """An option like nothing the command has gets no guess."""
    with pytest.raises(SystemExit):
        main(["fqdn", "--zzzzzz"])
    assert capsys.readouterr().err.rstrip().endswith("unrecognized arguments: --zzzzzz")
