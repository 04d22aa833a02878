"""Rich output for a sent request: status, timings, headers (Authorization redacted) and a collapsible body,
with the app's explanation when it failed."""

from __future__ import annotations

__all__ = ["Response", "body_text"]

import json
from dataclasses import dataclass
from typing import Any

from explorer.core.client import Exchange
from explorer.model.explain import Explanation, explain_exchange
from explorer.model.outcome import phase_summary
from explorer.model.target import Target
from explorer.notebook.markup import badge, details, esc, kv_table, md_code, md_text, pre

BODY_LIMIT = 20_000
"""Characters of a body shown; the rest is cut (the whole body stays in `exchange.body`)."""


def body_text(exchange: Exchange, limit: int = BODY_LIMIT) -> str:
    """The body for people: indented JSON when it is JSON, else the text; cut at `limit` characters."""
    data = exchange.json()
    text = (
        json.dumps(data, indent=2, ensure_ascii=False)
        if data is not None
        else exchange.body.decode("utf-8", "replace")
    )
    if len(text) > limit:
        text = text[:limit] + f"\n… ({len(text) - limit:,} more characters)"
    return text


@dataclass(frozen=True, slots=True)
class Response:
    """One request and its answer, as the app's inspector shows them."""

    exchange: Exchange
    """The request as sent (Authorization redacted) and the response."""
    target: Target
    """Where it was sent (the explanation names its Region)."""

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.exchange.status_code

    @property
    def ok(self) -> bool:
        """True for a status below 400."""
        return self.exchange.status_code < 400

    @property
    def explanation(self) -> Explanation | None:
        """Why it failed, in the app's words; None for a success."""
        return explain_exchange(self.exchange, self.target)

    def json(self) -> Any:
        """The body parsed as JSON, or None."""
        return self.exchange.json()

    @property
    def record(self) -> dict[str, Any] | None:
        """The body when it is one JSON object (a record), else None."""
        data = self.exchange.json()
        return data if isinstance(data, dict) else None

    def __repr__(self) -> str:
        code, _ = self.exchange.twilio_error
        error = f" error {code}" if code is not None and not self.ok else ""
        return (f"<Response {self.exchange.method} {self.exchange.url} → {self.status_code}{error} "
                f"in {self.exchange.timings.total * 1000:.0f} ms>")  # fmt: skip

    def _timing_rows(self) -> list[tuple[str, str]]:
        rows = [("total", f"{self.exchange.timings.total * 1000:.1f} ms")]
        rows += [
            (label, f"{seconds * 1000:.1f} ms")
            for label, seconds in phase_summary(self.exchange.timings.phases)
        ]
        return rows

    def _repr_html_(self) -> str:
        exchange = self.exchange
        tone = "ok" if self.ok else "bad"
        parts = [
            f"<div class='explorer-exchange'>{badge(str(exchange.status_code), tone)} "
            f"<code>{esc(exchange.method)} {esc(exchange.url)}</code></div>"
        ]
        explanation = self.explanation
        if explanation is not None:
            parts.append(
                f"<div class='explorer-explanation'><strong>{esc(explanation.title)}</strong><br>"
                f"{esc(explanation.cause)}<br><em>Fix:</em> {esc(explanation.fix)}</div>"
            )
        for url in exchange.redirects:
            parts.append(f"<div><small>redirected from {esc(url)}</small></div>")
        parts.append(details("Timings", kv_table(self._timing_rows())))
        parts.append(details("Request headers", kv_table(exchange.request_headers)))
        parts.append(details("Response headers", kv_table(exchange.response_headers)))
        parts.append(
            details(
                f"Body ({len(exchange.body):,} bytes)", pre(body_text(exchange), "json"), open_=not self.ok
            )
        )
        return "".join(parts)

    def _repr_markdown_(self) -> str:
        exchange = self.exchange
        lines = [f"**{exchange.status_code}** {md_text(exchange.method)} {md_text(exchange.url)}", ""]
        explanation = self.explanation
        if explanation is not None:
            lines += [f"**{md_text(explanation.title)}**: {md_text(explanation.cause)}",
                      "", f"*Fix:* {md_text(explanation.fix)}", ""]  # fmt: skip
        lines.append(", ".join(f"{md_text(k)} {md_text(v)}" for k, v in self._timing_rows()))
        headers = "\n".join(f"{k}: {v}" for k, v in exchange.response_headers)
        lines += ["", md_code(headers, "http"), "", md_code(body_text(exchange), "json")]
        return "\n".join(lines)
