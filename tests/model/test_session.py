"""The session: one credential rule for every target, and clients it owns from first use until it is closed."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest

from explorer.core.credential_choice import credential_for, credential_region
from explorer.core.errors import InputError, RegionScopeError, TransportError
from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.core.request import RequestSpec
from explorer.core.secret import Secret
from explorer.model.reveal import reveal_scope
from explorer.model.session import Session
from explorer.model.target import Target

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEYS = {region: "SK" + f"{n:032x}" for n, region in enumerate(("us1", "ie1", "au1"), start=1)}
SPEC = RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json")


def credential(region: str) -> Credential:
    profile = Profile.create(
        f"p-{region}", ACCOUNT, region, api_key_sid=KEYS[region], source=ProfileSource.SESSION
    )
    return Credential(profile, Secret(f"secret-of-{region}-0000000000000000"))


DEMO = tuple(credential(region) for region in ("us1", "ie1", "au1"))


def answer(request: httpx.Request) -> httpx.Response:
    user = (
        base64.b64decode(request.headers["authorization"].removeprefix("Basic ")).decode().partition(":")[0]
    )
    return httpx.Response(200, content=json.dumps({"user": user}).encode())


def session(*credentials: Credential, demo: bool = False) -> Session:
    return Session(
        "s", "test", ACCOUNT, credentials, demo=demo,
        transport=httpx.MockTransport(answer), sync_transport=httpx.MockTransport(answer),
    )  # fmt: skip


# -- the one rule ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "region"),
    [
        (Target(), "us1"),
        (Target.preset("ie1"), "ie1"),
        (Target.preset("au1"), "au1"),
        (Target("api", "us1", "sydney"), "us1"),  # the edge is ignored: processed in US1, US1's key
        (Target("api", "ie1", None), None),  # retired api.ie1.twilio.com: processed nowhere
        (Target("api", "au1", "dublin"), None),  # a TLS mismatch: processed nowhere
    ],
)
def test_the_credential_is_the_one_of_the_region_the_host_is_processed_in(
    target: Target, region: str | None
) -> None:
    """Each target gets its host's Region's credential, and a host processed nowhere gets none."""
    assert credential_region(target.fqdn) == region
    chosen = session(*DEMO, demo=True).credential_for(target)
    assert (chosen.profile.region if chosen else None) == region
    assert credential_for(DEMO, target.fqdn) is chosen


def test_a_profile_has_no_credential_for_another_regions_host() -> None:
    """An AU1 profile is never offered for the IE1 host; why is said in the scoping rule's words."""
    au1 = session(credential("au1"))
    ie1 = Target.preset("ie1")
    assert au1.credential_for(ie1) is None
    assert au1.credential_for(Target.preset("au1")) is au1.credentials[0]
    error = au1.missing_credential(ie1, f"https://{ie1.fqdn}/x")
    assert isinstance(error, RegionScopeError)
    assert (
        "refused to send the AU1 credential of profile 'p-au1' to 'api.dublin.ie1.twilio.com'"
        in error.message
    )
    with pytest.raises(RegionScopeError, match="refused to write the AU1 credential"):
        reveal_scope(au1, ie1, RequestSpec(SPEC.method, SPEC.path, region="ie1", edge="dublin"))


def test_a_region_without_any_credential_says_so() -> None:
    """A demo session on a Region it has no key for: the session has no credential there."""
    error = session(*DEMO, demo=True).missing_credential(Target("api", "jp1", "tokyo"), "https://x/")
    assert isinstance(error, InputError) and error.message == "the session 's' has no credential for JP1"


# -- the clients ------------------------------------------------------------------------------------------


async def test_the_session_builds_its_client_once_and_closes_it() -> None:
    """Every request shares one client; closing the session closes it and refuses new ones."""
    owner = session(*DEMO)
    client = owner.client()
    assert owner.client() is client
    exchange = await client.send(SPEC, DEMO[0])
    assert exchange.json() == {"user": KEYS["us1"]}
    await owner.aclose()
    with pytest.raises(RuntimeError):  # httpx: the client has been closed
        await client.send(SPEC, DEMO[0])
    with pytest.raises(TransportError, match="has ended"):
        owner.client()


async def test_a_request_in_flight_keeps_the_client_open_past_the_close() -> None:
    """A write under way when the session is replaced still gets its answer; the client closes after it."""
    gate = asyncio.Event()

    async def slow(request: httpx.Request) -> httpx.Response:
        await gate.wait()
        return answer(request)

    owner = Session("s", "test", ACCOUNT, DEMO, transport=httpx.MockTransport(slow))

    async def send() -> int:
        async with owner.in_use() as client:
            return (await client.send(SPEC, DEMO[0])).status_code

    task = asyncio.create_task(send())
    await asyncio.sleep(0)
    client = owner.client()
    await owner.aclose()
    gate.set()
    assert await task == 200
    with pytest.raises(RuntimeError):
        await client.send(SPEC, DEMO[0])


async def test_replaced_sessions_have_their_own_clients() -> None:
    """`replace` (a test's or a loader's) makes a session with clients of its own."""
    from dataclasses import replace

    first = session(*DEMO)
    second = replace(first, name="other")
    assert first.client() is not second.client()
    await first.aclose()
    assert second.client() is second.client()
    await second.aclose()


def test_the_sync_client_is_shared_and_closed_with_the_session() -> None:
    """Thread workers borrow one synchronous client; the session's close ends it once they are done."""
    owner = session(*DEMO)
    with owner.sync_client() as client, owner.sync_client() as again:
        assert client is again
        assert client.send(SPEC, DEMO[0]).status_code == 200
        asyncio.run(owner.aclose())
        assert client.send(SPEC, DEMO[0]).json() == {"user": KEYS["us1"]}  # still lent out
    with pytest.raises(RuntimeError):
        client.send(SPEC, DEMO[0])
    stopped: list[bool] = []
    from dataclasses import replace

    asyncio.run(replace(owner, stop=lambda: stopped.append(True)).aclose())
    assert stopped == [True]
