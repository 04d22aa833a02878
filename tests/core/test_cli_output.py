"""`-o table|json|tsv`: one JSON shape for every list, TSV that `cut` can trust, tables that fit the terminal."""

from __future__ import annotations

import argparse
import json

import pytest

from explorer.cli.main import main
from explorer.cli.output import Column, add_output_option, emit, fit_widths

ITEMS = [
    {"name": "tab\there", "note": "two\nlines", "flag": True, "empty": None},
    {"name": "esc\x1b[31mred", "note": "back\\slash", "flag": False, "empty": None},
]
COLUMNS = [
    Column("name", "NAME"),
    Column("note", "NOTE", wide=True),
    Column("flag", "FLAG"),
    Column("empty", "EMPTY"),
]


def _emit(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    parser = argparse.ArgumentParser()
    add_output_option(parser)
    emit(parser.parse_args(list(argv)), "things", ITEMS, COLUMNS)
    return capsys.readouterr().out


def test_tsv_keeps_one_line_per_item_and_one_field_per_column(capsys: pytest.CaptureFixture[str]) -> None:
    """Tabs, newlines and backslashes inside values are escaped; control characters are made visible."""
    lines = _emit(capsys, "-o", "tsv").splitlines()
    assert lines[0] == "name\tnote\tflag\tempty"
    assert [line.count("\t") for line in lines] == [3, 3, 3]
    assert lines[1] == "tab\\there\ttwo\\nlines\ttrue\t"
    assert "\x1b" not in lines[2] and lines[2].endswith("\tback\\\\slash\tfalse\t")


def test_json_is_the_same_shape_for_every_list(capsys: pytest.CaptureFixture[str]) -> None:
    """`-o json` and the older `--json` print `{schema: 1, kind, items}` with the items as they are."""
    for flag in (["-o", "json"], ["--json"]):
        assert json.loads(_emit(capsys, *flag)) == {"schema": 1, "kind": "things", "items": ITEMS}


def test_a_table_never_shows_a_control_character(capsys: pytest.CaptureFixture[str]) -> None:
    """Foreign text in a table cell is text: no escape sequence reaches the terminal, None shows as `-`."""
    out = _emit(capsys)
    assert "\x1b" not in out and "esc" in out
    assert out.splitlines()[0].split() == ["NAME", "NOTE", "FLAG", "EMPTY"]


def test_widths_fold_the_wide_columns_first_and_never_below_a_floor() -> None:
    """Long columns give way before short ones; short ones keep their width while the long ones can fold."""
    assert fit_widths([10, 60, 8], 100) == [10, 60, 8]  # fits: as they are
    assert fit_widths([10, 60, 8], 50, [False, True, False]) == [10, 32, 8]
    assert fit_widths([40, 60, 8], 50, [False, True, False]) == [21, 21, 8]
    assert sum(fit_widths([30, 30, 30], 12)) == 18  # the floor: wider than asked rather than unreadable


@pytest.mark.parametrize(
    ("argv", "kind"),
    [
        (["regions"], "regions"),
        (["regions", "--edges"], "edges"),
        (["catalog", "--product", "trunking"], "catalog"),
    ],
)
def test_every_list_command_takes_o_json(
    capsys: pytest.CaptureFixture[str], argv: list[str], kind: str
) -> None:
    """regions, regions --edges and catalog all answer `-o json` with the common shape."""
    assert main([*argv, "-o", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["schema"], document["kind"]) == (1, kind) and document["items"]


def test_short_flags_mean_the_long_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """-r and -e are --region and --edge for fqdn and curl; -p is --profile."""
    assert main(["fqdn", "-r", "au1", "-e", "sydney"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "api.sydney.au1.twilio.com"
    assert main(["curl", "api:applications", "-r", "ie1", "-e", "dublin"]) == 0
    assert "https://api.dublin.ie1.twilio.com/" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["curl", "api:applications", "-p"])  # -p takes a NAME, as --profile does
    assert "-p/--profile" in capsys.readouterr().err
