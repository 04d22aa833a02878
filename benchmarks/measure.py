"""What every benchmark shares: timed series with min/median/max, interleaved rounds, and result tables.

A benchmark measures the thing a user feels next to its peer or floor *in the same run*, interleaved (one
repetition of each, round by round), so that both see the same machine load. It returns a `Table` whose
rows are `Series`; `benchmarks/run` writes the tables to RESULTS.md. No benchmark asserts anything.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Series:
    """The repetitions of one measurement (seconds, or another unit)."""

    name: str
    """The row label: what was measured and by what (`twilio-python 9.13`)."""
    values: list[float] = field(default_factory=list)
    """One value per repetition."""
    unit: str = "ms"
    """How values are shown: `ms` (seconds scaled by 1000), `MB`, `req/s`, or `` for a plain number."""
    note: str = ""
    """Why there are no values (a peer that could not be installed), or a remark."""

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    def shown(self, value: float) -> str:
        if value != value:  # NaN
            return "—"
        if self.unit == "ms":
            return f"{value * 1000:.1f}" if value < 0.1 else f"{value * 1000:.0f}"
        if self.unit in ("MB", "req/s"):
            return f"{value:.0f}" if value >= 100 else f"{value:.1f}"
        return f"{value:.2f}"

    def cells(self) -> tuple[str, str, str]:
        """min, median, max as shown."""
        if not self.values:
            return "—", "—", "—"
        return self.shown(min(self.values)), self.shown(self.median), self.shown(max(self.values))


@dataclass
class Table:
    """One area's results: rows compared with a reference row (the peer or floor)."""

    title: str
    """The area (`Start-up`)."""
    about: str
    """One paragraph: what is measured, how, and what the reference is."""
    rows: list[Series] = field(default_factory=list)
    """The measurements."""
    reference: dict[str, list[str]] = field(default_factory=dict)
    """Row name → the rows it is compared to (each ratio is row median / reference median)."""
    lower_is_better: bool = True
    """False for throughput (then the ratio is reference / row, so that below 1 is still better)."""

    def add(self, row: Series, *against: str) -> Series:
        self.rows.append(row)
        if against:
            self.reference[row.name] = list(against)
        return row

    def compare(self, name: str, against: str) -> None:
        """Also compare row `name` with row `against`."""
        self.reference.setdefault(name, []).append(against)

    def row(self, name: str) -> Series:
        return next(r for r in self.rows if r.name == name)

    def ratio(self, name: str, against: str) -> float | None:
        """Row `name`'s median over row `against`'s (None without values)."""
        row, ref = self.row(name), self.row(against)
        if not row.values or not ref.values or ref.median == 0 or row.median == 0:
            return None
        return row.median / ref.median if self.lower_is_better else ref.median / row.median

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", self.about, ""]
        lines.append("| | unit | min | median | max | n | ratio | vs |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---|")
        for row in self.rows:
            low, mid, high = row.cells()
            ratios = self._ratios(row.name)
            note = f" ({row.note})" if row.note else ""
            lines.append(
                f"| {row.name}{note} | {row.unit} | {low} | {mid} | {high} | {len(row.values)} | "
                f"{'<br>'.join(r for r, _ in ratios)} | {'<br>'.join(a for _, a in ratios)} |"
            )
        return "\n".join(lines) + "\n"

    def _ratios(self, name: str) -> list[tuple[str, str]]:
        found = []
        for against in self.reference.get(name, []):
            ratio = self.ratio(name, against)
            if ratio is not None:
                found.append((f"{ratio:.2f}×", against))
        return found

    def text(self) -> str:
        """The table for a terminal."""
        width = max((len(r.name) for r in self.rows), default=10) + 2
        out = [f"{self.title}"]
        for row in self.rows:
            low, mid, high = row.cells()
            shown = "".join(f"  {r} {a}" for r, a in self._ratios(row.name))
            note = f"  ({row.note})" if row.note else ""
            out.append(
                f"  {row.name:<{width}} {mid:>8} {row.unit:<5} [{low} … {high}] n={len(row.values)}{shown}{note}"
            )
        return "\n".join(out)


def timed(work: Callable[[], object]) -> float:
    """Seconds `work` took."""
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def interleave(rounds: int, contenders: Sequence[tuple[Series, Callable[[], float]]]) -> None:
    """Run each contender once per round, in turn, adding what each returns to its series."""
    for _ in range(rounds):
        for series, measure in contenders:
            series.add(measure())


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]
