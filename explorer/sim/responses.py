"""HTTP responses as Twilio writes them, and their delivery over ASGI, faults included.

Error bodies have Twilio's classic shape `{"code", "message", "more_info", "status"}` (twilio-facts.md §5.4).
Headers are those of a real reply from api.twilio.com that carry meaning (`twilio_headers`).
Delivery is where broken bodies are made: a truncated body (headers promise more than is sent, then the
connection closes), a malformed one (complete, but not JSON) and a slow one (sent in pieces).
"""

from __future__ import annotations

__all__ = ["CORS_HEADERS", "Response", "deliver", "json_response", "twilio_error", "twilio_headers"]

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from explorer.sim.encoded import encode
from explorer.sim.faults import FaultKind, FaultRule

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# The headers below are copied from real replies of api.twilio.com recorded on 2023-11-14 (a POST to
# Messages.json answering 201 and 400), kept as a test fixture in keploy/samples-python
# fastapi-twilio/keploy/test-set-0/mocks.yaml [OBSERVED; not documented by Twilio]. Every reply there carries
# `Content-Type: application/json` (no charset), `Twilio-Request-Id: RQ<32 hex>`, `Twilio-Request-Duration: 0.051`
# (seconds, three decimals), `Twilio-Concurrent-Requests: 1`, `X-Home-Region: us1`, `X-Api-Domain: api.twilio.com`
# and the CORS headers below. Left out as carrying no meaning for a client: `X-Powered-By: AT-5000`,
# `X-Shenanigans: none`, and `Strict-Transport-Security`, present in only one of the three replies.
CORS_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"access-control-allow-origin", b"*"),
    (
        b"access-control-allow-headers",
        b"Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, "
        b"Idempotency-Key",
    ),
    (b"access-control-allow-methods", b"GET, POST, DELETE, OPTIONS"),
    (b"access-control-expose-headers", b"ETag"),
    (b"access-control-allow-credentials", b"true"),
)
"""The CORS headers of every recorded reply, exactly."""

_REQUEST_IDS = random.Random()
"""Request ids only need to differ (seeded from the OS); uuid4 read the OS's random source for every reply."""

_REASONS = {
    20001: "Invalid parameter",
    20003: "Authenticate",
    20004: "Method not allowed",
    20404: "The requested resource was not found",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    20503: "Service Unavailable",
    21481: "Invalid PageToken",
}


@dataclass(slots=True)
class Response:
    """A complete response, before delivery."""

    status: int
    """The HTTP status."""
    body: bytes = b""
    """The body bytes."""
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    """Headers besides Content-Length."""


def json_response(status: int, payload: Any, headers: list[tuple[bytes, bytes]] | None = None) -> Response:
    """A JSON response with Twilio's content type, as Twilio sends (`twilio_headers` adds the rest)."""
    body = encode(payload)
    return Response(status, body, [(b"content-type", b"application/json"), *(headers or [])])


def twilio_headers(
    region: str | None, host: str, duration_seconds: float, concurrent: int, *, skew_seconds: int = 0
) -> list[tuple[bytes, bytes]]:
    """The headers every Twilio reply carries besides its content type (see the recording above).

    Args:
        region: the Region that processed the request: `X-Home-Region`, the very thing this tool is about.
            None for a host the simulator does not serve (then neither Region header is sent).
        host: the host the request reached: `X-Api-Domain`. The recording only shows `api.twilio.com` for
            `api.twilio.com`; the value on regional hosts is inferred to be the host likewise [INFER].
        duration_seconds: the time spent on the request: `Twilio-Request-Duration`.
        concurrent: the account's requests in flight in that Region, this one included:
            `Twilio-Concurrent-Requests` (the header people watch before hitting 20429).
        skew_seconds: how far the `Date` header is ahead of the real time (the clock-skew fault). The Date
            header is written here rather than by uvicorn so that the fault can move it.
    """
    headers = [
        (b"date", _date_header(int(time.time()) + skew_seconds)),
        (b"twilio-request-id", f"RQ{_REQUEST_IDS.getrandbits(128):032x}".encode()),
        (b"twilio-request-duration", f"{duration_seconds:.3f}".encode()),
        (b"twilio-concurrent-requests", str(concurrent).encode()),
    ]
    if region is not None:
        headers += [(b"x-home-region", region.encode()), (b"x-api-domain", host.encode("ascii", "replace"))]
    return headers + list(CORS_HEADERS)


@functools.lru_cache(maxsize=4)  # one text per second; formatting it was a large part of a small reply's cost
def _date_header(second: int) -> bytes:
    return formatdate(second, usegmt=True).encode()


def twilio_error(status: int, code: int, message: str | None = None, **extra: Any) -> Response:
    """A Twilio error response: `{"code", "message", "more_info", "status"}`."""
    payload = {
        "code": code,
        "message": message or _REASONS.get(code, "Error"),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    headers: list[tuple[bytes, bytes]] = []
    if status == 401:
        headers.append((b"www-authenticate", b'Basic realm="Twilio API"'))
    if "retry_after" in extra:
        headers.append((b"retry-after", str(extra["retry_after"]).encode()))
    return json_response(status, payload, headers)


def fault_response(rule: FaultRule) -> Response | None:
    """The response a status fault replaces the real one with, or None for faults applied at delivery."""
    if rule.kind is FaultKind.RATE_LIMIT:
        return twilio_error(429, 20429, retry_after=rule.retry_after)
    if rule.kind is FaultKind.SERVER_ERROR:
        return twilio_error(500, 20500)
    if rule.kind is FaultKind.UNAVAILABLE:
        return twilio_error(503, 20503, retry_after=rule.retry_after)
    return None


class _QuietIncompleteResponse(logging.Filter):
    """Drops uvicorn's complaint about a response the truncated-body fault leaves incomplete on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "without completing response" not in record.getMessage()


_FILTER = _QuietIncompleteResponse()


def quiet_uvicorn() -> None:
    """Install the filter above on uvicorn's error logger (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)


async def deliver(send: Send, response: Response, fault: FaultRule | None = None) -> None:
    """Send `response`, broken the way a delivery fault (truncated, malformed, slow-body) asks."""
    body = response.body
    kind = fault.kind if fault is not None else None
    if kind is FaultKind.MALFORMED:
        # Well framed but not JSON: the first half of the document, then an HTML fragment, as a broken
        # upstream or proxy might send.
        body = body[: max(1, len(body) // 2)] + b"<html><body>502 Bad Gateway</body></html>"
    headers = [*response.headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    if kind is FaultKind.TRUNCATED:
        # Promise the whole body, send part of it, and return: the server then closes the connection,
        # so the client reads fewer bytes than Content-Length said.
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        return
    if kind is FaultKind.SLOW_BODY and fault is not None and len(body) > 1:
        pieces = 8
        step = max(1, -(-len(body) // pieces))
        for start in range(0, len(body), step):
            more = start + step < len(body)
            await send({"type": "http.response.body", "body": body[start : start + step], "more_body": more})
            if more:
                await asyncio.sleep(fault.delay_ms / 1000)
        return
    await send({"type": "http.response.body", "body": body})
