"""The one seam between the scanner and the helper libraries' host rules.

`outcome(library, version, inputs)` answers: what host does this library version build from these inputs,
what is the verdict, and what is the fix in the library's terms. `segments(library)` names the version ranges
inside which a library's rule does not change, with a version to stand for each, so a version range in a
manifest can be evaluated once per segment it admits.

The rules themselves live in `explorer.core.libraries` (issue 17); this module only adapts them.
"""

from __future__ import annotations

__all__ = ["LIBRARY_NAMES", "RuleInputs", "RuleResult", "Segment", "outcome", "segments"]

from dataclasses import dataclass
from functools import lru_cache

LIBRARY_NAMES: tuple[str, ...] = ("python", "node", "csharp", "java", "ruby", "php", "go", "twilio-cli")


@dataclass(frozen=True, slots=True)
class RuleInputs:
    """What the code and the environment give one client."""

    region: str | None
    edge: str | None
    env_region: str | None
    env_edge: str | None
    java_builder: bool = False
    env_credentials: bool = False


@dataclass(frozen=True, slots=True)
class RuleResult:
    """What one library version does with `RuleInputs`."""

    fqdn: str | None
    """None when the library raises instead."""
    verdict: str
    """One of `model.VERDICT_ORDER`."""
    detail: str
    region: str | None
    region_from: str
    edge: str | None
    edge_from: str
    fix: str | None


@dataclass(frozen=True, slots=True)
class Segment:
    """Versions over which a library's rule is the same."""

    label: str
    """`< 6.40.0`, `6.40.0–9.8.7`, `9.8.8–9.10.0 (region→edge auto-map)`, `≥ 9.10.1`."""
    points: tuple[str, ...]
    """Versions inside it, tested against a range (the first one is evaluated)."""


def _verdict_label(kind: str) -> str:
    return {
        "valid": "valid",
        "us1": "valid",
        "edge-ignored": "processed in US1",
        "retired": "retired",
        "tls-mismatch": "TLS mismatch",
        "not-offered": "product not offered",
    }.get(kind, "unknown")


@lru_cache(maxsize=8192)
def outcome(library: str, version: str, inputs: RuleInputs, product: str = "api") -> RuleResult:
    """What `library` at `version` builds for `inputs`, judged, with the fix in its terms."""
    from explorer.core.libraries import Setup, library_host

    setup = Setup(
        product=product,
        region=inputs.region,
        edge=inputs.edge,
        env_region=inputs.env_region,
        env_edge=inputs.env_edge,
        env_credentials=inputs.env_credentials,
        java_builder=inputs.java_builder,
    )
    host = library_host(library, version, setup)
    built = host.built
    if host.verdict is None:
        verdict, detail = "unknown", f"raises {built.error}"
    else:
        verdict, detail = _verdict_label(str(host.verdict.kind)), host.verdict.explanation
    return RuleResult(
        built.fqdn, verdict, detail, built.region, built.region_from, built.edge, built.edge_from, host.fix
    )


def _below(version: str) -> str:
    prefix = "v" if version.startswith("v") else ""
    parts = [int(p) for p in version.lstrip("v").split(".")[:3]]
    while len(parts) < 3:
        parts.append(0)
    major, minor, patch = parts
    if patch:
        return f"{prefix}{major}.{minor}.{patch - 1}"
    if minor:
        return f"{prefix}{major}.{minor - 1}.999"
    return f"{prefix}{max(major - 1, 0)}.999.999"


@lru_cache(maxsize=16)
def segments(library: str) -> tuple[Segment, ...]:
    """The version segments of `library`'s rule, oldest first."""
    from explorer.core.libraries import find_library

    lib = find_library(library)
    window = lib.window
    return (
        Segment(f"< {lib.added_in} (no region/edge support)", (_below(lib.added_in),)),
        Segment(f"{lib.added_in}–{_below(window.first)}", (_below(window.first), lib.added_in)),
        Segment(f"{window.first}–{window.last} (region→edge auto-map)", (window.first, window.last)),
        Segment(f"≥ {window.removed_in}", (lib.latest, window.removed_in)),
    )
