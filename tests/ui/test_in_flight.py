"""Nothing sent twice, nothing lost: a write in flight blocks another send; history records every request that left.

The "ten presses" case runs against the real simulator over its sockets (a local request cancelled in the app
does not stop the server's work there), and counts the Applications on the server before and after.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot

from explorer.core.history import History, HistoryEntry
from explorer.core.request import RequestSpec
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.sim.server import Simulator, start_simulator
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.history.pane import HistoryPane
from explorer.ui.request.inspector import Inspector
from explorer.ui.request.pane import RequestPane
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.fakes import FakeTwilio, fake_session
from tests.ui.helpers import command, ready
from tests.ui.notices import notices

APPLICATIONS = "/2010-04-01/Accounts/{AccountSid}/Applications.json"
US1_HOST = "api.twilio.com"
LATENCY_MS = 2000
"""Long enough for ten key presses to land while the first POST is still in flight, even on a busy machine."""


def _create(name: str) -> RequestSpec:
    return RequestSpec("POST", APPLICATIONS, form=(("FriendlyName", name),))


@pytest.fixture
def slow_sim() -> Iterator[Simulator]:
    """A simulator of its own, answering every request after LATENCY_MS."""
    with start_simulator(seed="in-flight", records=3, latency_ms=LATENCY_MS) as running:
        yield running


def _sim_session(sim: Simulator) -> Session:
    """A session on the running simulator, through its proxy and CA, as the demo's is."""
    credentials = tuple(creds.credential() for creds in sim.credentials.values())
    return Session(
        name="demo",
        source="local simulator",
        account_sid=sim.account_sid,
        credentials=credentials,
        demo=True,
        proxy=sim.proxy_url,
        ca_pem=str(sim.ca_pem_path),
    )


def _applications_on_server(sim: Simulator) -> int:
    """How many Applications the simulator holds in US1, asked over HTTP as any client would."""
    creds = sim.credentials["us1"]
    url = f"https://{US1_HOST}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
    with httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, timeout=30) as http:
        response = http.get(url, params={"PageSize": 1000}, auth=(creds.api_key_sid, creds.api_key_secret))
    response.raise_for_status()
    return len(response.json()["applications"])


def _notices(app: ExplorerApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in notices(app)]


async def _history_written(pilot: Pilot[int], path: Path, count: int) -> list[HistoryEntry]:
    """The history file's entries once `count` are there (the app appends in thread workers)."""
    entries: tuple[HistoryEntry, ...] = ()
    for _ in range(100):  # polled, never waiting on the workers: a request held in flight would hang it
        await pilot.pause(0.05)
        entries = History(path).entries()
        if len(entries) >= count:
            break
    return list(entries)


@pytest.mark.slow
async def test_ten_presses_on_a_slow_post_create_one_record(slow_sim: Simulator, tmp_path: Path) -> None:
    """s pressed ten times while a POST takes 2 s: one record on the server, one POST in history, nine notices."""
    before = _applications_on_server(slow_sim)
    history_path = tmp_path / "history.jsonl"
    session = _sim_session(slow_sim)
    app = make_app(Options(copy_path=tmp_path / "last-curl.sh", history=lambda: History(history_path)), session_loader=lambda: session, profile_loader=lambda name: session)  # fmt: skip
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        pane = screen.query_one(RequestPane)
        pane.load(_create("Pressed ten times"))
        await pilot.pause()
        for _ in range(10):
            await pilot.press("s")
        # Every press landed while the first POST was still on its way (else the test proves nothing): asked of
        # the app, not of the clock, so a slow machine cannot fail it.
        assert pane.query_one(Inspector).sending and screen.outcome is None
        # Read now: a notice expires after a few seconds, and a busy machine may take that long below.
        refusals = [n for n in _notices(app) if n.startswith("A write is in flight:")]
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Requests cancelled in the app (as before the fix) still finish on the server about now.
        await asyncio.sleep(LATENCY_MS / 1000 / 4)
        created = _applications_on_server(slow_sim) - before
        assert screen.outcome is not None and screen.outcome.exchange is not None
        assert screen.outcome.exchange.status_code == 201
        entries = await _history_written(pilot, history_path, 1)
    assert created == 1
    assert [(e.method, e.status) for e in entries] == [("POST", 201)]
    assert len(refusals) == 9
    assert "wait for its answer, or press x to cancel it" in refusals[0]


@pytest.fixture
def history_path(tmp_path: Path) -> Path:
    return tmp_path / "history.jsonl"


@pytest.fixture
def recording_app(twilio: FakeTwilio, tmp_path: Path, history_path: Path) -> ExplorerApp:
    """The app on the fake Twilio, keeping its history in tmp_path."""
    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh", history=lambda: History(history_path)),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )


async def _wait_for_requests(pilot: Pilot[int], twilio: FakeTwilio, count: int) -> None:
    for _ in range(100):
        await pilot.pause()
        if len(twilio.requests) >= count:
            return
    raise AssertionError(f"only {len(twilio.requests)} of {count} requests left")


async def test_ten_sends_of_a_read_are_ten_history_entries(
    recording_app: ExplorerApp, twilio: FakeTwilio, history_path: Path
) -> None:
    """Ten GETs, each cancelling the one before: the server saw ten, history has ten (nine cancelled, one 200)."""
    twilio.gate = asyncio.Event()
    async with recording_app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        for count in range(1, 11):
            await pilot.press("s")
            await _wait_for_requests(pilot, twilio, count)
        twilio.gate.set()
        entries = await _history_written(pilot, history_path, 10)
    assert len(entries) == len(twilio.requests) == 10
    assert sorted(e.outcome for e in entries) == ["200"] + ["cancelled"] * 9
    assert all(e.method == "GET" and e.host == US1_HOST for e in entries)


@pytest.mark.parametrize(
    ("failure", "word"),
    [
        (httpx.ReadError("[Errno 104] Connection reset by peer"), "reset"),
        (httpx.ReadTimeout("timed out"), "timeout"),
        (httpx.RemoteProtocolError("Server disconnected without sending a response."), "reset"),
    ],
)
async def test_a_request_failed_in_transit_is_in_the_history(
    twilio: FakeTwilio, tmp_path: Path, history_path: Path, failure: Exception, word: str
) -> None:
    """A request that left and broke on the way is recorded with why: reset or timeout, not dropped."""

    async def broken(request: httpx.Request) -> httpx.Response:
        twilio.requests.append(request)
        failure.request = request  # type: ignore[attr-defined]
        raise failure

    def session() -> Session:
        return replace(fake_session(twilio), transport=httpx.MockTransport(broken))

    app = make_app(Options(copy_path=tmp_path / "last-curl.sh", history=lambda: History(history_path)), session_loader=session, profile_loader=lambda name: session())  # fmt: skip
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("s")
        entries = await _history_written(pilot, history_path, 1)
        assert screen.outcome is not None and screen.outcome.exchange is None
    assert len(twilio.requests) == 1
    assert [(e.method, e.status) for e in entries] == [("GET", None)]
    assert entries[0].outcome == word


async def test_a_scope_refusal_never_left_and_is_not_recorded(
    recording_app: ExplorerApp, twilio: FakeTwilio, history_path: Path
) -> None:
    """A request refused before any I/O (an AU1 credential for a US1 host) is explained, not sent, not recorded."""
    async with recording_app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        au1_only = fake_session(twilio)
        only = next(c for c in au1_only.credentials if c.profile.region == "au1")
        screen.session = Session(
            name="sydney", source="session", account_sid=au1_only.account_sid, credentials=(only,),
            transport=au1_only.transport, clock=au1_only.clock,
        )  # fmt: skip
        await pilot.pause()
        await pilot.press("s")
        await recording_app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.outcome is not None and screen.outcome.explanation is not None
    assert twilio.requests == []
    assert History(history_path).entries() == ()


async def _start_held_write(pilot: Pilot[int], twilio: FakeTwilio) -> MainScreen:
    screen = await ready(pilot)
    twilio.gate = asyncio.Event()
    screen.query_one(RequestPane).load(_create("Held"))
    await pilot.press("s")
    await _wait_for_requests(pilot, twilio, 1)
    return screen


async def test_history_send_again_is_refused_while_a_write_is_in_flight(
    recording_app: ExplorerApp, twilio: FakeTwilio
) -> None:
    """Enter on a history entry while a POST is held: nothing is sent, the request shown stays the POST."""
    async with recording_app.run_test(size=(120, 30)) as pilot:
        screen = await _start_held_write(pilot, twilio)
        pane = screen.query_one(RequestPane)
        shown_before = pane.inspector.request
        screen.post_message(
            HistoryPane.SendAgain(
                HistoryPane(),
                HistoryEntry.from_outcome(
                    _create("Again"), screen.session.credentials[0].profile,  # type: ignore[union-attr]
                    host=US1_HOST, status=201, duration=0.1,
                ),
            )
        )  # fmt: skip
        await pilot.pause()
        assert len(twilio.requests) == 1
        assert pane.inspector.request == shown_before
        assert any(n.startswith("A write is in flight:") for n in _notices(recording_app))
        assert twilio.gate is not None
        twilio.gate.set()
        await recording_app.workers.wait_for_complete()


async def test_x_cancels_a_write_and_history_records_it_as_cancelled(
    recording_app: ExplorerApp, twilio: FakeTwilio, history_path: Path
) -> None:
    """x while a POST is held: it is cancelled here, the notice warns the server may have done it, history says so."""
    async with recording_app.run_test(size=(120, 30)) as pilot:
        await _start_held_write(pilot, twilio)
        await pilot.press("x")
        entries = await _history_written(pilot, history_path, 1)
        assert [e.method for e in entries] == ["POST"]
        assert any(n.startswith("Write cancelled here:") for n in _notices(recording_app))
        await pilot.press("s")  # once cancelled, the user may send again on purpose
        await _wait_for_requests(pilot, twilio, 2)
        assert twilio.gate is not None
        twilio.gate.set()
        entries = await _history_written(pilot, history_path, 2)
    assert [e.method for e in entries] == ["POST", "POST"]
    assert [e.outcome for e in entries] == ["cancelled", "200"]


async def test_a_region_switch_lets_a_write_finish_into_the_history(
    recording_app: ExplorerApp, twilio: FakeTwilio, history_path: Path
) -> None:
    """`:region ie1` while a US1 POST is held: it is not cancelled; its answer is recorded, not shown under IE1."""
    async with recording_app.run_test(size=(120, 30)) as pilot:
        screen = await _start_held_write(pilot, twilio)
        workers = [w for w in recording_app.workers if w.group == "request"]
        await command(pilot, "region ie1")
        assert workers and not any(w.is_cancelled for w in workers)
        assert twilio.gate is not None
        twilio.gate.set()
        entries = await _history_written(pilot, history_path, 1)
        assert screen.outcome is None
        assert any(n.startswith("Earlier write finished:") for n in _notices(recording_app))
    assert [(e.method, e.host, e.status) for e in entries] == [("POST", US1_HOST, 200)]
