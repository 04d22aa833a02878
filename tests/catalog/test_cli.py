"""`twilio-explorer catalog`: rows, availability with sources, statistics, and the --openapi override."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from explorer.cli import catalog_cmd
from explorer.core.errors import UnknownNameError


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    # The command's own parser under a top-level one with the global --openapi flag, as main.py builds it.
    parser = argparse.ArgumentParser(prog="twilio-explorer")
    parser.add_argument("--openapi")
    catalog_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    assert args.handler(args) == 0
    return capsys.readouterr().out


@pytest.fixture(autouse=True)
def _no_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TWILIO_EXPLORER_OPENAPI", raising=False)


def test_stats_json_counts_lists_and_instances(capsys: pytest.CaptureFixture[str]) -> None:
    """`catalog --stats --json` reports lists, create-only resources and instances, adding up by product."""
    stats = json.loads(_run(["catalog", "--stats", "--json"], capsys))
    assert stats["totals"]["lists"] >= 380
    assert stats["totals"]["create_only"] >= 60
    assert stats["totals"]["create_only"] == sum(p["create_only"] for p in stats["by_product"].values())
    assert stats["totals"]["lists"] == sum(p["lists"] for p in stats["by_product"].values())
    assert stats["totals"]["instances"] == sum(p["instances"] for p in stats["by_product"].values())
    assert stats["by_product"]["api"]["lists"] > 50


def test_region_rows_show_availability_with_source(capsys: pytest.CaptureFixture[str]) -> None:
    """With --region au1 each row says whether it is offered there and which source says so."""
    rows = {r["id"]: r for r in json.loads(_run(["catalog", "--region", "au1", "--json"], capsys))}
    assert all(r["availability"]["source"] for r in rows.values())
    assert rows["api:calls"]["availability"]["offered"] is True
    assert rows["api:calls"]["host"] == "api.sydney.au1.twilio.com"
    assert rows["trunking:trunks"]["availability"]["offered"] is True
    assert rows["api:messages"]["availability"]["status"] == "not offered"
    assert rows["verify:services"]["availability"]["status"] == "not documented"


def test_text_table_for_one_product(capsys: pytest.CaptureFixture[str]) -> None:
    """The plain table lists id, host, path and list key, and the Region's verdict and source."""
    out = _run(["catalog", "--product", "trunking", "--region", "au1"], capsys)
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "HOST", "PATH", "LIST", "KEY", "IN", "AU1", "SOURCE"]
    trunks = next(line for line in lines if line.startswith("trunking:trunks "))
    assert "trunking.sydney.au1.twilio.com" in trunks and "/v1/Trunks" in trunks and "[documented]" in trunks


def test_openapi_flag_loads_other_files(fixture_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--openapi DIR` lists the resources described in DIR."""
    out = _run(["--openapi", str(fixture_dir), "catalog", "--json"], capsys)
    assert [r["id"] for r in json.loads(out)] == ["api:widgets", "conversations:gadgets"]


def test_unknown_product_is_refused_with_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """A product that is not in the catalogue gets an error listing the ones that are."""
    with pytest.raises(UnknownNameError) as info:
        _run(["catalog", "--product", "nope"], capsys)
    assert "conversations" in info.value.hint
