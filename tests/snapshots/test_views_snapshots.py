"""The integrated app at 120x40 and 80x24: the browser on IE1 applications, and the history after two sends.

Deterministic: the simulator's ASGI app in process with a fixed seed, a ticking clock, and a history whose
times are fixed; no network.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from explorer.core.history import History, HistoryEntry
from explorer.model.options import Options
from explorer.ui.app import ExplorerApp, make_app
from tests.ui.browser_host import sim_session
from tests.ui.helpers import command, ready

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


class FixedTimeHistory(History):
    """A history that stamps every entry with the same time, so the table reads the same on every run."""

    def append(self, entry: HistoryEntry) -> None:
        super().append(replace(entry, sent_at=WHEN))


def build(tmp_path: Path) -> ExplorerApp:
    """The app on the in-process simulator, with a history under tmp_path."""
    session = sim_session(records=12, seed="snapshots")
    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh", history=lambda: FixedTimeHistory(Path("history.jsonl"))),
        session_loader=lambda: session,
        profile_loader=lambda name: session,
    )


async def settled(pilot: Pilot[Any]) -> None:
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_views_browse_ie1_applications(
    snap_compare: Any, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`:region ie1` then `:applications`: the browser lists the IE1 applications with the tree beside them."""
    monkeypatch.chdir(
        tmp_path
    )  # the history file is relative, so that the history snapshot is the same anywhere

    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await command(pilot, "region ie1")
        await command(pilot, "applications")
        await settled(pilot)

    assert snap_compare(build(tmp_path), terminal_size=size, run_before=run)


def test_views_history_after_sends(
    snap_compare: Any, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sent in US1 then in IE1, then h: the history lists both, newest first, with their hosts and 200."""
    monkeypatch.chdir(tmp_path)

    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await settled(pilot)
        await pilot.press("s")
        await settled(pilot)
        await pilot.press("2", "s")
        await settled(pilot)
        await pilot.press("h")
        await settled(pilot)

    assert snap_compare(build(tmp_path), terminal_size=size, run_before=run)
