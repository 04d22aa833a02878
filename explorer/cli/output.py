"""One output format for every command that lists: `-o table` (rich, to the terminal's width), `-o json`, `-o tsv`.

JSON always has the same shape, whatever the command, so a script needs one rule to read any list:

    {"schema": 1, "kind": "<command>", "items": [ {...}, ... ]}

`schema` changes only when an item's existing keys change meaning or go away (new keys may appear in
schema 1). TSV is for `cut` and `awk`: a header line of the columns' keys, then one line per item with the JSON
item's values where it has that key (`ie1`, not the table's `IE1`); a tab, a
newline or a backslash inside a value is written `\\t`, `\\n`, `\\\\` (PostgreSQL's text format), so every line
has the same number of fields. Table cells are text, never Rich markup, with control characters made
visible. Rich is imported only when a table is drawn: `-o json` and `-o tsv` stay as fast as the command.
"""

from __future__ import annotations

__all__ = ["FORMATS", "SCHEMA", "Column", "add_output_option", "emit", "output_format"]

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from explorer.core.printable import visible

SCHEMA = 1
"""The version of the JSON document's shape."""
FORMATS = ("table", "json", "tsv")
"""The values of `-o/--output`."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table or a TSV line, read from an item."""

    key: str
    """The TSV header (lower case, no spaces: `awk` and `cut` users type it)."""
    header: str
    """The table's heading."""
    cell: Callable[[Mapping[str, Any]], object] | None = None
    """The cell's value from an item; None: `item[key]`. None values print as `-` in a table, empty in TSV."""
    wide: bool = False
    """A long value (a path, a source URL): the table folds it rather than squeezing the short columns."""
    in_table: bool = True
    """False: only in TSV (and JSON); the table leaves it out to fit a terminal (a source URL, say)."""
    in_tsv: bool = True
    """False: only in the table (a summary of fields TSV has one by one)."""

    def value(self, item: Mapping[str, Any]) -> object:
        """This column's value for `item`, as the table shows it."""
        return self.cell(item) if self.cell is not None else item.get(self.key)

    def raw(self, item: Mapping[str, Any]) -> object:
        """The value for TSV: the item's own (`ie1`, `auth-token`) when it has the key, else the table's."""
        return item[self.key] if self.key in item else self.value(item)


def add_output_option(parser: argparse.ArgumentParser) -> None:
    """Add `-o/--output table|json|tsv` (and the older `--json`, kept as `-o json`) to a listing command."""
    parser.add_argument(
        "-o",
        "--output",
        choices=FORMATS,
        default=None,
        help="table (default: drawn to the terminal's width), json ({schema, kind, items}) or tsv",
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)


def output_format(args: argparse.Namespace) -> str:
    """The chosen format: `-o`, else `json` for the older `--json`, else `table`."""
    chosen: str | None = getattr(args, "output", None)
    if chosen is not None:
        return chosen
    return "json" if getattr(args, "json", False) else "table"


def emit(
    args: argparse.Namespace,
    kind: str,
    items: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    *,
    empty: str = "",
    note: str = "",
) -> None:
    """Print `items` in the format `args` asks for.

    Args:
        args: the parsed command line (`-o`, `--json`).
        kind: the JSON document's `kind`, the command's name (`catalog`, `profiles`).
        items: the JSON items; the table and TSV show `columns` of them.
        columns: what the table and the TSV show.
        empty: the table's text when there are no items (a hint how to add some).
        note: a line printed under the table (never in JSON or TSV).
    """
    chosen = output_format(args)
    out = sys.stdout
    if chosen == "json":
        document = {"schema": SCHEMA, "kind": kind, "items": list(items)}
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif chosen == "tsv":
        fields = [column for column in columns if column.in_tsv]
        out.write("\t".join(column.key for column in fields) + "\n")
        for item in items:
            out.write("\t".join(_tsv_cell(column.raw(item)) for column in fields) + "\n")
    elif not items and empty:
        out.write(empty + "\n")
    else:
        _table(items, columns, note)
    out.flush()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _tsv_cell(value: object) -> str:
    # JSON's words for booleans: what a script compares against.
    text = ("true" if value else "false") if isinstance(value, bool) else _text(value)
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return visible(text)


def _table(items: Sequence[Mapping[str, Any]], columns: Sequence[Column], note: str) -> None:
    # Imported here: only a table pays for Rich.
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = [column for column in columns if column.in_table]
    rows = [[visible(_text(column.value(item))) or "-" for column in shown] for item in items]
    natural = [max([len(column.header), *(len(row[i]) for row in rows)]) for i, column in enumerate(shown)]
    gaps = _GAP * (len(shown) - 1)
    console = Console(highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        # Into a pipe or a file there is no width to fit: nothing is folded, so `grep` finds a whole SID.
        console = Console(highlight=False, width=sum(natural) + gaps)
    # Rich reads the terminal's width, or $COLUMNS.
    widths = fit_widths(natural, console.width - gaps, [c.wide for c in shown])
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column, width in zip(shown, widths, strict=True):
        table.add_column(column.header, overflow="fold", width=width)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    with console.capture() as capture:
        console.print(table)
        if note:
            console.print(Text(note))
    # Rich pads every line to the table's width; trailing blanks only get in the way of a copy or a diff.
    sys.stdout.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


_GAP = 3
"""Characters between two columns (a space of padding on each side and the invisible rule)."""
_FOLDED = 24
"""The wide columns give way alone down to this width; below it, every column gives way."""
_NARROWEST = 6
"""No column is folded narrower than this."""


def fit_widths(natural: Sequence[int], available: int, wide: Sequence[bool] | None = None) -> list[int]:
    """Column widths that fit `available` characters: the widest columns give way first, down to a floor.

    The `wide` columns (locations, paths, URLs: text that folds well) give way before the others, so an ID
    or a host is cut in two only when folding the long ones was not enough. When even the floor does not
    fit, the table is wider than the terminal rather than unreadable.
    """
    widths = list(natural)
    flexible = list(wide) if wide is not None and any(wide) else [True] * len(widths)
    for pool, floor in ((flexible, _FOLDED), ([True] * len(widths), _NARROWEST)):
        while sum(widths) > available:
            candidates = [w for w, flex in zip(widths, pool, strict=True) if flex]
            widest = max(candidates)
            if widest <= floor:
                break
            excess = sum(widths) - available
            count = candidates.count(widest)
            next_down = max((w for w in candidates if w < widest), default=floor)
            # Lower every widest column together, to the next width down or just enough to fit.
            target = max(next_down, widest - -(-excess // count), floor)
            widths = [target if w == widest and flex else w for w, flex in zip(widths, pool, strict=True)]
    return widths
