"""What the resource browser looks like, at 120x40 and 80x24. Deterministic: the simulator in process with a
fixed seed, fixed record dates, a ticking clock, and nothing timed on screen."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from explorer.model.target import Target
from tests.ui.browser_host import BrowserHost, settle, sim_session


def _host(region: str) -> BrowserHost:
    return BrowserHost(sim_session(records=120, seed="snapshots"), Target.preset(region))


async def _open_calls(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    pilot.app.query_one("BrowserPane").open_resource("api:calls")  # type: ignore[attr-defined]
    await settle(pilot)


def test_browser_calls_list_au1(snap_compare: Any, size: tuple[int, int]) -> None:
    """api:calls in AU1: the tree with its availability marks, the default columns, the paging status."""
    assert snap_compare(_host("au1"), terminal_size=size, run_before=_open_calls)


def test_browser_record_with_links(snap_compare: Any, size: tuple[int, int]) -> None:
    """Enter on a call shows the breadcrumb, its links (recordings among them) and the highlighted JSON."""

    async def run(pilot: Pilot[Any]) -> None:
        await _open_calls(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(_host("au1"), terminal_size=size, run_before=run)


def test_browser_drill_down_recordings(snap_compare: Any, size: tuple[int, int]) -> None:
    """A call's recordings, opened from its links: api:calls › CA… › recordings."""

    async def run(pilot: Pilot[Any]) -> None:
        await _open_calls(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(_host("au1"), terminal_size=size, run_before=run)


def test_browser_not_offered_in_au1(snap_compare: Any, size: tuple[int, int]) -> None:
    """api:messages in AU1 is marked not offered; opened anyway, the 20404 Twilio answers is explained."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.query_one("BrowserPane").open_resource("api:messages")  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(_host("au1"), terminal_size=size, run_before=run)


def test_browser_filtered_rows(snap_compare: Any, size: tuple[int, int]) -> None:
    """`/busy` keeps only the busy calls, with the filter row open."""

    async def run(pilot: Pilot[Any]) -> None:
        await _open_calls(pilot)
        await pilot.press("slash", *"busy")
        # A still cursor: the filter re-runs in slices, and a settle that outlasts the blink's half second
        # caught the cursor hidden in some runs and shown in others.
        pilot.app.query_one("#table-filter", Input).cursor_blink = False
        await settle(pilot)

    assert snap_compare(_host("au1"), terminal_size=size, run_before=run)
