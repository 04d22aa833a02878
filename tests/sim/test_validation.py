"""Creates and updates are checked against the description and refused with Twilio's error body and code."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.sim.inprocess import InProcess

CALL = {"To": "+12015550123", "From": "+12015550199", "Url": "https://example.com/voice"}


@pytest.fixture
async def sim() -> AsyncIterator[InProcess]:
    """A fresh simulator app of its own (writes change it)."""
    running = InProcess()
    yield running
    await running.close()


async def _error(sim: InProcess, region: str, url: str, data: dict[str, str]) -> tuple[int, int, str]:
    response = await sim.post(region, url, data)
    body = response.json()
    assert set(body) == {"code", "message", "more_info", "status"}
    assert body["more_info"] == f"https://www.twilio.com/docs/errors/{body['code']}"
    assert "simulat" not in body["message"].lower()
    return response.status_code, body["code"], body["message"]


async def test_a_call_without_to_or_from_is_refused_with_twilios_codes(sim: InProcess) -> None:
    """Creating a Call without To answers 400/21201, without From 400/21213 (not 405)."""
    url = sim.api("us1", "Calls.json")
    assert (await _error(sim, "us1", url, {"From": CALL["From"], "Url": CALL["Url"]}))[:2] == (400, 21201)
    assert (await _error(sim, "us1", url, {"To": CALL["To"], "Url": CALL["Url"]}))[:2] == (400, 21213)
    assert (await _error(sim, "us1", url, {"To": CALL["To"], "From": CALL["From"]}))[:2] == (400, 21200)


async def test_a_message_without_to_or_sender_is_refused_with_twilios_codes(sim: InProcess) -> None:
    """Creating a Message without To answers 400/21604; without From or MessagingServiceSid 400/21603."""
    url = sim.api("us1", "Messages.json")
    assert (await _error(sim, "us1", url, {"From": CALL["From"], "Body": "hi"}))[:2] == (400, 21604)
    assert (await _error(sim, "us1", url, {"To": CALL["To"], "Body": "hi"}))[:2] == (400, 21603)


async def test_a_created_call_is_queued_and_holds_what_was_sent(sim: InProcess) -> None:
    """A created Call is `queued`, outbound-api, with the numbers sent and no times, duration or price yet."""
    response = await sim.post("au1", sim.api("au1", "Calls.json"), CALL)
    assert response.status_code == 201
    call = response.json()
    assert (call["status"], call["direction"], call["to"], call["from"]) == (
        "queued",
        "outbound-api",
        CALL["To"],
        CALL["From"],
    )
    assert (call["start_time"], call["end_time"], call["duration"], call["price"]) == (None,) * 4
    fetched = await sim.get("au1", sim.api("au1", f"Calls/{call['sid']}.json"))
    assert fetched.status_code == 200 and fetched.json()["status"] == "queued"
    assert (await sim.get("us1", sim.api("us1", f"Calls/{call['sid']}.json"))).status_code == 404


async def test_an_application_friendly_name_longer_than_its_prose_limit_is_refused(sim: InProcess) -> None:
    """FriendlyName "can be up to 64 characters long": 65 answers 400/20002 on create and update; 64 works."""
    url = sim.api("ie1", "Applications.json")
    status, code, message = await _error(sim, "ie1", url, {"FriendlyName": "x" * 65})
    assert (status, code) == (400, 20002) and "64" in message
    created = await sim.post("ie1", url, {"FriendlyName": "x" * 64})
    assert created.status_code == 201
    instance = sim.api("ie1", f"Applications/{created.json()['sid']}.json")
    assert (await _error(sim, "ie1", instance, {"FriendlyName": "y" * 100_000}))[:2] == (400, 20002)


async def test_enums_and_types_are_checked_with_the_generic_code(sim: InProcess) -> None:
    """A method outside GET/POST and a non-integer Timeout answer 400 with code 400, naming the parameter."""
    url = sim.api("us1", "Calls.json")
    status, code, message = await _error(sim, "us1", url, {**CALL, "Method": "PUT"})
    assert (status, code) == (400, 400) and "Method" in message
    status, code, message = await _error(sim, "us1", url, {**CALL, "Timeout": "soon"})
    assert (status, code) == (400, 400) and "Timeout" in message


async def test_a_created_record_holds_what_was_sent_and_null_for_the_rest(sim: InProcess) -> None:
    """A new Application shows the sent name, null for URLs not sent; a new Key without a name has null."""
    app = (await sim.post("us1", sim.api("us1", "Applications.json"), {"FriendlyName": "IVR"})).json()
    assert (app["friendly_name"], app["voice_url"], app["sms_url"]) == ("IVR", None, None)
    assert (app["voice_caller_id_lookup"], app["api_version"]) == (False, "2010-04-01")
    url = sim.url("us1", "conversations", "/v1/Conversations")
    conversation = (await sim.post("us1", url, {"FriendlyName": "desk"})).json()
    assert conversation["state"] == "active"  # "defaults to `active`"
    assert conversation["date_created"] is not None and conversation["unique_name"] is None
    key = (await sim.post("us1", sim.api("us1", "Keys.json"), {})).json()
    assert key["friendly_name"] is None


async def test_verify_refuses_with_its_documented_code_and_keeps_what_it_creates(sim: InProcess) -> None:
    """A Verification without Channel answers 400/60200; a valid one is created pending and can be fetched."""
    service = (await sim.get("us1", sim.url("us1", "verify", "/v2/Services"))).json()["services"][0]["sid"]
    url = sim.url("us1", "verify", f"/v2/Services/{service}/Verifications")
    status, code, message = await _error(sim, "us1", url, {"To": "+12015550123"})
    assert (status, code, message) == (400, 60200, "Invalid parameter: Channel")
    created = await sim.post("us1", url, {"To": "+12015550123", "Channel": "sms"})
    assert created.status_code == 201
    verification = created.json()
    assert (verification["status"], verification["to"], verification["channel"]) == (
        "pending",
        "+12015550123",
        "sms",
    )
    fetched = await sim.get("us1", f"{url}/{verification['sid']}")
    assert fetched.status_code == 200 and fetched.json()["sid"] == verification["sid"]


async def test_a_v1_resource_is_created_updated_and_deleted_in_its_region(sim: InProcess) -> None:
    """A Conversation created in IE1 is listed there only, takes an update, and is gone after DELETE."""
    url = sim.url("ie1", "conversations", "/v1/Conversations")
    created = await sim.post("ie1", url, {"FriendlyName": "Dublin desk"})
    assert created.status_code == 201
    sid = created.json()["sid"]
    listed = (await sim.get("ie1", url)).json()["conversations"]
    assert listed[0]["sid"] == sid and listed[0]["friendly_name"] == "Dublin desk"
    other = (await sim.get("us1", sim.url("us1", "conversations", "/v1/Conversations"))).json()
    assert sid not in [c["sid"] for c in other["conversations"]]
    updated = await sim.post("ie1", f"{url}/{sid}", {"State": "closed"})
    assert updated.status_code == 200 and updated.json()["state"] == "closed"
    assert (await sim.post("ie1", f"{url}/{sid}", {"State": "melted"})).status_code == 400
    assert (await sim.http.delete(f"{url}/{sid}", auth=sim.auth("ie1"))).status_code == 204
    assert (await sim.get("ie1", f"{url}/{sid}")).status_code == 404
