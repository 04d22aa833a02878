"""The resource browser: the catalogue tree, a list's records, one record, and drill-down with a breadcrumb.

The owner sets `target`, `session` (and may set `catalog`; otherwise the pane loads it in a thread worker
the first time it is shown). The pane draws and forwards input; where the browser is (the stack of lists and
records, the open list's paging, the fetches on their way) is its `Navigator`'s, which the pane calls from its
workers and whose answers it draws. A change of target or session goes to the navigator, which cancels its
fetches and drops a page or record that comes back for the old view. Every fetch is posted up as `Exchanged`
for the inspector.

    BrowserPane
    ├── ResourceTree            products → resources, availability marks
    └── LevelView               breadcrumb, status line, server filters, the list or the record on top
"""

from __future__ import annotations

__all__ = ["BrowserPane"]

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive

from explorer.catalog.loader import Catalog, NoSuchResourceError
from explorer.core.endpoint import Endpoint
from explorer.core.errors import CatalogError, ExplorerError
from explorer.core.exchange import Exchange
from explorer.core.request import RequestSpec
from explorer.model.commands import unknown_command
from explorer.model.fetches import Fetched
from explorer.model.levels import ListLevel, Record, RecordLevel
from explorer.model.navigator import Navigator
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.ui.browser.catalog_loading import CatalogLoading
from explorer.ui.browser.level_view import LevelView
from explorer.ui.browser.record_view import RecordView
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.resource_tree import ResourceTree
from explorer.ui.browser.server_filters import ServerFilters
from explorer.ui.browser.status_line import stale_notice
from explorer.ui.errors import notify_error


class BrowserPane(Horizontal):
    """Browse every list resource of the catalogue in the current target's Region."""

    DEFAULT_CSS = """
    BrowserPane { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="browser.back", tooltip="Close the filter, or go back one level"),
        Binding("a", "load_all", "Load all", id="browser.load-all",
                tooltip="Load every page of the list (press again to cancel)"),
        Binding("i", "inspect", "Inspector", id="browser.inspect",
                tooltip="Show the current list or record request in the inspector"),
        Binding("f", "server_filters", "Server filters", id="browser.filters",
                tooltip="Filter on the server with the list's own parameters"),
        Binding("R", "load_for_target", "Reload here", id="browser.reload",
                tooltip="The list shown is from the old Region or profile: fetch it for the current one"),
    ]  # fmt: skip

    @dataclass
    class Exchanged(Message):
        """A list page or record was fetched (or failed with a response): for the inspector."""

        pane: BrowserPane
        exchange: Exchange
        """The request as sent (secret redacted) and the response."""
        spec: RequestSpec
        """The request it belongs to (for a next page: the list's first request)."""

        @property
        def control(self) -> BrowserPane:
            return self.pane

    @dataclass
    class OpenInInspector(Message):
        """The user asked to inspect the current list or record request."""

        pane: BrowserPane
        spec: RequestSpec

        @property
        def control(self) -> BrowserPane:
            return self.pane

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go (set by the owner)."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as; None while it loads (set by the owner)."""
    catalog: reactive[Catalog | None] = reactive(None, init=False)
    """The API catalogue; loaded by the pane on first show unless the owner sets it."""
    pygments_style: reactive[str] = reactive("monokai", init=False)
    """The pygments style for record JSON."""
    catalog_loader: Callable[[], Catalog] | None = None
    """Loads the catalogue (set by the owner from the app's options: `--openapi DIR`'s); None: the bundled one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.navigator = Navigator()
        """Where the browser is; the pane changes it only in answer to input or to its owner."""
        self._catalogs = CatalogLoading(
            self, loaded=partial(setattr, self, "catalog"), failed=self._catalog_failed
        )
        self._bare_open = False  # the pending open was a bare `:name` (see open_resource)

    def compose(self) -> ComposeResult:
        yield ResourceTree(id="browser-tree")
        yield LevelView(id="browser-main")

    def on_mount(self) -> None:
        ui_theme = getattr(self.app, "ui_theme", None)
        style = getattr(ui_theme, "pygments_style", None)
        if isinstance(style, str):
            self.set_reactive(BrowserPane.pygments_style, style)
        self.navigator.point(self.target, self.session)  # the owner may have set both before mounting
        self.query_one(ResourceTree).availability_region = self.navigator.region

    def on_show(self) -> None:
        self._ensure_catalog()

    async def on_unmount(self) -> None:
        await self.navigator.aclose()

    # -- the catalogue ----------------------------------------------------------------------------------

    def _ensure_catalog(self) -> None:
        if self.catalog is None:
            self._catalogs.ensure(self.catalog_loader)

    def _catalog_failed(self, error: ExplorerError) -> None:
        self._status(error.text(), error=True)

    def watch_catalog(self, catalog: Catalog | None) -> None:
        if catalog is None:
            return
        self.query_one(ResourceTree).show_catalog(catalog)
        pending = self.navigator.use_catalog(catalog)
        if pending is not None:
            self.open_resource(pending, bare=self._bare_open)

    # -- attributes down --------------------------------------------------------------------------------

    def watch_target(self) -> None:
        self._retarget()
        self.query_one(ResourceTree).availability_region = self.navigator.region

    def watch_session(self) -> None:
        self._retarget()

    def watch_pygments_style(self) -> None:
        top = self.navigator.top
        if isinstance(top, RecordLevel):
            self._main.show_record(top, self.pygments_style)

    def reload(self) -> None:
        """Fetch the open resource again from its first page (after a write changed it on the server)."""
        if self.stale:
            return  # the list is still the old target's: it is fetched again only when the user asks (R)
        self._show_opened(self.navigator.reload())

    @property
    def stale(self) -> bool:
        """True when the list shown was fetched for another target or session than the current one."""
        navigator = self.navigator
        return (navigator.target, navigator.session) != (self.target, self.session)

    def _retarget(self) -> None:
        # Nothing is sent that nobody asked for: a Region switch (or another profile) leaves an open list as it
        # is, marked as the old target's, until the user reloads it (R); with a real profile a fetch goes to
        # real Twilio. Only a list waiting for the first session, or no list at all, follows at once.
        navigator = self.navigator
        if navigator.root is not None and navigator.session is not None and self.stale:
            self._status(stale_notice(navigator, self.target, self.session), error=True)
            self.refresh_bindings()
            return
        self._show_opened(navigator.point(self.target, self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key is offered (in the footer) only where it acts: R while the list shown is the old target's; a,
        i and f with a list or record open that they apply to. Otherwise the key goes to the screen (`i`
        shows the Inspector)."""
        if action == "load_for_target":
            return self.stale and self.navigator.root is not None
        if action == "load_all":
            top = self.navigator.top
            listing = top.listing if isinstance(top, ListLevel) else None
            return self.navigator.loading_all or (listing is not None and listing.has_more)
        if action == "inspect":
            return self.navigator.request is not None
        if action == "back":  # at the root with no filter open, Esc is the screen's (back to the request)
            return len(self.navigator.levels) > 1 or self.query_one(ResourceTable).filter_open
        if action == "server_filters":
            return self.query_one(ServerFilters).available
        return True

    def action_load_for_target(self) -> None:
        """Fetch the open list again for the current target and session (after a switch)."""
        self._show_opened(self.navigator.point(self.target, self.session))
        self.refresh_bindings()

    def write_context(self, *, record: bool) -> tuple[Endpoint, dict[str, str], Record | None] | None:
        """What a write would act on: the open list (`record=False`) or the open record; see `write_context`."""
        return self.navigator.write_context(record=record)

    # -- opening ------------------------------------------------------------------------------------------

    def open_resource(self, name_or_id: str, *, bare: bool = False) -> None:
        """Open a list by catalogue id or name (`applications`, `api:calls`), in the current Region.

        Before the catalogue has loaded, the request is kept and run once it has. A name that matches
        nothing (or several lists) is reported in a notification; for a `bare` name (`:foo`, typed as a
        command) one that matches nothing is reported as an unknown command.
        """
        self._bare_open = bare
        try:
            level = self.navigator.open_named(name_or_id)
        except CatalogError as error:
            shown: ExplorerError = error
            if bare and isinstance(error, NoSuchResourceError):
                shown = unknown_command(name_or_id)
            self._status(shown.text(), error=True)
            notify_error(self, shown)
            return
        if self.navigator.catalog is None:
            self._ensure_catalog()
            self._status(f"Loading the catalogue to open {name_or_id}…")
            return
        self._show_opened(level)

    @on(ResourceTree.Opened)
    def _tree_opened(self, event: ResourceTree.Opened) -> None:
        event.stop()
        self._show_opened(self.navigator.open(event.endpoint))

    def _show_opened(self, level: ListLevel | None) -> None:
        """Draw the root list just (re)opened, and fetch its first page."""
        if level is not None and level.listing is not None:
            self._show_top()
            self._fetch_next()
            return
        self._main.show_unfetched(self.navigator, level)
        self.refresh_bindings()

    # -- paging -----------------------------------------------------------------------------------------

    @on(ResourceTable.NearEnd)
    def _near_end(self, event: ResourceTable.NearEnd) -> None:
        event.stop()
        self._fetch_next()

    def _fetch_next(self) -> None:
        if self.navigator.can_fetch:
            self._status_top("Loading…")
            self._fetch(self.navigator.fetch_next)

    @work(group="browse")
    async def _fetch(self, fetch: Callable[[], Awaitable[Fetched | None]]) -> None:
        """Run one of the navigator's fetches and draw its answer (None: there was none, or it went stale)."""
        fetched = await fetch()
        if fetched is not None:
            self._show_fetched(fetched)

    def action_load_all(self) -> None:
        """Load every page (with progress), or cancel the load in progress."""
        if self.navigator.cancel_load_all():
            self._status_top("Load all cancelled; the pages loaded are kept.")
            return
        top = self.navigator.top
        if isinstance(top, ListLevel) and top.listing is not None and top.listing.has_more:
            self._status_top("Loading all…", cancels=True)
            self._fetch(partial(self.navigator.load_all, self._show_fetched))

    def _show_fetched(self, fetched: Fetched) -> None:
        """Draw what a fetch brought back, and hand its exchange to the inspector."""
        if fetched.exchange is not None:
            self.post_message(self.Exchanged(self, fetched.exchange, fetched.spec))
        level = fetched.level
        if isinstance(level, ListLevel):
            if fetched.records:
                self.query_one(ResourceTable).append(fetched.records)
            self._status_top()
        else:
            self._main.show_record(level, self.pygments_style)
            self.refresh_bindings()
            if level.record is not None:
                self.query_one(RecordView).focus_links()

    # -- records and drill-down -------------------------------------------------------------------------

    @on(ResourceTable.Chosen)
    def _row_chosen(self, event: ResourceTable.Chosen) -> None:
        event.stop()
        level = self.navigator.choose(event.record)
        if level is not None:
            self._show_top()
            if level.record is None:
                self._fetch(self.navigator.fetch_record)

    @on(RecordView.LinkChosen)
    def _link_chosen(self, event: RecordView.LinkChosen) -> None:
        event.stop()
        try:
            level = self.navigator.follow(event.link)
        except ExplorerError as error:
            self._status(error.text(), error=True)
            return
        self._show_top()
        if isinstance(level, ListLevel):
            self._fetch_next()
        else:
            self._fetch(self.navigator.fetch_record)

    def action_back(self) -> None:
        """Esc: close the table filter, else go back one level; at the root, let the screen have Esc."""
        if self._main.showing_table and self.query_one(ResourceTable).close_filter():
            return
        if self.navigator.back() is None:
            raise SkipAction()
        self._show_top()

    # -- drawing (the main column's) and the status line ------------------------------------------------

    @property
    def _main(self) -> LevelView:
        return self.query_one(LevelView)

    def _show_top(self) -> None:
        self._main.show_top(self.navigator, self.pygments_style)
        self.refresh_bindings()

    def _status(self, message: str, *, error: bool = False) -> None:
        self._main.status(message, error=error)
        self.refresh_bindings()  # what a, i, f and R act on changes with what the status reports

    def _status_top(self, doing: str = "", *, cancels: bool = False) -> None:
        self._main.status_top(self.navigator, doing, cancels=cancels)

    # -- server-side filters ----------------------------------------------------------------------------

    def action_server_filters(self) -> None:
        """Focus the server-side filter row of the root list."""
        if (field := self.query_one(ServerFilters)).available:
            field.focus()

    @on(ServerFilters.Submitted, "#server-filters")
    def _filters_submitted(self, event: ServerFilters.Submitted) -> None:
        event.stop()
        try:
            level = self.navigator.set_filters(event.value)
        except ExplorerError as error:
            self._status(error.text(), error=True)
            return
        self._show_opened(level)

    # -- the inspector ----------------------------------------------------------------------------------------

    def action_inspect(self) -> None:
        """Post the current request (the list's first page, or the record's GET) for the inspector."""
        spec = self.navigator.request
        if spec is not None:
            self.post_message(self.OpenInInspector(self, spec))
