"""Measure the resource browser's largest frame gap with 10,000 records (the issue's budget: 100 ms).

    .venv/bin/python benchmarks/browser_scroll.py [--records N] [--budget MS] [--host app|pane] [--runs N]

What runs: the simulator (`start_simulator(records=N)`, in this process on its own thread, as the app's demo
mode runs it, so its request handling competes for the GIL like it does there) and, headless under Pilot
at 120x40, either the real app (`--host app`, the default: `make_app` with the simulator's session, the
main screen, header, footer, history recorded to a temporary file; the list opened with `:api:calls` as a
user types it) or the browser pane alone in a bare host (`--host pane`). Requests go through the
simulator's TLS proxy like every request of the app does.

What is timed, in three phases: "load all" (`a`) while N records arrive page by page until every row is
in the table; scrolling the whole table (40 PageDown, End, 40 PageUp, Home); and filtering with `/busy`
then four Backspaces, each waiting until the table has re-filtered.

What "gap" means: the longest time the event loop could not run. A probe task asks to wake every 2 ms and
records how late it woke; no frame can be drawn during that time, so it bounds the frame gap from below
and equals it when a frame was due. Headless, frames are composed and rendered to strings as on a terminal
but not written to one, so the terminal's own drawing is not counted. Also printed: the longest full
(generation 2) garbage collection in each phase, the usual cause of a long gap.

Exits 1 when any phase's largest gap is over budget in any run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.pilot import Pilot

from explorer.core.history import History
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.sim.server import Simulator, start_simulator
from explorer.ui.app import make_app
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.memory import freeze_long_lived
from explorer.ui.shell.main_screen import MainScreen

BUDGET_MS = 100.0
_PROBE = 0.002


class _Probe:
    """Records the largest lateness of a task that asks to wake every 2 ms, and the longest full collection."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_gc = 0.0
        self._task: asyncio.Task[None] | None = None
        self._gc_started = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.worst_gc = max(self.worst_gc, time.perf_counter() - self._gc_started)

    def start(self) -> None:
        self.worst = self.worst_gc = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(_PROBE)
            self.worst = max(self.worst, time.perf_counter() - before - _PROBE)

    def stop(self) -> tuple[float, float]:
        """Stop; return the largest gap and the longest full collection, in milliseconds."""
        if self._task is not None:
            self._task.cancel()
        return self.worst * 1000, self.worst_gc * 1000


def _session(sim: Simulator) -> Session:
    # The demo credentials as the app makes them (`RegionCredentials.credential`, the one place).
    credentials = tuple(c.credential() for c in sim.credentials.values())
    return Session("demo", "local simulator", sim.account_sid, credentials, demo=True, proxy=sim.proxy_url,
                   ca_pem=str(sim.ca_pem_path))  # fmt: skip


class _PaneHost(App[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session

    def compose(self) -> ComposeResult:
        yield BrowserPane(id="browser")

    def on_mount(self) -> None:
        self.query_one(BrowserPane).session = self._session

    def on_resource_table_page_settled(self) -> None:
        freeze_long_lived()  # the app's garbage-collection policy (`ExplorerApp`), so the pane is timed under it


async def _open_in_pane(pilot: Pilot[Any]) -> ResourceTable:
    pane = pilot.app.query_one(BrowserPane)
    while pane.catalog is None:
        await pilot.pause(0.01)
    pane.open_resource("api:calls")
    return pilot.app.query_one(ResourceTable)


async def _open_in_app(pilot: Pilot[Any]) -> ResourceTable:
    app = pilot.app
    while not (isinstance(app.screen, MainScreen) and app.screen.session is not None):
        await pilot.pause(0.01)
    await pilot.press("colon", *"api:calls", "enter")
    while not app.screen.query(ResourceTable):
        await pilot.pause(0.01)
    return app.screen.query_one(ResourceTable)


async def _run(
    app: App[Any], open_list: Callable[[Pilot[Any]], Any], records: int
) -> dict[str, tuple[float, float]]:
    probe = _Probe()
    gaps: dict[str, tuple[float, float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        table: ResourceTable = await open_list(pilot)
        while table.shown == 0:
            await pilot.pause(0.01)

        probe.start()
        started = time.perf_counter()
        await pilot.press("a")
        while not (len(table.records) >= records and table.settled):
            await pilot.pause(0.01)
        gaps["load all (pages arriving)"] = probe.stop()
        print(f"  loaded {len(table.records):,} records in {time.perf_counter() - started:.1f} s")

        probe.start()
        for _ in range(40):
            await pilot.press("pagedown")
        await pilot.press("ctrl+end")
        for _ in range(40):
            await pilot.press("pageup")
        await pilot.press("ctrl+home")
        await pilot.pause(0.05)
        gaps["scrolling 10,000 rows"] = probe.stop()

        probe.start()
        await pilot.press("slash", *"busy")
        while not table.settled:
            await pilot.pause(0.01)
        filtered = table.shown
        await pilot.press(*["backspace"] * 4)
        while not table.settled:
            await pilot.pause(0.01)
        gaps["filtering with /"] = probe.stop()
        print(f"  filter 'busy' kept {filtered:,} rows; cleared back to {table.shown:,}")
    return gaps


def _one_run(host: str, records: int) -> dict[str, tuple[float, float]]:
    with start_simulator(records=records) as sim, tempfile.TemporaryDirectory() as scratch:
        session = _session(sim)
        if host == "pane":
            return asyncio.run(_run(_PaneHost(session), _open_in_pane, records))
        options = Options(
            copy_path=Path(scratch) / "last-curl.sh",
            history=lambda: History(Path(scratch) / "history.jsonl"),
        )
        app = make_app(options, session_loader=lambda: session, profile_loader=lambda name: session)
        return asyncio.run(_run(app, _open_in_app, records))


def main() -> int:
    """Run the three phases (`--runs` times) and print each one's largest frame gap."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=10_000, help="records in the list (default 10000)")
    parser.add_argument("--budget", type=float, default=BUDGET_MS, help="largest allowed gap in ms")
    parser.add_argument("--host", choices=("app", "pane"), default="app",
                        help="the real app (default) or the browser pane alone")  # fmt: skip
    parser.add_argument("--runs", type=int, default=1, help="how many times to run the phases")
    args = parser.parse_args()
    worst = 0.0
    for run in range(1, args.runs + 1):
        print(f"run {run} ({args.host}, {args.records:,} records)")
        gaps = _one_run(args.host, args.records)
        for phase, (gap, collection) in gaps.items():
            print(f"  {phase:28} largest frame gap {gap:6.1f} ms   longest full gc {collection:5.1f} ms")
        worst = max(worst, *(gap for gap, _ in gaps.values()))
    print(f"worst {worst:.1f} ms (budget {args.budget:.0f} ms): {'ok' if worst <= args.budget else 'OVER'}")
    return 0 if worst <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
