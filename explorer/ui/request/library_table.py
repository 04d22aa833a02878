"""The region picker's "what each library builds" table: one row per official helper library (newest release)."""

from __future__ import annotations

__all__ = ["LibraryTable", "library_rows"]

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from explorer.core.libraries import all_library_hosts
from explorer.core.printable import visible
from explorer.model.target import Target
from explorer.ui.tones import Tones


def library_rows(target: Target) -> list[tuple[str, str, str, bool]]:
    """(library, host, verdict, ok) per library for `target`, with the environment the app started in."""
    rows = []
    for host in all_library_hosts(target.library_setup()):
        ignored = [use.name for use in host.ignored if use.name.startswith("TWILIO_")]
        verdict = host.summary + (f" (ignores {', '.join(ignored)})" if ignored else "")
        # The short name (`python`, `twilio-cli`): the picker is narrow, and the verdict column must fit.
        rows.append((host.library.name, host.fqdn or "—", verdict, host.ok))
    return rows


class LibraryTable(Static):
    """What each helper library builds for the target: its host and the verdict (red when not as intended)."""

    def show(self, target: Target, tones: Tones) -> None:
        """Show the rows for `target` in the theme's `tones` (the picker calls it whenever either changes)."""
        self.update(self._render_table(target, tones))

    def _render_table(self, target: Target, tones: Tones) -> Table:
        table = Table(
            title=Text("What each library builds", style="bold"),
            title_justify="left",
            box=None,
            pad_edge=False,
        )
        table.add_column("library", style="dim", no_wrap=True)
        table.add_column("host", no_wrap=True)
        table.add_column("verdict")
        for library, host, verdict, ok in library_rows(target):
            table.add_row(library, Text(visible(host)), Text(verdict, style="" if ok else tones.error))
        return table
