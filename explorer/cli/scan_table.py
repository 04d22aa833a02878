"""The scan report as a Rich table, grouped by verdict, worst first. Foreign text is never markup."""

from __future__ import annotations

__all__ = ["print_table"]

from explorer.scan.report import COLUMNS, ScanReport

_STYLES = {
    "retired": "bold red", "TLS mismatch": "red", "product not offered": "red",
    "processed in US1": "yellow", "unknown": "magenta", "valid": "green",
}  # fmt: skip


def print_table(report: ScanReport) -> None:
    """Print one table per verdict present, then the summary line."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from explorer.core.printable import visible

    console = Console(highlight=False, soft_wrap=False)
    rows = report.to_rows()
    if not rows:
        console.print(Text("No Twilio clients found."))
    groups: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault(row["verdict"].split(" (")[0], []).append(row)
    for verdict, members in groups.items():
        table = Table(title=Text(f"{verdict} ({len(members)})", style=_STYLES.get(verdict, "")), show_lines=True,
                      title_justify="left", expand=True)  # fmt: skip
        for column in COLUMNS[1:]:
            table.add_column(column, overflow="fold")
        for row in members:
            table.add_row(*(Text(visible(row[c], multiline=True)) for c in COLUMNS[1:]))
        console.print(table)
    console.print(Text(report.summary_line(), style="dim"), soft_wrap=True)
