"""Rich output for a host (its plan and verdict), a request and a curl command.

Each view is a small frozen value that holds the core object it shows (`plan`, `verdict`, `spec`) and has a
concise `__repr__` for scripts, `_repr_html_` for Jupyter and `_repr_markdown_` for renderers that prefer
Markdown. Foreign text goes through `markup` (escaped), so a hostile product label or path cannot become
markup.
"""

from __future__ import annotations

__all__ = ["Curl", "HostReport", "Request", "verdict_html", "verdict_markdown", "verdict_tone"]

from dataclasses import dataclass

from explorer.core.hosts import HostPlan
from explorer.core.request import RequestSpec
from explorer.core.verdict import Verdict, VerdictKind
from explorer.notebook.markup import badge, esc, kv_table, md_code, md_text, pre


def verdict_tone(verdict: Verdict) -> str:
    """ok for a host processed where intended, warn for an ignored edge, bad for one that fails."""
    if verdict.kind in (VerdictKind.VALID, VerdictKind.US1):
        return "ok"
    return "warn" if verdict.kind is VerdictKind.EDGE_IGNORED else "bad"


def _needs_fix(verdict: Verdict) -> bool:
    return verdict.fix.fqdn != verdict.fqdn


def verdict_html(verdict: Verdict) -> str:
    """The verdict as a coloured badge, the host, why, the basis and (when the host is not the one to use)
    the fix."""
    parts = [
        f"<div class='explorer-verdict'>{badge(verdict.summary, verdict_tone(verdict))} "
        f"<code>{esc(verdict.fqdn)}</code>",
        f"<div>{esc(verdict.explanation)}</div>",
        f"<div><small>Basis: {esc(verdict.source)}</small></div>",
    ]
    if _needs_fix(verdict):
        parts.append(
            f"<div><strong>Fix:</strong> {esc(verdict.fix.text)} → <code>{esc(verdict.fix.fqdn)}</code></div>"
        )
    parts.append("</div>")
    return "".join(parts)


def verdict_markdown(verdict: Verdict) -> str:
    """The verdict as Markdown: the badge as bold text, the host as code, why, basis and fix."""
    lines = [f"**{md_text(verdict.summary)}** {md_text(verdict.fqdn)}", "", md_text(verdict.explanation), "",
             f"Basis: {md_text(verdict.source)}"]  # fmt: skip
    if _needs_fix(verdict):
        lines += ["", f"**Fix:** {md_text(verdict.fix.text)} → {md_text(verdict.fix.fqdn)}"]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class HostReport:
    """The host a product, region and edge make, its verdict, where each label came from, and the fix."""

    plan: HostPlan
    """The host the helper libraries build."""
    verdict: Verdict
    """Where requests to it are processed, or how they fail."""

    @property
    def fqdn(self) -> str:
        """The host."""
        return self.verdict.fqdn

    def __repr__(self) -> str:
        fix = f"; fix: {self.verdict.fix.fqdn}" if _needs_fix(self.verdict) else ""
        return f"<HostReport {self.fqdn} {self.verdict.summary}{fix}>"

    def _origins(self) -> list[tuple[str, str]]:
        return [(o.part, f"{o.value or '—'} ({o.origin})") for o in self.plan.origins]

    def _repr_html_(self) -> str:
        return verdict_html(self.verdict) + kv_table(self._origins())

    def _repr_markdown_(self) -> str:
        origins = "\n".join(f"- {md_text(part)}: {md_text(text)}" for part, text in self._origins())
        return verdict_markdown(self.verdict) + "\n\n" + origins


@dataclass(frozen=True, slots=True)
class Curl:
    """A docs-safe curl command: placeholders for the Account SID and secrets, never a secret."""

    text: str
    """The command."""
    spec: RequestSpec
    """The request it sends."""

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Curl {self.spec.method} {self.spec.fqdn}: {len(self.text.splitlines())} lines>"

    def _repr_html_(self) -> str:
        # `user-select:all`: one click selects the whole command for copying.
        return pre(self.text, "bash").replace("<pre>", "<pre style='user-select:all'>", 1)

    def _repr_markdown_(self) -> str:
        return md_code(self.text, "bash")


@dataclass(frozen=True, slots=True)
class Request:
    """A request before it is sent: method, host and path, its host's verdict and its curl."""

    spec: RequestSpec
    """The request."""
    verdict: Verdict
    """The verdict on its host."""
    curl: Curl
    """The docs-safe curl command for it."""

    def __repr__(self) -> str:
        return f"<Request {self.spec} ({self.verdict.summary})>"

    def _rows(self) -> list[tuple[str, str]]:
        rows = [("method", self.spec.method), ("host", self.spec.fqdn), ("path", self.spec.path)]
        rows += [(f"query {n}", v) for n, v in self.spec.query]
        rows += [(f"form {n}", v) for n, v in self.spec.form]
        return rows

    def _repr_html_(self) -> str:
        return kv_table(self._rows()) + verdict_html(self.verdict) + self.curl._repr_html_()

    def _repr_markdown_(self) -> str:
        rows = "\n".join(f"- {md_text(k)}: {md_text(v)}" for k, v in self._rows())
        return f"{rows}\n\n{verdict_markdown(self.verdict)}\n\n{self.curl._repr_markdown_()}"
