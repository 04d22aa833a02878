"""What every command that prints a host does with its verdict: warn on stderr, and fail under --strict.

    a verdict other than valid (or US1 as intended)  →  `twilio-explorer: warning: …` on stderr, with the fix
    --strict (fqdn: also --check)                     →  exit 1 on such a verdict; 2 stays for usage errors

And whenever TWILIO_REGION or TWILIO_EDGE is exported, where each value came from and which helper libraries
would ignore it.
"""

from __future__ import annotations

__all__ = ["EXIT_CODES_HELP", "add_strict", "environment_lines", "warn_if_not_valid"]

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from explorer.core.target_source import TargetSource
    from explorer.core.verdict import Verdict

EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 with --strict when a host's verdict is not valid (retired, edge ignored, TLS "
    "mismatch, not offered, unknown), or an operation failed; 2 usage or input errors (an unknown Region, a "
    "bad label)."
)


def add_strict(parser: argparse.ArgumentParser, *aliases: str) -> None:
    """Add `--strict` (and `aliases`, such as fqdn's `--check`)."""
    parser.add_argument(
        "--strict",
        *aliases,
        dest="strict",
        action="store_true",
        help="exit 1 when the host's verdict is not valid (for CI); the warning is on stderr either way",
    )


def warn_if_not_valid(verdict: Verdict, stream: TextIO | None = None) -> bool:
    """Warn on stderr when `verdict` is not valid (or US1); return True when it warned."""
    from explorer.core.printable import visible
    from explorer.core.verdict import VerdictKind

    if verdict.kind in (VerdictKind.VALID, VerdictKind.US1):
        return False
    print(
        visible(
            f"twilio-explorer: warning: {verdict.fqdn}: {verdict.summary}: {verdict.explanation}. "
            f"Fix: {verdict.fix.text}"
        ),
        file=stream or sys.stderr,
    )
    return True


def environment_lines(source: TargetSource, product: str) -> list[str]:
    """Where region and edge came from, and which libraries would ignore the environment.

    Empty unless a value used here came from the environment: when flags or a profile decide both, every
    library given the same settings in code ignores the environment too, and saying so on every call is noise.
    """
    from explorer.core.libraries import ignored_environment

    if not source.from_environment:
        return []
    exported = " ".join(
        f"{name}={value}"
        for name, value in (("TWILIO_REGION", source.env_region), ("TWILIO_EDGE", source.env_edge))
        if value is not None
    )
    lines = [f"environment: {exported}; {source.describe()}"]
    lines += [f"  {line}" for line in ignored_environment(source.setup(product))]
    return lines
