"""The command line asks the same credential rule as the app: the credential of the host's processing Region."""

from __future__ import annotations

import pytest

from explorer.cli.main import main


@pytest.mark.parametrize(
    ("where", "variables"),
    [
        (["--region", "au1", "--edge", "sydney"], '-u "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1"'),
        (["--region", "us1", "--edge", "sydney"], '-u "$TWILIO_API_KEY_US1:$TWILIO_API_SECRET_US1"'),
        (["--region", "ie1"], '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'),
        (["--region", "au1", "--edge", "dublin"], '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'),
    ],
    ids=["au1", "edge-ignored-us1", "retired-ie1", "tls-mismatch"],
)
def test_region_vars_name_the_credential_of_the_processing_region(
    where: list[str], variables: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--region-vars names the key of the Region that processes the host, and no Region's for a host processed nowhere."""
    assert main(["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", *where, "--region-vars"]) == 0
    assert variables in capsys.readouterr().out
