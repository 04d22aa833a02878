"""`Explorer`: the explorer in a notebook or a script, one object carrying the target and the credential.

    from explorer import Explorer
    ex = Explorer(region="au1", edge="sydney")        # the local simulator's demo credentials by default
    ex.host()                                         # host, verdict, basis and fix
    ex.curl("api:applications")                       # docs-safe curl
    page = ex.list("api:applications", limit=120)     # follows the server's next-page links
    ex.get("api:applications", page[0]["sid"])        # one record
    await ex.alist("api:applications")                # the same, awaited, in a kernel's running loop

It is the app's request view without a terminal: the same target (`model.target`), the same session and its
one credential rule (`model.session`: the credential of the Region the host is processed in, checked again
on the wire by the client's scoping), the same listing (`core.listing`, only links the server names) and the
same errors (`ExplorerError`, which Jupyter shows with `html()`).

Every request runs on a private loop thread (`runner.LoopThread`): the sync methods wait for it, so they work
in a script and inside a kernel whose loop is already running; the `a…` methods await it. The session (the
simulator, or a stored profile from the keyring) starts on the first request and stops with `close()`, the
`with` block, or the interpreter's exit (a kernel's shutdown).
"""

from __future__ import annotations

__all__ = ["Explorer"]

import atexit
import weakref
from collections.abc import Coroutine
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import EllipsisType, TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from explorer.catalog.loader import Catalog, load_catalog
from explorer.core.client import Exchange
from explorer.core.curl import render_curl
from explorer.core.endpoint import Endpoint, EndpointKind
from explorer.core.errors import InputError
from explorer.core.forms import build_form, validate_form, write_spec
from explorer.core.listing import list_spec
from explorer.core.profiles import Credential
from explorer.core.request import ACCOUNT_SID_PARAM, RequestSpec
from explorer.model.requester import Requester
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.notebook.exchange_view import Response
from explorer.notebook.host_views import Curl, HostReport, Request
from explorer.notebook.page import Page
from explorer.notebook.runner import LoopThread

if TYPE_CHECKING:
    from explorer.notebook.picker import Picker

T = TypeVar("T")


class Explorer:
    """The target (product, region, edge) and the session (who sends) of a notebook, and what they answer."""

    def __init__(
        self,
        region: str | None = None,
        edge: str | EllipsisType | None = ...,
        *,
        product: str = "api",
        profile: str | None = None,
        read_only: bool = False,
        openapi_dir: Path | None = None,
    ) -> None:
        """Args:
        region: the region setting (`au1`); None or `us1`: US1.
        edge: the edge setting (`sydney`); omitted: the Region's own REST edge, as the app's `:region`
            sets it; None: no edge (the helper libraries then build the region-only host, retired).
        product: the product host label of `host()` (each resource uses its own product).
        profile: a stored profile to send as, against real Twilio; None or `demo`: the local simulator.
        read_only: refuse every write (`create`) before anything is sent.
        openapi_dir: OpenAPI description files instead of the bundled catalogue (the simulator serves them).

        Raises:
            LabelError: a label is not a DNS label.
        """
        self.target = _target(product, region, edge)
        self.profile = None if profile in (None, "demo") else profile
        self.read_only = read_only
        self.openapi_dir = openapi_dir
        self._session: Session | None = None
        self._closed = False
        self._loop = LoopThread()
        # The kernel's shutdown (or the script's end) stops the simulator; a weak reference, so the hook never
        # keeps a forgotten explorer alive.
        self._at_exit = partial(_close_at_exit, weakref.ref(self))
        atexit.register(self._at_exit)
        from explorer.notebook.ipython import enable_rich_output

        enable_rich_output()

    def __repr__(self) -> str:
        who = self.profile or "demo (local simulator)"
        state = "closed" if self._closed else ("started" if self._session is not None else "not started")
        return f"<Explorer {self.target.describe()} → {self.target.fqdn}; {who}, {state}>"

    # -- the target -------------------------------------------------------------------------------------

    def point(
        self, region: str | None = None, edge: str | EllipsisType | None = ..., *, product: str | None = None
    ) -> HostReport:
        """Aim at another Region, edge or product (as `:region`/`:edge`/`:product`); returns the new host."""
        self.target = _target(product or self.target.product, region, edge)
        return self.host()

    def host(self) -> HostReport:
        """The host the target makes, its verdict (where requests are processed, or how they fail), the
        basis, and the fix."""
        return HostReport(self.target.plan, self.target.verdict)

    @property
    def catalog(self) -> Catalog:
        """The API catalogue (bundled, or `openapi_dir`'s)."""
        return load_catalog(self.openapi_dir)

    def request(self, resource_id: str, sid: str | None = None, **filters: Any) -> Request:
        """The request for a list (with `filters`) or, with `sid`, for one of its records; nothing is sent.

        Raises:
            CatalogError: no such resource. InputError: a filter or the SID cannot be used.
        """
        spec = self._spec(resource_id, sid, filters)
        return Request(spec, replace(self.target, product=spec.product).verdict, _curl(spec))

    def curl(self, resource_id: str, sid: str | None = None, **filters: Any) -> Curl:
        """The docs-safe curl for a list or record: `$TWILIO_…` placeholders, never a secret."""
        return _curl(self._spec(resource_id, sid, filters))

    @property
    def session(self) -> Session:
        """The session, started now if it was not (the simulator, or the profile's credential)."""
        return self._run(self._ready())

    # -- reading ----------------------------------------------------------------------------------------

    def list(
        self, resource_id: str, limit: int = 50, *, page_size: int | None = None, **filters: Any
    ) -> Page:
        """Up to `limit` records of a list, following the server's next-page links (`alist` awaits).

        Raises:
            CatalogError: no such resource. InputError: not a list, a bad filter or limit, no credential
            for the Region. ListingError: a page answered with an error. RegionScopeError: a link left the
            Region. TransportError: the request did not complete.
        """
        return self._run(self._alist(resource_id, limit, page_size=page_size, **filters))

    async def alist(
        self, resource_id: str, limit: int = 50, *, page_size: int | None = None, **filters: Any
    ) -> Page:
        """`list`, awaited (in a kernel: `page = await ex.alist("api:calls")`)."""
        return await self._loop.arun(self._alist(resource_id, limit, page_size=page_size, **filters))

    def get(self, resource_id: str, sid: str) -> Response:
        """One record of a list (or of an instance resource) by SID; an error status is answered, not raised."""
        return self._run(self._send(self._spec(resource_id, sid, {})))

    async def aget(self, resource_id: str, sid: str) -> Response:
        """`get`, awaited."""
        return await self._loop.arun(self._send(self._spec(resource_id, sid, {})))

    def send(self, resource_id: str, sid: str | None = None, **filters: Any) -> Response:
        """Send the GET of `request(...)` (a list's first page, or one record), as the app's `s` does."""
        return self._run(self._send(self._spec(resource_id, sid, filters)))

    async def asend(self, resource_id: str, sid: str | None = None, **filters: Any) -> Response:
        """`send`, awaited."""
        return await self._loop.arun(self._send(self._spec(resource_id, sid, filters)))

    def picker(self, resource_id: str = "api:applications") -> Picker:
        """The live picker (Region, edge, product, resource → host, verdict, curl; Send shows the exchange).

        Raises:
            ExplorerError: ipywidgets is not installed (`pip install 'twilio-region-explorer[notebook]'`).
        """
        from explorer.notebook.picker import Picker

        return Picker(self, resource_id)

    # -- writing ----------------------------------------------------------------------------------------

    def create(self, resource_id: str, **params: Any) -> Response:
        """Create a record in a list (`FriendlyName="x"`); refused before anything when `read_only`.

        Raises:
            InputError: read-only, the list cannot be created in, or a value is invalid (`FormError`).
        """
        return self._run(self._send(self._create_spec(resource_id, params)))

    async def acreate(self, resource_id: str, **params: Any) -> Response:
        """`create`, awaited."""
        return await self._loop.arun(self._send(self._create_spec(resource_id, params)))

    # -- the simulator's demonstrations -----------------------------------------------------------------

    def send_with_key_of(self, key_region: str, resource_id: str = "api:applications") -> Response:
        """Demonstrate the 401 / 20003 of a credential sent to another Region's host: the list's first request
        to the target's host with the demo key of `key_region` (the app refuses that before sending).

        An explicit opt-in, for the local simulator only: with a profile it is refused, nothing is sent.

        Raises:
            InputError: not the simulator's demo session, or `key_region`'s key belongs to the target's Region.
        """
        return self._run(self._send_with_key_of(key_region, resource_id))

    # -- the end ----------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP clients, stop the simulator (if it was started) and the loop thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        atexit.unregister(self._at_exit)  # this one only: each explorer registers its own partial
        session, self._session = self._session, None
        if session is not None:
            self._loop.run(session.aclose())
        self._loop.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------------------------

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self._loop.run(coro)

    async def _ready(self) -> Session:
        """The session, loaded on first use; on the private loop, so two calls never start two simulators."""
        if self._closed:
            raise InputError("this Explorer is closed", hint="make a new one: Explorer(region=..., edge=...)")
        if self._session is None:
            self._session = self._load()
        return self._session

    def _load(self) -> Session:
        if self.profile is None:
            from explorer.assembly import demo_session

            return demo_session(openapi_dir=self.openapi_dir)
        from explorer.model.session import profile_session

        return profile_session(self.profile)

    def _endpoint(self, resource_id: str) -> Endpoint:
        return self.catalog.find(resource_id)

    def _target_for(self, spec_or_endpoint: RequestSpec | Endpoint) -> Target:
        return replace(self.target, product=spec_or_endpoint.product)

    def _spec(self, resource_id: str, sid: str | None, filters: dict[str, Any]) -> RequestSpec:
        endpoint = self._endpoint(resource_id)
        values = {name: str(value) for name, value in filters.items()}
        if sid is None:
            return Requester(self._target_for(endpoint)).first_request(endpoint, values)
        if values:
            raise InputError("filters apply to a list, not to one record", hint="drop the filters or the SID")
        instance = endpoint
        if endpoint.kind is EndpointKind.LIST:
            if endpoint.instance is None:
                raise InputError(f"{endpoint.id} has no request for one record", hint="list it instead")
            instance = self.catalog.get(endpoint.instance)
        missing = [n for n in instance.path_params if n != ACCOUNT_SID_PARAM]
        if len(missing) != 1:
            raise InputError(
                f"{instance.id} needs {len(missing)} path values ({', '.join(missing)}), not one SID",
                hint="open it from its parent record in the app, or use the Python API's RequestSpec",
            )
        return RequestSpec("GET", instance.path, instance.product, self.target.region, self.target.edge,
                           path_params=((missing[0], sid),))  # fmt: skip

    def _create_spec(self, resource_id: str, params: dict[str, Any]) -> RequestSpec:
        if self.read_only:
            raise InputError(
                f"refused to create in {resource_id}: this Explorer is read-only; nothing was sent",
                hint="make one with read_only=False to write",
            )
        endpoint = self._endpoint(resource_id)
        fields = build_form(endpoint, "POST")
        values = validate_form(fields, {name: str(value) for name, value in params.items()})
        return write_spec(endpoint, "POST", fields, values, region=self.target.region, edge=self.target.edge)

    async def _alist(
        self, resource_id: str, limit: int, *, page_size: int | None = None, **filters: Any
    ) -> Page:
        if limit < 1:
            raise InputError(f"the limit {limit} is not a number of records", hint="use 1 or more")
        endpoint = self._endpoint(resource_id)
        values = {name: str(value) for name, value in filters.items()}
        session = await self._ready()
        requester = Requester(self._target_for(endpoint), session)
        first = requester.first_request(endpoint, values)
        spec = list_spec(endpoint, region=first.region, edge=first.edge, filters=values, page_size=page_size)
        spec = replace(spec, auth=requester.credential().profile.kind)
        listing = requester.listing(endpoint, spec=spec)
        exchanges: list[Exchange] = []
        while listing.has_more and len(listing.records) < limit:
            page = await listing.fetch_next()
            if page is not None:
                exchanges.append(page.exchange)
        records = tuple(listing.records[:limit])
        return Page(endpoint.id, spec.fqdn, records, listing.pages,
                    listing.has_more or len(listing.records) > limit, listing.next_url,
                    tuple(exchanges), endpoint.default_columns)  # fmt: skip

    async def _send(self, spec: RequestSpec, credential: Credential | None = None) -> Response:
        session = await self._ready()
        target = self._target_for(spec)
        requester = Requester(target, session)
        chosen = credential or requester.credential()
        exchange = await session.client().send(replace(spec, auth=chosen.profile.kind), chosen)
        return Response(exchange, target)

    async def _send_with_key_of(self, key_region: str, resource_id: str) -> Response:
        session = await self._ready()
        if not session.demo:
            raise InputError(
                "refused: a credential is sent to another Region's host only to the local simulator; "
                f"this Explorer sends as profile {session.name!r}, nothing was sent",
                hint="use Explorer(...) without a profile to see the demonstration",
            )
        spec = self._spec(resource_id, None, {})
        region = self._target_for(spec).verdict.processing_region
        key = next((c for c in session.credentials if c.profile.region == key_region), None)
        if key is None or region is None or region == key_region:
            raise InputError(
                f"the demonstration needs the key of another Region than the host's ({region or 'none'})",
                hint="for example Explorer(region='au1').send_with_key_of('us1')",
            )
        # The key of `key_region`, labelled as the host's Region so the client's scoping lets it through:
        # the simulator then answers as Twilio does, 401 with error 20003.
        profile = replace(key.profile, name=f"{key_region}-key-in-{region}", region=region)
        return await self._send(spec, Credential(profile, key.secret))


def _close_at_exit(ref: weakref.ReferenceType[Explorer]) -> None:
    explorer = ref()
    if explorer is not None:
        explorer.close()


def _target(product: str, region: str | None, edge: str | EllipsisType | None) -> Target:
    base = Target(product)
    target = base.with_region(region) if isinstance(edge, EllipsisType) else Target(product, region, edge)
    target.plan  # noqa: B018 - a bad label is an error now, not a host "(invalid: …)" later
    return target


def _curl(spec: RequestSpec) -> Curl:
    return Curl(render_curl(spec, multiline=True), spec)
