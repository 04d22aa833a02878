"""One row of a doctor report: a step, its verdict, what was found and the fix."""

from __future__ import annotations

__all__ = ["STEPS", "Step", "StepVerdict"]

from dataclasses import dataclass
from enum import StrEnum

STEPS: tuple[tuple[str, str], ...] = (
    ("settings", "settings"),
    ("libraries", "helper libraries"),
    ("dns", "DNS"),
    ("tls", "TLS"),
    ("credential", "credential"),
    ("product", "product"),
    ("clock", "clock"),
)
"""(key, title) of every step, in the order they run: a UI can show what comes next."""


class StepVerdict(StrEnum):
    """How one step came out."""

    PASS = "pass"
    """Checked and fine."""
    WARN = "warn"
    """Worth knowing, not a failure (the exit status stays 0)."""
    FAIL = "fail"
    """Checked and broken: the fix says what to change."""
    SKIP = "skip"
    """Not run, because an earlier step failed or there is nothing to check; the detail says why."""


@dataclass(frozen=True, slots=True)
class Step:
    """One row of the report."""

    key: str
    """The step's key in `STEPS`."""
    verdict: StepVerdict
    """How it came out."""
    detail: str
    """What was found, in a sentence or two (may quote a server's words: render as text, never markup)."""
    fix: str = ""
    """What to change; empty when nothing needs to. Several fixes (one per library) are separate lines."""
    source: str = ""
    """The basis of the verdict (a document or code citation), when there is one."""

    @property
    def title(self) -> str:
        """The step's title (`DNS`)."""
        return dict(STEPS)[self.key]
