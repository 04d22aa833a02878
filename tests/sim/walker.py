"""Fill a catalogue endpoint's path with SIDs that exist, by reading the parent lists first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from explorer.catalog.loader import Catalog
from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, EndpointKind, Param, Role
from explorer.sim.patterns import sample
from explorer.sim.values import Context, compile_value

Fetch = Callable[[str], Awaitable[tuple[int, Any]]]
"""GET `path` on one host; the status and the parsed body."""
Create = Callable[[str, dict[str, Any], bool], Awaitable[tuple[int, Any]]]
"""POST `path` with parameters, as JSON when the flag says so (else a form)."""


class PathFiller:
    """Resolves `{Params}` of a path template to values that exist in one Region, by listing parents."""

    def __init__(
        self, catalog: Catalog, account_sid: str, fetch: Fetch, create: Create | None = None
    ) -> None:
        self._catalog = catalog
        self._account_sid = account_sid
        self._fetch = fetch
        self._create = create
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
            path = path.replace(marker, value or _placeholder(name, _declared(endpoint, name), endpoint))
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
            elif matched is not None and matched[0].role is Role.CREATE and self._create is not None:
                # Records of a create-only list exist once created, as in Twilio: create one to read.
                create = matched[0].operation("POST")
                assert create is not None
                fields = (matched[0].response or {}).get("properties") or {}
                wanted = [p for p in create.params if p.required and p.location in ("form", "json")]
                as_json = any(p.location == "json" for p in wanted)
                form = {p.name: _value(p, fields.get(snake_case(p.name)), as_json) for p in wanted}
                status, body = await self._create(list_path, form, as_json)
                if status == 201 and isinstance(body, dict):
                    sid = body.get(field, body.get("sid"))
                    self._first[key] = sid if isinstance(sid, str) else None
        return self._first[key]


def _declared(endpoint: Endpoint, name: str) -> Param | None:
    for operation in endpoint.operations:
        for param in operation.params:
            if param.name == name and param.location == "path":
                return param
    return None


def _placeholder(name: str, param: Param | None, endpoint: Endpoint) -> str:
    # A key with no list to read it from (a country code, a resource type): a value of the declared kind,
    # as a client following the documentation would send.
    if name in ("CountryCode", "IsoCountry", "IsoCode"):
        return "US"
    if param is not None:
        if param.enum:
            return param.enum[0]
        if param.type == "integer":
            return "1"
        if param.pattern and (made := sample(param.pattern, 1)) is not None:
            return made
        if param.format == "phone-number" or "PhoneNumber" in name:
            return "+12015550123"
    # The record's own key: the form its schema gives the identity field.
    properties = (endpoint.response or {}).get("properties") or {}
    own = properties.get(snake_case(name)) or (
        properties.get("sid") if name == endpoint.path_params[-1] else None
    )
    if own is not None:
        if own.get("type") == "integer":
            return "1"
        if isinstance(own.get("pattern"), str) and (made := sample(own["pattern"], 1)) is not None:
            return made
    return f"demo-{snake_case(name)}"


def _value(param: Param, field: Any, as_json: bool) -> Any:
    # A value of the declared kind for a required parameter, as the documentation's examples would give.
    if param.enum:
        return param.enum[0]
    if isinstance(field, dict) and field.get("enum"):
        return field["enum"][0]
    if as_json and param.type in ("array", "object", "any"):
        if isinstance(field, dict):
            # A structured value of the shape the record will show (what the documentation's example sends).
            return compile_value(field, param.name)(
                Context("us1", 0, 1, None, datetime.now(UTC), {}, "", None)
            )
        return [] if param.type == "array" else {}
    if param.type in ("integer", "number"):
        return str(int(param.minimum)) if param.minimum is not None else "1"
    if param.type == "boolean":
        return "true"
    if param.type in ("object", "any"):
        return "{}"
    if param.pattern and (made := sample(param.pattern, 1)) is not None:
        return made
    if param.format == "phone-number" or param.name in ("To", "From", "PhoneNumber"):
        return "+12015550123"
    if param.format == "uri" or param.name.endswith("Url"):
        return "https://example.com/hook"
    return "demo"


def host_requests(http: httpx.AsyncClient, host: str, auth: tuple[str, str]) -> tuple[Fetch, Create]:
    """GET and POST on `host` with `auth` through `http`: what a `PathFiller` walks a product's host with."""

    async def fetch(path: str) -> tuple[int, Any]:
        response = await http.get(f"https://{host}{path}", auth=auth)
        return response.status_code, response.json()

    async def create(path: str, values: dict[str, Any], as_json: bool) -> tuple[int, Any]:
        body = {"json": values} if as_json else {"data": values}
        response = await http.post(f"https://{host}{path}", auth=auth, **body)
        return response.status_code, response.json()

    return fetch, create
