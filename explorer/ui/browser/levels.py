"""The resource browser's breadcrumb: lists and records opened one inside the other, as plain data.

Nothing here imports Textual: the pane shows the top level; these functions answer questions about the stack
(which list a record came from, what a write would act on).
"""

from __future__ import annotations

__all__ = ["Level", "ListLevel", "Record", "RecordLevel", "nearest_list_spec", "write_context"]

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
    endpoint: Endpoint
    listing: Listing | None
    """None when the list could not be opened (the error says why)."""
    error: str = ""


@dataclass(slots=True)
class RecordLevel:
    """A record on the breadcrumb."""

    title: str
    spec: RequestSpec | None
    record: Record | None = None
    links: list[RecordLink] = field(default_factory=list)
    note: str = ""


Level = ListLevel | RecordLevel
"""One step of the breadcrumb."""


def nearest_list_spec(levels: list[Level]) -> RequestSpec | None:
    """The request of the innermost list that is open (a record's links are relative to it)."""
    for level in reversed(levels):
        if isinstance(level, ListLevel) and level.listing is not None:
            return level.listing.spec
    return None


def write_context(
    levels: list[Level], catalog: Catalog | None, account_sid: str, *, record: bool
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
