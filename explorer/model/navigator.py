"""The resource browser's state without a terminal: the stack of lists and records, paging and drill-down.

A `Navigator` is what the browser pane (and, next, the notebook) drives. Changing the view is synchronous
(`point`, `open`, `set_filters`, `choose`, `follow`, `back`) and returns the level now on top, so a screen can
draw it at once; fetching is asynchronous (`fetch_next`, `load_all`, `fetch_record`) and answers with a
`Fetched` for the level it belongs to.

Every change of view goes through one place (`Fetches.invalidate`): the fetches on their way are cancelled, a
load-all is stopped and the generation is bumped, so an answer that still arrives for the old view (another
target, session, list or record) is dropped, never reported. Pages stay consistent throughout: a `Listing`
adds a page's records only once the whole page is in, so a fetch cancelled half-way changes nothing and the
next fetch asks for the same page again; pages are fetched one at a time, so none is ever added twice.

    navigator = Navigator(Target.preset("au1"), session, catalog)
    navigator.open_named("api:calls")
    await navigator.fetch_next()                 # Fetched(level, spec, exchange, records=(...50 calls))
    navigator.choose(navigator.top.listing.records[0]); await navigator.fetch_record()
"""

from __future__ import annotations

__all__ = ["Navigator"]

from collections.abc import Callable, Mapping
from typing import Any

from explorer.catalog.loader import Catalog
from explorer.core.endpoint import Endpoint, EndpointKind, Param
from explorer.core.errors import ExplorerError, InputError, as_explorer_error
from explorer.core.exchange import Exchange
from explorer.core.listing import (
    Listing,
    ListingError,
    LoadProgress,
    RecordLink,
    filter_params,
    record_links,
    record_spec,
)
from explorer.core.param_text import format_params, parse_params
from explorer.core.request import RequestSpec
from explorer.model.fetches import Fetched, Fetches
from explorer.model.levels import (
    Breadcrumb,
    Level,
    ListLevel,
    Record,
    RecordLevel,
    breadcrumb,
    nearest_list_spec,
    write_context,
)
from explorer.model.requester import Requester
from explorer.model.session import Session
from explorer.model.target import Target

_INSPECT_HINT = "open the inspector to see the whole response"


class Navigator:
    """Where the browser is: the stack of levels, the open list's paging, and the fetches that fill them."""

    def __init__(
        self, target: Target | None = None, session: Session | None = None, catalog: Catalog | None = None
    ) -> None:
        self.catalog = catalog
        """The API catalogue (lists are found, and records and links matched, in it); see `use_catalog`."""
        self._requester = Requester(target, session)
        self._levels: list[Level] = []
        self._root: Endpoint | None = None  # the list opened from the tree or by name
        self._filters: dict[str, str] = {}  # the root list's server-side filters
        self._pending: str | None = None  # a list asked for by name before the catalogue was in
        self._fetches = Fetches()

    # -- state ------------------------------------------------------------------------------------------

    @property
    def target(self) -> Target:
        """Where requests go."""
        return self._requester.target

    @property
    def session(self) -> Session | None:
        """Who requests are sent as; None while it loads."""
        return self._requester.session

    @property
    def levels(self) -> tuple[Level, ...]:
        """The stack, the root list first."""
        return tuple(self._levels)

    @property
    def top(self) -> Level | None:
        """The level shown: the innermost list or record, None when nothing is open."""
        return self._levels[-1] if self._levels else None

    @property
    def root(self) -> Endpoint | None:
        """The list opened last from the tree or by name (reopened by `point` and `reload`)."""
        return self._root

    @property
    def region(self) -> str:
        """The Region that processes the target's requests (whose credential is used, whose claims shown)."""
        return self._requester.region

    @property
    def account_sid(self) -> str:
        """The session's Account SID, or its placeholder while the session loads."""
        return self._requester.account_sid

    @property
    def fetching(self) -> bool:
        """Whether a single page is on its way."""
        return self._fetches.fetching

    @property
    def loading_all(self) -> bool:
        """Whether a load-all is running."""
        return self._fetches.loading_all

    @property
    def can_fetch(self) -> bool:
        """Whether the list on top has another page and none is on its way."""
        return self._paging() is not None and not self.fetching and not self.loading_all

    @property
    def request(self) -> RequestSpec | None:
        """The request of the level on top: the list's first page or the record's GET."""
        top = self.top
        if isinstance(top, ListLevel):
            return top.listing.spec if top.listing is not None else None
        return top.spec if top is not None else None

    def breadcrumb(self) -> Breadcrumb:
        """The titles of the stack, and whether the Region offers the root list."""
        return breadcrumb(self._levels, self.catalog, self.region)

    def write_context(self, *, record: bool) -> tuple[Endpoint, dict[str, str], Record | None] | None:
        """What a write would act on: the open list (`record=False`) or the open record; see `write_context`."""
        return write_context(self._levels, self.catalog, self.account_sid, record=record)

    # -- opening ----------------------------------------------------------------------------------------

    def point(self, target: Target, session: Session | None) -> ListLevel | None:
        """Send requests to `target` as `session`: the stack is dropped (it was fetched for the old ones) and
        the root list reopened with its filters. Returns what `reload` returns."""
        self._requester.point(target, session)
        return self.reload()

    def use_catalog(self, catalog: Catalog) -> str | None:
        """Take the catalogue; returns the name asked for before it was in (to open now), if any."""
        self.catalog = catalog
        pending, self._pending = self._pending, None
        return pending

    def open_named(self, name_or_id: str) -> ListLevel | None:
        """Open a list by catalogue id or name (`api:calls`, `applications`); see `open`.

        Before the catalogue is in, the name is kept (`use_catalog` hands it back) and None returned.

        Raises:
            CatalogError: the name matches no list, or several.
        """
        if self.catalog is None:
            self._pending = name_or_id
            return None
        return self.open(self.catalog.find(name_or_id))

    def open(self, endpoint: Endpoint, filters: Mapping[str, str] | None = None) -> ListLevel | None:
        """Open `endpoint` as the root list with `filters` (none by default); see `reload`."""
        self._root, self._filters = endpoint, dict(filters or {})
        return self.reload()

    def reload(self) -> ListLevel | None:
        """Reopen the root list, from its first page: no page is fetched yet (`fetch_next` fetches one).

        Returns the root level (with `error` set when it cannot be listed: a single record, a list that needs
        a parent record, no credential for the Region), or None when no list is open or the session is still
        loading (the list opens when `point` brings one).
        """
        self._fetches.invalidate()
        self._levels = []
        root = self._root
        if root is None or self.session is None:
            return None
        try:
            level = ListLevel(root.id, root, self._requester.listing(root, filters=self._filters))
        except Exception as caught:  # noqa: BLE001 - building the client reads the CA bundle, which may be gone
            error = as_explorer_error(caught, f"opening {root.id}")
            level = ListLevel(root.id, root, None, error=error.text())
        self._levels = [level]
        return level

    # -- server-side filters ----------------------------------------------------------------------------

    @property
    def filters_text(self) -> str:
        """The filters as typed: `Status=completed&To=+61…`."""
        return format_params(tuple(self._filters.items()))

    def filter_params(self) -> tuple[Param, ...]:
        """The filters on offer now: the root list's own, while it is the level shown."""
        if self._root is None or len(self._levels) > 1 or isinstance(self.top, RecordLevel):
            return ()
        return filter_params(self._root)

    def set_filters(self, text: str) -> ListLevel | None:
        """Reopen the root list with the filters in `text` (empty clears them); see `reload`.

        Raises:
            InputError: a piece has no `=`, or a filter is not one of the list's or not a valid value; the
                list and its filters are left as they were.
        """
        if self._root is None:
            return None
        filters = dict(parse_params(text))
        self._requester.first_request(self._root, filters)  # validates them
        return self.open(self._root, filters)

    # -- drill-down -------------------------------------------------------------------------------------

    def choose(self, record: Mapping[str, Any]) -> RecordLevel | None:
        """Open a record of the list on top: by its own GET when the catalogue has one (`fetch_record` fetches
        it), else as listed, with its links. None when no list is open."""
        top = self.top
        if not isinstance(top, ListLevel) or top.listing is None:
            return None
        record, parent, sid = dict(record), top.listing.spec, self.account_sid
        title = str(record.get("sid") or record.get("friendly_name") or "record")
        spec = record_spec(self.catalog, top.endpoint, parent, record, sid) if self.catalog else None
        if spec is not None:
            level = RecordLevel(title, spec, note=f"GET {spec.url(sid)}")
        else:
            links = self._links(record, parent.url(sid))
            level = RecordLevel(
                title, None, record, links, note="Shown as listed: the catalogue has no request for it."
            )
        self._push(level)
        return level

    def follow(self, link: RecordLink) -> Level:
        """Open a link of the record on top: a list (`fetch_next` fetches its first page) or a record
        (`fetch_record` fetches it), in the record's Region and edge.

        Raises:
            InputError: no record is open, the link is not a catalogue resource in this Region (it is listed
                but not opened), or the session has no credential for the Region.
        """
        top = self.top
        if not isinstance(top, RecordLevel):
            raise InputError("no record is open", hint="choose a record of a list first")
        parent = top.spec or nearest_list_spec(self._levels)
        spec = link.to_spec(parent, self.account_sid) if parent is not None else None
        if link.endpoint is None or spec is None:
            raise InputError(f"{link.name}: {link.url} is not a resource of the catalogue in this Region; "
                             "it is listed but not opened.")  # fmt: skip
        level: Level
        if link.endpoint.kind is EndpointKind.LIST:
            level = ListLevel(link.name, link.endpoint, self._requester.listing(link.endpoint, spec=spec))
        else:
            level = RecordLevel(link.name, spec, note=f"GET {spec.url(self.account_sid)}")
        self._push(level)
        return level

    def back(self) -> Level | None:
        """Close the level on top; returns the one now shown, or None at the root (nothing changes)."""
        if len(self._levels) < 2:
            return None
        self._fetches.invalidate()
        self._levels.pop()
        return self._levels[-1]

    # -- fetching ---------------------------------------------------------------------------------------

    async def fetch_next(self) -> Fetched | None:
        """Fetch the next page of the list on top.

        Returns its answer (the records to add, or the error, also kept on the level); None when there was
        nothing to fetch, a page was already on its way, or the view changed meanwhile (the page is dropped).
        """
        paging = self._paging()
        if paging is None or not self.can_fetch:
            return None
        level, listing = paging
        generation, self._fetches.fetching = self._fetches.generation, True
        try:
            return await self._fetches.track(self._page(level, listing))
        finally:
            if generation == self._fetches.generation:
                self._fetches.fetching = False

    async def load_all(self, progress: Callable[[Fetched], None] | None = None) -> Fetched | None:
        """Fetch every page left of the list on top with `Listing.load_all`, calling `progress` with each.

        `cancel_load_all`, or any change of view, stops it; the pages in are kept, and `fetch_next` carries on
        from the next one. Returns the last word: the error that stopped it (also kept on the level) or an
        answer without records once it ended; None when there was nothing to load or it was cancelled.
        """
        paging = self._paging()
        if paging is None or self.loading_all:
            return None
        level, listing = paging
        generation, stop = self._fetches.generation, self._fetches.start_loading_all()

        def each(step: LoadProgress) -> None:
            if generation == self._fetches.generation and step.last is not None:
                level.error = ""
                if progress is not None:
                    progress(Fetched(level, listing.spec, step.last.exchange, step.last.records))

        async def run() -> Fetched | None:
            try:
                await listing.load_all(each, cancel=stop)
            except Exception as caught:  # noqa: BLE001 - a bug must still end as a failed page, not a crash
                return _failed(level, listing.spec, as_explorer_error(caught, "fetching a page"))
            return Fetched(level, listing.spec)

        try:
            return await self._fetches.track(run(), loader=True)
        finally:
            self._fetches.end_loading_all(stop)

    def cancel_load_all(self) -> bool:
        """Stop the load-all at once, keeping the pages in; False when none is running."""
        return self._fetches.cancel_loading_all()

    async def fetch_record(self) -> Fetched | None:
        """Fetch the record on top (opened by `choose` or `follow`).

        Returns its answer (the level now holds its fields and links, or its error); None when there was no
        record to fetch or the view changed meanwhile.
        """
        top = self.top
        if not isinstance(top, RecordLevel) or top.spec is None or top.record is not None:
            return None
        return await self._fetches.track(self._record(top, top.spec))

    async def aclose(self) -> None:
        """Stop every fetch (the HTTP client is the session's, which closes it)."""
        self._fetches.invalidate()

    # -- internals --------------------------------------------------------------------------------------

    def _push(self, level: Level) -> None:
        self._fetches.invalidate()
        self._levels.append(level)

    def _paging(self) -> tuple[ListLevel, Listing] | None:
        """The list on top and its listing, when it has another page."""
        top = self.top
        if isinstance(top, ListLevel) and top.listing is not None and top.listing.has_more:
            return top, top.listing
        return None

    async def _page(self, level: ListLevel, listing: Listing) -> Fetched:
        try:
            page = await listing.fetch_next()
        except Exception as caught:  # noqa: BLE001 - a bug must still end as a failed page, not a crash
            return _failed(level, listing.spec, as_explorer_error(caught, "fetching a page"))
        level.error = ""
        if page is None:
            return Fetched(level, listing.spec)
        return Fetched(level, listing.spec, page.exchange, page.records)

    async def _record(self, level: RecordLevel, spec: RequestSpec) -> Fetched:
        try:
            exchange = await self._requester.send(spec)
        except Exception as caught:  # noqa: BLE001 - a bug must still end as a failed record, not a crash
            return _failed(level, spec, as_explorer_error(caught, "fetching a record"))
        data = exchange.json()
        if exchange.status_code >= 400 or not isinstance(data, dict):
            code, message = exchange.twilio_error
            detail = f": Twilio error {code}, {message}" if code is not None else ""
            error = ExplorerError(f"HTTP {exchange.status_code}{detail}", hint=_INSPECT_HINT)
            return _failed(level, spec, error, exchange)
        level.record, level.note, level.error = data, "", ""
        level.links = self._links(data, exchange.url)
        return Fetched(level, spec, exchange)

    def _links(self, record: Mapping[str, Any], base_url: str) -> list[RecordLink]:
        return record_links(record, base_url=base_url, catalog=self.catalog) if self.catalog else []


def _failed(
    level: Level, spec: RequestSpec, error: ExplorerError, exchange: Exchange | None = None
) -> Fetched:
    """A failed answer, its error kept on its level (with the exchange of a page that answered badly)."""
    level.error = error.text()
    if exchange is None and isinstance(error, ListingError):
        exchange = error.exchange
    return Fetched(level, spec, exchange, error=error)
