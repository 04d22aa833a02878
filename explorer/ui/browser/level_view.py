"""The browser's main column: where the navigator is, what it is doing, and the list or record on top.

    LevelView (#browser-main)
    ├── #breadcrumb          api:calls › CA… › recordings
    ├── #browser-status      records loaded, paging, load-all progress, errors
    ├── #server-filters      the endpoint's own filters, Name=value&Other=value
    └── ContentSwitcher      ResourceTable | RecordView

It draws what the pane's `Navigator` holds when the pane asks (attributes down); what the user does in it (a
row chosen, a link followed, filters submitted) bubbles up to the pane as those widgets' own messages.
"""

from __future__ import annotations

__all__ = ["LevelView"]

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

from explorer.core.endpoint import EndpointKind
from explorer.model.levels import ListLevel, RecordLevel
from explorer.model.navigator import Navigator
from explorer.ui.browser.captions import breadcrumb_text, list_status, record_status
from explorer.ui.browser.record_view import RecordView
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.server_filters import ServerFilters
from explorer.ui.browser.status_line import BrowserStatus


class LevelView(Vertical):
    """The breadcrumb, the status line, the server filters, and the records table or one record."""

    DEFAULT_CSS = """
    LevelView { width: 1fr; padding: 0 1; }
    LevelView #breadcrumb { height: auto; max-height: 2; text-style: bold; }
    LevelView #browser-status { height: auto; max-height: 6; color: $text-muted; }  /* an error is read whole */
    LevelView #browser-status.-error { color: $error; }
    LevelView ContentSwitcher { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static("Choose a resource", id="breadcrumb")
        yield BrowserStatus("", id="browser-status")
        yield ServerFilters(id="server-filters")
        with ContentSwitcher(initial="browser-table", id="browser-switch"):
            yield ResourceTable(id="browser-table")
            yield RecordView(id="browser-record")

    @property
    def showing_table(self) -> bool:
        """True when the records table is shown (not one record)."""
        return self.query_one(ContentSwitcher).current == "browser-table"

    def show_top(self, navigator: Navigator, pygments_style: str) -> None:
        """Draw the level on top of `navigator`'s stack, with the focus in it: a list's records or one record."""
        top = navigator.top
        self._show_place(navigator)
        if isinstance(top, RecordLevel):
            self._switch("browser-record")
            self.show_record(top, pygments_style)
            self.query_one(RecordView).focus_links()
        elif isinstance(top, ListLevel):
            self._switch("browser-table")
            table = self.query_one(ResourceTable)
            table.reset(top.endpoint)
            if top.listing is not None:
                table.append(top.listing.records)
            table.data_table.focus()
            self.status_top(navigator)

    def show_unfetched(self, navigator: Navigator, level: ListLevel | None) -> None:
        """Draw the root list opened but not fetched: its `level` says why, or None while the session loads."""
        root = navigator.root
        if root is None:
            return
        self.query_one(ResourceTable).reset(root if root.kind is EndpointKind.LIST else None)
        self._switch("browser-table")
        self._show_place(navigator)
        if level is None:
            self.status("The session is still loading; the list opens when it is ready.")
        else:
            self.status(list_status(level), error=True)

    def show_record(self, level: RecordLevel, pygments_style: str) -> None:
        """Draw one record (or why it is not there) and its status."""
        view = self.query_one(RecordView)
        view.show(level.record, level.links, pygments_style, level.error or level.note)
        self.status(record_status(level), error=bool(level.error))

    def status(self, message: str, *, error: bool = False) -> None:
        """Show `message` on the status line (plain text; `error` colours it as a failure)."""
        self.query_one(BrowserStatus).show(message, error=error)

    def status_top(self, navigator: Navigator, doing: str = "", *, cancels: bool = False) -> None:
        """Report the list on top: its records and what is being fetched (`doing`, else the navigator's)."""
        self.query_one(BrowserStatus).show_list(navigator, doing, cancels=cancels)

    def _show_place(self, navigator: Navigator) -> None:
        self.query_one("#breadcrumb", Static).update(breadcrumb_text(navigator.breadcrumb()))
        self.query_one(ServerFilters).offer(navigator.filter_params(), navigator.filters_text)

    def _switch(self, which: str) -> None:
        self.query_one(ContentSwitcher).current = which
