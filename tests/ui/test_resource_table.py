"""The records table on its own: rows, cursor, Enter, the `/` filter, paging near the end, more columns.

The table runs in a tiny host that gives it records the way the browser does (`reset`, then `append` per
page) and collects the messages it posts.
"""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from explorer.catalog.loader import load_catalog
from explorer.core.endpoint import Endpoint
from explorer.ui.browser.resource_table import NEAR_END, ResourceTable
from explorer.ui.browser.table_rows import TableRows, cell_text


def applications() -> Endpoint:
    return next(e for e in load_catalog().endpoints if e.id == "api:applications")


def records(count: int, start: int = 0) -> list[dict[str, Any]]:
    """Applications AP…0000, AP…0001, …; every third one is named busy."""
    return [
        {
            "sid": f"AP{i:032d}",
            "friendly_name": f"{'Busy' if i % 3 == 0 else 'idle'} app {i}",
            "date_created": "Mon, 01 Jan 2024 00:00:00 +0000",
            "voice_url": f"https://example.com/voice/{i}",
            "subresource_uris": {"calls": f"/Calls/{i}.json"},
        }
        for i in range(start, start + count)
    ]


class TableHost(App[None]):
    """One ResourceTable, the messages it posts collected."""

    def __init__(self, first_page: list[dict[str, Any]]) -> None:
        super().__init__()
        self.first_page = first_page
        self.chosen: list[dict[str, Any]] = []
        self.near_end = 0

    def compose(self) -> ComposeResult:
        yield ResourceTable(id="table")

    def on_mount(self) -> None:
        self.table.reset(applications())
        self.table.append(self.first_page)
        self.table.data_table.focus()

    @property
    def table(self) -> ResourceTable:
        return self.query_one(ResourceTable)

    @on(ResourceTable.Chosen)
    def _chosen(self, event: ResourceTable.Chosen) -> None:
        self.chosen.append(dict(event.record))

    @on(ResourceTable.NearEnd)
    def _near_end(self, event: ResourceTable.NearEnd) -> None:
        self.near_end += 1


async def settle(pilot: Pilot[Any]) -> ResourceTable:
    table = pilot.app.query_one(ResourceTable)
    for _ in range(200):
        await pilot.pause()
        if table.settled:
            await pilot.pause()
            return table
    raise AssertionError("the table never settled")


async def test_rows_show_the_default_columns_in_order() -> None:
    """A page of records shows as rows under the catalogue's default columns, cells as text."""
    app = TableHost(records(30))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        assert table.shown == 30 and len(table.records) == 30
        assert [str(c.label) for c in table.data_table.columns.values()] == [
            "sid",
            "friendly_name",
            "date_created",
        ]
        assert table.data_table.get_row_at(4) == (
            f"AP{4:032d}",
            "idle app 4",
            "Mon, 01 Jan 2024 00:00:00 +0000",
        )


async def test_cursor_moves_and_the_view_follows() -> None:
    """Down, PageDown and End move the cursor; the table scrolls so the cursor row stays on screen."""
    app = TableHost(records(200))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        view = table.data_table
        await pilot.press("down", "down")
        assert view.cursor_row == 2
        await pilot.press("pagedown")
        page = view.scrollable_content_region.height - 1
        assert view.cursor_row == 2 + page
        await pilot.press("end")
        await pilot.pause()
        assert view.cursor_row == 199
        top = view.scroll_offset.y
        assert top <= 199 < top + page
        await pilot.press("up")
        assert view.cursor_row == 198
        await pilot.press("home")
        await pilot.pause()
        assert view.cursor_row == 0 and view.scroll_offset.y == 0


async def test_enter_posts_chosen_with_the_record_under_the_cursor() -> None:
    """Enter on the fourth row opens the fourth record; after a filter, the record of the filtered row."""
    app = TableHost(records(30))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert app.chosen[-1]["sid"] == f"AP{3:032d}"
        await pilot.press("slash", *"busy", "enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.chosen[-1]["sid"] == f"AP{3:032d}"  # busy rows: 0, 3, 6, …
        assert table.shown == 10


async def test_filter_narrows_rows_and_clears() -> None:
    """`/` and text keep only rows containing it, in any case; clearing it shows every row again."""
    app = TableHost(records(30))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        await pilot.press("slash", *"BUSY")
        await settle(pilot)
        assert table.shown == 10
        assert all("Busy" in table.data_table.get_row_at(i)[1] for i in range(table.shown))
        await pilot.press(*"x")
        await settle(pilot)
        assert table.shown == 0
        assert table.close_filter()
        await settle(pilot)
        assert table.shown == 30
        assert not table.close_filter()  # already closed


async def test_filter_never_matches_across_two_cells() -> None:
    """A filter spanning the end of one cell and the start of the next matches nothing."""
    app = TableHost(records(3))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        table.filter_text = f"{0:04d}busy"  # the sid's last digits then the next cell's first word
        await settle(pilot)
        assert table.shown == 0


async def test_near_end_is_posted_once_per_page() -> None:
    """The cursor nearing the last row asks for the next page once; after the page arrives, once again."""
    app = TableHost(records(50))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        await pilot.press(*["down"] * (50 - NEAR_END - 2))
        await pilot.pause()
        assert app.near_end == 0
        await pilot.press("down", "down", "down", "end", "up", "down")
        await pilot.pause()
        assert app.near_end == 1
        table.append(records(50, start=50))
        await settle(pilot)
        assert table.shown == 100 and app.near_end == 1
        await pilot.press("end")
        await pilot.pause()
        assert app.near_end == 2


async def test_near_end_is_posted_again_after_leaving_the_last_rows() -> None:
    """Moving away from the end and back asks again (a retry when a page failed to arrive)."""
    app = TableHost(records(50))
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert app.near_end == 1
        await pilot.press("home", "end")
        await pilot.pause()
        assert app.near_end == 2


async def test_more_columns_on_demand() -> None:
    """`m` shows every scalar field (catalogue order after the defaults), `m` again the defaults only."""
    app = TableHost(records(20))
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        await pilot.press("m")
        table = await settle(pilot)
        names = list(table.data_table.columns)
        assert names[:3] == ["sid", "friendly_name", "date_created"]
        assert "voice_url" in names and "subresource_uris" not in names
        assert table.data_table.get_row_at(2)[names.index("voice_url")] == "https://example.com/voice/2"
        assert table.shown == 20
        await pilot.press("m")
        table = await settle(pilot)
        assert list(table.data_table.columns) == ["sid", "friendly_name", "date_created"]


async def test_ten_thousand_records_fill_in_over_several_refreshes() -> None:
    """10,000 records in every column are formatted in slices, and all of them end up as rows."""
    app = TableHost([])
    async with app.run_test(size=(100, 20)) as pilot:
        table = await settle(pilot)
        table.wide = True
        table.append(records(10_000))
        assert not table.settled
        table = await settle(pilot)
        assert table.shown == 10_000
        assert table.data_table.get_row_at(9_999)[0] == f"AP{9_999:032d}"


def test_building_rows_stops_at_the_deadline() -> None:
    """With the deadline already past, one call formats only a small chunk of rows, never all of them."""
    rows = TableRows()
    rows.set_columns(("sid", "friendly_name"))
    rows.extend(records(1_000))
    built = rows.build(time.perf_counter() - 1)
    assert 0 < built < 1_000
    assert not rows.settled
    while not rows.settled:
        rows.build(time.perf_counter() + 1)
        rows.match(time.perf_counter() + 1)
    assert len(rows.shown) == 1_000


def test_column_widths_count_terminal_cells() -> None:
    """A wide (CJK) name makes its column as wide as it looks, not as long as it is."""
    rows = TableRows()
    rows.set_columns(("sid", "friendly_name"))
    rows.extend([{"sid": "AP1", "friendly_name": "日本語の名前"}])
    rows.build(time.perf_counter() + 1)
    assert rows.widths == [3, 13]  # "friendly_name" is 13; the name is 12 cells


def test_cells_are_short_single_line_text_without_control_characters() -> None:
    """Null, structures and long text become short cells; escapes and newlines are shown as `\\x1b`, `\\n`."""
    assert cell_text(None) == "—"
    assert cell_text({"a": 1}) == "{…}" and cell_text([1, 2]) == "[2]" and cell_text(True) == "true"
    assert cell_text("a\x1b[31mred\nline") == "a\\x1b[31mred\\nline"
    long = cell_text("x" * 100)
    assert len(long) == 40 and long.endswith("…")
