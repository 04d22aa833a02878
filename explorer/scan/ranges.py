"""Does a version range admit a version? PEP 440 specifiers, npm ranges, NuGet/Maven intervals, Gradle `+`.

Ranges are only ever tested against the handful of versions that stand for a library's rule segments
(`rules.segments`), so a range is reported as "depends on the resolved version" exactly when the segments
it admits build different hosts.
"""

from __future__ import annotations

__all__ = ["admits"]

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version


def _v(text: str) -> Version:
    return Version(text.strip().lstrip("v=").rstrip(".x*") or "0")


def _npm_part(part: str) -> list[tuple[str, Version]]:
    """One npm comparator set (space-separated) as (operator, version) pairs."""
    part = part.strip()
    if part in ("", "*", "x", "latest"):
        return []
    hyphen = re.fullmatch(r"(\S+)\s+-\s+(\S+)", part)
    if hyphen:
        return [(">=", _v(hyphen.group(1))), ("<=", _v(hyphen.group(2)))]
    pairs: list[tuple[str, Version]] = []
    for token in re.sub(r"(>=|<=|>|<|=|\^|~)\s+", r"\1", part).split():
        match = re.fullmatch(
            r"(\^|~|>=|<=|>|<|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:[-+].*)?", token
        )
        if match is None:
            raise ValueError(token)
        op, major, minor, patch = match.groups()
        numbers = [int(major), *(int(n) for n in (minor, patch) if n is not None and n not in "x*")]
        low = Version(".".join(map(str, numbers + [0] * (3 - len(numbers)))))
        if op == "^":
            bump = next((i for i, n in enumerate(numbers) if n != 0), len(numbers) - 1)
            high = numbers[: bump + 1]
            high[bump] += 1
            pairs += [(">=", low), ("<", Version(".".join(map(str, high))))]
        elif op == "~" or (op in (None, "=") and len(numbers) < 3):
            keep = numbers[:2] if (op == "~" and len(numbers) > 1) else numbers[:1]
            if op in (None, "=") and len(numbers) == 2:
                keep = numbers[:2]
            keep[-1] += 1
            pairs += [(">=", low), ("<", Version(".".join(map(str, keep))))]
        elif op in (None, "="):
            pairs.append(("==", low))
        else:
            pairs.append((op, low))
    return pairs


def _compare(version: Version, op: str, bound: Version) -> bool:
    return {
        "==": version == bound, ">=": version >= bound, "<=": version <= bound,
        ">": version > bound, "<": version < bound,
    }[op]  # fmt: skip


def _interval(spec: str, version: Version) -> bool:
    lo_char, hi_char = spec[0], spec[-1]
    inner = spec[1:-1]
    if "," not in inner:
        return version == _v(inner)
    low, high = (s.strip() for s in inner.split(",", 1))
    ok = True
    if low:
        ok &= version >= _v(low) if lo_char == "[" else version > _v(low)
    if high:
        ok &= version <= _v(high) if hi_char == "]" else version < _v(high)
    return ok


def admits(spec: str, version: str) -> bool:
    """True when `spec` (as a manifest writes it) allows `version`; an unreadable spec admits everything."""
    try:
        wanted = _v(version)
    except InvalidVersion:
        return True
    spec = spec.strip()
    try:
        if spec in ("any version", "", "*", "latest", "latest.release", "+"):
            return True
        if spec[0] in "[(" and spec[-1] in "])":
            return _interval(spec, wanted)
        if spec.endswith("+"):
            return str(wanted).startswith(spec[:-1])
        if re.match(r"^(===|==|~=|!=)", spec) or (re.match(r"^[<>]=?", spec) and "," in spec):
            return SpecifierSet(spec).contains(wanted, prereleases=True)
        return any(
            all(_compare(wanted, op, bound) for op, bound in _npm_part(part)) for part in spec.split("||")
        )
    except (InvalidSpecifier, InvalidVersion, ValueError):
        return True
