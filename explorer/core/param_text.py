"""The `Name=value&Other=value` text people type for a request's parameters or a list's server filters.

One parser for the request view and the resource browser, so both read the same text the same way.
"""

from __future__ import annotations

__all__ = ["format_params", "parse_params"]

from explorer.core.errors import InputError


def parse_params(text: str) -> tuple[tuple[str, str], ...]:
    """`A=1&B=two` → (("A", "1"), ("B", "two")); values are taken literally (the request encodes them).

    Names are stripped of surrounding spaces; empty pieces (`A=1&&B=2`, a trailing `&`) are skipped.

    Raises:
        InputError: a piece has no `=`.
    """
    pairs: list[tuple[str, str]] = []
    for piece in text.split("&"):
        if not piece.strip():
            continue
        name, sep, value = piece.partition("=")
        if not sep:
            raise InputError(f"the parameter {piece!r} has no '='", hint="write Name=value&Other=value")
        pairs.append((name.strip(), value))
    return tuple(pairs)


def format_params(pairs: tuple[tuple[str, str], ...]) -> str:
    """The inverse of `parse_params`, for showing parameters in the field they are typed in."""
    return "&".join(f"{name}={value}" for name, value in pairs)
