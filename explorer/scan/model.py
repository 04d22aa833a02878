"""What a scan finds: client sites in code and configuration, the values they set, and the report.

A `Site` is what an extractor read (a file, a line, how the region and edge are written). `evaluate` turns
sites into `Hit`s: the host each library version builds, the verdict on it and the fix. Nothing here reads
files; the report is plain data that the command line, the app and the notebook render.
"""

from __future__ import annotations

__all__ = [
    "VERDICT_ORDER",
    "Hit",
    "Outcome",
    "ScanSummary",
    "Site",
    "Value",
    "ValueKind",
    "VersionInfo",
]

from dataclasses import dataclass, field
from enum import StrEnum


class ValueKind(StrEnum):
    """How a region or edge value is given."""

    LITERAL = "literal"
    """Written in place: `region="au1"`."""
    CONSTANT = "constant"
    """A same-file constant holding a literal: `REGION = "au1"` … `region=REGION`."""
    ENV = "env"
    """Read from an environment variable: `os.environ["TWILIO_REGION"]`, `process.env.TWILIO_EDGE`."""
    UNRESOLVED = "unresolved"
    """An expression the scanner cannot evaluate without running the code."""
    UNSET = "unset"
    """Not given at all (the library may still read the environment)."""


@dataclass(frozen=True, slots=True)
class Value:
    """A region or edge setting as the code or configuration writes it."""

    kind: ValueKind
    text: str | None = None
    """The value for LITERAL and CONSTANT."""
    expr: str = ""
    """The source text of the expression (or the constant's or variable's name)."""
    variable: str | None = None
    """For ENV: the variable read (`TWILIO_REGION`)."""

    @staticmethod
    def unset() -> Value:
        """Not given."""
        return Value(ValueKind.UNSET)

    @staticmethod
    def literal(text: str, expr: str | None = None) -> Value:
        """A value written in place."""
        return Value(ValueKind.LITERAL, text, expr if expr is not None else repr(text))


@dataclass(frozen=True, slots=True)
class Site:
    """One place a Twilio REST client (or the configuration it reads) sets a region or an edge."""

    path: str
    """The file, relative to the scanned root, with `/` separators."""
    line: int
    """1-based."""
    language: str
    """`python`, `javascript`, `typescript`, `csharp`, `java`, `ruby`, `php`, `go`, or a config kind."""
    method: str
    """What found it: `python-ast`, `tree-sitter-java`, `env-file`, `yaml`, `hcl-matcher`…"""
    library: str
    """The helper library whose rule applies (`python`, `node`, …, `twilio-cli`), or `environment`."""
    region: Value
    edge: Value
    what: str
    """The construct, in the language's words: `Client(...)`, `Twilio.setRegion`, `TWILIO_REGION=`."""
    java_builder: bool = False
    """twilio-java: a `TwilioRestClient.Builder` (which ignores the environment)."""
    env_file: bool = False
    """True for a configuration site that only sets environment variables (its values reach every library
    that reads TWILIO_REGION/TWILIO_EDGE)."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """Which version of a library a site uses, and where that came from."""

    library: str
    spec: str | None
    """The exact version or the range as written (None: no lockfile or manifest names it)."""
    source: str | None
    """`poetry.lock`, `app/package-lock.json`…"""
    exact: bool
    """True for one pinned version."""

    @property
    def text(self) -> str:
        """`9.9.0 (poetry.lock)`, `>=9.8 (requirements.txt)`, `version unknown`."""
        if self.spec is None:
            return "version unknown"
        return f"{self.spec} ({self.source})" if self.source else self.spec


VERDICT_ORDER: tuple[str, ...] = (
    "retired",
    "TLS mismatch",
    "product not offered",
    "processed in US1",
    "unknown",
    "valid",
)
"""The verdicts a scan reports, worst first (the table groups by it; `--check` fails on all but valid)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One combination of inputs and what the library builds from it."""

    conditions: tuple[str, ...]
    """What must hold for this outcome (`TWILIO_REGION=au1 from .env:2`, `versions 9.8.8–9.10.0`); empty
    when nothing is uncertain."""
    region: str | None
    """The region the library sees (code or environment)."""
    region_from: str
    edge: str | None
    edge_from: str
    host: str | None
    """The host built, or None when the library raises instead."""
    verdict: str
    """One of `VERDICT_ORDER`."""
    detail: str
    """Why (the verdict's explanation, or the exception)."""
    fix: str | None
    """What to change, in the library's terms; None when nothing needs changing."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One site, evaluated."""

    site: Site
    version: VersionInfo
    outcomes: tuple[Outcome, ...]
    unresolved: bool
    """True when a value could not be resolved and the outcomes list what each plausible value gives."""

    @property
    def verdict(self) -> str:
        """The worst verdict among the outcomes."""
        return min((o.verdict for o in self.outcomes), key=VERDICT_ORDER.index)

    @property
    def valid(self) -> bool:
        """True when every outcome is valid."""
        return all(o.verdict == "valid" for o in self.outcomes)

    @property
    def hosts(self) -> tuple[str, ...]:
        """The distinct hosts built, in outcome order (`raises …` for an exception)."""
        seen: dict[str, None] = {}
        for outcome in self.outcomes:
            seen.setdefault(outcome.host or "raises", None)
        return tuple(seen)


@dataclass(slots=True)
class ScanSummary:
    """What was read and what was skipped."""

    files_seen: int = 0
    files_read: int = 0
    binary: int = 0
    huge: int = 0
    unreadable: int = 0
    symlinks_outside: int = 0
    parse_errors: int = 0
    """Source files whose parser gave up (their hits are found by nothing; counted, never a traceback)."""
    walker: str = ""
    """`git ls-files` or `pathspec (.gitignore)`."""
    prefilter: str = ""
    """How files that never mention Twilio were set aside: `git grep -l -i twilio` in a git work tree (git's
    parallel grep), else each file read and searched in Python."""
    skipped_paths: list[str] = field(default_factory=list)
    """Up to a few examples of unreadable files, for the message."""
