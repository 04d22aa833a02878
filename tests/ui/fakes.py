"""A tiny in-process stand-in for Twilio's regional API (an httpx MockTransport), and sessions built on it.

Deterministic: fixed SIDs, fixed records, a clock that ticks 7 ms per reading. It needs no network, so Pilot
and snapshot tests never depend on the simulator's start-up or on timings.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable

import httpx

from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.model.session import Session

ACCOUNT_SID = "AC" + "0" * 24 + "feedc0de"
SECRETS = {region: f"00000000secret{region}0000000000000" for region in ("us1", "ie1", "au1")}
KEYS = {region: "SK" + "0" * 28 + f"{i:04d}" for i, region in enumerate(("us1", "ie1", "au1"), start=1)}
HOSTS = {"api.twilio.com": "us1", "api.us1.twilio.com": "us1", "api.dublin.ie1.twilio.com": "ie1",
         "api.sydney.au1.twilio.com": "au1"}  # fmt: skip


class FakeTwilio:
    """Answers like Twilio's regional REST API for the Applications list; can hold requests at a gate."""

    def __init__(self) -> None:
        self.gate: asyncio.Event | None = None
        """When set, requests wait for this event before answering."""
        self.requests: list[httpx.Request] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.gate is not None:
            await self.gate.wait()
        host = request.url.host
        region = HOSTS.get(host)
        if region is None:
            raise httpx.ConnectError(f"[Errno -2] Name or service not known: {host}", request=request)
        auth = request.headers.get("authorization", "")
        user, _, secret = base64.b64decode(auth.removeprefix("Basic ")).decode().partition(":")
        if (user, secret) != (KEYS[region], SECRETS[region]):
            body = {"code": 20003, "message": "Authenticate", "status": 401}
            return httpx.Response(401, json=body, headers={"Twilio-Request-Id": "RQ" + "0" * 32})
        if not request.url.path.endswith("/Applications.json"):
            body = {"code": 20404, "message": "The requested resource was not found", "status": 404}
            return httpx.Response(404, json=body, headers={"Twilio-Request-Id": "RQ" + "1" * 32})
        apps = [
            {"sid": "AP" + f"{region}{i}".rjust(32, "0"), "friendly_name": f"{region.upper()} demo app {i}"}
            for i in range(1, 3)
        ]
        body = {"applications": apps, "page": 0, "page_size": 50, "next_page_uri": None}
        return httpx.Response(200, content=json.dumps(body).encode(), headers={
            "Content-Type": "application/json", "Twilio-Request-Id": "RQ" + "2" * 32,
        })  # fmt: skip


def ticking_clock(step: float = 0.007) -> Callable[[], float]:
    """A clock that advances `step` seconds per reading, so timings are the same on every run."""
    now = [0.0]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


def fake_session(twilio: FakeTwilio, name: str = "demo", stop: Callable[[], None] | None = None) -> Session:
    """A demo-like session with a credential per Region, sending to `twilio`."""
    credentials = tuple(
        Credential(
            Profile.create(
                f"demo-{region}", ACCOUNT_SID, region, api_key_sid=KEYS[region], source=ProfileSource.SESSION
            ),
            SECRETS[region],
        )
        for region in ("us1", "ie1", "au1")
    )
    return Session(
        name=name,
        source="local simulator",
        account_sid=ACCOUNT_SID,
        credentials=credentials,
        demo=True,
        env_for=lambda region: {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_API_KEY": KEYS.get(region, "")},
        transport=httpx.MockTransport(twilio),
        clock=ticking_clock(),
        stop=stop,
    )
