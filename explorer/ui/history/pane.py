"""The history pane: sent requests newest first; send one again, copy its curl, export a selection as Markdown.

The pane reads the `History` its owner hands down (in a thread worker: it is file I/O) and never writes to it.
It holds no secret: entries are request descriptions (secret-bearing parameter values already `[redacted]`)
and every curl is `render_curl`'s docs-safe default, with `"$TWILIO_…"` placeholders.
"""

from __future__ import annotations

__all__ = ["PATH_WIDTH", "HistoryPane"]

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from explorer.core.curl import render_curl
from explorer.core.errors import ExplorerError
from explorer.core.history import History, HistoryContents, HistoryEntry, HistoryError, write_markdown
from explorer.core.request import RequestSpec
from explorer.model.session import Session
from explorer.ui.copying import copy_curl
from explorer.ui.errors import error_text
from explorer.ui.text import elide_middle, plain
from explorer.ui.tones import Tones, follow_theme

EXPORT_NAME = "history-snippet.md"
"""The Markdown export's file name, next to the history file unless the owner sets `export_path`."""
_MARK = "✓"
PATH_WIDTH = 28
"""The Path column's width: `/2010-04-01/…/Calls.json`, the ends that tell requests apart."""


def _shown_path(entry: HistoryEntry) -> str:
    # The path with its record SIDs filled in, but the Account SID left as a template: it is the same everywhere.
    path = entry.path
    for name, value in entry.path_params:
        path = path.replace("{" + name + "}", value)
    return path


def _status(entry: HistoryEntry, tones: Tones) -> Text:
    if entry.status is None:
        # `cancelled`, `reset`, `timeout` or `failed`: it left the machine; the server may have acted on it.
        return Text(entry.outcome, style=tones.error)
    return Text(str(entry.status), style=tones.success if entry.status < 400 else tones.error)


class HistoryPane(Vertical):
    """The request history, newest first. Space marks rows for export; Enter sends the cursor's row again."""

    DEFAULT_CSS = """
    HistoryPane { height: 1fr; padding: 0 1; }
    HistoryPane #history-status { height: auto; color: $text-muted; }
    HistoryPane #history-status.-warning { color: $warning; }
    HistoryPane #history-status.-error { color: $error; }
    HistoryPane #history-table { height: 1fr; }
    HistoryPane #history-detail { height: auto; max-height: 8; color: $text-muted; }
    HistoryPane #history-detail.-redacted { color: $warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "send_again", "Send again", id="history.send-again", tooltip="Send the selected request again"),
        Binding("y", "copy_curl", "Copy curl", id="history.copy-curl", tooltip="Copy the request as a docs-safe curl command"),
        Binding("space", "toggle_mark", "Mark", id="history.mark", tooltip="Mark or unmark the entry for the Markdown export"),
        Binding("m", "export_markdown", "Export", id="history.export", tooltip="Export the marked entries (or the selected one) as a Markdown snippet"),
        Binding("ctrl+r", "reload", "Reload", id="history.reload", show=False, tooltip="Read the history file again"),
    ]  # fmt: skip

    @dataclass
    class SendAgain(Message):
        """The user asked to send a history entry again."""

        pane: HistoryPane
        """The history pane."""
        entry: HistoryEntry
        """The entry as stored."""

        @property
        def control(self) -> HistoryPane:
            """The history pane."""
            return self.pane

        @property
        def spec(self) -> RequestSpec:
            """The request to send (redacted values still read `[redacted]`)."""
            return self.entry.to_spec()

        @property
        def redacted(self) -> tuple[str, ...]:
            """Parameters whose values were not kept: the user has to enter them again before sending."""
            return self.entry.redacted

    history: reactive[History | None] = reactive(None, init=False, always_update=True)
    """The history to show (set by the owner; setting it reloads)."""
    export_path: Path | None = None
    """Where the Markdown export goes; None: `history-snippet.md` next to the history file."""
    copy_path: Path | None = None
    """Where `y` saves the curl, the same file as `y` in the request view (set by the owner); None: clipboard only."""
    session: Session | None = None
    """The session, for the demo's env file that `y` writes beside the curl (set by the owner)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[HistoryEntry] = []
        """Newest first, as the table shows them."""
        self._marked: set[int] = set()
        """Indexes into `_entries` marked for export."""

    def compose(self) -> ComposeResult:
        yield Static("History: nothing loaded yet.", id="history-status")
        table: DataTable[str | Text] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="history-detail")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The path is last: it is the long one, and the status must stay on screen at 80 columns.
        for label, key in ((" ", "mark"), ("Time (UTC)", "time"), ("Method", "method"), ("Status", "status"),
                           ("Region", "region"), ("Host", "host"), ("Path", "path")):  # fmt: skip
            table.add_column(label, key=key)
        if self.history is not None:
            self.reload()
        follow_theme(self, self._recolour)

    def watch_history(self, history: History | None) -> None:
        if self.is_mounted:
            self.reload()

    # -- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the history file again (in a thread worker) and show it."""
        if self.history is None:
            self._set_status("History: none kept in this session.")
            return
        self._set_status(f"Reading {self.history.path} …")
        self._read(self.history)

    @work(thread=True, exclusive=True, group="history-read")
    def _read(self, history: History) -> None:
        try:
            contents = history.read()
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._show, history, contents)

    def _failed(self, error: ExplorerError) -> None:
        self._entries = []
        self._marked.clear()
        self.query_one(DataTable).clear()
        self.refresh_bindings()
        self._set_status(error_text(error).plain, "-error")

    def _show(self, history: History, contents: HistoryContents) -> None:
        if history is not self.history:
            return  # the owner switched histories while this one was being read
        self._entries = list(reversed(contents.entries))
        self._marked.clear()
        self.refresh_bindings()  # the footer offers y, space and m only with entries
        table = self.query_one(DataTable)
        table.clear()
        tones = Tones.of(self.app)
        for index, entry in enumerate(self._entries):
            # Every cell read from the file is text: a `[/]` in a path is not markup, an ESC is shown as `\x1b`.
            table.add_row(
                "",
                entry.sent_at.strftime("%Y-%m-%d %H:%M:%S"),
                plain(entry.method),
                _status(entry, tones),
                plain(entry.region_label),
                plain(entry.host),
                plain(elide_middle(_shown_path(entry), PATH_WIDTH)),  # the full path is in the detail below
                key=str(index),
            )
        count = len(self._entries)
        summary = f"{count} request{'s' if count != 1 else ''} in {history.path}, newest first."
        warning = contents.warning
        if warning is not None:
            self._set_status(f"⚠ {warning.title}: {warning.message}\n{summary}", "-warning")
        elif count == 0:
            self._set_status(f"No requests sent yet ({history.path}).")
        else:
            self._set_status(summary + " Space marks, m exports, y copies curl, Enter sends again.")
        self._describe_cursor()

    def _recolour(self) -> None:
        # The status cells carry the theme's colours: a theme switch draws them in the new one's.
        tones, table = Tones.of(self.app), self.query_one(DataTable)
        for index, entry in enumerate(self._entries):
            table.update_cell(str(index), "status", _status(entry, tones))

    def _set_status(self, text: str, state: str | None = None) -> None:
        status = self.query_one("#history-status", Static)
        status.update(plain(text, multiline=True))
        status.set_class(state == "-warning", "-warning")
        status.set_class(state == "-error", "-error")

    # -- the selection -----------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[HistoryEntry, ...]:
        """The entries shown, newest first."""
        return tuple(self._entries)

    @property
    def marked(self) -> tuple[HistoryEntry, ...]:
        """The entries marked for export, newest first."""
        return tuple(self._entries[i] for i in sorted(self._marked))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Send again, copy, mark and export are offered (in the footer) only with an entry to act on."""
        if action in ("send_again", "copy_curl", "toggle_mark", "export_markdown"):
            return bool(self._entries)
        return True

    def _current(self) -> HistoryEntry | None:
        if not self._entries:
            return None
        row = self.query_one(DataTable).cursor_row
        return self._entries[row] if 0 <= row < len(self._entries) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe_cursor()

    def _describe_cursor(self) -> None:
        detail = self.query_one("#history-detail", Static)
        entry = self._current()
        if entry is None:
            detail.update("")
            detail.remove_class("-redacted")
            return
        text = plain(f"{entry.method} https://{entry.host}{_shown_path(entry)} · profile {entry.profile}")
        if entry.redacted:
            text.append("\n").append_text(
                plain("Not kept, enter again before sending: " + ", ".join(entry.redacted))
            )
        detail.update(text)
        detail.set_class(bool(entry.redacted), "-redacted")

    def action_toggle_mark(self) -> None:
        """Mark or unmark the cursor's entry for the export."""
        if self._current() is None:
            return
        table = self.query_one(DataTable)
        row = table.cursor_row
        if row in self._marked:
            self._marked.discard(row)
        else:
            self._marked.add(row)
        table.update_cell(str(row), "mark", _MARK if row in self._marked else "")

    # -- actions -----------------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        # DataTable takes Enter for itself and reports it as RowSelected.
        event.stop()
        self.action_send_again()

    def action_send_again(self) -> None:
        """Post `SendAgain` for the cursor's entry; say which values must be entered again."""
        entry = self._current()
        if entry is None:
            return
        self.post_message(self.SendAgain(self, entry))
        if entry.redacted:
            self.notify(
                "Enter again before sending: " + ", ".join(entry.redacted) + " (their values were not kept).",
                title="Values to re-enter",
                severity="warning",
            )

    def action_copy_curl(self) -> None:
        """Copy the cursor's entry as a docs-safe curl command (placeholders, never a secret), as `y` does elsewhere.

        To the clipboard and to the owner's copy file, with the demo's env file beside it (`copy_curl`).
        """
        entry = self._current()
        if entry is None:
            return
        curl_text = render_curl(entry.to_spec())
        if self.copy_path is None:  # an owner that keeps no copy file
            self.app.copy_to_clipboard(curl_text)
            self.notify(f"Copied the curl of {entry.method} {entry.host} (placeholders for the credential).")
            return
        # The env file holds the key of the Region that processed the request: the one its host accepts.
        copy_curl(
            self.app, curl_text, path=self.copy_path, session=self.session, region=entry.processing_region
        )

    def action_export_markdown(self) -> None:
        """Write the marked entries (or the cursor's) as a Markdown snippet to a private file."""
        chosen = self.marked or ((entry,) if (entry := self._current()) is not None else ())
        if not chosen or self.history is None:
            self._set_status("Nothing to export: the history is empty.")
            return
        path = self.export_path or self.history.path.with_name(EXPORT_NAME)
        self._export(path, chosen)

    @work(thread=True, exclusive=True, group="history-export")
    def _export(self, path: Path, entries: tuple[HistoryEntry, ...]) -> None:
        try:
            write_markdown(path, entries)
        except HistoryError as error:
            self.app.call_from_thread(self._set_status, error_text(error).plain, "-error")
            return
        count = len(entries)
        done = f"Exported {count} request{'s' if count != 1 else ''} as Markdown to {path}"
        self.app.call_from_thread(self._exported, done, path)

    def _exported(self, text: str, path: Path) -> None:
        from explorer.ui.copying import deliver_to_browser

        text += deliver_to_browser(self.app, path)  # under `serve`: the file on the server is out of reach
        self._set_status(text)
        self.notify(text, title="Markdown snippet")

    def action_reload(self) -> None:
        """Read the history file again."""
        self.reload()
