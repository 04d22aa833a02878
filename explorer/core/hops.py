"""Each hop a client sends, built and checked before any I/O: the first request, redirects, next-page links.

`check_scope` refuses a hop outside the credential's Region; `sendable` refuses a URL httpx cannot send
(too long, a bad port, control characters). `next_hop` decides, from a response, whether the exchange is
finished or which scope-checked request follows. The sync and async clients share all of it: they differ
only in how they wait for the network.
"""

from __future__ import annotations

__all__ = ["MAX_URL", "checked_url", "first_request", "follow_up", "next_hop", "sendable", "transport_error"]

from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from explorer.core.connection import ConnectionSetup
from explorer.core.errors import ExplorerError, InputError, TransportError
from explorer.core.exchange import Exchange, Timings, make_exchange
from explorer.core.failures import transport_failure
from explorer.core.profiles import Credential
from explorer.core.request import RequestSpec
from explorer.core.scoping import check_scope

if TYPE_CHECKING:
    import httpx

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def first_request(spec: RequestSpec, credential: Credential) -> httpx.Request:
    """`spec` as httpx's request, once its host is in the credential's Region (`RegionScopeError` if not)."""
    account_sid = credential.profile.account_sid
    check_scope(credential.profile, spec.url(account_sid))
    return spec.to_httpx(account_sid)


def follow_up(
    method: str, url: str | httpx.URL, credential: Credential, content: bytes, content_type: str | None
) -> httpx.Request:
    """A GET or a redirect's repeat to `url` (as `checked_url` parsed it, or text), once its host is in the
    credential's Region."""
    import httpx

    check_scope(credential.profile, str(url))
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
    return follow_up(method, target, credential, content, request.headers.get("content-type"))


def next_hop(
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
        return make_exchange(request, response, timings, tuple(redirects))
    if len(redirects) >= max_redirects:
        raise TransportError(
            f"{request.url.host} redirected more than {max_redirects} times",
            hint="the last hop was " + str(request.url),
        )
    redirects.append(str(request.url))
    return _redirect(request, response, credential)


def transport_error(request: httpx.Request, error: Exception, setup: ConnectionSetup) -> TransportError:
    """httpx's failure worded for the user (`core/failures.py`), naming the host and the connection used."""
    # httpx's messages name the host and the failure, never the headers, so they are safe to show.
    return transport_failure(error, method=request.method, host=request.url.host, setup=setup)


MAX_URL = 65_536
"""httpx refuses longer URLs (and so do most servers)."""


def _shown_url(url: str) -> str:
    return repr(url) if len(url) <= 200 else repr(url[:200]) + f"… ({len(url):,} characters)"


def sendable(url: str, what: str, error: type[ExplorerError] = InputError) -> str:
    """`url` when httpx can send it; otherwise `error` (before any I/O), saying what is wrong with it.

    Args:
        url: an absolute URL.
        what: what the URL is, for the message ("the URL", "the next-page link").
        error: `InputError` for a URL the caller gave, `TransportError` for one a server sent.
    """
    checked_url(url, what, error)
    return url


def checked_url(url: str, what: str, error: type[ExplorerError] = InputError) -> httpx.URL:
    """`sendable`, returning httpx's parsed URL: a request built from it is not parsed again (httpx checks a
    URL character by character, the largest cost of following a next-page link after the page itself)."""
    import httpx

    if len(url) > MAX_URL:
        raise error(
            f"{what} is {len(url):,} characters long; at most {MAX_URL:,} can be sent",
            hint="shorten the path or parameters: a value this long is usually pasted by mistake",
            title="URL too long",
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
        parsed = httpx.URL(url)
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
    return parsed


def _redirect_target(request: httpx.Request, location: str) -> str:
    try:
        target = urljoin(str(request.url), location)
    except ValueError:
        target = location
    return sendable(target, f"the redirect from {request.url.host} to", TransportError)
