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
    """With -r au1 each row says whether it is offered there and which source says so."""
    document = json.loads(_run(["catalog", "-r", "au1", "-o", "json"], capsys))
    assert (document["schema"], document["kind"]) == (1, "catalog")
    rows = {r["id"]: r for r in document["items"]}
    assert all([a["region"] for a in r["availability"]] == ["au1"] for r in rows.values())
    claims = {name: row["availability"][0] for name, row in rows.items()}
    assert all(claim["source"] for claim in claims.values())
    assert claims["api:calls"]["offered"] is True
    assert rows["api:calls"]["host"] == "api.sydney.au1.twilio.com"
    assert claims["trunking:trunks"]["offered"] is True
    assert claims["api:messages"]["status"] == "not offered"
    assert claims["verify:services"]["status"] == "not documented"


def test_without_a_region_every_confirmed_regions_availability_is_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without -r the JSON still says where each resource is offered: one claim per confirmed Region."""
    rows = json.loads(_run(["catalog", "--product", "api", "-o", "json"], capsys))["items"]
    calls = next(r for r in rows if r["id"] == "api:calls")
    assert [(a["region"], a["host"], a["offered"]) for a in calls["availability"]] == [
        ("us1", "api.twilio.com", True),
        ("ie1", "api.dublin.ie1.twilio.com", True),
        ("au1", "api.sydney.au1.twilio.com", True),
    ]
    messages = next(r for r in rows if r["id"] == "api:messages")
    assert [a["status"] for a in messages["availability"]] == ["offered", "offered (beta)", "not offered"]


def test_tsv_has_one_field_per_column_for_cut_and_awk(capsys: pytest.CaptureFixture[str]) -> None:
    """-o tsv: a header of keys, then one line per resource with the same number of tab-separated fields."""
    lines = _run(["catalog", "--product", "trunking", "-r", "au1", "-o", "tsv"], capsys).splitlines()
    header = lines[0].split("\t")
    assert header == ["id", "host", "path", "list_key", "status", "note", "source"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    trunks = next(row for row in rows if row["id"] == "trunking:trunks")
    assert (trunks["host"], trunks["path"], trunks["status"]) == (
        "trunking.sydney.au1.twilio.com",
        "/v1/Trunks",
        "offered",
    )
    assert trunks["source"].startswith("[documented] https://")


def test_table_fits_the_terminal_width(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table is drawn to the terminal's width ($COLUMNS here): no line is longer, long paths fold."""
    monkeypatch.setenv("COLUMNS", "100")
    lines = _run(["catalog", "-r", "au1"], capsys).splitlines()
    assert lines[0].split() == ["ID", "PATH", "IN", "AU1", "NOTE"]
    assert max(len(line) for line in lines) <= 100
    assert any(line.startswith("trunking:trunks ") and "/v1/Trunks" in line for line in lines)


def test_openapi_flag_loads_other_files(fixture_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--openapi DIR` lists the resources described in DIR."""
    out = _run(["--openapi", str(fixture_dir), "catalog", "-o", "json"], capsys)
    assert [r["id"] for r in json.loads(out)["items"]] == ["api:widgets", "conversations:gadgets"]


def test_unknown_product_is_refused_with_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """A product that is not in the catalogue gets an error listing the ones that are."""
    with pytest.raises(UnknownNameError) as info:
        _run(["catalog", "--product", "nope"], capsys)
    assert "conversations" in info.value.hint
