"""List envelopes exactly as the published schemas describe them, with Twilio's paging links.

2010 lists carry relative `*_uri` links; v1+ lists carry a `meta` object with absolute `*_url` links on the
request's own (regional) host. Both carry a `PageToken` that encodes where the next or previous page
starts; the token is bound to its list, so a token from another list or Region is rejected (21481), and
clients must follow the links rather than build them (twilio-facts.md §5.2, §5.3).
"""

from __future__ import annotations

__all__ = ["DEFAULT_PAGE_SIZE", "PageRequest", "PagingError", "envelope", "parse_paging"]

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from explorer.core.endpoint import Endpoint, Envelope

DEFAULT_PAGE_SIZE = 50
_PAGING_PARAMS = frozenset({"Page", "PageSize", "PageToken", "pageSize", "pageToken", "page"})
_DEFAULT_2010_KEYS = (
    "end",
    "first_page_uri",
    "next_page_uri",
    "page",
    "page_size",
    "previous_page_uri",
    "start",
    "uri",
)
_DEFAULT_META_KEYS = (
    "first_page_url",
    "key",
    "next_page_url",
    "page",
    "page_size",
    "previous_page_url",
    "url",
)


class PagingError(ValueError):
    """A paging parameter the server rejects; carries Twilio's error code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Where a page starts and how big it is."""

    offset: int
    """The position of the page's first record."""
    size: int
    """PageSize after clamping to the endpoint's maximum."""
    page: int
    """The `Page` number the client sent (client state, echoed back)."""
    filters: tuple[tuple[str, str], ...]
    """The query parameters that are not paging parameters, kept in the links."""


def _token(list_hash: bytes, offset: int, direction: str) -> str:
    return f"{direction}{list_hash[:12].hex()}{offset:08x}"


def parse_paging(query: Sequence[tuple[str, str]], endpoint: Endpoint, list_hash: bytes) -> PageRequest:
    """Read Page, PageSize and PageToken (and the token-paging spellings) from a query string.

    Raises:
        PagingError: a PageSize that is not a positive number, or a PageToken that is not this list's.
    """
    values = dict(query)
    raw_size = values.get("PageSize", values.get("pageSize", ""))
    size = DEFAULT_PAGE_SIZE
    if raw_size:
        if not raw_size.isdigit() or int(raw_size) < 1:
            raise PagingError(20001, f"Invalid PageSize: {raw_size[:20]!r}")
        size = int(raw_size)
    size = min(size, endpoint.max_page_size or 1000)
    raw_page = values.get("Page", values.get("page", "0"))
    page = int(raw_page) if raw_page.isdigit() else 0
    offset = page * size
    token = values.get("PageToken", values.get("pageToken", ""))
    if token:
        body = token[2:]
        if token[:2] not in ("PA", "PB") or len(body) != 32 or body[:24] != list_hash[:12].hex():
            raise PagingError(21481, "Invalid PageToken")
        try:
            offset = int(body[24:], 16)
        except ValueError as error:
            raise PagingError(21481, "Invalid PageToken") from error
    filters = tuple((k, v) for k, v in query if k not in _PAGING_PARAMS)
    return PageRequest(offset, size, page, filters)


def envelope(
    endpoint: Endpoint,
    request: PageRequest,
    records: Sequence[Any],
    total: int,
    path: str,
    host: str,
    list_hash: bytes,
) -> dict[str, Any]:
    """The list response for one page, with exactly the endpoint's published top-level (and meta) keys.

    Args:
        endpoint: the list endpoint.
        request: the page asked for.
        records: the page's records (or their JSON bytes: only their number is read, and they are put under
            the list's key as given).
        total: the list's size, to know whether there is a next page.
        path: the concrete request path (without the query).
        host: the request's host, for absolute v1+ links.
        list_hash: the list's identity, which tokens are bound to.
    """
    size, offset = request.size, request.offset
    has_next = offset + len(records) < total
    has_previous = offset > 0

    # What `urlencode([*filters, ("PageSize", size), ("Page", page), ("PageToken", token)])` gives: the filters
    # are quoted once per page instead of once per link; numbers and tokens (hex) need no quoting.
    filters = urlencode(request.filters) + "&" if request.filters else ""

    def query(page: int, token: str | None) -> str:
        tail = f"&PageToken={token}" if token is not None else ""
        return f"{filters}PageSize={size}&Page={page}{tail}"

    current_token = _token(list_hash, offset, "PA") if offset else None
    next_token = _token(list_hash, offset + size, "PA") if has_next else None
    previous_token = _token(list_hash, max(0, offset - size), "PB") if has_previous else None
    links: dict[str, str | None] = {
        "first": f"{path}?{query(0, None)}",
        "current": f"{path}?{query(request.page, current_token)}",
        "next": f"{path}?{query(request.page + 1, next_token)}" if next_token else None,
        "previous": f"{path}?{query(max(0, request.page - 1), previous_token)}" if previous_token else None,
        "last": f"{path}?{query(max(0, (total - 1) // size), None)}",
    }
    key = endpoint.list_key or endpoint.name
    if endpoint.envelope is Envelope.META:
        prefix = f"https://{host}"
        known_meta: dict[str, Any] = {
            "page": request.page,
            "page_size": size,
            "pageSize": size,
            "first_page_url": _absolute(prefix, links["first"]),
            "previous_page_url": _absolute(prefix, links["previous"]),
            "next_page_url": _absolute(prefix, links["next"]),
            "url": _absolute(prefix, links["current"]),
            "key": key,
            "next_token": next_token,
            "nextToken": next_token,
            "previous_token": previous_token,
            "previousToken": previous_token,
        }
        meta = {name: known_meta.get(name) for name in (endpoint.meta_keys or _DEFAULT_META_KEYS)}
        known: Mapping[str, Any] = {key: records, "meta": meta}
        names = endpoint.envelope_keys or (key, "meta")
    else:
        known = {
            key: records,
            "end": offset + len(records) - 1 if records else offset,
            "first_page_uri": links["first"],
            "next_page_uri": links["next"],
            "previous_page_uri": links["previous"],
            "last_page_uri": links["last"],
            "page": request.page,
            "page_size": size,
            "start": offset,
            "uri": links["current"],
            "total": total,
            "num_pages": (total + size - 1) // size,
        }
        names = endpoint.envelope_keys or (key, *_DEFAULT_2010_KEYS)
    # Exactly the published keys: clients that find the records by elimination break on an extra key.
    return {name: known.get(name) for name in names}


def _absolute(prefix: str, link: str | None) -> str | None:
    return None if link is None else prefix + link
