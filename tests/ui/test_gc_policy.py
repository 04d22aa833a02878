"""The garbage collector is the app's to tune: the records table reports a settled page, the app freezes.

`gc.freeze()` is process-wide, so a widget must not call it (a host that embeds the table, a test, the
notebook would inherit it); the app, which owns the process, does when the table says a page has settled.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import on
from textual.app import App, ComposeResult

from explorer.catalog.loader import load_catalog
from explorer.ui.browser.resource_table import ResourceTable
from tests.ui.counted_app import build
from tests.ui.helpers import command, ready, settle


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Each test starts and ends with nothing frozen (the freeze would outlive it in this worker)."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class SettledHost(App[None]):
    """The table alone, given one page of applications; counts the pages it reports settled, tunes nothing."""

    settled_pages = 0

    def compose(self) -> ComposeResult:
        yield ResourceTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(ResourceTable)
        table.reset(next(e for e in load_catalog().endpoints if e.id == "api:applications"))
        table.append([{"sid": f"AP{i:032d}", "friendly_name": f"app {i}"} for i in range(120)])

    @on(ResourceTable.PageSettled)
    def _settled(self, event: ResourceTable.PageSettled) -> None:
        self.settled_pages += 1


async def test_the_table_reports_a_settled_page_and_freezes_nothing() -> None:
    """A page appended to the table alone is reported settled once; nothing is frozen by the widget."""
    app = SettledHost()
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(ResourceTable)
        for _ in range(200):
            await pilot.pause()
            if table.settled and app.settled_pages:
                break
        await pilot.pause()
        assert table.shown == 120 and app.settled_pages == 1
        assert gc.get_freeze_count() == 0


async def test_the_app_freezes_what_is_alive_once_a_page_has_settled(tmp_path: Path) -> None:
    """In the app, opening a list (its first page settling) moves the long-lived objects out of collection."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert gc.get_freeze_count() == 0
        await command(pilot, "applications")
        await settle(pilot)
        assert app.screen.query_one(ResourceTable).shown > 0
        assert gc.get_freeze_count() > 0
