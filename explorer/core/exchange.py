"""What one request came to: the request as sent (Authorization redacted), the response, and its timings.

An `Exchange` holds no secret, so the inspector, the history and the notebook may keep and show it. The
clients (`core/client.py`) make one per request; `next_page_url` reads the next-page link a list names.
"""

from __future__ import annotations

__all__ = ["REDACTED", "Exchange", "Timings", "make_exchange", "next_page_url"]

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

if TYPE_CHECKING:
    import httpx

REDACTED = "Basic [redacted]"
"""What the inspector shows instead of the Authorization header's value."""

_UNPARSED: Any = object()
"""`Exchange._parsed` before `json()` ran (None is a parse result: the body is not JSON)."""


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


def make_exchange(
    request: httpx.Request, response: httpx.Response, timings: Timings, redirects: tuple[str, ...]
) -> Exchange:
    """The `Exchange` for a finished hop: the request as sent, Authorization redacted."""
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
