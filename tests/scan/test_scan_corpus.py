"""The fixture corpus: one small repository per language and configuration kind, each with its exact report.

tests/scan/corpus_expected.json pins every hit (file:line, library and where its version came from, the
method that found it, the verdict, and each outcome's host, verdict and conditions). The expectations were
written once from the scanner's output and checked line by line against ../shared/helper-libraries.md; any
change to a host, a verdict or a condition fails here. Precision and recall are computed over the hits'
identities (fixture, file:line, library) and printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scan.corpus_support import EXPECTED, fixtures, reduced, scan_copy

EXPECTED_REPORTS = json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_every_fixture_has_an_expected_report() -> None:
    assert sorted(EXPECTED_REPORTS) == fixtures()


@pytest.mark.parametrize("name", fixtures())
def test_fixture_report_is_exact(name: str, tmp_path: Path) -> None:
    assert reduced(scan_copy(name, tmp_path)) == EXPECTED_REPORTS[name]


def test_precision_and_recall_are_both_100_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found: set[tuple[str, str, str]] = set()
    expected: set[tuple[str, str, str]] = set()
    for name in fixtures():
        found |= {(name, h["where"], h["library"]) for h in reduced(scan_copy(name, tmp_path / "copies"))}
        expected |= {(name, h["where"], h["library"]) for h in EXPECTED_REPORTS[name]}
    true_positives = len(found & expected)
    precision = true_positives / len(found) if found else 0.0
    recall = true_positives / len(expected) if expected else 0.0
    with capsys.disabled():
        print(f"\nscan corpus: {len(expected)} expected hits, precision {precision:.0%}, recall {recall:.0%}")
    assert (found - expected, expected - found) == (set(), set())
    assert precision == recall == 1.0


def test_false_friends_are_not_hits(tmp_path: Path) -> None:
    # boto3's region_name, a Client from another package, AWS's S3Client({region}), Guzzle's Client.
    wheres = {(name, h["where"]) for name, hits in EXPECTED_REPORTS.items() for h in hits}
    assert ("python-literal", "app.py:9") not in wheres
    assert ("python-literal", "app.py:10") not in wheres
    assert ("node-lock", "index.js:5") not in wheres
    assert not [h for h in reduced(scan_copy("php", tmp_path)) if h["where"].startswith("http.php")]


def test_auto_map_window_and_range_are_told_apart() -> None:
    # 9.9.0 is inside twilio-python's 9.8.8–9.10.0 window: region au1 alone gets the sydney edge.
    automap = {h["where"]: h for h in EXPECTED_REPORTS["python-automap"]}
    assert automap["svc.py:3"]["outcomes"] == [["api.sydney.au1.twilio.com", "valid", []]]
    # ...and a region the window's map lacks raises KeyError: no host at all.
    assert automap["svc.py:4"]["outcomes"][0][0] is None
    # A range admitting the window and later releases depends on the resolved version.
    (ranged,) = EXPECTED_REPORTS["python-range"]
    assert {tuple(o[:2]) for o in ranged["outcomes"]} == {
        ("api.au1.twilio.com", "retired"),
        ("api.sydney.au1.twilio.com", "valid"),
    }
