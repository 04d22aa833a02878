"""The rows of a records table: cells formatted once per record, column widths, and the `/` filter in slices.

`TableRows` turns records into rows of pre-formatted, pre-cut cell strings (a tuple per record) and a
lower-case search key, once, and keeps the indexes of the rows that pass the filter. Both steps take a
deadline and stop when it passes, so the widget that owns them can spread 10,000 records over several
frames and the event loop is never held for long. It draws nothing: `RowsView` draws what it holds.
"""

from __future__ import annotations

__all__ = ["CELL_WIDTH", "Record", "TableRows", "all_columns", "cell_text", "default_columns"]

import time
from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len

from explorer.core.endpoint import Endpoint
from explorer.core.printable import visible

Record = Mapping[str, Any]
"""One record of a list, as the API returned it."""

CELL_WIDTH = 40
"""The longest a cell's text may be, in characters: longer text is cut with `…`."""

_FALLBACK_COLUMNS = ("sid", "friendly_name", "unique_name", "status", "date_created")
_KEY_SEPARATOR = "\x00"  # between cells in a search key, so a filter never matches across two cells
_CHECK_EVERY = 64  # rows built between looks at the clock


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
    # Control characters (an escape in a friendly name) would reach the terminal as they are: made visible.
    text = visible(str(value))
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


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


class TableRows:
    """Records, their formatted rows for the current columns, and which of them pass the filter.

    Rows are built in record order; `shown` lists the record indexes (among those built) that pass the
    filter, in order. `generation` changes whenever something already drawn may look different (other
    columns, a wider column, another filter), so a cache of drawn lines knows when to forget them.
    """

    def __init__(self) -> None:
        self.records: list[Record] = []
        """Every record given, filtered or not."""
        self.columns: tuple[str, ...] = ()
        """The field shown in each column."""
        self.labels: tuple[str, ...] = ()
        """Each column's heading: its field name with control characters made visible (a server names them)."""
        self.widths: list[int] = []
        """Each column's width in cells: the widest of its label and its built cells."""
        self.rows: list[tuple[str, ...]] = []
        """The formatted cells of records[:len(rows)]."""
        self.shown: list[int] = []
        """Indexes of the built rows that pass the filter, in order."""
        self.generation = 0
        """Bumped whenever drawn lines may change: columns, widths or filter."""
        self._keys: list[str] = []
        self._needle = ""
        self._matched = 0  # rows (by index) checked against the filter so far

    @property
    def needle(self) -> str:
        """The lower-case filter text ('' keeps every row)."""
        return self._needle

    @property
    def settled(self) -> bool:
        """True when every record has its row and every row was checked against the filter."""
        return len(self.rows) == len(self.records) and self._matched == len(self.rows)

    def set_columns(self, columns: tuple[str, ...]) -> None:
        """Show `columns`: every row is formatted again (over the next `build` calls)."""
        self.columns = columns
        self.labels = tuple(visible(name) for name in columns)
        self.widths = [cell_len(label) for label in self.labels]
        self.rows = []
        self._keys = []
        self.shown = []
        self._matched = 0
        self.generation += 1

    def clear(self, columns: tuple[str, ...]) -> None:
        """Forget every record and show `columns`."""
        self.records = []
        self.set_columns(columns)

    def extend(self, records: Sequence[Record]) -> None:
        """Add records; their rows are built by the next `build` calls."""
        self.records.extend(records)

    def set_filter(self, text: str) -> None:
        """Keep only rows containing `text` (case-insensitive), checked again over the next `match` calls."""
        needle = text.strip().lower()
        if needle == self._needle:
            return
        self._needle = needle
        self.shown = []
        self._matched = 0
        self.generation += 1

    def build(self, deadline: float) -> int:
        """Format rows for records that have none, until done or `deadline` (a perf_counter time) passes.

        Returns:
            How many rows were built.
        """
        records, rows, keys, columns = self.records, self.rows, self._keys, self.columns
        widths = self.widths
        start = len(rows)
        wider = False
        while len(rows) < len(records):
            stop = min(len(records), len(rows) + _CHECK_EVERY)
            for record in records[len(rows) : stop]:
                row = tuple([cell_text(record.get(name)) for name in columns])
                rows.append(row)
                keys.append(_KEY_SEPARATOR.join(row).lower())
                for column, cell in enumerate(row):
                    # len() first: cell_len is only needed when the text could be wider than the column.
                    if len(cell) > widths[column] or not cell.isascii():
                        size = cell_len(cell)
                        if size > widths[column]:
                            widths[column] = size
                            wider = True
            if time.perf_counter() >= deadline:
                break
        if wider:
            self.generation += 1
        return len(rows) - start

    def match(self, deadline: float) -> int:
        """Check built rows against the filter, until done or `deadline` passes.

        Returns:
            How many rows were added to `shown`.
        """
        before = len(self.shown)
        end = len(self.rows)
        if not self._needle:
            self.shown.extend(range(self._matched, end))
            self._matched = end
            return len(self.shown) - before
        needle, keys, shown = self._needle, self._keys, self.shown
        while self._matched < end:
            stop = min(end, self._matched + 8 * _CHECK_EVERY)
            shown.extend(i for i in range(self._matched, stop) if needle in keys[i])
            self._matched = stop
            if time.perf_counter() >= deadline:
                break
        return len(self.shown) - before

    def record_at(self, row: int) -> Record:
        """The record shown on row `row` (0 is the first shown row)."""
        return self.records[self.shown[row]]

    def row_at(self, row: int) -> tuple[str, ...]:
        """The cells shown on row `row`."""
        return self.rows[self.shown[row]]
