"""The curl renderer itself never writes a credential inline for a host outside the credential's Region."""

from __future__ import annotations

import pytest

from explorer.core.curl import Credentials, render_curl
from explorer.core.errors import RegionScopeError
from explorer.core.profiles import Credential, Profile
from explorer.core.request import AuthKind, RequestSpec

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "au1-only-secret"
AU1 = Credential(Profile.create("au1-prod", ACCOUNT, "au1", api_key_sid=KEY), SECRET)
CALLS = "/2010-04-01/Accounts/{AccountSid}/Calls.json"


def test_inline_secret_for_its_own_region() -> None:
    """For the credential's own Region's host the secret and Account SID are written inline."""
    spec = RequestSpec("GET", CALLS, region="au1", edge="sydney")
    assert render_curl(spec, inline=Credentials.of(AU1)) == (
        f"curl https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Calls.json -u {KEY}:{SECRET}"
    )


@pytest.mark.parametrize(
    ("region", "edge", "product", "host", "where"),
    [
        ("ie1", "dublin", "api", "api.dublin.ie1.twilio.com", "processed in IE1, not AU1"),
        (None, None, "api", "api.twilio.com", "processed in US1, not AU1"),
        (None, "sydney", "api", "api.sydney.us1.twilio.com", "processed in US1, not AU1"),
        ("au1", "dublin", "api", "api.dublin.au1.twilio.com", "not processed in any Region"),
        ("au1", "sydney", "messaging", "messaging.sydney.au1.twilio.com", "not processed in any Region"),
    ],
)
def test_inline_secret_for_another_regions_host_is_refused(
    region: str | None, edge: str | None, product: str, host: str, where: str
) -> None:
    """An AU1 secret is never written into a command for a host processed elsewhere (or nowhere)."""
    spec = RequestSpec("POST", CALLS, product, region, edge, form=(("To", "+1"),), auth=AuthKind.API_KEY)
    with pytest.raises(RegionScopeError) as caught:
        render_curl(spec, inline=Credentials.of(AU1), multiline=True)
    message = caught.value.message
    assert message.startswith(
        f"refused to write the AU1 credential of profile 'au1-prod' into a command for {host!r}"
    )
    assert where in message and message.endswith("nothing secret was printed")
    assert SECRET not in f"{message} {caught.value.hint}"


def test_the_account_sid_alone_is_written_for_any_host() -> None:
    """The Account SID is no secret: filling it in needs no Region."""
    spec = RequestSpec("GET", CALLS, region="ie1", edge="dublin")
    out = render_curl(spec, inline=Credentials(account_sid=ACCOUNT))
    assert f"/Accounts/{ACCOUNT}/Calls.json" in out and '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"' in out


def test_a_password_without_its_profile_cannot_be_built() -> None:
    """Credentials with a password but no profile (so no Region) are a programming error."""
    with pytest.raises(ValueError, match="needs the profile"):
        Credentials(ACCOUNT, KEY, SECRET)
