"""Searching files for a secret: the test's proof that it reached no disk."""

from __future__ import annotations

import base64
from pathlib import Path


def files_containing(needle: str, *roots: Path) -> list[Path]:
    """Every file under `roots` whose bytes contain `needle` (as UTF-8, or its base64 form)."""
    forms = (needle.encode(), base64.b64encode(needle.encode()).rstrip(b"="))
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                if any(form in data for form in forms):
                    found.append(path)
    return found
