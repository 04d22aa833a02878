"""The records of a list as a table: default columns, more on demand, a `/` filter, rows added in batches.

The table keeps every record it was given; the DataTable shows those that pass the filter. Rows go in a
batch at a time, one batch per refresh, so 10,000 records (or re-filtering them) never hold the event loop
for long: the DataTable measures new rows on idle, and a small batch keeps each measurement short.
"""

from __future__ import annotations

__all__ = ["ROW_BATCH", "ResourceTable", "cell_text"]

import gc
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Input

from explorer.catalog.model import Endpoint

ROW_BATCH = 100
"""Rows added to the DataTable per refresh: the DataTable measures every new cell on idle, in one go."""
NEAR_END = 10
"""The next page is asked for when the cursor comes this close to the last row."""
_FREEZE_FROM = 2000
_SCAN_LIMIT = 4000  # records checked against the filter per refresh, so a filter matching few stays smooth
_CELL_WIDTH = 40
_FALLBACK_COLUMNS = ("sid", "friendly_name", "unique_name", "status", "date_created")

Record = Mapping[str, Any]


def cell_text(value: object) -> str:
    """One value as a short cell: `—` for null, `{…}`/`[…]` for structures, long text cut with `…`."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    if isinstance(value, list):
        return f"[{len(value)}]"
    text = str(value).replace("\n", " ")
    return text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…"


def default_columns(endpoint: Endpoint) -> tuple[str, ...]:
    """The catalogue's defaultOutputProperties, or a few usual fields when it names none."""
    if endpoint.default_columns:
        return endpoint.default_columns
    names = {f.name for f in endpoint.fields}
    return tuple(n for n in _FALLBACK_COLUMNS if n in names) or tuple(f.name for f in endpoint.fields[:4])


def all_columns(endpoint: Endpoint, records: Sequence[Record]) -> tuple[str, ...]:
    """Every scalar field: the defaults first, then the catalogue's fields, then any the records add."""
    seen = list(default_columns(endpoint))
    skip = {"links", "subresource_uris"}
    for name in [f.name for f in endpoint.fields] + [k for r in records[:1] for k in r]:
        if name not in seen and name not in skip:
            seen.append(name)
    return tuple(seen)


class ResourceTable(Vertical):
    """A list's loaded records, filtered by `/`; posts `NearEnd` as the cursor nears the last row."""

    DEFAULT_CSS = """
    ResourceTable { height: 1fr; }
    ResourceTable #table-filter { height: 1; border: none; display: none; }
    ResourceTable #table-filter.-open { display: block; }
    ResourceTable DataTable { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="table.filter", tooltip="Filter the loaded rows (/)"),
        Binding(
            "m",
            "more_columns",
            "Columns",
            id="table.columns",
            tooltip="Show every field as a column, or only the default ones again",
        ),
    ]

    class NearEnd(Message):
        """The cursor is near the last loaded row: the owner may fetch the next page."""

        def __init__(self, table: ResourceTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> ResourceTable:
            return self.table

    class Chosen(Message):
        """Enter on a row: the record to open."""

        def __init__(self, table: ResourceTable, record: Record) -> None:
            super().__init__()
            self.table = table
            self.record = record

        @property
        def control(self) -> ResourceTable:
            return self.table

    filter_text: reactive[str] = reactive("", init=False)
    """The `/` filter: rows whose shown cells contain it (case-insensitive)."""
    wide: reactive[bool] = reactive(False, init=False)
    """True shows every field as a column."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._endpoint: Endpoint | None = None
        self._records: list[Record] = []
        self._columns: tuple[str, ...] = ()
        self._matched = 0  # records (by index) checked against the filter so far
        self._pending: list[int] = []  # record indexes waiting to be added as rows
        self._pumping = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter the loaded rows; Enter keeps it, Esc clears it", id="table-filter",
                    compact=True)  # fmt: skip
        table: DataTable[str] = DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield table

    @property
    def data_table(self) -> DataTable[str]:
        """The DataTable inside."""
        return self.query_one("#rows", DataTable)

    @property
    def records(self) -> Sequence[Record]:
        """Every record given so far (filtered or not)."""
        return self._records

    @property
    def shown(self) -> int:
        """How many rows the table holds now."""
        return self.data_table.row_count

    @property
    def settled(self) -> bool:
        """True when every record that passes the filter is a row."""
        return not self._pending and self._matched == len(self._records)

    def reset(self, endpoint: Endpoint | None) -> None:
        """Empty the table and show `endpoint`'s default columns (no records yet)."""
        self._endpoint = endpoint
        self._records = []
        self.set_reactive(ResourceTable.wide, False)
        self._rebuild()

    def append(self, records: Sequence[Record]) -> None:
        """Add records (a page that arrived); their rows appear over the next refreshes."""
        self._records.extend(records)
        self._queue()

    # -- filtering and columns -------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Open the filter row."""
        field = self.query_one("#table-filter", Input)
        field.add_class("-open")
        field.focus()

    def action_more_columns(self) -> None:
        """Toggle every field as a column."""
        self.wide = not self.wide

    def watch_wide(self) -> None:
        self._rebuild()

    def watch_filter_text(self) -> None:
        self._rebuild()

    @on(Input.Changed, "#table-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    @on(Input.Submitted, "#table-filter")
    def _filter_kept(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.remove_class("-open")
        self.data_table.focus()

    def close_filter(self) -> bool:
        """Clear and close the filter row; False when it was not open."""
        field = self.query_one("#table-filter", Input)
        if not field.has_class("-open"):
            return False
        field.value = ""
        field.remove_class("-open")
        self.filter_text = ""
        self.data_table.focus()
        return True

    def _rebuild(self) -> None:
        table = self.data_table
        table.clear(columns=True)
        endpoint = self._endpoint
        if endpoint is None:
            self._columns = ()
        else:
            self._columns = all_columns(endpoint, self._records) if self.wide else default_columns(endpoint)
        for name in self._columns:
            table.add_column(name, key=name)
        self._matched = 0
        self._pending = []
        self._queue()

    def _row(self, record: Record) -> list[str]:
        # Escaped str, not Text: the DataTable keeps every cell, and 50,000 Text objects (with their span
        # lists) make each full garbage collection long enough to freeze a frame. Escaping keeps a `[b]`
        # in a friendly name from being read as markup.
        return [escape(cell_text(record.get(name))) for name in self._columns]

    def _passes(self, record: Record) -> bool:
        needle = self.filter_text.strip().lower()
        if not needle:
            return True
        return any(needle in cell_text(record.get(name)).lower() for name in self._columns)

    def _queue(self) -> None:
        if not self._pumping and (self._matched < len(self._records) or self._pending):
            self._pumping = True
            self.call_later(self._pump)

    def _pump(self) -> None:
        """Match and add at most one batch of rows, then come back after the next refresh."""
        self._pumping = False
        if not self.is_mounted:
            return
        records = self._records
        stop = self._matched + _SCAN_LIMIT
        while len(self._pending) < ROW_BATCH and self._matched < min(len(records), stop):
            if self._passes(records[self._matched]):
                self._pending.append(self._matched)
            self._matched += 1
        batch, self._pending = self._pending[:ROW_BATCH], self._pending[ROW_BATCH:]
        table = self.data_table
        for index in batch:
            table.add_row(*self._row(records[index]), key=str(index))
        if len(records) >= _FREEZE_FROM:
            # A big table is tens of thousands of long-lived objects (rows, keys, cells, render caches);
            # each full collection would walk all of them and stall the loop for a few hundred ms.
            # Moving what exists now to the permanent generation keeps collections short. Objects freed
            # by reference counting (rows of a cleared table) are still freed.
            gc.freeze()
        if self._matched < len(records) or self._pending:
            self._pumping = True
            self.call_after_refresh(self._pump)

    # -- messages up -----------------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#rows")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row >= self.data_table.row_count - NEAR_END and self.settled:
            self.post_message(self.NearEnd(self))

    @on(DataTable.RowSelected, "#rows")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None:
            self.post_message(self.Chosen(self, self._records[int(key)]))
