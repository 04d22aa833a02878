"""A page of a list as the notebook returns it: the records, how many pages were followed, and whether the
server has more; shown as a table with the paging state."""

from __future__ import annotations

__all__ = ["Page"]

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explorer.core.client import Exchange
from explorer.core.errors import ExplorerError
from explorer.notebook.markup import esc, md_table, md_text, table

if TYPE_CHECKING:
    import pandas

_PREFERRED = ("sid", "friendly_name", "unique_name", "status", "date_created")
_MAX_COLUMNS = 6
_MAX_ROWS = 50
"""Rows shown in the HTML and Markdown table (every record stays in `records`)."""


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return f"[{len(value)} items]"
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Page:
    """Records of a list, fetched by following the server's next-page links."""

    resource_id: str
    """The catalogue id of the list (`api:applications`)."""
    host: str
    """The host the list was read from."""
    records: tuple[dict[str, Any], ...]
    """The records, in the server's order (at most the limit asked for)."""
    pages: int
    """How many pages were fetched."""
    has_more: bool
    """True when the server has records beyond these (a next-page link, or records past the limit)."""
    next_url: str | None
    """The link to the next page the server named, or None."""
    exchanges: tuple[Exchange, ...] = ()
    """Every page's request and response, in order."""
    columns: tuple[str, ...] = ()
    """The catalogue's default columns for the list (empty: chosen from the records)."""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.records[index]

    @property
    def state(self) -> str:
        """The paging state in words: `50 records from 1 page · more on the server`."""
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        more = "more on the server" if self.has_more else "the whole list"
        return f"{len(self.records)} records from {pages} · {more}"

    def shown_columns(self) -> tuple[str, ...]:
        """The table's columns: the catalogue's defaults present in the records, else the usual names, else
        the first keys."""
        keys: list[str] = []
        for record in self.records[:_MAX_ROWS]:
            keys += [k for k in record if k not in keys]
        chosen = [c for c in self.columns if c in keys] or [c for c in _PREFERRED if c in keys]
        chosen += [k for k in keys if k not in chosen and not isinstance(self.records[0].get(k), dict | list)]
        return tuple(chosen[:_MAX_COLUMNS])

    def _rows(self, columns: Sequence[str]) -> list[list[str]]:
        return [[_cell(record.get(c)) for c in columns] for record in self.records[:_MAX_ROWS]]

    def __repr__(self) -> str:
        return f"<Page {self.resource_id} on {self.host}: {self.state}>"

    def _repr_html_(self) -> str:
        columns = self.shown_columns()
        cut = f" (first {_MAX_ROWS} shown)" if len(self.records) > _MAX_ROWS else ""
        head = f"<div class='explorer-page'><strong>{esc(self.resource_id)}</strong> on <code>{esc(self.host)}</code>: {esc(self.state)}{esc(cut)}</div>"
        return head + (table(columns, self._rows(columns)) if columns else "")

    def _repr_markdown_(self) -> str:
        columns = self.shown_columns()
        head = f"**{md_text(self.resource_id)}** on {md_text(self.host)}: {md_text(self.state)}"
        return head + ("\n\n" + md_table(columns, self._rows(columns)) if columns else "")

    def to_pandas(self) -> pandas.DataFrame:
        """The records as a pandas DataFrame (one row per record).

        Raises:
            ExplorerError: pandas is not installed.
        """
        try:
            import pandas
        except ImportError:
            raise ExplorerError(
                "to_pandas needs pandas, which is not installed",
                hint="pip install pandas (the records are in page.records meanwhile)",
                title="pandas missing",
            ) from None
        return pandas.DataFrame.from_records(list(self.records))
