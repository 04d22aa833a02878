"""The records of a list as a table: default columns, more on demand, a `/` filter, pages added as they arrive.

`ResourceTable` keeps every record it was given in a `TableRows` (cells formatted once per record, a search
key per row) and shows them in a `RowsView`, which draws only the rows on screen. Formatting and
filtering run in slices of a few milliseconds, one slice per refresh, so appending a page, re-filtering
10,000 rows or switching to every column never holds the event loop for long.
"""

from __future__ import annotations

__all__ = ["NEAR_END", "SLICE_SECONDS", "ResourceTable", "cell_text"]

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input

from explorer.core.endpoint import Endpoint
from explorer.ui.browser.rows_view import RowsView
from explorer.ui.browser.table_rows import Record, TableRows, all_columns, cell_text, default_columns

NEAR_END = 10
"""The next page is asked for when the cursor comes this close to the last row."""
SLICE_SECONDS = 0.008
"""The longest the table formats or filters rows in one go before letting a frame be drawn."""


class ResourceTable(Vertical):
    """A list's loaded records, filtered by `/`; posts `NearEnd` as the cursor nears the last row."""

    DEFAULT_CSS = """
    ResourceTable { height: 1fr; }
    ResourceTable #table-filter { height: 1; border: none; display: none; }
    ResourceTable #table-filter.-open { display: block; }
    ResourceTable RowsView { height: 1fr; }
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

    @dataclass
    class NearEnd(Message):
        """The cursor is near the last loaded row: the owner may fetch the next page.

        Posted once per page: again only after more records arrive, the list is reset or re-filtered, or
        the cursor leaves the last rows and comes back (a retry after a failed page).
        """

        table: ResourceTable
        """The table whose cursor is near its end."""

        @property
        def control(self) -> ResourceTable:
            """The table whose cursor is near its end."""
            return self.table

    @dataclass
    class PageSettled(Message):
        """The rows of the records appended last are all formatted and filtered into the table.

        For the app, which owns the process's garbage collector (`ui/memory.py`): the moment what is alive is
        the app, the catalogue and the records so far, all long-lived.
        """

        table: ResourceTable
        """The table whose rows settled."""

        @property
        def control(self) -> ResourceTable:
            """The table whose rows settled."""
            return self.table

    @dataclass
    class Chosen(Message):
        """Enter on a row: the record to open."""

        table: ResourceTable
        """The table the row was chosen in."""
        record: Record
        """The record of the row chosen."""

        @property
        def control(self) -> ResourceTable:
            """The table the row was chosen in."""
            return self.table

    filter_text: reactive[str] = reactive("", init=False)
    """The `/` filter: rows whose shown cells contain it (case-insensitive)."""
    wide: reactive[bool] = reactive(False, init=False)
    """True shows every field as a column."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._endpoint: Endpoint | None = None
        self._rows = TableRows()
        self._pumping = False
        self._near_end_armed = True
        self._settle_due = False

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter the loaded rows; Enter keeps it, Esc clears it", id="table-filter",
                    compact=True)  # fmt: skip
        yield RowsView(self._rows, id="rows")

    @property
    def data_table(self) -> RowsView:
        """The scrolling rows inside (the name it had when they were a DataTable; the browser focuses it)."""
        return self.query_one("#rows", RowsView)

    @property
    def records(self) -> Sequence[Record]:
        """Every record given so far (filtered or not)."""
        return self._rows.records

    @property
    def shown(self) -> int:
        """How many rows the table shows now."""
        return len(self._rows.shown)

    @property
    def settled(self) -> bool:
        """True when every record that passes the filter is a row."""
        return self._rows.settled

    def reset(self, endpoint: Endpoint | None) -> None:
        """Empty the table and show `endpoint`'s default columns (no records yet)."""
        self._endpoint = endpoint
        self._rows.clear(())
        self.set_reactive(ResourceTable.wide, False)
        self._rebuild()

    def append(self, records: Sequence[Record]) -> None:
        """Add records (a page that arrived); their rows appear over the next refreshes."""
        self._rows.extend(records)
        self._near_end_armed = True
        self._settle_due = True
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

    def watch_filter_text(self, text: str) -> None:
        self._rows.set_filter(text)
        self._restart()

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

    @property
    def filter_open(self) -> bool:
        """True while the `/` filter row is shown."""
        return self.query_one("#table-filter", Input).has_class("-open")

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
        """Show the columns for the endpoint and `wide`; the rows are formatted again over a few refreshes."""
        endpoint = self._endpoint
        if endpoint is None:
            columns: tuple[str, ...] = ()
        else:
            columns = all_columns(endpoint, self._rows.records) if self.wide else default_columns(endpoint)
        self._rows.set_columns(columns)
        self._restart()

    def _restart(self) -> None:
        """The rows start again from none: cursor to the top, then fill them in."""
        self._near_end_armed = True
        if self.is_mounted:
            view = self.data_table
            view.cursor_row = 0
            view.scroll_to(0, 0, animate=False)
            view.rows_changed()
        self._queue()

    def _queue(self) -> None:
        if not self._pumping and not self._rows.settled:
            self._pumping = True
            self.call_later(self._pump)

    def _pump(self) -> None:
        """Format and filter rows for one slice, show them, and come back after the next refresh if needed."""
        self._pumping = False
        if not self.is_mounted:
            return
        rows = self._rows
        deadline = time.perf_counter() + SLICE_SECONDS
        rows.build(deadline)
        rows.match(deadline)
        view = self.data_table
        view.rows_changed()
        if not rows.settled:
            self._pumping = True
            self.call_after_refresh(self._pump)
        else:
            if self._settle_due:
                self._settle_due = False
                self.post_message(self.PageSettled(self))
            self._check_near_end(view.cursor_row)

    # -- messages up -----------------------------------------------------------------------------------

    def _check_near_end(self, row: int) -> None:
        if row < self.shown - NEAR_END:
            self._near_end_armed = True
        elif self._near_end_armed and self.settled and self.shown:
            self._near_end_armed = False
            self.post_message(self.NearEnd(self))

    @on(RowsView.Highlighted, "#rows")
    def _highlighted(self, event: RowsView.Highlighted) -> None:
        event.stop()
        self._check_near_end(event.row)

    @on(RowsView.Selected, "#rows")
    def _selected(self, event: RowsView.Selected) -> None:
        event.stop()
        if event.row < self.shown:
            self.post_message(self.Chosen(self, self._rows.record_at(event.row)))
