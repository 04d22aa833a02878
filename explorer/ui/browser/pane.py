"""The resource browser: the catalogue tree, a list's records, one record, and drill-down with a breadcrumb.

The owner sets `target`, `session` (and may set `catalog`; otherwise the pane loads it in a thread worker
the first time it is shown). The pane pages lists with `Listing` in exclusive async workers of the group
"browse"; a change of target or session cancels them, and a page or record that comes back for another
target, session or view is dropped, never shown. Every fetch is posted up as `Exchanged` for the inspector.

    BrowserPane
    ├── ResourceTree            products → resources, availability marks
    └── #browser-main
        ├── #breadcrumb          api:calls › CA… › recordings
        ├── #browser-status      records loaded, paging, load-all progress, errors
        ├── #server-filters      the endpoint's own filters, Name=value&Other=value
        └── ContentSwitcher      ResourceTable | RecordView
"""

from __future__ import annotations

__all__ = ["BrowserPane"]

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, Input, Static

from explorer.catalog.loader import Catalog
from explorer.core.client import AsyncExplorerClient, Exchange
from explorer.core.endpoint import Endpoint, EndpointKind
from explorer.core.errors import CatalogError, ExplorerError, InputError, as_explorer_error
from explorer.core.listing import (
    Listing,
    ListingError,
    RecordLink,
    filter_params,
    list_spec,
    record_links,
    record_spec,
)
from explorer.core.printable import visible
from explorer.core.profiles import Credential
from explorer.core.request import ACCOUNT_SID_PARAM, RequestSpec
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.ui.browser.levels import Level, ListLevel, Record, RecordLevel, nearest_list_spec, write_context
from explorer.ui.browser.record_view import RecordView
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.resource_tree import ResourceTree
from explorer.ui.text import ControlPictures, plain


class BrowserPane(Horizontal):
    """Browse every list resource of the catalogue in the current target's Region."""

    DEFAULT_CSS = """
    BrowserPane { height: 1fr; }
    BrowserPane #browser-main { width: 1fr; padding: 0 1; }
    BrowserPane #breadcrumb { height: auto; max-height: 2; text-style: bold; }
    BrowserPane #browser-status { height: auto; max-height: 3; color: $text-muted; }
    BrowserPane #browser-status.-error { color: $error; }
    BrowserPane #server-filters { height: 1; border: none; display: none; }
    BrowserPane #server-filters.-available { display: block; }
    BrowserPane ContentSwitcher { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="browser.back", tooltip="Close the filter, or go back one level"),
        Binding("a", "load_all", "Load all", id="browser.load-all",
                tooltip="Load every page of the list (press again to cancel)"),
        Binding("i", "inspect", "Inspect", id="browser.inspect",
                tooltip="Show the current list or record request in the inspector"),
        Binding("f", "server_filters", "Server filters", id="browser.filters",
                tooltip="Filter on the server with the list's own parameters"),
    ]  # fmt: skip

    class Exchanged(Message):
        """A list page or record was fetched (or failed with a response): for the inspector."""

        def __init__(self, pane: BrowserPane, exchange: Exchange, spec: RequestSpec) -> None:
            super().__init__()
            self.pane = pane
            self.exchange = exchange
            """The request as sent (secret redacted) and the response."""
            self.spec = spec
            """The request it belongs to (for a next page: the list's first request)."""

        @property
        def control(self) -> BrowserPane:
            return self.pane

    class OpenInInspector(Message):
        """The user asked to inspect the current list or record request."""

        def __init__(self, pane: BrowserPane, spec: RequestSpec) -> None:
            super().__init__()
            self.pane = pane
            self.spec = spec

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
        self._levels: list[Level] = []
        self._root: Endpoint | None = None  # the resource opened from the tree or the command bar
        self._filters: dict[str, str] = {}  # the root list's server-side filters
        self._pending: str | None = None  # a resource asked for before the catalogue loaded
        self._generation = 0  # bumped on every change of view, so late answers can be recognised
        self._client: AsyncExplorerClient | None = None
        self._client_session: Session | None = None
        self._fetching = False
        self._loading_all = False
        self._catalog_requested = False

    def compose(self) -> ComposeResult:
        yield ResourceTree(id="browser-tree")
        with Vertical(id="browser-main"):
            yield Static("Choose a resource", id="breadcrumb")
            yield Static("", id="browser-status")
            yield Input(id="server-filters", compact=True, highlighter=ControlPictures())
            with ContentSwitcher(initial="browser-table", id="browser-switch"):
                yield ResourceTable(id="browser-table")
                yield RecordView(id="browser-record")

    def on_mount(self) -> None:
        ui_theme = getattr(self.app, "ui_theme", None)
        style = getattr(ui_theme, "pygments_style", None)
        if isinstance(style, str):
            self.set_reactive(BrowserPane.pygments_style, style)
        self.query_one(ResourceTree).availability_region = self._region()

    def on_show(self) -> None:
        self._ensure_catalog()

    # -- the catalogue ----------------------------------------------------------------------------------

    def _ensure_catalog(self) -> None:
        if self.catalog is None and not self._catalog_requested:
            self._catalog_requested = True
            self._catalog_worker()

    @work(thread=True, exclusive=True, group="catalog")
    def _catalog_worker(self) -> None:
        from explorer.catalog.loader import load_catalog

        try:
            catalog = (self.catalog_loader or load_catalog)()
        except ExplorerError as error:
            self.app.call_from_thread(self._status, f"{error.message} — {error.hint}", error=True)
            return
        self.app.call_from_thread(setattr, self, "catalog", catalog)

    def watch_catalog(self, catalog: Catalog | None) -> None:
        if catalog is None:
            return
        self.query_one(ResourceTree).show_catalog(catalog)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.open_resource(pending)

    # -- attributes down --------------------------------------------------------------------------------

    def watch_target(self) -> None:
        self.query_one(ResourceTree).availability_region = self._region()
        self._restart()

    def watch_session(self) -> None:
        self._restart()

    def watch_pygments_style(self) -> None:
        top = self._top()
        if isinstance(top, RecordLevel):
            self._show_record(top)

    def reload(self) -> None:
        """Fetch the open resource again from its first page (after a write changed it on the server)."""
        self._restart()

    def _restart(self) -> None:
        """Drop every level (they belong to the old target or session) and reopen the root resource."""
        self.workers.cancel_group(self, "browse")
        self._generation += 1
        self._fetching = self._loading_all = False
        self._levels = []
        if self._client is not None and self._client_session is not self.session:
            old, self._client = self._client, None
            self.run_worker(old.aclose(), group="browse-close")
        if self._root is not None:
            self._open(self._root)

    # -- opening ------------------------------------------------------------------------------------------

    def open_resource(self, name_or_id: str) -> None:
        """Open a list by catalogue id or name (`applications`, `api:calls`), in the current Region.

        Before the catalogue has loaded, the request is kept and run once it has. A name that matches
        nothing (or several lists) is reported in a notification.
        """
        if self.catalog is None:
            self._pending = name_or_id
            self._ensure_catalog()
            self._status(f"Loading the catalogue to open {name_or_id}…")
            return
        try:
            endpoint = self.catalog.find(name_or_id)
        except CatalogError as error:
            self._status(f"{error.message} — {error.hint}", error=True)
            self.notify(f"{error.message} {error.hint}".strip(), title=error.title, severity="error")
            return
        self._filters = {}
        self._open(endpoint)

    @on(ResourceTree.Opened)
    def _tree_opened(self, event: ResourceTree.Opened) -> None:
        event.stop()
        self._filters = {}
        self._open(event.endpoint)

    def _open(self, endpoint: Endpoint) -> None:
        """Open `endpoint` as the root list, with the current server-side filters."""
        self._root = endpoint
        self.workers.cancel_group(self, "browse")
        self._generation += 1
        self._fetching = self._loading_all = False
        self._levels = []
        table = self.query_one(ResourceTable)
        table.reset(endpoint if endpoint.kind is EndpointKind.LIST else None)
        self._switch("browser-table")
        self._offer_filters(endpoint)
        try:
            listing = self._listing(endpoint, self._filters)
        except Exception as caught:  # noqa: BLE001 - building the client reads the CA bundle, which may be gone
            error = as_explorer_error(caught, f"opening {endpoint.id}")
            self._levels = [ListLevel(endpoint.id, endpoint, None, error=error.message)]
            self._breadcrumb()
            self._status(f"{error.message} — {error.hint}".strip(" —"), error=True)
            return
        if listing is None:
            return
        self._levels = [ListLevel(endpoint.id, endpoint, listing)]
        self._breadcrumb()
        table.data_table.focus()
        self._fetch_next()

    def _listing(self, endpoint: Endpoint, filters: Mapping[str, str]) -> Listing | None:
        """A new listing of `endpoint` in the current target; None (with a status) when it cannot be sent.

        Raises:
            InputError: not a list, a filter is invalid, or the path needs a parent record.
        """
        if endpoint.kind is not EndpointKind.LIST:
            raise InputError(f"{endpoint.id} is a single record", hint="open its list and choose a record")
        missing = [p for p in endpoint.path_params if p != ACCOUNT_SID_PARAM]
        if missing:
            raise InputError(
                f"{endpoint.id} belongs to a parent record ({', '.join(missing)})",
                hint="open the parent list, choose a record, and pick this list among its links",
            )
        credential = self._credential()
        if credential is None:
            return None
        spec = list_spec(endpoint, region=self.target.region, edge=self.target.edge, filters=filters,
                         auth=credential.profile.kind)  # fmt: skip
        return Listing(self._session_client(), credential, spec, endpoint)

    def _credential(self) -> Credential | None:
        session = self.session
        if session is None:
            self._status("The session is still loading; the list opens when it is ready.")
            return None
        credential = session.credential_for(self.target)
        if credential is None:
            self._status(f"The session {session.name!r} has no credential for {self._region().upper()}; "
                         "use :profile NAME with a profile of that Region.", error=True)  # fmt: skip
        return credential

    def _session_client(self) -> AsyncExplorerClient:
        # The session owns its client (built once, closed when the session is replaced).
        assert self.session is not None
        return self.session.client()

    def _region(self) -> str:
        return self.target.verdict.processing_region or self.target.region_id

    # -- paging -----------------------------------------------------------------------------------------

    @on(ResourceTable.NearEnd)
    def _near_end(self, event: ResourceTable.NearEnd) -> None:
        event.stop()
        self._fetch_next()

    def _fetch_next(self) -> None:
        top = self._top()
        if not isinstance(top, ListLevel) or self._fetching or self._loading_all:
            return
        if top.listing is None or not top.listing.has_more:
            return
        self._fetching = True
        self._status_list(top, "Loading…")
        self._page_worker(top, top.listing, self._generation)

    @work(exclusive=True, group="browse")
    async def _page_worker(self, level: ListLevel, listing: Listing, generation: int) -> None:
        try:
            await self._fetch_page(level, listing, generation)
        finally:
            if generation == self._generation:
                self._fetching = False

    async def _fetch_page(self, level: ListLevel, listing: Listing, generation: int) -> bool:
        """Fetch one page into the table; False (with the error shown) when it failed or went stale."""
        target, session = self.target, self.session
        try:
            page = await listing.fetch_next()
        except Exception as caught:  # noqa: BLE001 - a bug must still end as a failed page, not a crash
            error = as_explorer_error(caught, "fetching a page")
            if self._current(generation, target, session):
                if isinstance(error, ListingError):
                    self.post_message(self.Exchanged(self, error.exchange, listing.spec))
                level.error = f"{error.message} — {error.hint}".strip(" —")
                self._status_list(level)
            return False
        if not self._current(generation, target, session):
            return False  # a page for another target, session or view is never shown
        if page is not None:
            self.post_message(self.Exchanged(self, page.exchange, listing.spec))
            self.query_one(ResourceTable).append(page.records)
        level.error = ""
        self._status_list(level)
        return True

    def action_load_all(self) -> None:
        """Load every page (with progress), or cancel the load in progress."""
        if self._loading_all:
            self.workers.cancel_group(self, "browse")
            self._loading_all = self._fetching = False
            top = self._top()
            if isinstance(top, ListLevel):
                self._status_list(top, "Load all cancelled; the pages loaded are kept.")
            return
        top = self._top()
        if not isinstance(top, ListLevel) or top.listing is None or not top.listing.has_more:
            return
        self.workers.cancel_group(self, "browse")
        self._fetching = False
        self._loading_all = True
        self._status_list(top, "Loading all…")
        self._load_all_worker(top, top.listing, self._generation)

    @work(exclusive=True, group="browse")
    async def _load_all_worker(self, level: ListLevel, listing: Listing, generation: int) -> None:
        try:
            while listing.has_more and generation == self._generation:
                if not await self._fetch_page(level, listing, generation):
                    return
                if listing.has_more:
                    self._status_list(level, "Loading all…")
        finally:
            if generation == self._generation:
                self._loading_all = False
                self._status_list(level)

    # -- records and drill-down -------------------------------------------------------------------------

    @on(ResourceTable.Chosen)
    def _row_chosen(self, event: ResourceTable.Chosen) -> None:
        event.stop()
        top = self._top()
        if not isinstance(top, ListLevel) or top.listing is None:
            return
        record = dict(event.record)
        spec = self._record_spec(top, top.listing.spec, record)
        title = str(record.get("sid") or record.get("friendly_name") or "record")
        if spec is None:
            level = RecordLevel(
                title, None, record, note="Shown as listed: the catalogue has no request for it."
            )
            level.links = self._links(record, top.listing.spec.url(self._account_sid()))
            self._push(level)
            return
        self._push(RecordLevel(title, spec, note=f"GET {spec.url(self._account_sid())}"))
        self._record_worker(spec, self._generation)

    @on(RecordView.LinkChosen)
    def _link_chosen(self, event: RecordView.LinkChosen) -> None:
        event.stop()
        top = self._top()
        if not isinstance(top, RecordLevel):
            return
        link = event.link
        parent = top.spec or nearest_list_spec(self._levels)
        spec = link.to_spec(parent, self._account_sid()) if parent is not None else None
        if link.endpoint is None or spec is None:
            self._status(f"{link.name}: {link.url} is not a resource of the catalogue in this Region; "
                         "it is listed but not opened.", error=True)  # fmt: skip
            return
        if link.endpoint.kind is EndpointKind.LIST:
            credential = self._credential()
            if credential is None:
                return
            listing = Listing(self._session_client(), credential, spec, link.endpoint)
            self._push(ListLevel(link.name, link.endpoint, listing))
            self._fetch_next()
        else:
            self._push(RecordLevel(link.name, spec, note=f"GET {spec.url(self._account_sid())}"))
            self._record_worker(spec, self._generation)

    @work(exclusive=True, group="browse")
    async def _record_worker(self, spec: RequestSpec, generation: int) -> None:
        target, session = self.target, self.session
        credential = self._credential()
        if credential is None:
            return
        try:
            exchange = await self._session_client().send(spec, credential)
        except Exception as caught:  # noqa: BLE001 - a bug must still end as a failed record, not a crash
            error = as_explorer_error(caught, "fetching a record")
            if self._current(generation, target, session):
                self._record_failed(f"{error.message} — {error.hint}".strip(" —"))
            return
        if not self._current(generation, target, session):
            return
        self.post_message(self.Exchanged(self, exchange, spec))
        top = self._top()
        if not isinstance(top, RecordLevel):
            return
        data = exchange.json()
        if exchange.status_code >= 400 or not isinstance(data, dict):
            code, message = exchange.twilio_error
            detail = f": Twilio error {code}, {message}" if code is not None else ""
            self._record_failed(f"HTTP {exchange.status_code}{detail} (i shows it in the inspector)")
            return
        top.record = data
        top.note = ""
        top.links = self._links(data, exchange.url)
        self._show_record(top)
        self.query_one(RecordView).focus_links()

    def _record_failed(self, message: str) -> None:
        top = self._top()
        if isinstance(top, RecordLevel):
            top.note = message
            self._show_record(top)
        self._status(message, error=True)

    def _record_spec(self, level: ListLevel, parent: RequestSpec, record: Record) -> RequestSpec | None:
        if self.catalog is None:
            return None
        return record_spec(self.catalog, level.endpoint, parent, record, self._account_sid())

    def _links(self, record: Record, base_url: str) -> list[RecordLink]:
        return record_links(record, base_url=base_url, catalog=self.catalog) if self.catalog else []

    # -- levels and the breadcrumb ----------------------------------------------------------------------

    def _top(self) -> Level | None:
        return self._levels[-1] if self._levels else None

    def write_context(self, *, record: bool) -> tuple[Endpoint, dict[str, str], Record | None] | None:
        """What a write would act on: the open list (`record=False`) or the open record; see `write_context`."""
        return write_context(self._levels, self.catalog, self._account_sid(), record=record)

    def _push(self, level: Level) -> None:
        self.workers.cancel_group(self, "browse")
        self._generation += 1
        self._fetching = self._loading_all = False
        self._levels.append(level)
        self._show_top()

    def action_back(self) -> None:
        """Esc: close the table filter, else go back one level; at the root, let the screen have Esc."""
        table = self.query_one(ResourceTable)
        if self.query_one(ContentSwitcher).current == "browser-table" and table.close_filter():
            return
        if len(self._levels) < 2:
            raise SkipAction()
        self.workers.cancel_group(self, "browse")
        self._generation += 1
        self._fetching = self._loading_all = False
        self._levels.pop()
        self._show_top()

    def _show_top(self) -> None:
        top = self._top()
        self._breadcrumb()
        if isinstance(top, RecordLevel):
            self._switch("browser-record")
            self.query_one("#server-filters", Input).remove_class("-available")
            self._show_record(top)
            self.query_one(RecordView).focus_links()
        elif isinstance(top, ListLevel):
            self._switch("browser-table")
            self._offer_filters(top.endpoint if len(self._levels) == 1 else None)
            table = self.query_one(ResourceTable)
            table.reset(top.endpoint)
            if top.listing is not None:
                table.append(top.listing.records)
            table.data_table.focus()
            self._status_list(top)

    def _show_record(self, level: RecordLevel) -> None:
        self.query_one(RecordView).show(level.record, level.links, self.pygments_style, level.note)
        links = len(level.links)
        self._status(f"{links} link{'s' if links != 1 else ''} · Enter opens one · Esc goes back · "
                     "i inspects the request" if level.record is not None else level.note or "Loading…")  # fmt: skip

    def _breadcrumb(self) -> None:
        text = Text()
        for n, level in enumerate(self._levels):
            if n:
                text.append(" › ", style="dim")
            text.append(visible(level.title), style="bold" if n == len(self._levels) - 1 else "")
        if self._levels:
            root = self._levels[0]
            if isinstance(root, ListLevel) and self.catalog is not None:
                claim = self.catalog.claim(root.endpoint, self._region())
                if not claim.availability.offered or claim.availability.value != "offered":
                    text.append(f"  [{claim.availability} in {claim.region.upper()}]", style="italic")
        self.query_one("#breadcrumb", Static).update(text or "Choose a resource")

    def _switch(self, which: str) -> None:
        self.query_one(ContentSwitcher).current = which

    # -- server-side filters ----------------------------------------------------------------------------

    def _offer_filters(self, endpoint: Endpoint | None) -> None:
        field = self.query_one("#server-filters", Input)
        params = filter_params(endpoint) if endpoint is not None else ()
        field.set_class(bool(params), "-available")
        if params:
            names = " ".join(f"{p.name}=…" for p in params[:6])
            field.placeholder = f"server filters (f): {names}"
            field.value = "&".join(f"{k}={v}" for k, v in self._filters.items())

    def action_server_filters(self) -> None:
        """Focus the server-side filter row of the root list."""
        field = self.query_one("#server-filters", Input)
        if not field.has_class("-available"):
            return
        field.focus()

    @on(Input.Submitted, "#server-filters")
    def _filters_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._root is None:
            return
        filters: dict[str, str] = {}
        for piece in event.value.split("&"):
            if not piece.strip():
                continue
            name, sep, value = piece.partition("=")
            if not sep:
                self._status(f"the filter {piece!r} has no '=': write Name=value&Other=value", error=True)
                return
            filters[name.strip()] = value
        try:
            list_spec(self._root, region=self.target.region, edge=self.target.edge, filters=filters)
        except ExplorerError as error:
            self._status(f"{error.message} — {error.hint}".strip(" —"), error=True)
            return
        self._filters = filters
        self._open(self._root)

    # -- inspector ----------------------------------------------------------------------------------------

    def action_inspect(self) -> None:
        """Post the current request (the list's first page, or the record's GET) for the inspector."""
        top = self._top()
        spec: RequestSpec | None = None
        if isinstance(top, ListLevel) and top.listing is not None:
            spec = top.listing.spec
        elif isinstance(top, RecordLevel):
            spec = top.spec
        if spec is not None:
            self.post_message(self.OpenInInspector(self, spec))

    # -- status -------------------------------------------------------------------------------------------

    def _status(self, message: str, *, error: bool = False) -> None:
        # Messages quote resource names, filters and Twilio's own error messages: text, never markup.
        status = self.query_one("#browser-status", Static)
        status.update(plain(message))
        status.set_class(error, "-error")

    def _status_list(self, level: ListLevel, doing: str = "") -> None:
        if level is not self._top():
            return
        if level.error:
            self._status(level.error + " (i shows the request; Esc goes back)", error=True)
            return
        listing = level.listing
        if listing is None:
            return
        count = len(listing.records)
        parts = [f"{count:,} record{'s' if count != 1 else ''}"]
        if doing:
            parts.append(f"{doing} {listing.pages} page{'s' if listing.pages != 1 else ''}")
            if self._loading_all:
                parts.append("a cancels")
        elif listing.has_more:
            parts.append("more on the server: move down to load, a loads all")
        elif listing.pages:
            parts.append("all loaded")
        parts.append("/ filters · m columns · Enter opens")
        self._status(" · ".join(parts))

    def _account_sid(self) -> str:
        return self.session.account_sid if self.session is not None else "$TWILIO_ACCOUNT_SID"

    def _current(self, generation: int, target: Target, session: Session | None) -> bool:
        return generation == self._generation and target == self.target and session is self.session

    async def on_unmount(self) -> None:
        if self._client is not None:
            await self._client.aclose()
