"""A canary secret and the ways it could show up: as is, in an HTTP Basic token, base64 alone, or cut by wrapping.

A canary is a unique string used as a credential's secret; a test fails if it is found anywhere a user, a log
or a file could see it. Shared by the app's canary test (tests/ui) and the command line's (tests/e2e).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable
from pathlib import Path

FRAGMENT = 12
"""Length of the pieces searched for as well as the whole: a secret wrapped over two lines is still caught.

Twelve random hex digits (48 bits) never occur by chance in a few megabytes of screens and files.
"""


def new_canary() -> str:
    """A fresh canary: `cnry` and 32 random hex digits (the length of a real API key secret)."""
    return "cnry" + uuid.uuid4().hex


def basic_token(username: str, secret: str) -> str:
    """The base64 of `username:secret`, as it travels in `Authorization: Basic …`."""
    return base64.b64encode(f"{username}:{secret}".encode()).decode("ascii")


def _windows(text: str, start: int = 0) -> set[str]:
    return {text[i : i + FRAGMENT] for i in range(start, len(text) - FRAGMENT + 1)}


class Canary:
    """A canary secret and the forms a leak of it could take, for the given Basic user names."""

    def __init__(self, secret: str, usernames: Iterable[str]) -> None:
        self.secret = secret
        """The canary itself."""
        self.forms: dict[str, str] = {"the canary": secret}
        """Whole forms to search for: the canary, its base64, each `user:canary` Basic token."""
        self.forms["the canary in base64"] = base64.b64encode(secret.encode()).decode("ascii")
        self._fragments: set[str] = _windows(secret)
        for username in usernames:
            token = basic_token(username, secret)
            self.forms[f"the Basic token of {username}:canary"] = token
            # Only the part of the token that encodes the canary: the user name's part is no secret.
            self._fragments |= _windows(token, start=4 * ((len(username) + 1) // 3 + 1))

    def leaks(self, text: str) -> list[str]:
        """What of the canary `text` holds: the names of whole forms, or fragments; empty when clean."""
        found = [name for name, form in self.forms.items() if form in text]
        if not found:
            found = sorted(f"fragment {piece!r}" for piece in self._fragments if piece in text)[:3]
        return found

    def files_leaking(self, *roots: Path) -> dict[str, list[str]]:
        """Every file under `roots` that holds the canary (read as bytes, decoded leniently), and what it holds."""
        leaking: dict[str, list[str]] = {}
        for root in roots:
            for path in sorted(root.rglob("*")):
                if not path.is_file() or path.is_symlink():
                    continue
                try:
                    data = path.read_bytes()
                except OSError:  # a file another process holds or removes meanwhile
                    continue
                found = self.leaks(data.decode("utf-8", errors="replace"))
                if found:
                    leaking[str(path)] = found
        return leaking
