"""Fill a catalogue endpoint's path with SIDs that exist, by reading the parent lists first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from explorer.catalog.loader import Catalog
from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, EndpointKind

Fetch = Callable[[str], Awaitable[tuple[int, Any]]]


class PathFiller:
    """Resolves `{Params}` of a path template to values that exist in one Region, by listing parents."""

    def __init__(self, catalog: Catalog, account_sid: str, fetch: Fetch) -> None:
        self._catalog = catalog
        self._account_sid = account_sid
        self._fetch = fetch
        self._first: dict[str, str | None] = {}

    async def fill(self, endpoint: Endpoint) -> str:
        """A concrete path for `endpoint`: parents' keys read from their lists, placeholders where none."""
        path = endpoint.path
        names = list(endpoint.path_params)
        for name in names:
            marker = "{" + name + "}"
            if name == "AccountSid" or (name == "Sid" and path.startswith("/2010-04-01/Accounts/{Sid}")):
                path = path.replace(marker, self._account_sid)
                continue
            prefix = path[: path.index(marker)].rstrip("/")
            listing = prefix + (".json" if endpoint.path.endswith(".json") else "")
            value = await self._first_key(endpoint.product, listing, snake_case(name))
            path = path.replace(marker, value or _placeholder(name))
        return path

    async def _first_key(self, product: str, list_path: str, field: str) -> str | None:
        key = f"{product}{list_path}"
        if key not in self._first:
            self._first[key] = None
            matched = self._catalog.match(product, list_path)
            if matched is not None and matched[0].kind is EndpointKind.LIST and matched[0].envelope:
                status, body = await self._fetch(list_path)
                records = body.get(matched[0].list_key or "", []) if status == 200 else []
                if records and isinstance(records[0], dict):
                    sid = records[0].get(field, records[0].get("sid"))
                    self._first[key] = sid if isinstance(sid, str) else None
        return self._first[key]


def _placeholder(name: str) -> str:
    # A key with no list to read it from (a country code, a resource type): any plausible value will do.
    return "US" if name == "CountryCode" else f"demo-{snake_case(name)}"
