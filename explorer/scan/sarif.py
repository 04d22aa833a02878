"""The scan report as SARIF 2.1.0, so CI systems that read it (GitHub code scanning) show findings on the lines.

One rule per verdict that is not valid; one result per hit that is not valid (valid hits are not findings).
Levels: retired, TLS mismatch and product not offered are errors (requests fail), processed in US1 is a
warning (requests work, in the wrong Region), unknown is a note.
"""

from __future__ import annotations

__all__ = ["SARIF_SCHEMA", "to_sarif"]

from typing import Any

from explorer import __version__
from explorer.scan.model import VERDICT_ORDER, Hit
from explorer.scan.report import ScanReport

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVELS = {
    "retired": "error", "TLS mismatch": "error", "product not offered": "error",
    "processed in US1": "warning", "unknown": "note",
}  # fmt: skip
_RULES = {
    "retired": "The client builds a region-only host that Twilio retired on 2026-04-28.",
    "TLS mismatch": "The client builds a host that Twilio's certificate does not cover.",
    "product not offered": "The client builds a host for a product not offered in that Region.",
    "processed in US1": "The setup asks for another Region but requests are processed in US1.",
    "unknown": "The client builds a host Twilio does not document, or the library raises.",
}


def _rule_id(verdict: str) -> str:
    return "twilio-region/" + verdict.lower().replace(" ", "-")


def _message(hit: Hit) -> str:
    site = hit.site
    lines = [f"{site.what}: twilio-{site.library} {hit.version.text}"]
    for outcome in hit.outcomes:
        when = f" [{'; '.join(outcome.conditions)}]" if outcome.conditions else ""
        lines.append(f"{outcome.verdict}: {outcome.host or 'raises'}{when}: {outcome.detail}")
        if outcome.fix:
            lines.append(f"Fix: {outcome.fix}")
    return "\n".join(dict.fromkeys(lines))


def to_sarif(report: ScanReport) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run."""
    rules = [
        {
            "id": _rule_id(verdict),
            "name": verdict.title().replace(" ", ""),
            "shortDescription": {"text": _RULES[verdict]},
            "defaultConfiguration": {"level": _LEVELS[verdict]},
        }
        for verdict in VERDICT_ORDER
        if verdict != "valid"
    ]
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = []
    for hit in report.sorted_hits():
        if hit.valid:
            continue
        rule_id = _rule_id(hit.verdict)
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": index[rule_id],
                "level": _LEVELS[hit.verdict],
                "message": {"text": _message(hit)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": hit.site.path, "uriBaseId": "SRCROOT"},
                            "region": {"startLine": hit.site.line},
                        }
                    }
                ],
                "properties": {
                    "library": hit.site.library,
                    "method": hit.site.method,
                    "hosts": list(hit.hosts),
                    "unresolved": hit.unresolved,
                },
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "twilio-explorer scan",
                        "version": __version__,
                        "informationUri": "https://www.twilio.com/docs/global-infrastructure/api-domain-migration-guide",
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
