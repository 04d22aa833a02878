"""`twilio-explorer scan` as a user runs it: the table, `-o json` (schema 1), `-o sarif` (valid SARIF 2.1.0),
`--check`, and the notebook's HTML. The SARIF schema is vendored (tests have no network):
tests/scan/sarif-schema-2.1.0.json is oasis-tcs/sarif-spec `sarif-2.1/schema/sarif-schema-2.1.0.json` at
commit e0583813964ec43cea53b6b531b402866095ed1f (the OASIS errata01 schema)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from explorer.cli.main import main
from explorer.scan.scanner import scan
from tests.scan.corpus_support import CORPUS

SARIF_SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two fixtures side by side: retired, TLS-mismatch, valid and processed-in-US1 hits."""
    root = tmp_path / "repo"
    for name in ("python-literal", "python-unresolved", "node-yarn"):
        shutil.copytree(CORPUS / name, root / name)
    return root


def test_table_groups_by_verdict_worst_first(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["scan", str(repo)]) == 0
    out = capsys.readouterr().out
    titles = [line.split(" (")[0].strip() for line in out.splitlines() if line and line[0].isalpha()]
    assert titles[:4] == ["retired", "TLS mismatch", "processed in US1", "valid"]
    assert "python-literal/app.py:5" in out
    assert "api.au1.twilio.com" in out
    assert "python-ast" in out
    assert "hits (" in out.splitlines()[-1]


def test_check_exits_1_when_any_hit_is_not_valid(repo: Path, tmp_path: Path) -> None:
    assert main(["scan", "--check", "-o", "json", str(repo)]) == 1
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.py").write_text('from twilio.rest import Client\nClient(region="ie1", edge="dublin")\n')
    assert main(["scan", "--check", str(good)]) == 0


def test_json_is_versioned_and_complete(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["scan", "-o", "json", str(repo)])
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == 1
    assert document["summary"]["hits"] == len(document["hits"]) == 6
    first = document["hits"][0]
    assert set(first) == {
        "path", "line", "language", "method", "construct", "library", "version", "region", "edge",
        "verdict", "unresolved", "outcomes",
    }  # fmt: skip
    assert first["verdict"] == "retired"
    assert first["version"] == {"spec": "9.11.0", "source": "python-literal/requirements.txt", "exact": True}


def test_sarif_validates_against_the_sarif_2_1_0_schema(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["scan", "-o", "sarif", str(repo)])
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SARIF_SCHEMA)
    results = log["runs"][0]["results"]
    # Only the hits that are not valid are findings, each on its line.
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["level"]) for r in results][
        :1
    ] == [("python-literal/app.py", "error")]
    assert len(results) == 4
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)


def test_sarif_schema_rejects_a_broken_log() -> None:
    # The vendored schema is strict enough to catch a mistake (guards against an empty or wrong schema file).
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": "2.1.0", "runs": [{"results": []}]}, SARIF_SCHEMA)


def test_the_python_api_scans_and_shows_a_table(tmp_path: Path) -> None:
    from explorer import api

    shutil.copytree(CORPUS / "python-literal", tmp_path / "repo")
    report = api.scan(str(tmp_path / "repo"))
    assert isinstance(report, api.ScanReport)
    html = report._repr_html_()
    assert html.startswith("<table>") and html.count("<tr>") == 1 + 3
    assert [row["verdict"] for row in report.to_rows()] == ["retired", "valid", "valid"]


def test_notebook_html_escapes_foreign_text(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(
        'from twilio.rest import Client\nClient(region="<b>x</b>")\n', encoding="utf-8"
    )
    html = scan(tmp_path)._repr_html_()
    assert "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert scan(tmp_path).to_rows()[0]["where"] == "a.py:2"


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('from twilio.rest import Client\nClient(region="au1\\x1b[31m")\n')
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "scan", str(tmp_path)], capture_output=True, text=True, check=False,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout


def test_a_missing_folder_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(tmp_path / "nope")]) == 2
    assert "not a directory" in capsys.readouterr().err
