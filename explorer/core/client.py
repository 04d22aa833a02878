"""The Python API's HTTP client: sends a `RequestSpec` with a profile's credential, scoped to its Region.

Every hop is checked by `check_scope` before it is sent: the first request, each redirect (httpx's own
redirect following is off, so the client sees every `Location`) and each next-page link (`next_page_uri` of
the 2010 API, `meta.next_page_url` of the newer ones). A refusal raises `RegionScopeError` before any I/O.

The I/O seam is httpx's transport: pass `transport=httpx.MockTransport(...)` in tests, or `proxy=` and
`verify=` to reach the local simulator. `ExplorerClient` is synchronous (command line, Python API);
`AsyncExplorerClient` is the same for the app's async workers: on the network it awaits the synchronous client
run in a worker thread (httpx's async stack costs twice the CPU per request), and only a transport given to it
(tests) is driven by httpx's async client. Each result is an `Exchange`
(`core/exchange.py`): the request as sent with the Authorization header redacted, the response, and
`Timings` for the inspector. Everything but the waiting (building, checking and following hops) is shared,
in `core/hops.py`; the two classes below only send.
"""

from __future__ import annotations

__all__ = [
    "AsyncExplorerClient",
    "Exchange",
    "ExplorerClient",
    "Timings",
    "next_page_link",
    "next_page_url",
]

import asyncio
import ssl
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from explorer.core.connection import ConnectionSetup, httpx_options, open_http
from explorer.core.errors import TransportError
from explorer.core.exchange import Exchange, Timings, next_page_link, next_page_url
from explorer.core.hops import checked_url, first_request, follow_up, next_hop, sendable, transport_error
from explorer.core.profiles import Credential
from explorer.core.request import RequestSpec

if TYPE_CHECKING:
    import httpx

Clock = Callable[[], float]


class _AuthOnce:
    """A credential's `httpx.Auth`, built once for the pages of a listing (they share the credential)."""

    def __init__(self) -> None:
        self._last: tuple[Credential, httpx.Auth] | None = None

    def __call__(self, credential: Credential) -> httpx.Auth:
        from explorer.core.auth import credential_auth

        if self._last is None or self._last[0] is not credential:
            self._last = (credential, credential_auth(credential))
        return self._last[1]


class ExplorerClient:
    """A synchronous client that sends requests with a profile's credential, never outside its Region."""

    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None = None,
        proxy: str | None = None,
        verify: ssl.SSLContext | str | bool = True,
        timeout: float = 20.0,
        max_redirects: int = 5,
        clock: Clock = time.perf_counter,
    ) -> None:
        """Set up the seam: a transport (tests), or a proxy and CA (the simulator); the clock times hops."""
        import httpx

        options, self._setup = httpx_options(transport, proxy, verify, timeout)
        self._http = open_http(httpx.Client, options, self._setup)
        self._max_redirects = max_redirects
        self._clock = clock
        self._auth = _AuthOnce()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def send(self, spec: RequestSpec, credential: Credential) -> Exchange:
        """Send `spec` with `credential`, following redirects that stay in the credential's Region.

        Raises:
            RegionScopeError: the request or a redirect would leave the credential's Region (nothing sent for it).
            InputError: the request's URL cannot be sent (too long); nothing was sent.
            TransportError: the request did not complete.
        """
        sendable(spec.url(credential.profile.account_sid), "the request URL")
        return self._send_following(first_request(spec, credential), credential)

    def get_url(self, url: str, credential: Credential) -> Exchange:
        """GET an absolute URL (a next-page link, a resource URI from a response) with `credential`.

        Raises:
            InputError: `url` cannot be sent (a bad port, control characters, too long); nothing was sent.
            RegionScopeError: `url` is outside the credential's Region; nothing was sent.
            TransportError: the request did not complete.
        """
        target = checked_url(url, "the URL")
        return self._send_following(follow_up("GET", target, credential, b"", None), credential)

    def next_page(self, exchange: Exchange, credential: Credential) -> Exchange | None:
        """The next page after `exchange`, or None on the last page. The link is scope-checked first."""
        url = next_page_url(exchange)
        if url is None:
            return None
        target = checked_url(url, "the next-page link", TransportError)
        return self._send_following(follow_up("GET", target, credential, b"", None), credential)

    def pages(self, spec: RequestSpec, credential: Credential, *, limit: int = 10) -> Iterator[Exchange]:
        """`spec`'s first page and up to `limit - 1` following ones, stopping at an error status."""
        exchange: Exchange | None = self.send(spec, credential)
        count = 0
        while exchange is not None and count < limit:
            yield exchange
            count += 1
            if exchange.status_code >= 400 or count >= limit:
                return
            exchange = self.next_page(exchange, credential)

    @property
    def setup(self) -> ConnectionSetup:
        """What the client was set up with (CA bundle, proxy, timeout), in words for messages."""
        return self._setup

    def send_request(self, request: httpx.Request, credential: Credential) -> Exchange:
        """Send a request already built and scope-checked (`hops.first_request`, `hops.follow_up`),
        following redirects that stay in the credential's Region."""
        return self._send_following(request, credential)

    def _send_following(self, request: httpx.Request, credential: Credential) -> Exchange:
        redirects: list[str] = []
        while True:
            response, timings = self._send_once(request, credential)
            step = next_hop(request, response, timings, redirects, self._max_redirects, credential)
            if isinstance(step, Exchange):
                return step
            request = step

    def _send_once(self, request: httpx.Request, credential: Credential) -> tuple[httpx.Response, Timings]:
        import httpx

        start = self._clock()
        phases: list[tuple[str, float]] = []

        def trace(name: str, info: dict[str, Any]) -> None:
            phases.append((name, self._clock() - start))

        request.extensions = {**request.extensions, "trace": trace}
        try:
            response = self._http.send(request, auth=self._auth(credential))
            response.read()
        except httpx.RequestError as error:
            raise transport_error(request, error, self._setup) from None
        return response, Timings(self._clock() - start, tuple(phases))


class AsyncExplorerClient:
    """The asynchronous twin of `ExplorerClient`, for the app's workers. Same scoping, same results."""

    def __init__(
        self,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        proxy: str | None = None,
        verify: ssl.SSLContext | str | bool = True,
        timeout: float = 20.0,
        max_redirects: int = 5,
        clock: Clock = time.perf_counter,
    ) -> None:
        """Set up the seam: a transport (tests), or a proxy and CA (the simulator); the clock times hops."""
        import httpx

        self._max_redirects = max_redirects
        self._clock = clock
        self._auth = _AuthOnce()
        self._http: httpx.AsyncClient | None = None
        self._blocking: ExplorerClient | None = None
        if transport is None:
            # The network: each exchange runs on the synchronous client in a worker thread. httpx's async
            # stack (anyio's TLS stream and cancel scopes, httpcore's async locks) costs about twice the CPU of
            # its sync one per request, which was most of a listing page's client time; the thread costs ~0.1 ms
            # and keeps the caller's event loop free while the page is read and parsed.
            self._blocking = ExplorerClient(
                proxy=proxy, verify=verify, timeout=timeout, max_redirects=max_redirects, clock=clock
            )
            self._setup = self._blocking.setup
        else:
            options, self._setup = httpx_options(transport, proxy, verify, timeout)
            self._http = open_http(httpx.AsyncClient, options, self._setup)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a request still on its way in a worker thread then fails, unseen)."""
        if self._blocking is not None:
            self._blocking.close()
        if self._http is not None:
            await self._http.aclose()

    async def send(self, spec: RequestSpec, credential: Credential) -> Exchange:
        """Send `spec` with `credential`, following redirects that stay in the credential's Region."""
        sendable(spec.url(credential.profile.account_sid), "the request URL")
        return await self._send_following(first_request(spec, credential), credential)

    async def get_url(self, url: str, credential: Credential) -> Exchange:
        """GET an absolute URL with `credential`, after checking it can be sent and its scope."""
        target = checked_url(url, "the URL")
        return await self._send_following(follow_up("GET", target, credential, b"", None), credential)

    async def next_page(self, exchange: Exchange, credential: Credential) -> Exchange | None:
        """The next page after `exchange`, or None on the last page. The link is scope-checked first."""
        url = next_page_url(exchange)
        if url is None:
            return None
        target = checked_url(url, "the next-page link", TransportError)
        return await self._send_following(follow_up("GET", target, credential, b"", None), credential)

    async def _send_following(self, request: httpx.Request, credential: Credential) -> Exchange:
        if self._blocking is not None:
            # Cancelling the awaiting task returns at once; the thread finishes its request and the
            # exchange is dropped, as an answer to a cancelled fetch always is.
            return await asyncio.to_thread(self._blocking.send_request, request, credential)
        redirects: list[str] = []
        while True:
            response, timings = await self._send_once(request, credential)
            step = next_hop(request, response, timings, redirects, self._max_redirects, credential)
            if isinstance(step, Exchange):
                return step
            request = step

    async def _send_once(
        self, request: httpx.Request, credential: Credential
    ) -> tuple[httpx.Response, Timings]:
        import httpx

        start = self._clock()
        phases: list[tuple[str, float]] = []

        async def trace(name: str, info: dict[str, Any]) -> None:
            phases.append((name, self._clock() - start))

        request.extensions = {**request.extensions, "trace": trace}
        try:
            assert self._http is not None  # a transport was given (see __init__)
            response = await self._http.send(request, auth=self._auth(credential))
            await response.aread()
        except httpx.RequestError as error:
            raise transport_error(request, error, self._setup) from None
        return response, Timings(self._clock() - start, tuple(phases))
