"""A 20003 or a 20404 is explained with the same cause in the inspector and in `profiles verify`."""

from __future__ import annotations

from explorer.core.exchange import Exchange, Timings
from explorer.core.profiles import Profile
from explorer.core.verify import explain_failure
from explorer.model.explain import explain_exchange
from explorer.model.target import Target

ACCOUNT = "AC" + "0" * 32
KEY = "SK" + "1" * 32
HOST = "api.sydney.au1.twilio.com"


def _answer(status: int, code: int, message: str) -> Exchange:
    body = f'{{"code": {code}, "message": "{message}", "status": {status}}}'.encode()
    return Exchange(
        "GET", f"https://{HOST}/2010-04-01/Accounts/{ACCOUNT}.json", (), b"", status, (), body, Timings(0.1)
    )


def test_a_20003_in_au1_names_a_credential_from_another_region_in_both_places() -> None:
    """Inspector and verify both say the credential was not issued in AU1, and list the other causes."""
    explained = explain_exchange(_answer(401, 20003, "Authenticate"), Target("api", "au1", "sydney"))
    assert explained is not None
    assert explained.cause.startswith(
        "this credential was not issued in AU1. Credentials are per Region: a key or Auth Token from US1 "
        "(the Console's default view) is refused by AU1 hosts; other causes: a wrong or revoked secret"
    )
    profile = Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY)
    verified = explain_failure(profile, 401, 20003, "Authenticate")
    assert verified.startswith(
        f"Likely cause: this API key {KEY} was not issued in AU1. Credentials are per Region"
    )
    assert "Other causes: a wrong or revoked secret, a deleted key, a suspended account." in verified


def test_a_20404_names_a_wrong_sid_or_another_regions_record_in_both_places() -> None:
    """Inspector and verify both blame a wrong SID or a record made in another Region for a 20404."""
    cause = "a wrong SID (an API key reads only the account that owns it), or a record made in another Region"
    explained = explain_exchange(_answer(404, 20404, "Not found"), Target("api", "au1", "sydney"))
    assert explained is not None
    assert explained.cause.startswith(f"the resource was not found on {HOST}: {cause}")
    profile = Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY)
    assert explain_failure(profile, 404, 20404, "Not found").startswith(
        f"Account {ACCOUNT} was not found on {HOST}: {cause}"
    )
