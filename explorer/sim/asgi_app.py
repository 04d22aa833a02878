"""The simulator's ASGI application: Twilio's regional REST API for every endpoint of the catalogue.

Plain ASGI, no framework: one request is host → Region, credentials → that Region's, path → catalogue
endpoint, then a list page, a record, or a write, each answered with Twilio's shapes and error codes.

    host not served (only reachable with TLS checks off)   404 / 20404
    missing or other Region's credential                   401 / 20003
    unknown path, SID, parent or Account SID                404 / 20404
    endpoint not offered in the Region (a path prefix)     404 / 20404
    a bad PageSize / a PageToken of another list           400 / 20001, 21481
    a write the description refuses (explorer.sim.validation) 400 / its documented code
    a method the endpoint does not have                    405 / 20004 "Method not allowed"

Every reply carries Twilio's headers (`responses.twilio_headers`): the serving Region in `X-Home-Region`, the
host in `X-Api-Domain`, `Twilio-Request-Id`, `-Duration`, `-Concurrent-Requests` and the CORS headers.
"""

from __future__ import annotations

__all__ = ["SimApp", "TunnelControl"]

import asyncio
import dataclasses
import time
from collections import Counter
from typing import Any, Protocol
from urllib.parse import parse_qsl

from explorer.catalog.loader import Catalog
from explorer.core.endpoint import Endpoint, EndpointKind, Field, Role
from explorer.sim.auth import KeyRing, parse_basic_auth
from explorer.sim.encoded import encode_page
from explorer.sim.faults import FaultKind, FaultPlan, FaultRule
from explorer.sim.filters import read_filters
from explorer.sim.paging import PagingError, envelope, parse_paging
from explorer.sim.records import CREATED_BASE, ListRef
from explorer.sim.responses import (
    Receive,
    Response,
    Scope,
    Send,
    deliver,
    fault_response,
    json_response,
    twilio_error,
    twilio_headers,
)
from explorer.sim.served_hosts import serving_region
from explorer.sim.store import DataStore
from explorer.sim.validation import Invalid
from explorer.sim.writes import read_values, refused

_MAX_BODY = 1 << 20
_MATCHES_KEPT = 4096


class TunnelControl(Protocol):
    """What the app needs from the proxy: resetting the client connection behind an upstream port."""

    def reset(self, upstream_port: int) -> bool:
        """Reset the client's TCP connection whose tunnel uses this local port; False when there is none."""
        ...


class _NotFound(Exception):
    """Ends a request with 20404."""


class SimApp:
    """The ASGI application.

    Args:
        catalog: the API catalogue whose endpoints are served.
        store: every Region's records.
        keyring: every Region's live credentials.
        faults: the fault plan.
        tunnels: the proxy, for connection resets (None when clients connect directly).
    """

    def __init__(
        self,
        catalog: Catalog,
        store: DataStore,
        keyring: KeyRing,
        faults: FaultPlan,
        tunnels: TunnelControl | None = None,
    ) -> None:
        self._catalog = catalog
        self._store = store
        self._keyring = keyring
        self._faults = faults
        self.tunnels = tunnels
        self._list_of = {e.instance: e for e in catalog.endpoints if e.instance}
        self._single: dict[str, Endpoint] = {}
        self._offered_in: dict[tuple[str, str], bool] = {}
        self._matched: dict[tuple[str, str], tuple[Endpoint, dict[str, str]] | None] = {}
        self._in_flight: Counter[str | None] = Counter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection event."""
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        host = headers.get(b"host", b"").decode("latin-1").rsplit(":", 1)[0].lower()
        region = serving_region(host)
        self._in_flight[region] += 1
        try:
            await self._serve(scope, receive, send, headers, host, region, started)
        finally:
            self._in_flight[region] -= 1

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        host: str,
        region: str | None,
        started: float,
    ) -> None:
        path: str = scope.get("path", "/")
        fault: FaultRule | None = None
        if region is not None:
            latency = self._faults.latency_ms(region)
            if latency:
                await asyncio.sleep(latency / 1000)
            fault = self._faults.take(region, path)
        if fault is not None and fault.kind is FaultKind.RESET:
            await self._reset(scope, receive, send)
            return
        body = await _read_body(receive)
        response = fault_response(fault) if fault is not None else None
        if response is None:
            try:
                response = self._respond(scope, headers, host, region, path, body)
            except _NotFound:
                response = twilio_error(404, 20404, f"The requested resource {path} was not found")
        else:
            fault = None  # a status fault replaces the response; it is delivered whole
        skew = fault.skew_seconds if fault is not None and fault.kind is FaultKind.CLOCK_SKEW else 0
        response.headers += twilio_headers(
            region, host, time.perf_counter() - started, self._in_flight[region], skew_seconds=skew
        )
        await deliver(send, response, fault)

    async def _reset(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if self.tunnels is not None and client and self.tunnels.reset(int(client[1])):
            # Wait for the server to notice the closed socket, so it does not answer a dead connection.
            while (await receive())["type"] != "http.disconnect":
                pass
            return
        # A direct connection (no proxy tunnel to reset): the nearest thing is a response cut off at once.
        await deliver(send, twilio_error(500, 20500), FaultRule(FaultKind.TRUNCATED))

    def _respond(
        self, scope: Scope, headers: dict[bytes, bytes], host: str, region: str | None, path: str, body: bytes
    ) -> Response:
        if region is None:
            raise _NotFound
        credential = parse_basic_auth(headers.get(b"authorization"))
        if credential is None or not self._keyring.authenticates(region, *credential):
            return twilio_error(401, 20003)
        matched = self._match(host.split(".", 1)[0], path)
        if matched is None:
            raise _NotFound
        endpoint, params = matched
        if not self._offered(endpoint, region):
            raise _NotFound
        if params.get("AccountSid", self._keyring.account_sid) != self._keyring.account_sid:
            raise _NotFound
        self._check_parents(endpoint, params, region, host)
        method: str = scope.get("method", "GET")
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        values = read_values(headers.get(b"content-type", b"").decode("latin-1"), body)
        if endpoint.kind is EndpointKind.LIST:
            if method in ("GET", "HEAD"):
                return self._list(endpoint, params, region, host, path, query)
            create = endpoint.operation("POST")
            if method == "POST" and create is not None:
                ref = self._ref(endpoint, params, region)
                fields = self._store.factory.properties(endpoint)
                if endpoint.role is Role.SINGLETON:
                    return refused(endpoint, create, values, fields) or json_response(
                        200, self._store.update_single(ref, values, host, create)
                    )
                return refused(endpoint, create, values, fields) or json_response(
                    201, self._store.create(ref, values, host, create)
                )
        else:
            return self._instance(endpoint, params, region, host, method, values)
        return twilio_error(405, 20004)

    def _match(self, product: str, path: str) -> tuple[Endpoint, dict[str, str]] | None:
        # Matching a path tries every template of its product and depth; a client paging or polling asks for
        # the same few paths again and again (the query is not part of it).
        key = (product, path)
        if key not in self._matched:
            if len(self._matched) >= _MATCHES_KEPT:  # paths carry SIDs, which clients choose: stay bounded
                self._matched.clear()
            self._matched[key] = self._catalog.match(product, path)
        found = self._matched[key]
        return None if found is None else (found[0], dict(found[1]))

    def _offered(self, endpoint: Endpoint, region: str) -> bool:
        # The catalogue never changes while the app runs: each (endpoint, Region) is judged once.
        key = (endpoint.id, region)
        offered = self._offered_in.get(key)
        if offered is None:
            offered = self._offered_in[key] = self._catalog.claim(endpoint, region).availability.offered
        return offered

    # -- lists -----------------------------------------------------------------------------------------

    def _ref(self, endpoint: Endpoint, params: dict[str, str], region: str) -> ListRef:
        return ListRef(endpoint, region, tuple((name, params[name]) for name in endpoint.path_params))

    def _list(
        self,
        endpoint: Endpoint,
        params: dict[str, str],
        region: str,
        host: str,
        path: str,
        query: list[tuple[str, str]],
    ) -> Response:
        if endpoint.envelope is None:
            # Not a paged list (Balance.json): one object with the published top-level keys.
            single = self._singleton_shape(endpoint)
            return json_response(200, self._store.factory.record(self._ref(single, params, region), 0, host))
        ref = self._ref(endpoint, params, region)
        list_hash = self._store.factory.list_hash(ref)
        try:
            page = parse_paging(query, endpoint, list_hash)
        except PagingError as error:
            return twilio_error(400, error.code, error.message)
        filters = read_filters(endpoint, query, self._store.factory.properties(endpoint))
        if isinstance(filters, Invalid):
            return twilio_error(400, filters.code, filters.message)
        records = self._store.encoded_page(ref, page.offset, page.size, host, filters)
        total = self._store.total(ref, filters)
        payload = envelope(endpoint, page, records, total, path, host, list_hash)
        body = encode_page(payload, endpoint.list_key or endpoint.name, records)
        return Response(200, body, [(b"content-type", b"application/json")])

    def _singleton_shape(self, endpoint: Endpoint) -> Endpoint:
        shape = self._single.get(endpoint.id)
        if shape is None:
            known = {f.name for f in endpoint.fields}
            extra = tuple(Field(name, "string") for name in endpoint.envelope_keys if name not in known)
            shape = dataclasses.replace(endpoint, fields=endpoint.fields + extra)
            self._single[endpoint.id] = shape
        return shape

    # -- instances -------------------------------------------------------------------------------------

    def _instance(
        self,
        endpoint: Endpoint,
        params: dict[str, str],
        region: str,
        host: str,
        method: str,
        values: dict[str, list[Any]],
    ) -> Response:
        listing = self._list_of.get(endpoint.id)
        write = endpoint.operation(method) if method in ("POST", "PUT") else None
        if listing is None or not endpoint.path_params:
            # A singleton (`/v1/Configuration`) or a lookup by a non-SID key (`/v2/PhoneNumbers/{PhoneNumber}`).
            single = self._ref(endpoint, params, region)
            if write is not None:
                return refused(
                    endpoint, write, values, self._store.factory.properties(endpoint)
                ) or json_response(200, self._store.update_single(single, values, host, write))
            if method not in ("GET", "HEAD"):
                return twilio_error(405, 20004)
            return json_response(200, self._store.single(single, host))
        sid = params[endpoint.path_params[-1]]
        ref = self._ref(listing, params, region)
        if method in ("GET", "HEAD"):
            record = self._fetch(ref, sid, host, endpoint)
            if record is None:
                raise _NotFound
            return json_response(200, record)
        if write is not None:
            invalid = refused(endpoint, write, values, self._store.factory.properties(endpoint))
            if invalid is not None:
                return invalid
            updated = self._store.update(ref, sid, values, host, write, endpoint)
            if updated is None:
                raise _NotFound
            return json_response(200, updated)
        if method == "DELETE" and endpoint.operation("DELETE") is not None:
            if not self._store.delete(ref, sid):
                raise _NotFound
            return Response(204)
        return twilio_error(405, 20004)

    def _fetch(
        self, ref: ListRef, sid: str, host: str, shape: Endpoint | None = None
    ) -> dict[str, Any] | None:
        if ref.endpoint.path == "/2010-04-01/Accounts.json" and sid == self._keyring.account_sid:
            # The main account itself, which is not one of its generated subaccounts.
            record = self._store.factory.record(ref, CREATED_BASE - 2, host, sid=sid, shape=shape)
            record.update(
                {"friendly_name": "Demo account (simulator)", "owner_account_sid": sid, "status": "active"}
            )
            if "type" in record:
                record["type"] = "Full"
            return record
        return self._store.get(ref, sid, host, shape)

    def _check_parents(self, endpoint: Endpoint, params: dict[str, str], region: str, host: str) -> None:
        # Each parent SID in the path (a call's SID under /Calls/{CallSid}/Recordings) must exist in this Region.
        names = endpoint.path_params
        if endpoint.kind is EndpointKind.INSTANCE:
            names = names[:-1]
        for name in names:
            if name == "AccountSid":
                continue
            marker = "{" + name + "}"
            template = endpoint.path[: endpoint.path.index(marker) + len(marker)]
            if endpoint.path.endswith(".json"):
                template += ".json"
            parent = self._match(endpoint.product, _fill(template, params))
            if parent is None or parent[0].kind is not EndpointKind.INSTANCE:
                continue
            parent_endpoint, parent_params = parent
            listing = self._list_of.get(parent_endpoint.id)
            if listing is None:
                continue
            parent_sid = parent_params[parent_endpoint.path_params[-1]]
            if self._fetch(self._ref(listing, parent_params, region), parent_sid, host) is None:
                raise _NotFound


def _fill(template: str, params: dict[str, str]) -> str:
    for name, value in params.items():
        template = template.replace("{" + name + "}", value)
    return template


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size <= _MAX_BODY:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)
