"""Options shared by several commands, read the same way everywhere."""

from __future__ import annotations

__all__ = ["openapi_dir"]

import argparse
from pathlib import Path


def openapi_dir(args: argparse.Namespace) -> Path | None:
    """The global `--openapi DIR`, or None for the bundled catalogue (or `$TWILIO_EXPLORER_OPENAPI`)."""
    value = getattr(args, "openapi", None)
    return Path(value) if value else None
