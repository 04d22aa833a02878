"""The Python API's HTTP client: sends a `RequestSpec` with a profile's credential, scoped to its Region.

Every hop is checked by `check_scope` before it is sent: the first request, each redirect (httpx's own
redirect following is off, so the client sees every `Location`) and each next-page link (`next_page_uri` of
the 2010 API, `meta.next_page_url` of the newer ones). A refusal raises `RegionScopeError` before any I/O.

The I/O seam is httpx's transport: pass `transport=httpx.MockTransport(...)` in tests, or `proxy=` and
`verify=` to reach the local simulator. `ExplorerClient` is synchronous (command line, Python API);
`AsyncExplorerClient` is the same for the app's async workers. Each result is an `Exchange`: the request as
sent with the Authorization header redacted, the response, and `Timings` for the inspector.
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

import json
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import urljoin, urlsplit

from explorer.core.connection import (
    ConnectionSetup,
    check_proxy_url,
    describe_proxy,
    environment_proxy,
    resolve_trust,
)
from explorer.core.errors import ExplorerError, InputError, TransportError
from explorer.core.failures import transport_failure
from explorer.core.profiles import Credential
from explorer.core.request import RequestSpec
from explorer.core.scoping import check_scope

if TYPE_CHECKING:
    import httpx

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
REDACTED = "Basic [redacted]"
"""What the inspector shows instead of the Authorization header's value."""

Clock = Callable[[], float]

_UNPARSED: Any = object()
"""`Exchange._parsed` before the body has been parsed (None is a parse result: not JSON)."""


@dataclass(frozen=True, slots=True)
class Timings:
    """How long one hop took, with the connection phases httpx reported (empty for mock transports)."""

    total: float
    """Seconds from handing the request to httpx until the whole body was read."""
    phases: tuple[tuple[str, float], ...] = ()
    """(httpcore trace event, seconds since the start), e.g. `("connection.start_tls.complete", 0.012)`."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request as sent (secret redacted) and its response. Holds no secret."""

    method: str
    """The HTTP method sent."""
    url: str
    """The URL sent."""
    request_headers: tuple[tuple[str, str], ...]
    """The request headers, with Authorization shown as `Basic [redacted]`."""
    request_body: bytes
    """The form body sent (never holds the credential)."""
    status_code: int
    """The HTTP status."""
    response_headers: tuple[tuple[str, str], ...]
    """The response headers, in order."""
    body: bytes = field(repr=False)
    """The response body."""
    timings: Timings
    """How long it took."""
    redirects: tuple[str, ...] = ()
    """URLs that answered with a redirect before this one, in order (each was scope-checked)."""
    _parsed: Any = field(default=_UNPARSED, init=False, repr=False, compare=False)
    """The body's JSON once `json()` has parsed it: a page is read by the caller and for its next link."""

    def json(self) -> Any:
        """The body parsed as JSON, or None when it is not JSON. Parsed once: treat the result as read-only."""
        parsed = self._parsed
        if parsed is _UNPARSED:
            try:
                parsed = json.loads(self.body)
            except (ValueError, RecursionError):  # a hostile body nested a million levels deep is not JSON
                parsed = None
            object.__setattr__(self, "_parsed", parsed)  # frozen: a cache, not a change of value
        return parsed

    @property
    def twilio_error(self) -> tuple[int | None, str]:
        """Twilio's error `code` and `message` from the body (`(None, "")` when absent)."""
        data = self.json()
        if not isinstance(data, dict):
            return None, ""
        code = data.get("code")
        message = data.get("message")
        return (code if isinstance(code, int) else None), (message if isinstance(message, str) else "")


def next_page_url(exchange: Exchange) -> str | None:
    """The absolute URL of the next page named by a list response, or None on the last page.

    The 2010 API gives `next_page_uri` (a path, joined to the current URL); newer APIs give
    `meta.next_page_url` (absolute). Either may point anywhere; the client checks its scope before use.
    """
    return next_page_link(exchange.json(), exchange.url)


def next_page_link(data: Any, url: str) -> str | None:
    """`next_page_url` for a body already parsed (`data`) that came from `url`: a page is parsed once."""
    if not isinstance(data, dict):
        return None
    meta = data.get("meta")
    link = meta.get("next_page_url") if isinstance(meta, dict) else None
    if isinstance(link, str) and link:
        return urljoin(url, link)
    uri = data.get("next_page_uri")
    if isinstance(uri, str) and uri:
        return urljoin(url, uri)
    return None


def _first_request(spec: RequestSpec, credential: Credential) -> httpx.Request:
    account_sid = credential.profile.account_sid
    check_scope(credential.profile, spec.url(account_sid))
    return spec.to_httpx(account_sid)


def _follow_up(
    method: str, url: str, credential: Credential, content: bytes, content_type: str | None
) -> httpx.Request:
    import httpx

    check_scope(credential.profile, url)
    headers = {"Accept": "application/json"}
    if content and content_type:
        headers["Content-Type"] = content_type
    return httpx.Request(method, url, headers=headers, content=content or None)


def _redirect(request: httpx.Request, response: httpx.Response, credential: Credential) -> httpx.Request:
    target = _redirect_target(request, response.headers.get("location", ""))
    # 307/308 repeat the request as it was; the others turn into a GET without a body, as browsers do.
    if response.status_code in (307, 308):
        method, content = request.method, request.content
    else:
        method, content = ("HEAD" if request.method == "HEAD" else "GET"), b""
    return _follow_up(method, target, credential, content, request.headers.get("content-type"))


def _next_hop(
    request: httpx.Request,
    response: httpx.Response,
    timings: Timings,
    redirects: list[str],
    max_redirects: int,
    credential: Credential,
) -> Exchange | httpx.Request:
    """The finished exchange, or the redirect's next request (scope-checked); `redirects` grows by one hop.

    Raises:
        TransportError: more than `max_redirects` hops.
        RegionScopeError: the redirect leaves the credential's Region.
    """
    if response.status_code not in _REDIRECTS or "location" not in response.headers:
        return _exchange(request, response, timings, tuple(redirects))
    if len(redirects) >= max_redirects:
        raise TransportError(
            f"{request.url.host} redirected more than {max_redirects} times",
            hint="the last hop was " + str(request.url),
        )
    redirects.append(str(request.url))
    return _redirect(request, response, credential)


def _exchange(
    request: httpx.Request, response: httpx.Response, timings: Timings, redirects: tuple[str, ...]
) -> Exchange:
    headers = tuple(
        (name, REDACTED if name.lower() == "authorization" else value)
        for name, value in request.headers.items()
    )
    return Exchange(
        method=request.method,
        url=str(request.url),
        request_headers=headers,
        request_body=request.content,
        status_code=response.status_code,
        response_headers=tuple(response.headers.items()),
        body=response.content,
        timings=timings,
        redirects=redirects,
    )


def _transport_error(request: httpx.Request, error: Exception, setup: ConnectionSetup) -> TransportError:
    # httpx's messages name the host and the failure, never the headers, so they are safe to show.
    return transport_failure(error, method=request.method, host=request.url.host, setup=setup)


_MAX_URL = 65_536
"""httpx refuses longer URLs (and so do most servers)."""


def _shown_url(url: str) -> str:
    return repr(url) if len(url) <= 200 else repr(url[:200]) + f"… ({len(url):,} characters)"


def _sendable(url: str, what: str, error: type[ExplorerError] = InputError) -> str:
    """`url` when httpx can send it; otherwise `error` (before any I/O), saying what is wrong with it.

    Args:
        url: an absolute URL.
        what: what the URL is, for the message ("the URL", "the next-page link").
        error: `InputError` for a URL the caller gave, `TransportError` for one a server sent.
    """
    import httpx

    if len(url) > _MAX_URL:
        raise error(
            f"{what} is {len(url):,} characters long; at most {_MAX_URL:,} can be sent",
            hint="shorten the path or parameters: a value this long is usually pasted by mistake",
            title="URL too long",
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as problem:
        raise error(
            f"{what} {_shown_url(url)} cannot be sent: {problem}",
            hint="check the host, port and path; control characters must be percent-encoded",
            title="Invalid URL",
        ) from None
    if not parts.hostname:
        raise error(
            f"{what} {_shown_url(url)} names no host",
            hint="give an absolute https:// URL",
            title="Invalid URL",
        )
    return url


def _redirect_target(request: httpx.Request, location: str) -> str:
    try:
        target = urljoin(str(request.url), location)
    except ValueError:
        target = location
    return _sendable(target, f"the redirect from {request.url.host} to", TransportError)


_Http = TypeVar("_Http", "httpx.Client", "httpx.AsyncClient")


def _client_options(
    transport: Any, proxy: str | None, verify: ssl.SSLContext | str | bool, timeout: float
) -> tuple[dict[str, Any], ConnectionSetup]:
    """httpx's options and what they mean in words.

    Raises:
        TransportError: the CA bundle cannot be loaded, or the proxy URL is unusable.
    """
    options: dict[str, Any] = {"follow_redirects": False, "timeout": timeout}
    if transport is not None:
        # A transport (tests) makes its own connections: httpx ignores verify= and the proxies then.
        options["transport"] = transport
        return options, ConnectionSetup("the transport's own", None, timeout)
    # A context built here rather than by httpx (which also deprecates a CA path for verify=), so that a
    # missing CA file is reported with its name and origin.
    options["verify"], ca_bundle = resolve_trust(verify)
    shown_proxy: str | None = None
    if proxy is not None:
        check_proxy_url(proxy, "given to the client")
        options["proxy"] = proxy
        shown_proxy = describe_proxy(proxy)
    else:
        from_env = environment_proxy()
        if from_env is not None:
            shown_proxy = f"{describe_proxy(from_env[1])} (from {from_env[0]})"
    return options, ConnectionSetup(ca_bundle, shown_proxy, timeout)


def _open(factory: Callable[..., _Http], options: dict[str, Any], setup: ConnectionSetup) -> _Http:
    """httpx's client, or a `TransportError` when it refuses a proxy (from the environment or a SOCKS one)."""
    import httpx

    try:
        return factory(**options)
    except (ValueError, ImportError, httpx.InvalidURL) as error:
        # httpx's message repeats the proxy URL, which may hold a password: say why without it.
        reason = (
            "SOCKS proxies need the socksio package (pip install 'httpx[socks]')"
            if isinstance(error, ImportError)
            else "its scheme must be http://, https:// or socks5://, with a host"
        )
        shown = setup.proxy or describe_proxy(str(options.get("proxy", "")))
        raise TransportError(
            f"the proxy {shown} cannot be used: {reason}",
            hint="fix or unset HTTPS_PROXY / ALL_PROXY (or the proxy given), e.g. http://127.0.0.1:8080",
            title="Proxy unusable",
        ) from None


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

        options, self._setup = _client_options(transport, proxy, verify, timeout)
        self._http = _open(httpx.Client, options, self._setup)
        self._max_redirects = max_redirects
        self._clock = clock

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
        _sendable(spec.url(credential.profile.account_sid), "the request URL")
        return self._send_following(_first_request(spec, credential), credential)

    def get_url(self, url: str, credential: Credential) -> Exchange:
        """GET an absolute URL (a next-page link, a resource URI from a response) with `credential`.

        Raises:
            InputError: `url` cannot be sent (a bad port, control characters, too long); nothing was sent.
            RegionScopeError: `url` is outside the credential's Region; nothing was sent.
            TransportError: the request did not complete.
        """
        _sendable(url, "the URL")
        return self._send_following(_follow_up("GET", url, credential, b"", None), credential)

    def next_page(self, exchange: Exchange, credential: Credential) -> Exchange | None:
        """The next page after `exchange`, or None on the last page. The link is scope-checked first."""
        url = next_page_url(exchange)
        if url is None:
            return None
        return self.get_url(_sendable(url, "the next-page link", TransportError), credential)

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

    def _send_following(self, request: httpx.Request, credential: Credential) -> Exchange:
        redirects: list[str] = []
        while True:
            response, timings = self._send_once(request, credential)
            step = _next_hop(request, response, timings, redirects, self._max_redirects, credential)
            if isinstance(step, Exchange):
                return step
            request = step

    def _send_once(self, request: httpx.Request, credential: Credential) -> tuple[httpx.Response, Timings]:
        import httpx

        from explorer.core.auth import credential_auth

        start = self._clock()
        phases: list[tuple[str, float]] = []

        def trace(name: str, info: dict[str, Any]) -> None:
            phases.append((name, self._clock() - start))

        request.extensions = {**request.extensions, "trace": trace}
        try:
            response = self._http.send(request, auth=credential_auth(credential))
            response.read()
        except httpx.RequestError as error:
            raise _transport_error(request, error, self._setup) from None
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

        options, self._setup = _client_options(transport, proxy, verify, timeout)
        self._http = _open(httpx.AsyncClient, options, self._setup)
        self._max_redirects = max_redirects
        self._clock = clock

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def send(self, spec: RequestSpec, credential: Credential) -> Exchange:
        """Send `spec` with `credential`, following redirects that stay in the credential's Region."""
        _sendable(spec.url(credential.profile.account_sid), "the request URL")
        return await self._send_following(_first_request(spec, credential), credential)

    async def get_url(self, url: str, credential: Credential) -> Exchange:
        """GET an absolute URL with `credential`, after checking it can be sent and its scope."""
        _sendable(url, "the URL")
        return await self._send_following(_follow_up("GET", url, credential, b"", None), credential)

    async def next_page(self, exchange: Exchange, credential: Credential) -> Exchange | None:
        """The next page after `exchange`, or None on the last page. The link is scope-checked first."""
        url = next_page_url(exchange)
        if url is None:
            return None
        return await self.get_url(_sendable(url, "the next-page link", TransportError), credential)

    async def _send_following(self, request: httpx.Request, credential: Credential) -> Exchange:
        redirects: list[str] = []
        while True:
            response, timings = await self._send_once(request, credential)
            step = _next_hop(request, response, timings, redirects, self._max_redirects, credential)
            if isinstance(step, Exchange):
                return step
            request = step

    async def _send_once(
        self, request: httpx.Request, credential: Credential
    ) -> tuple[httpx.Response, Timings]:
        import httpx

        from explorer.core.auth import credential_auth

        start = self._clock()
        phases: list[tuple[str, float]] = []

        async def trace(name: str, info: dict[str, Any]) -> None:
            phases.append((name, self._clock() - start))

        request.extensions = {**request.extensions, "trace": trace}
        try:
            response = await self._http.send(request, auth=credential_auth(credential))
            await response.aread()
        except httpx.RequestError as error:
            raise _transport_error(request, error, self._setup) from None
        return response, Timings(self._clock() - start, tuple(phases))
