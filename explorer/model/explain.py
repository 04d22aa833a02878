"""Why a request failed, in words: Twilio error codes and network failures, each with a cause and a fix."""

from __future__ import annotations

__all__ = ["Explanation", "explain_error", "explain_exchange"]

from dataclasses import dataclass

from explorer.core.errors import ExplorerError, RegionScopeError
from explorer.core.exchange import Exchange
from explorer.core.failures import is_service_failure, retry_advice
from explorer.core.refusals import (
    AUTHENTICATION_FAILED,
    NOT_FOUND,
    OTHER_AUTH_CAUSES,
    credential_refused,
    not_found,
)
from explorer.core.verdict import classify_host, recommend
from explorer.model.target import Target


@dataclass(frozen=True, slots=True)
class Explanation:
    """A failure for people."""

    title: str
    """What happened, in a few words."""
    cause: str
    """The likely cause."""
    fix: str
    """What to do."""


def explain_exchange(exchange: Exchange, target: Target) -> Explanation | None:
    """Explain an HTTP error response, or None for a success."""
    if exchange.status_code < 400:
        return None
    code, message = exchange.twilio_error
    region = target.region_id.upper()
    if code == AUTHENTICATION_FAILED:
        return Explanation(
            f"{code} Authentication failed ({exchange.status_code})",
            f"{credential_refused(target.region_id)}; other causes: {OTHER_AUTH_CAUSES}. {message}".strip(),
            f"use an API key created in {region} (each Region has its own keys and Auth Token), "
            f"or switch to the Region the key was made in with :region",
        )
    if code == NOT_FOUND:
        fix = recommend(target.product, target.region).text
        return Explanation(
            f"{code} Not found ({exchange.status_code})",
            f"{not_found('the resource', target.fqdn)}, or a path that belongs to another product host "
            "(Messaging Services live on messaging, not api)",
            f"check the product with :product (it is {target.product!r}) and the SID's Region; {fix}",
        )
    if code == 20429 or exchange.status_code == 429:
        return Explanation(
            f"20429 Too many requests ({exchange.status_code})",
            "the account's concurrency or rate limit was reached",
            retry_advice(exchange.response_headers),
        )
    if is_service_failure(exchange.status_code):
        return Explanation(
            f"{code or ''} HTTP {exchange.status_code}: the service failed".strip(),
            (f"{message}: " if message else "")
            + "Twilio (or a proxy in front of it) failed; the request itself may be fine",
            retry_advice(exchange.response_headers)
            + (
                ""
                if exchange.method in ("GET", "HEAD")
                else f"; a {exchange.method} may have been applied: look first"
            ),
        )
    return Explanation(
        f"{code or ''} HTTP {exchange.status_code}".strip(),
        message or "Twilio refused the request",
        "read the body below; Twilio's error code page explains the code",
    )


def explain_error(error: ExplorerError, target: Target) -> Explanation:
    """Explain an error raised before or while sending (network, scope, input)."""
    verdict = classify_host(target.fqdn)
    fix = f"{verdict.fix.text} ({verdict.fix.fqdn})"
    if isinstance(error, RegionScopeError):
        return Explanation("Not sent: outside the credential's Region", error.message, error.hint or fix)
    # A TransportError already tells DNS, TLS, refused, reset, truncated and timeouts apart (its title), and
    # gives a host fix only when the host itself is wrong (explorer.core.failures).
    return Explanation(error.title, error.message, error.hint or fix)
