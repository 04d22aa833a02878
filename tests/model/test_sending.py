"""One send as the history sees it (`model/sending.py`): every request that left is recorded, answered or not."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from explorer.core.client import AsyncExplorerClient
from explorer.core.history_entry import HistoryEntry
from explorer.core.profiles import Credential, Profile
from explorer.core.request import RequestSpec
from explorer.model.outcome import Outcome
from explorer.model.sending import send_recorded
from explorer.model.target import Target

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "Zq8xSecretValue0123456789abcdefX"
CREDENTIAL = Credential(Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY), SECRET)
TARGET = Target.preset("au1")
CALLS = "/2010-04-01/Accounts/{AccountSid}/Calls.json"


async def _send(
    handler: httpx.MockTransport, spec: RequestSpec, recorded: list[HistoryEntry] | None = None
) -> tuple[HistoryEntry | None, Outcome, list[HistoryEntry]]:
    recorded = [] if recorded is None else recorded
    ticks = iter(range(100))
    async with AsyncExplorerClient(transport=handler) as client:
        sent, outcome = await send_recorded(
            client, spec, CREDENTIAL, TARGET, url=spec.url(ACCOUNT), clock=lambda: float(next(ticks)),
            sent_at=datetime(2026, 1, 1, tzinfo=UTC), started=0.0, record=recorded.append,
        )  # fmt: skip
    return sent, outcome, recorded


def _spec(method: str = "GET", path: str = CALLS) -> RequestSpec:
    return RequestSpec(method, path, region="au1", edge="sydney")


async def test_an_answer_is_recorded_with_its_status() -> None:
    """A 201 is recorded once, with its status, and shown with its exchange."""
    sent, outcome, recorded = await _send(
        httpx.MockTransport(lambda r: httpx.Response(201, json={})), _spec("POST")
    )
    assert recorded == [sent] and sent is not None and sent.outcome == "201"
    assert outcome.exchange is not None and outcome.exchange.status_code == 201


async def test_a_connection_reset_is_recorded_without_a_status() -> None:
    """A request that left and got no answer is still recorded (`reset`), and explained."""

    def reset(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    sent, outcome, recorded = await _send(httpx.MockTransport(reset), _spec("POST"))
    assert recorded == [sent] and sent is not None and sent.status is None and sent.outcome == "reset"
    assert outcome.exchange is None and outcome.explanation is not None


async def test_a_request_refused_before_io_is_shown_not_recorded() -> None:
    """A URL httpx cannot send is refused while building: nothing left, nothing recorded."""
    sent, outcome, recorded = await _send(
        httpx.MockTransport(lambda r: httpx.Response(200)), _spec(path="/x" * 40_000)
    )
    assert sent is None and recorded == []
    assert outcome.explanation is not None


async def test_a_cancelled_request_is_recorded_as_cancelled() -> None:
    """Cancelled in flight: recorded as `cancelled` before the cancellation goes on."""

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return httpx.Response(200)

    recorded: list[HistoryEntry] = []
    task = asyncio.create_task(_send(httpx.MockTransport(slow), _spec("POST"), recorded))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [entry.outcome for entry in recorded] == ["cancelled"]
