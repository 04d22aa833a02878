"""`Secret`: the one type a secret (API key secret, Auth Token) lives in between the keyring and the wire.

A plain `str` holding a secret leaks through every channel that shows values: Textual's crash screen prints
each frame's locals, `repr` in a log line, an f-string in an error message, a dataclass dump in a notebook.
A `Secret` shows `Secret('[redacted]')` through all of them. The text comes out only through `reveal()`, and
the code that calls it is short and named: the `httpx.Auth` that writes the Authorization header at send time
(`explorer.core.auth`), the keyring writer, and the curl renderer when the user explicitly asked to inline
secrets for a host in the credential's own Region.
"""

from __future__ import annotations

__all__ = ["REDACTED", "Secret"]

import hmac
from typing import Any, NoReturn

REDACTED = "[redacted]"
"""What every printed form of a secret shows."""


class Secret:
    """A secret string that never prints itself. Compare, hash and test for emptiness without revealing it."""

    __slots__ = ("_value",)

    _value: str

    def __init__(self, value: str | Secret) -> None:
        """Wrap `value` (the caller should drop its own reference to the plain text)."""
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError(f"a Secret wraps a str, not {type(value).__name__}")
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise AttributeError("a Secret is immutable")

    def reveal(self) -> str:
        """The secret's text. Call it only where the text must leave the process (a header, the keyring)."""
        return self._value

    def is_blank_or_padded(self) -> bool:
        """True when the secret is empty or has surrounding whitespace (a paste gone wrong)."""
        return not self._value or self._value != self._value.strip()

    def __repr__(self) -> str:
        return f"Secret('{REDACTED}')"

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, spec: str) -> str:
        return REDACTED

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Secret):
            other = other._value
        if not isinstance(other, str):
            return NotImplemented
        # Constant time: equality on secrets should not leak a prefix through timing.
        return hmac.compare_digest(self._value.encode(), other.encode())

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __reduce__(self) -> NoReturn:
        # Pickling would write the plain text into whatever the pickle lands in (a notebook checkpoint, a cache).
        raise TypeError("a Secret cannot be pickled")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self
