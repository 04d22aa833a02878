"""Paging a list resource for the resource browser, following only the links the server returns.

A `Listing` sends the list's first request, then each next page by the link the previous page named
(`next_page_uri`, relative to the page's host, for the 2010 API; `meta.next_page_url`, absolute, for the
newer ones). It never builds a page URL itself, and every link goes through the client's Region scoping,
so a link to another Region's host is refused before any I/O and ends the listing.

Pages are fetched one at a time (`fetch_next` holds a lock, so the table asking for more while "load all"
runs never fetches a page twice); each returns a `Page` with its `Exchange` for the inspector. `load_all`
reports progress after every page and stops, keeping what it has, when its cancel event is set or its task
is cancelled.

`filter_params` gives an endpoint's server-side filters, `list_spec` the first request with them, and
`record_links` a record's `links`/`subresource_uris` matched to catalogue endpoints for drill-down.

    ListingError(ExplorerError)   a page answered with an error status or not with a list
"""

from __future__ import annotations

__all__ = [
    "PAGING_PARAMS",
    "EndpointIndex",
    "Listing",
    "ListingError",
    "LoadProgress",
    "Page",
    "RecordLink",
    "filter_params",
    "list_spec",
    "record_links",
    "record_spec",
]

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

from explorer.core.client import AsyncExplorerClient
from explorer.core.endpoint import Endpoint, EndpointKind, Param
from explorer.core.errors import CatalogError, ExplorerError, InputError, RegionScopeError
from explorer.core.exchange import Exchange, next_page_link
from explorer.core.forms import field_from_param, validate_form
from explorer.core.hosts import parse_twilio_host
from explorer.core.profiles import Credential
from explorer.core.request import ACCOUNT_SID_PARAM, AuthKind, RequestSpec


class EndpointIndex(Protocol):
    """What listing needs of the catalogue (`explorer.catalog.loader.Catalog` is one), so the core never
    imports the catalogue's layer."""

    def get(self, endpoint_id: str) -> Endpoint:
        """The endpoint with this id.

        Raises:
            CatalogError: no such endpoint.
        """
        ...

    def match(self, product: str, path: str) -> tuple[Endpoint, dict[str, str]] | None:
        """The endpoint whose template matches `path` on `product`'s host, with the path's parameter values."""
        ...


PAGING_PARAMS = frozenset({"PageSize", "Page", "PageToken"})
"""Query parameters that page a list; they are not filters."""

Record = dict[str, Any]


class ListingError(ExplorerError):
    """A list page came back with an error status, or without the list it should hold."""

    title = "Listing failed"

    def __init__(self, message: str, exchange: Exchange, *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.exchange = exchange
        """The exchange that failed, for the inspector (its Authorization header is redacted)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list."""

    exchange: Exchange
    """The request and response, for the inspector."""
    records: tuple[Record, ...]
    """The page's records, in the server's order."""
    next_url: str | None
    """The next page's absolute URL as the server named it, or None on the last page."""


@dataclass(frozen=True, slots=True)
class LoadProgress:
    """How far a listing has loaded."""

    pages: int
    """Pages fetched so far."""
    records: int
    """Records held so far."""
    done: bool
    """True once the last page is in."""
    last: Page | None = None
    """The page that was just fetched (None before any)."""


def filter_params(endpoint: Endpoint) -> tuple[Param, ...]:
    """The list's server-side filters: its GET query parameters other than PageSize, Page and PageToken."""
    operation = endpoint.operation("GET")
    if operation is None:
        return ()
    return tuple(p for p in operation.params if p.location == "query" and p.name not in PAGING_PARAMS)


def list_spec(
    endpoint: Endpoint,
    *,
    region: str | None,
    edge: str | None,
    path_params: Sequence[tuple[str, str]] = (),
    filters: Mapping[str, str] | None = None,
    page_size: int | None = None,
    auth: AuthKind = AuthKind.API_KEY,
) -> RequestSpec:
    """The first request of `endpoint`'s list, with validated filters and an optional PageSize.

    Raises:
        InputError: the endpoint is not a list, a filter is not one of its filters or not a valid value
            (`FormError` lists every problem), or the page size is out of the endpoint's range.
    """
    if endpoint.kind is not EndpointKind.LIST or endpoint.list_key is None:
        raise InputError(f"{endpoint.id} is not a list", hint="open its list endpoint instead")
    fields = [field_from_param(p) for p in filter_params(endpoint)]
    query = list(validate_form(fields, filters or {}).items())
    if page_size is not None:
        largest = endpoint.max_page_size or 1000
        if not 1 <= page_size <= largest:
            raise InputError(
                f"the page size {page_size} is out of range for {endpoint.id}", hint=f"use 1 to {largest}"
            )
        query.append(("PageSize", str(page_size)))
    return RequestSpec(
        method="GET",
        path=endpoint.path,
        product=endpoint.product,
        region=region,
        edge=edge,
        path_params=tuple((n, v) for n, v in path_params if n != ACCOUNT_SID_PARAM),
        query=tuple(query),
        auth=auth,
    )


class Listing:
    """A list resource being paged: its records so far, and whether the server named a next page."""

    def __init__(
        self,
        client: AsyncExplorerClient,
        credential: Credential,
        spec: RequestSpec,
        endpoint: Endpoint,
    ) -> None:
        """Page `spec` (the list's first request) of `endpoint` with `credential`; nothing is sent yet.

        Raises:
            InputError: `endpoint` is not a list or `spec` is not a GET.
        """
        if endpoint.kind is not EndpointKind.LIST or endpoint.list_key is None:
            raise InputError(f"{endpoint.id} is not a list", hint="open its list endpoint instead")
        if spec.method != "GET":
            raise InputError(f"a list is read with GET, not {spec.method}")
        self.spec = spec
        """The first request."""
        self.endpoint = endpoint
        """The catalogue endpoint (its list key names the records' array)."""
        self._client = client
        self._credential = credential
        self._records: list[Record] = []
        self._pages = 0
        self._next_url: str | None = None
        self._ended = False
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<Listing {self.endpoint.id} {len(self._records)} records, {self._pages} pages>"

    @property
    def records(self) -> Sequence[Record]:
        """The records fetched so far, in order (a live view: do not change it)."""
        return self._records

    @property
    def pages(self) -> int:
        """How many pages have been fetched."""
        return self._pages

    @property
    def has_more(self) -> bool:
        """Whether another page can be fetched (the first, or one the server linked to)."""
        return not self._ended

    @property
    def next_url(self) -> str | None:
        """The URL the next fetch will GET (None before the first page and after the last)."""
        return self._next_url

    def progress(self, last: Page | None = None) -> LoadProgress:
        """The listing's progress now."""
        return LoadProgress(self._pages, len(self._records), not self.has_more, last)

    async def fetch_next(self) -> Page | None:
        """Fetch the next page and add its records; None when there is nothing more.

        A failed fetch changes nothing, so calling again retries the same URL; a link refused by Region
        scoping ends the listing, since it can never succeed.

        Raises:
            ListingError: the page answered with an error status or held no list.
            RegionScopeError: the next link leaves the credential's Region (nothing was sent).
            TransportError: the request did not complete.
        """
        async with self._lock:
            if self._ended:
                return None
            try:
                if self._pages == 0:
                    exchange = await self._client.send(self.spec, self._credential)
                else:
                    assert self._next_url is not None  # has_more with pages fetched implies a link
                    exchange = await self._client.get_url(self._next_url, self._credential)
            except RegionScopeError:
                self._ended = True
                self._next_url = None
                raise
            page = self._page(exchange)
            self._records.extend(page.records)
            self._pages += 1
            self._next_url = page.next_url
            self._ended = page.next_url is None
            return page

    async def load_all(
        self,
        progress: Callable[[LoadProgress], None] | None = None,
        *,
        cancel: asyncio.Event | None = None,
    ) -> LoadProgress:
        """Fetch pages until the last one, calling `progress` after each; stop early when `cancel` is set.

        Cancelling the task that awaits this works too: the pages already fetched are kept.

        Raises:
            ListingError, RegionScopeError, TransportError: as `fetch_next`; earlier pages are kept.
        """
        last: Page | None = None
        while self.has_more and not (cancel is not None and cancel.is_set()):
            last = await self.fetch_next()
            if progress is not None:
                progress(self.progress(last))
        return self.progress(last)

    def _page(self, exchange: Exchange) -> Page:
        data = exchange.json()
        if exchange.status_code >= 400:
            code, message = exchange.twilio_error
            detail = f": Twilio error {code}, {message}" if code is not None else ""
            raise ListingError(
                f"{self.endpoint.id} answered HTTP {exchange.status_code}{detail}",
                exchange,
                hint="open the inspector to see the whole response",
            )
        key = self.endpoint.list_key
        if isinstance(data, dict):
            meta = data.get("meta")
            if isinstance(meta, dict) and isinstance(meta.get("key"), str):
                key = meta["key"]  # the server says which array holds the records
        items = data.get(key) if isinstance(data, dict) and key else None
        if not isinstance(items, list):
            raise ListingError(
                f"{self.endpoint.id} answered HTTP {exchange.status_code} without a {key!r} list",
                exchange,
                hint="open the inspector to see what came back",
            )
        records = tuple(item for item in items if isinstance(item, dict))
        return Page(exchange, records, next_page_link(data, exchange.url))


@dataclass(frozen=True, slots=True)
class RecordLink:
    """A link in a record (`links` or `subresource_uris`) and the catalogue endpoint it opens, if known."""

    name: str
    """The link's name in the record (`recordings`, `participants`)."""
    url: str
    """The absolute URL (relative 2010 URIs are joined to the record's URL)."""
    endpoint: Endpoint | None
    """The catalogue endpoint the URL's path matches, or None."""
    path_params: tuple[tuple[str, str], ...] = ()
    """The path's parameters other than `{AccountSid}` (`CallSid`)."""

    def to_spec(self, parent: RequestSpec, account_sid: str) -> RequestSpec | None:
        """The request for the link in `parent`'s Region and edge, or None when it cannot be rebuilt exactly.

        None means: no catalogue endpoint matched, or the rebuilt request's URL differs from the one the
        server linked to (another host, another Account), so the link is shown but never rewritten.
        """
        if self.endpoint is None:
            return None
        spec = RequestSpec(
            method="GET",
            path=self.endpoint.path,
            product=self.endpoint.product,
            region=parent.region,
            edge=parent.edge,
            path_params=self.path_params,
            auth=parent.auth,
        )
        linked = urlsplit(self.url)._replace(query="", fragment="").geturl()
        return spec if spec.url(account_sid) == linked else None


def record_links(record: Mapping[str, Any], *, base_url: str, catalog: EndpointIndex) -> list[RecordLink]:
    """The record's `links` (absolute, v1 and later) and `subresource_uris` (relative, 2010), in order.

    Args:
        record: one record as the server sent it.
        base_url: the URL the record came from (relative URIs are joined to it).
        catalog: where each link's path is matched (`Calls/CA…/Recordings.json` → `api:calls:recordings`).
    """
    found: list[RecordLink] = []
    for key in ("subresource_uris", "links"):
        table = record.get(key)
        if not isinstance(table, dict):
            continue
        for name, target in table.items():
            if not isinstance(name, str) or not isinstance(target, str) or not target:
                continue
            url = urljoin(base_url, target)
            parts = urlsplit(url)
            product, _, _ = parse_twilio_host(parts.hostname or "")
            matched = catalog.match(product, parts.path) if parts.hostname else None
            if matched is None:
                found.append(RecordLink(name, url, None))
                continue
            endpoint, params = matched
            # The path holds the values percent-encoded; RequestSpec encodes them again when it builds the URL.
            path_params = tuple((n, unquote(v)) for n, v in params.items() if n != ACCOUNT_SID_PARAM)
            found.append(RecordLink(name, url, endpoint, path_params))
    return found


def record_spec(
    catalog: EndpointIndex,
    list_endpoint: Endpoint,
    parent: RequestSpec,
    record: Mapping[str, Any],
    account_sid: str,
) -> RequestSpec | None:
    """The record's own GET: from its `uri`/`url` when the catalogue rebuilds it exactly, else the instance
    path of the list with the record's SID; None when neither works."""
    ref = record.get("uri") or record.get("url")
    if isinstance(ref, str) and ref:
        url = urljoin(parent.url(account_sid), ref)
        host = urlsplit(url).hostname or ""
        matched = catalog.match(parse_twilio_host(host)[0], urlsplit(url).path)
        if matched is not None and matched[0].kind is EndpointKind.INSTANCE:
            endpoint, params = matched
            path_params = tuple((n, unquote(v)) for n, v in params.items() if n != ACCOUNT_SID_PARAM)
            spec = RecordLink("self", url, endpoint, path_params).to_spec(parent, account_sid)
            if spec is not None:
                return spec
    sid = record.get("sid")
    if list_endpoint.instance is None or not isinstance(sid, str):
        return None
    try:
        instance = catalog.get(list_endpoint.instance)
    except CatalogError:
        return None
    known = dict(parent.path_params)
    missing = [n for n in instance.path_params if n != ACCOUNT_SID_PARAM and n not in known]
    if len(missing) != 1:
        return None
    known[missing[0]] = sid
    try:
        return RequestSpec("GET", instance.path, instance.product, parent.region, parent.edge,
                           path_params=tuple(known.items()), auth=parent.auth)  # fmt: skip
    except ExplorerError:
        return None
