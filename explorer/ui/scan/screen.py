"""The `:scan PATH` screen: the same rows as `twilio-explorer scan`, worst verdict first.

The scan runs in a thread worker (it reads files and waits on git) with a live count; Esc stops it cleanly
(the scanner checks between files and stops its git processes) and closes the screen. Enter on a row
dismisses with that hit, and the main screen points the request at the host the hit's library builds.
"""

from __future__ import annotations

__all__ = ["ScanScreen"]

import threading
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from explorer.core.errors import ExplorerError
from explorer.scan.model import Hit
from explorer.scan.report import COLUMNS, ScanReport
from explorer.ui.text import plain


class _Stopped(Exception):
    """Raised from the progress callback when the user pressed Esc."""


class ScanScreen(ModalScreen[Hit | None]):
    """Scans `root` and lists the hits; dismisses with the chosen hit, or None."""

    DEFAULT_CSS = """
    ScanScreen { align: center middle; }
    #scan-box { width: 95%; height: 90%; border: round $accent; background: $surface; }
    #scan-status { height: auto; padding: 0 1; }
    #scan-table { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stop", "Close", id="scan.close", tooltip="Stop the scan and close"),
    ]

    def __init__(self, root: Path) -> None:
        super().__init__()
        self._root = root
        self._stop = threading.Event()
        self._hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="scan-box"):
            yield Static(plain(f"scanning {self._root}…"), id="scan-status")
            table: DataTable[object] = DataTable(id="scan-table", cursor_type="row", zebra_stripes=True)
            yield table

    def on_mount(self) -> None:
        table = self.query_one("#scan-table", DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        self._run_scan()

    @work(thread=True, exclusive=True, group="scan")
    def _run_scan(self) -> None:
        from explorer.scan.scanner import scan

        def progress(done: int, total: int) -> None:
            if self._stop.is_set():
                raise _Stopped
            counted = f"{done:,}/{total:,} files" if total else f"{done:,} files mention Twilio so far"
            self.app.call_from_thread(self._status, f"scanning {self._root}: {counted}")

        try:
            report = scan(self._root, progress)
        except _Stopped:
            return
        except ExplorerError as error:
            self.app.call_from_thread(self._status, error.text())
            return
        self.app.call_from_thread(self._show, report)

    def _status(self, text: str) -> None:
        self.query_one("#scan-status", Static).update(plain(text))

    def _show(self, report: ScanReport) -> None:
        table = self.query_one("#scan-table", DataTable)
        self._hits = report.sorted_hits()
        for row in report.to_rows():
            # Paths, values and expressions come from the scanned files: text, never markup.
            table.add_row(*(plain(row[c], multiline=True) for c in COLUMNS), height=None)
        hint = "Enter: open the hit's request (its host and curl) · Esc: close"
        self._status(f"{report.summary_line()}\n{hint}")
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._hits):
            self.dismiss(self._hits[event.cursor_row])

    def action_stop(self) -> None:
        """Esc: stop a running scan (between two files) and close."""
        self._stop.set()
        self.dismiss(None)
