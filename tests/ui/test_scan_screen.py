"""`:scan PATH` in the app: the scan's rows, worst first; Enter points the request at the hit's host."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable

from explorer.model.target import Target
from explorer.ui.app import ExplorerApp
from explorer.ui.scan.screen import ScanScreen
from tests.scan.corpus_support import CORPUS
from tests.ui.helpers import command, ready
from tests.ui.notices import notices


async def _rows(pilot: object, app: ExplorerApp) -> DataTable[object]:
    for _ in range(200):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        screen = app.screen
        if isinstance(screen, ScanScreen):
            table = screen.query_one("#scan-table", DataTable)
            if table.row_count:
                return table
    raise AssertionError("the scan never showed its rows")


async def test_scan_lists_hits_and_enter_opens_the_request(app: ExplorerApp, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS / "python-literal", repo)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await ready(pilot)
        await command(pilot, f"scan {repo}")
        table = await _rows(pilot, app)
        assert table.row_count == 3
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "retired" and first[1] == "app.py:5"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        # The retired client's own host: region au1 without an edge.
        assert screen.target == Target("api", "au1", None)
        assert screen.target.fqdn == "api.au1.twilio.com"


async def test_scan_of_a_missing_folder_says_so(app: ExplorerApp, tmp_path: Path) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        await command(pilot, f"scan {tmp_path / 'nope'}")
        for _ in range(100):
            await pilot.pause(0.05)
            status = str(app.screen.query_one("#scan-status").render())
            if "not a directory" in status:
                break
        else:
            raise AssertionError("no error shown")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ScanScreen)
        assert not [n for n in notices(app) if n.severity == "error"]
