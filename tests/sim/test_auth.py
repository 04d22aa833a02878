"""Demo credentials per Region, and Twilio's 401/20003 for a credential of another Region."""

from __future__ import annotations

import re

import pytest

from explorer.sim.auth import DEMO_MARK, demo_credentials
from tests.sim.sim_client import SimClient

REGIONS = ("us1", "ie1", "au1")


def test_demo_credentials_are_valid_in_format_and_obviously_fake() -> None:
    """SIDs are AC/SK + 32 hex, tokens and secrets 32 hex, and every value starts with eight zeros."""
    for creds in demo_credentials("demo", REGIONS).values():
        assert re.fullmatch(r"AC[0-9a-f]{32}", creds.account_sid)
        assert re.fullmatch(r"SK[0-9a-f]{32}", creds.api_key_sid)
        assert re.fullmatch(r"[0-9a-f]{32}", creds.api_key_secret)
        assert re.fullmatch(r"[0-9a-f]{32}", creds.auth_token)
        for value in (creds.account_sid[2:], creds.api_key_sid[2:], creds.api_key_secret, creds.auth_token):
            assert value.startswith(DEMO_MARK)


def test_a_regions_demo_credential_is_a_session_profile_of_that_region() -> None:
    """AU1's demo credential is session profile demo-au1 with AU1's key; the Auth Token one has no key SID."""
    demo = demo_credentials("demo", REGIONS)["au1"]
    key = demo.credential()
    assert (key.profile.name, key.profile.region, key.profile.source) == ("demo-au1", "au1", "session")
    assert (key.username, key.secret.reveal()) == (demo.api_key_sid, demo.api_key_secret)
    token = demo.credential(auth_token=True)
    assert (token.profile.api_key_sid, token.username, token.secret.reveal()) == (
        None,
        demo.account_sid,
        demo.auth_token,
    )


def test_credentials_are_deterministic_per_seed_and_distinct_per_region() -> None:
    """The same seed gives the same credentials; each Region has its own token and key; one Account SID."""
    first, again, other = (demo_credentials(s, REGIONS) for s in ("demo", "demo", "other"))
    assert first == again
    assert first["au1"].auth_token != other["au1"].auth_token
    assert len({c.account_sid for c in first.values()}) == 1
    assert len({c.auth_token for c in first.values()}) == 3
    assert len({c.api_key_sid for c in first.values()}) == 3


def test_secrets_never_appear_in_a_repr() -> None:
    """Printing credentials shows the SIDs but not the secret or the token."""
    creds = demo_credentials("demo", REGIONS)["au1"]
    text = repr(creds)
    assert creds.api_key_sid in text
    assert creds.api_key_secret not in text
    assert creds.auth_token not in text


@pytest.mark.parametrize(("owner", "target"), [("us1", "au1"), ("au1", "ie1"), ("ie1", "us1")])
def test_another_regions_key_gets_401_with_code_20003(client: SimClient, owner: str, target: str) -> None:
    """A key of one Region used on another Region's host is refused with Twilio's 20003 body."""
    response = client.get(client.api_url(target, "Applications.json"), owner)
    assert response.status_code == 401
    assert response.json() == {
        "code": 20003,
        "message": "Authenticate",
        "more_info": "https://www.twilio.com/docs/errors/20003",
        "status": 401,
    }


def test_each_regions_auth_token_works_only_there(client: SimClient) -> None:
    """Account SID + AU1 Auth Token lists AU1 applications and is refused in IE1."""
    token = client.sim.credentials["au1"].auth_token
    auth = (client.sim.account_sid, token)
    ok = client.http.get(client.api_url("au1", "Applications.json"), auth=auth)
    refused = client.http.get(client.api_url("ie1", "Applications.json"), auth=auth)
    assert ok.status_code == 200
    assert refused.status_code == 401
    assert refused.json()["code"] == 20003


def test_missing_or_wrong_credentials_get_401(client: SimClient) -> None:
    """No Authorization header, or a wrong secret, gets 401/20003 and a Basic challenge."""
    url = client.api_url("us1", "Applications.json")
    anonymous = client.http.get(url)
    wrong = client.http.get(url, auth=(client.auth("us1")[0], "0" * 32))
    assert anonymous.status_code == wrong.status_code == 401
    assert wrong.json()["code"] == 20003
    assert anonymous.headers["www-authenticate"].startswith("Basic")
