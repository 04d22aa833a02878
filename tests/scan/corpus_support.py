"""Scanning the fixture corpus: each fixture copied out of this repository (so its own .gitignore rules and
walker apply, not ours), and the report reduced to what the expected files pin down."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from explorer.scan.report import ScanReport
from explorer.scan.scanner import scan

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = Path(__file__).parent / "corpus_expected.json"


def fixtures() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def scan_copy(name: str, tmp: Path) -> ScanReport:
    copy = tmp / name
    shutil.copytree(CORPUS / name, copy)
    return scan(copy)


def reduced(report: ScanReport) -> list[dict[str, Any]]:
    return [
        {
            "where": f"{hit.site.path}:{hit.site.line}",
            "library": hit.site.library,
            "version": hit.version.text,
            "method": hit.site.method,
            "verdict": hit.verdict,
            "unresolved": hit.unresolved,
            "outcomes": [[o.host, o.verdict, list(o.conditions)] for o in hit.outcomes],
        }
        for hit in report.sorted_hits()
    ]
