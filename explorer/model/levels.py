"""The resource browser's stack: lists and records opened one inside the other, as plain data.

The `Navigator` keeps the stack and the browser shows its top level; these functions answer questions about
it (which list a record came from, what a write would act on, the breadcrumb).
"""

from __future__ import annotations

__all__ = [
    "Breadcrumb",
    "Level",
    "ListLevel",
    "Record",
    "RecordLevel",
    "breadcrumb",
    "nearest_list_spec",
    "write_context",
]

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer.catalog.loader import Catalog
from explorer.core.endpoint import Endpoint
from explorer.core.listing import Listing, RecordLink
from explorer.core.request import ACCOUNT_SID_PARAM, RequestSpec

Record = dict[str, Any]
"""A record as the API returned it."""


@dataclass(slots=True)
class ListLevel:
    """A list on the breadcrumb."""

    title: str
    """The list's name on the breadcrumb (the catalogue id at the root, the link's name below it)."""
    endpoint: Endpoint
    """The catalogue's list endpoint."""
    listing: Listing | None
    """None when the list could not be opened (the error says why)."""
    error: str = ""
    """Why the list could not be opened or its last page failed ("message — hint"); empty when it did not."""


@dataclass(slots=True)
class RecordLevel:
    """A record on the breadcrumb."""

    title: str
    """The record's SID (or name), as the breadcrumb shows it."""
    spec: RequestSpec | None
    """Its own GET; None when the catalogue has no request for it (it is shown as listed)."""
    record: Record | None = None
    """Its fields; None until fetched (or when the fetch failed)."""
    links: list[RecordLink] = field(default_factory=list)
    """Its links and subresources, matched to the catalogue for drill-down."""
    note: str = ""
    """What is going on while it has no fields (`GET …`), or why it is shown as listed."""
    error: str = ""
    """Why its fetch failed ("message — hint"); empty when it did not."""


Level = ListLevel | RecordLevel
"""One step of the breadcrumb."""


def nearest_list_spec(levels: Sequence[Level]) -> RequestSpec | None:
    """The request of the innermost list that is open (a record's links are relative to it)."""
    for level in reversed(levels):
        if isinstance(level, ListLevel) and level.listing is not None:
            return level.listing.spec
    return None


def write_context(
    levels: Sequence[Level], catalog: Catalog | None, account_sid: str, *, record: bool
) -> tuple[Endpoint, dict[str, str], Record | None] | None:
    """What a write would act on: the open list (`record=False`, to create in it) or the open record.

    Returns the endpoint, its path values (without `AccountSid`, which the session fills) and, for a record,
    its fields; None when nothing suitable is open.
    """
    top = levels[-1] if levels else None
    if not record:
        if isinstance(top, ListLevel) and top.listing is not None:
            values = {n: v for n, v in top.listing.spec.path_params if n != ACCOUNT_SID_PARAM}
            return top.endpoint, values, None
        return None
    if not isinstance(top, RecordLevel) or top.spec is None or catalog is None:
        return None
    matched = catalog.match(top.spec.product, top.spec.encoded_path(account_sid))
    if matched is None:
        return None
    endpoint, values = matched
    values.pop(ACCOUNT_SID_PARAM, None)
    return endpoint, values, top.record


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    """The way to the level on top."""

    titles: tuple[str, ...]
    """Each level's title, the root first (foreign text: record SIDs and names come from the server)."""
    availability: str = ""
    """For a root list its Region does not plainly offer, the catalogue's claim (`not offered in AU1`)."""


def breadcrumb(levels: Sequence[Level], catalog: Catalog | None, region: str) -> Breadcrumb:
    """The titles of `levels`, and whether `region` offers the root list."""
    availability = ""
    root = levels[0] if levels else None
    if isinstance(root, ListLevel) and catalog is not None:
        claim = catalog.claim(root.endpoint, region)
        if not claim.availability.offered or claim.availability.value != "offered":
            availability = f"{claim.availability} in {claim.region.upper()}"
    return Breadcrumb(tuple(level.title for level in levels), availability)
