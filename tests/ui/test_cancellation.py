"""Switching Region, edge or profile cancels the request in flight; a stale response is never shown."""

from __future__ import annotations

import asyncio

from explorer.ui.app import ExplorerApp
from explorer.ui.request.pane import RequestPane
from tests.ui.fakes import FakeTwilio
from tests.ui.helpers import command, ready, shown


async def _start_held_request(pilot, twilio: FakeTwilio) -> None:  # type: ignore[no-untyped-def]
    twilio.gate = asyncio.Event()
    await pilot.press("s")
    for _ in range(50):
        await pilot.pause()
        if twilio.requests:
            return
    raise AssertionError("the request never left")


async def test_region_switch_cancels_and_never_shows_stale(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """A US1 request held in flight, then `:region au1`: the US1 answer never appears under AU1."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await _start_held_request(pilot, twilio)
        assert "Sending" in shown(app, "#response-text")
        workers = [w for w in app.workers if w.group == "request"]
        await command(pilot, "region au1")
        assert all(w.is_cancelled for w in workers)
        assert twilio.gate is not None
        twilio.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "US1 demo app" not in text
        assert "Nothing sent yet" in text
        assert screen.outcome is None


async def test_edge_switch_drops_response_even_if_not_cancelled(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """If a response arrives after `:edge roaming` anyway, it is dropped: the outcome stays empty."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await _start_held_request(pilot, twilio)
        # Simulate a late response that escaped cancellation: the request view's target changes without
        # its watcher (which would cancel) running.
        pane = screen.query_one(RequestPane)
        pane.set_reactive(RequestPane.target, pane.target.with_region("ie1"))
        assert twilio.gate is not None
        twilio.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.outcome is None
        assert "US1 demo app" not in shown(app, "#response-text")


async def test_profile_switch_cancels_in_flight(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """`:profile other` while a request is held cancels it; the header then names the new profile."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await _start_held_request(pilot, twilio)
        workers = [w for w in app.workers if w.group == "request"]
        await command(pilot, "profile other")
        for _ in range(50):
            await pilot.pause()
            if screen.session is not None and screen.session.name == "other":
                break
        assert all(w.is_cancelled for w in workers)
        assert twilio.gate is not None
        twilio.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.outcome is None
        assert "profile other" in str(screen.query_one("#header").render())
