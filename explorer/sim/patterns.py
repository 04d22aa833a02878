"""Strings that match a description's regular expression, chosen deterministically from a number.

Twilio's response schemas state a `pattern` for SIDs (`^CA[0-9a-fA-F]{32}$`, `^[a-zA-Z]{2}[0-9a-fA-F]{32}$`),
for the newer APIs' ids (`^aia_asst_.+$`, `^mem_store_[0-7][0-9a-z]{25}$`), for alternatives
(`^(SM|MM)[0-9a-fA-F]{32}$`) and for enumerations written as patterns (`^(CLASSIFICATION|TEXT|JSON)$`).
`sample(pattern, entropy)` reads the small regular-expression language those use (literals, escapes, `.`,
classes with ranges, groups with `|`, `?`, `*`, `+`, `{n}`, `{n,m}`, anchors) and builds a matching string;
it returns None for anything else (lookarounds, backreferences), and callers then fall back to plain text.

    sample("^aia_asst_.+$", 7)           -> "aia_asst_k3…"
    sample("^(CLASSIFICATION|TEXT)$", 1) -> "TEXT"
"""

from __future__ import annotations

__all__ = ["sample", "sid_prefix"]

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_DIGITS = "0123456789"
_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_ESCAPES = {"d": _DIGITS, "w": _WORD, "s": " "}
_OPEN_REPEAT = 12
"""How many characters `+` and `*` (and `{n,}`) produce beyond their minimum: enough to look like an id."""
# `^CA[0-9a-fA-F]{32}$`, `OR[0-9a-f]{32}`, `^AC[a-zA-Z0-9]{32}$`, `^(SM|MM)[0-9a-fA-F]{32}$` (the first wins).
_SID = re.compile(r"^\^?\(?([A-Z]{2})(?:\|[A-Z]{2})*\)?\[[^\]]+\]\{32\}")


def _prefer(options: str) -> str:
    """Twilio's own spelling where a class allows both cases: `[a-zA-Z]{2}` is an upper-case SID prefix,
    `[0-9a-fA-F]` lower-case hex, `[a-zA-Z0-9]` lower-case letters and digits."""
    has_lower = any(c.islower() for c in options)
    has_upper = any(c.isupper() for c in options)
    if not (has_lower and has_upper):
        return options
    if not any(c.isdigit() for c in options):
        return "".join(c for c in options if not c.islower())
    return "".join(c for c in options if not c.isupper())


class _Unsupported(ValueError):
    """The pattern uses something this sampler does not read."""


@dataclass(frozen=True, slots=True)
class _Chars:
    """One character from a set."""

    options: str


@dataclass(frozen=True, slots=True)
class _Group:
    """Alternatives, each a sequence of parts."""

    branches: tuple[tuple[_Part, ...], ...]


@dataclass(frozen=True, slots=True)
class _Repeat:
    """A part repeated between `low` and `high` times."""

    part: _Part
    low: int
    high: int


_Part = _Chars | _Group | _Repeat


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise _Unsupported("unexpected end")
        self.at += 1
        return char

    def alternatives(self) -> _Group:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return _Group(tuple(branches))

    def sequence(self) -> tuple[_Part, ...]:
        parts: list[_Part] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            if atom is not None:
                parts.append(self.quantified(atom))
        return tuple(parts)

    def atom(self) -> _Part | None:
        char = self.take()
        if char in "^$":
            return None  # anchors: the sample is always the whole string
        if char == "(":
            if self.peek() == "?":
                if self.text[self.at : self.at + 2] != "?:":
                    raise _Unsupported("lookaround or named group")
                self.at += 2
            group = self.alternatives()
            if self.take() != ")":
                raise _Unsupported("unclosed group")
            return group
        if char == "[":
            return self.char_class()
        if char == ".":
            return _Chars(_ALNUM)
        if char == "\\":
            return _Chars(self.escape())
        if char in "*+?{":
            raise _Unsupported("quantifier without an atom")
        return _Chars(char)

    def escape(self) -> str:
        char = self.take()
        if char in _ESCAPES:
            return _ESCAPES[char]
        if char.isalnum():
            raise _Unsupported(f"escape \\{char}")
        return char

    def char_class(self) -> _Chars:
        if self.peek() == "^":
            raise _Unsupported("negated class")
        options: list[str] = []
        first = True
        while first or self.peek() != "]":
            first = False
            char = self.take()
            if char == "\\":
                chars = self.escape()
                options.append(chars)
                continue
            if self.peek() == "-" and self.text[self.at + 1 : self.at + 2] not in ("]", ""):
                self.at += 1
                end = self.take()
                if end == "\\":
                    end = self.escape()
                options.extend(chr(c) for c in range(ord(char), ord(end[0]) + 1))
            else:
                options.append(char)
        self.at += 1
        text = _prefer("".join(dict.fromkeys("".join(options))))
        if not text:
            raise _Unsupported("empty class")
        return _Chars(text)

    def quantified(self, atom: _Part) -> _Part:
        char = self.peek()
        if char == "?":
            self.at += 1
            return _Repeat(atom, 0, 0)  # an optional part: leaving it out always matches
        if char == "*":
            self.at += 1
            return _Repeat(atom, 0, _OPEN_REPEAT)
        if char == "+":
            self.at += 1
            return _Repeat(atom, 1, 1 + _OPEN_REPEAT)
        if char == "{":
            end = self.text.find("}", self.at)
            found = re.fullmatch(r"(\d+)(,(\d*))?", self.text[self.at + 1 : end]) if end > 0 else None
            if found is None:
                return atom  # a literal brace
            self.at = end + 1
            low = int(found.group(1))
            high = low if found.group(2) is None else int(found.group(3) or low + _OPEN_REPEAT)
            return _Repeat(atom, low, high)
        return atom


@functools.lru_cache(maxsize=1024)
def _parse(pattern: str) -> _Group | None:
    parser = _Parser(pattern)
    try:
        group = parser.alternatives()
        if parser.at != len(pattern):
            return None
    except (_Unsupported, IndexError):
        return None
    return group


_LCG_A, _LCG_C = 6364136223846793005, 1442695040888963407  # Knuth's MMIX constants
_MASK = (1 << 64) - 1


class _Digits:
    """Draws choices from one big number, so a sample is a pure function of (pattern, entropy)."""

    def __init__(self, entropy: int) -> None:
        self.state = entropy & ((1 << 64) - 1)

    def pick(self, count: int) -> int:
        # A 64-bit LCG step (Knuth's MMIX constants); the high bits pick.
        self.state = (self.state * _LCG_A + _LCG_C) & _MASK
        return (self.state >> 33) % count


_Renderer = Callable[[_Digits, list[str]], None]


@functools.lru_cache(maxsize=64)
def _jumps(count: int) -> tuple[tuple[int, int], ...]:
    # The LCG's k-th state from the first: state_k = a_k * state_0 + c_k (mod 2**64), for k = 1..count.
    steps, a, c = [], 1, 0
    for _ in range(count):
        a, c = (a * _LCG_A) & _MASK, (c * _LCG_A + _LCG_C) & _MASK
        steps.append((a, c))
    return tuple(steps)


def _compile(part: _Part) -> _Renderer:
    # Each part becomes a closure once, drawing from the digits in the order a walk of the parts would: a SID
    # field of every record samples its pattern, and walking the parsed tree per character cost ~40 µs.
    if isinstance(part, _Chars):
        options, count = part.options, len(part.options)
        return lambda digits, out: out.append(options[digits.pick(count)])
    if isinstance(part, _Group):
        branches = tuple(tuple(_compile(item) for item in branch) for branch in part.branches)
        count = len(branches)

        def group(digits: _Digits, out: list[str]) -> None:
            for render in branches[digits.pick(count)]:
                render(digits, out)

        return group
    # Fixed counts stay fixed; open ones take their upper bound, so ids have their usual length.
    times = part.high
    if isinstance(part.part, _Chars) and times:
        chars, count, steps = part.part.options, len(part.part.options), _jumps(times)
        last_a, last_c = steps[-1]

        def characters(digits: _Digits, out: list[str]) -> None:
            # `times` picks of `_Digits.pick`, each state computed from the first by a jump (one comprehension).
            start = digits.state
            out.append("".join([chars[(((a * start + c) & _MASK) >> 33) % count] for a, c in steps]))
            digits.state = (last_a * start + last_c) & _MASK

        return characters
    inner = _compile(part.part)

    def repeat(digits: _Digits, out: list[str]) -> None:
        for _ in range(times):
            inner(digits, out)

    return repeat


@functools.lru_cache(maxsize=1024)
def _sampler(pattern: str) -> tuple[_Renderer, Callable[[str], object]] | None:
    group = _parse(pattern)
    return None if group is None else (_compile(group), re.compile(pattern).search)


def sample(pattern: str, entropy: int) -> str | None:
    """A string matching `pattern` (searched or matched whole), or None when the pattern is not understood."""
    sampler = _sampler(pattern)
    if sampler is None:
        return None
    render, search = sampler
    out: list[str] = []
    render(_Digits(entropy), out)
    text = "".join(out)
    return text if search(text) else None


def sid_prefix(pattern: str | None) -> str | None:
    """The two-letter literal prefix of a SID pattern (`^CA[0-9a-fA-F]{32}$` -> `CA`), or None.

    A pattern whose prefix is a class (`^[a-zA-Z]{2}...`) or an enumeration (`^(CLASSIFICATION|TEXT)$`) has none.
    """
    found = _SID.match(pattern) if pattern else None
    return found.group(1) if found else None
