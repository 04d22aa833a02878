"""What the inspector shows, as values the screen builds and hands down: a request, and its outcome."""

from __future__ import annotations

__all__ = ["Outcome", "RequestView", "phase_summary"]

from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.exchange import Exchange
from explorer.model.explain import Explanation
from explorer.model.target import Target

if TYPE_CHECKING:
    from explorer.core.profiles import Credential
    from explorer.core.request import RequestSpec


@dataclass(frozen=True, slots=True)
class RequestView:
    """The current request, ready to show. Holds no secret unless `revealed` is True."""

    method: str
    """HTTP method."""
    url: str
    """The exact URL (with the real Account SID, which is not a secret)."""
    verdict: str
    """The verdict badge on the host."""
    explanation: str
    """The verdict's explanation."""
    headers: tuple[tuple[str, str], ...]
    """Request headers, Authorization redacted."""
    query: tuple[tuple[str, str], ...]
    """Query parameters."""
    form: tuple[tuple[str, str], ...]
    """Form fields."""
    curl: str
    """The curl command (docs-safe placeholders unless revealed)."""
    python: str
    """The twilio-python snippet."""
    node: str
    """The twilio-node snippet."""
    revealed: bool = False
    """True when `curl` holds the secret inline."""
    error: str = ""
    """Why the edited request cannot be built (the other fields are then empty)."""

    @classmethod
    def of(
        cls, spec: RequestSpec, target: Target, *, account_sid: str, credential: Credential | None, curl: str,
        revealed: bool = False,
    ) -> RequestView:  # fmt: skip
        """`spec` as the inspector shows it, sent as `credential` (named, never its secret) with this curl."""
        from explorer.core.snippets import render_node, render_python

        who = (
            f"{credential.profile.username} of {credential.profile.name}"
            if credential
            else "no credential for this Region"
        )
        headers = [("Accept", "application/json"), ("Authorization", f"Basic [redacted] ({who})")]
        if spec.form:
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        verdict = target.verdict
        return cls(
            method=spec.method,
            url=spec.url(account_sid),
            verdict=verdict.summary,
            explanation=verdict.explanation,
            headers=tuple(headers),
            query=spec.query,
            form=spec.form,
            curl=curl,
            python=render_python(spec),
            node=render_node(spec),
            revealed=revealed,
        )

    @classmethod
    def invalid(cls, error: str) -> RequestView:
        """A request that cannot be built, and why."""
        return cls("", "", "", "", (), (), (), "", "", "", error=error)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one send, tied to the target it was sent to."""

    target: Target
    """Where it was sent."""
    url: str
    """The URL sent."""
    exchange: Exchange | None
    """The response, or None when the request did not complete."""
    explanation: Explanation | None
    """Why it failed, or None for a success."""


_PHASES = (
    ("DNS + connect", "connection.connect_tcp.started", "connection.connect_tcp.complete"),
    ("TLS", "connection.start_tls.started", "connection.start_tls.complete"),
    ("TLS (in the proxy tunnel)", "proxy.start_tls.started", "proxy.start_tls.complete"),
    ("send", "http11.send_request_headers.started", "http11.send_request_body.complete"),
    ("time to first byte", "http11.send_request_body.complete", "http11.receive_response_headers.complete"),
    ("body", "http11.receive_response_body.started", "http11.receive_response_body.complete"),
)


def phase_summary(phases: tuple[tuple[str, float], ...]) -> list[tuple[str, float]]:
    """Durations of DNS+connect, TLS, send, time to first byte and body from httpcore trace events.

    httpcore resolves the name inside `connect_tcp`, so DNS and TCP connect are one phase. Through a proxy the
    last TLS handshake (the one with the origin, inside the tunnel) is the one reported.
    """
    last: dict[str, float] = {}
    for name, moment in phases:
        last[name] = moment
    out: list[tuple[str, float]] = []
    for label, start, end in _PHASES:
        if start in last and end in last and last[end] >= last[start]:
            out.append((label, last[end] - last[start]))
    return out
