"""The scan report: hits grouped by verdict (worst first), a versioned JSON shape, rows, and HTML.

`to_json()` is the stable machine shape (`{"schema": 1, …}`; fields are only ever added within a schema
number). `to_rows()` gives the table's rows as plain strings for any renderer (Rich in the command line,
Textual in the app, HTML in a notebook).
"""

from __future__ import annotations

__all__ = ["SCHEMA", "ScanReport"]

import html
from dataclasses import dataclass
from typing import Any

from explorer.scan.model import VERDICT_ORDER, Hit, Outcome, ScanSummary, Value, ValueKind

SCHEMA = 1
COLUMNS: tuple[str, ...] = ("verdict", "where", "language", "library", "region", "edge", "host", "fix")


def _value_text(value: Value) -> str:
    if value.kind is ValueKind.UNSET:
        return "not set"
    if value.kind is ValueKind.LITERAL:
        return value.text or ""
    if value.kind is ValueKind.CONSTANT:
        return f"{value.text} ({value.expr})"
    if value.kind is ValueKind.ENV:
        return f"${value.variable}"
    return f"? {value.expr}"


def _value_json(value: Value) -> dict[str, Any]:
    return {
        "kind": str(value.kind),
        "value": value.text,
        "expr": value.expr or None,
        "variable": value.variable,
    }


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {
        "conditions": list(outcome.conditions), "region": outcome.region, "region_from": outcome.region_from,
        "edge": outcome.edge, "edge_from": outcome.edge_from, "host": outcome.host,
        "verdict": outcome.verdict, "detail": outcome.detail, "fix": outcome.fix,
    }  # fmt: skip


def _outcome_line(outcome: Outcome, field: str) -> str:
    value = {"host": outcome.host or "raises", "fix": outcome.fix or "—"}[field]
    if outcome.conditions:
        return f"{value} [{'; '.join(outcome.conditions)}]"
    return value


def _depends(hit: Hit) -> str:
    versions = any(c.startswith("version ") for o in hit.outcomes for c in o.conditions)
    return "\ndepends on the resolved version" if versions else ""


def _fixes(hit: Hit) -> str:
    texts = list(dict.fromkeys(o.fix for o in hit.outcomes if o.fix))
    if len(texts) <= 1:
        return texts[0] if texts else "—"
    return "\n".join(dict.fromkeys(_outcome_line(o, "fix") for o in hit.outcomes if o.fix))


@dataclass(frozen=True, slots=True)
class ScanReport:
    """Every hit of one scan, and what was read."""

    root: str
    hits: list[Hit]
    summary: ScanSummary

    def sorted_hits(self) -> list[Hit]:
        """Worst verdict first, then by file and line."""
        return sorted(
            self.hits,
            key=lambda h: (VERDICT_ORDER.index(h.verdict), h.site.path, h.site.line, h.site.library),
        )

    @property
    def failing(self) -> list[Hit]:
        """The hits that are not valid in every outcome."""
        return [hit for hit in self.hits if not hit.valid]

    def to_rows(self) -> list[dict[str, str]]:
        """One row per hit (worst first): the `COLUMNS`, each a plain string (multi-outcome cells joined by
        newlines)."""
        rows = []
        for hit in self.sorted_hits():
            site = hit.site
            rows.append(
                {
                    "verdict": hit.verdict + (" (unresolved)" if hit.unresolved else ""),
                    "where": f"{site.path}:{site.line}",
                    "language": f"{site.language} ({site.method})",
                    "library": f"{site.library} {hit.version.text}" + _depends(hit),
                    "region": _value_text(site.region),
                    "edge": _value_text(site.edge),
                    "host": "\n".join(
                        _outcome_line(o, "host") + (f" → {o.verdict}" if len(hit.outcomes) > 1 else "")
                        for o in hit.outcomes
                    ),
                    "fix": _fixes(hit),
                }
            )
        return rows

    def to_json(self) -> dict[str, Any]:
        """The stable, versioned shape (`schema`: 1)."""
        summary = self.summary
        return {
            "schema": SCHEMA,
            "root": self.root,
            "summary": {
                "files_seen": summary.files_seen,
                "files_read": summary.files_read,
                "binary": summary.binary,
                "huge": summary.huge,
                "unreadable": summary.unreadable,
                "symlinks_outside": summary.symlinks_outside,
                "parse_errors": summary.parse_errors,
                "walker": summary.walker,
                "hits": len(self.hits),
                "not_valid": len(self.failing),
            },
            "hits": [
                {
                    "path": hit.site.path,
                    "line": hit.site.line,
                    "language": hit.site.language,
                    "method": hit.site.method,
                    "construct": hit.site.what,
                    "library": hit.site.library,
                    "version": {
                        "spec": hit.version.spec,
                        "source": hit.version.source,
                        "exact": hit.version.exact,
                    },
                    "region": _value_json(hit.site.region),
                    "edge": _value_json(hit.site.edge),
                    "verdict": hit.verdict,
                    "unresolved": hit.unresolved,
                    "outcomes": [_outcome_json(o) for o in hit.outcomes],
                }
                for hit in self.sorted_hits()
            ],
        }

    def summary_line(self) -> str:
        """`12 hits (3 not valid) in 240 files read of 1,000; skipped: 2 binary, 1 huge, 0 unreadable`."""
        s = self.summary
        return (
            f"{len(self.hits)} hit{'' if len(self.hits) == 1 else 's'} ({len(self.failing)} not valid) in "
            f"{s.files_read:,} files read of "
            f"{s.files_seen:,} listed by {s.walker}; skipped: {s.binary} binary, {s.huge} huge, "
            f"{s.unreadable} unreadable, {s.symlinks_outside} symlinks out of the tree, "
            f"{s.parse_errors} that did not parse"
        )

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (every value escaped)."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td style='white-space:pre-wrap;text-align:left'>{html.escape(row[c])}</td>"
                for c in COLUMNS
            )
            + "</tr>"
            for row in self.to_rows()
        )
        caption = html.escape(self.summary_line())
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
