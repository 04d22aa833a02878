"""From sites to hits: every combination of version segment, environment and plausible value, grouped.

A site's inputs can be uncertain in four ways: a version range (each rule segment it admits), several
environment sources (each `.env`, Dockerfile, compose service or container that sets TWILIO_REGION or
TWILIO_EDGE), and a region or an edge the scanner cannot resolve (each plausible value: us1/ie1/au1, no
edge/sydney/dublin). Each combination is evaluated with the library's own rule; combinations that build the
same host with the same verdict are merged, and a condition is only named when it changes the outcome.
"""

from __future__ import annotations

__all__ = ["EnvScenario", "evaluate_site", "scenarios_from"]

import itertools
import math
from dataclasses import dataclass, replace

from explorer.scan.config import EnvScope
from explorer.scan.model import Hit, Outcome, Site, Value, ValueKind, VersionInfo
from explorer.scan.ranges import admits
from explorer.scan.rules import RuleInputs, RuleResult, outcome, segments

PLAUSIBLE_REGIONS: tuple[str, ...] = ("us1", "ie1", "au1")
PLAUSIBLE_EDGES: tuple[str | None, ...] = (None, "sydney", "dublin")
_ENV_STAND_IN = "python"
"""The rule evaluated for environment-only configuration when no library is found in the tree: twilio-python's
reads TWILIO_REGION and TWILIO_EDGE the way node, php, go and java's static client do."""


@dataclass(frozen=True, slots=True)
class EnvScenario:
    """One environment source and the variables it sets."""

    label: str | None
    """`.env`, `deploy/k8s.yaml container api`; None for "no environment source in the tree"."""
    values: dict[str, tuple[Value, int]]
    path: str | None

    def where(self, name: str) -> str:
        """`TWILIO_REGION from .env:3`."""
        _, line = self.values[name]
        return f"{name} from {self.path}:{line}"


def scenarios_from(scopes: list[EnvScope]) -> list[EnvScenario]:
    """The scopes that set TWILIO_REGION or TWILIO_EDGE, as scenarios (or one empty scenario)."""
    # Sources that set the same TWILIO_REGION and TWILIO_EDGE give the same outcomes: one scenario, naming them.
    merged: dict[tuple[Value | None, Value | None], list[EnvScope]] = {}
    for scope in scopes:
        if "TWILIO_REGION" in scope.values or "TWILIO_EDGE" in scope.values:
            key = tuple(
                scope.values[n][0] if n in scope.values else None for n in ("TWILIO_REGION", "TWILIO_EDGE")
            )
            merged.setdefault((key[0], key[1]), []).append(scope)
    found = []
    for group in merged.values():
        first = group[0]
        label = first.label if len(group) == 1 else _names([scope.label for scope in group])
        found.append(EnvScenario(label, dict(first.values), first.path))
    return found or [EnvScenario(None, {}, None)]


def _names(labels: list[str]) -> str:
    shown = ", ".join(labels[:3])
    return shown if len(labels) <= 3 else f"{shown} and {len(labels) - 3} more"


_Option = tuple[str | None, str, str | None]
"""(value, where it comes from, condition label or None)."""


def _options(
    value: Value, scenario: EnvScenario, part: str, plausible: tuple[str | None, ...]
) -> list[_Option]:
    if value.kind is ValueKind.UNSET:
        return [(None, "not set", None)]
    if value.kind is ValueKind.LITERAL:
        return [(value.text, f"{value.expr} as written", None)]
    if value.kind is ValueKind.CONSTANT:
        return [(value.text, f"constant {value.expr} = {value.text!r}", None)]
    if value.kind is ValueKind.ENV and value.variable is not None:
        if value.variable in scenario.values:
            env_value, _ = scenario.values[value.variable]
            if env_value.text is not None or env_value.kind is ValueKind.UNSET:
                return [(env_value.text, scenario.where(value.variable), None)]
            value = Value(ValueKind.UNRESOLVED, None, f"{value.variable}={env_value.expr}")
        elif value.text is not None:
            return [
                (value.text, f"default {value.text!r} of {value.expr} ({value.variable} set nowhere)", None)
            ]
        else:
            value = Value(
                ValueKind.UNRESOLVED, None, f"{value.expr} ({value.variable} set nowhere in the tree)"
            )
    return [(choice, f"unresolved: {value.expr}", choice or "unset") for choice in plausible]


def _env_value(scenario: EnvScenario, name: str) -> list[_Option]:
    if name not in scenario.values:
        return [(None, "not set", None)]
    value, _ = scenario.values[name]
    if value.kind is ValueKind.UNRESOLVED:
        plausible = PLAUSIBLE_REGIONS if name == "TWILIO_REGION" else PLAUSIBLE_EDGES
        return [(c, f"unresolved: {name}={value.expr}", c or "unset") for c in plausible]
    return [(value.text, scenario.where(name), None)]


def _versions(version: VersionInfo, library: str) -> list[tuple[str, str | None]]:
    """(version to evaluate, condition label) pairs."""
    if version.spec is not None and version.exact:
        return [(version.spec, None)]
    chosen: list[tuple[str, str | None]]
    # With no version found, every release since region support is considered (older ones are from before
    # 2020 and ignore region and edge altogether).
    candidates = segments(library) if version.spec is not None else segments(library)[1:]
    chosen = [
        (segment.points[0], segment.label)
        for segment in candidates
        if version.spec is None or any(admits(version.spec, point) for point in segment.points)
    ]
    return chosen or [(segments(library)[-1].points[0], None)]


def _env_credentials(scenario: EnvScenario) -> bool:
    names = scenario.values
    return "TWILIO_ACCOUNT_SID" in names and (
        "TWILIO_AUTH_TOKEN" in names or ("TWILIO_API_KEY" in names and "TWILIO_API_SECRET" in names)
    )


def _from(rule_from: str, code_from: str, env_from: str, used: str | None) -> str:
    if used is None:
        return rule_from
    if "TWILIO_" in rule_from and "not set" not in env_from:
        return f"{rule_from} ← {env_from}"
    if "not set" not in code_from and "implied" not in rule_from and "auto-mapped" not in rule_from:
        return f"{rule_from} ← {code_from}"
    return rule_from


def evaluate_site(
    site: Site, version: VersionInfo, scenarios: list[EnvScenario], rule_library: str | None = None
) -> Hit:
    """Every outcome of `site`, grouped (see the module docstring)."""
    library = rule_library or site.library
    runs: list[_Run] = []
    unresolved = False
    env_only = site.env_file
    for scenario in scenarios:
        if env_only:
            region_opts: list[_Option] = [(None, "not set", None)]
            edge_opts: list[_Option] = [(None, "not set", None)]
        else:
            region_opts = _options(site.region, scenario, "region", PLAUSIBLE_REGIONS)
            edge_opts = _options(site.edge, scenario, "edge", PLAUSIBLE_EDGES)
        env_regions = _env_value(scenario, "TWILIO_REGION")
        env_edges = _env_value(scenario, "TWILIO_EDGE")
        combos = itertools.product(
            _versions(version, library), region_opts, edge_opts, env_regions, env_edges
        )
        for (ver, ver_cond), region, edge, env_region, env_edge in combos:
            inputs = RuleInputs(
                region[0], edge[0], env_region[0], env_edge[0], site.java_builder, _env_credentials(scenario)
            )
            result = _adjust(outcome(library, ver, inputs), inputs)
            conditions = {
                "version": ver_cond,
                "environment from": scenario.label if len(scenarios) > 1 else None,
                "region": region[2],
                "edge": edge[2],
                "TWILIO_REGION": env_region[2],
                "TWILIO_EDGE": env_edge[2],
            }
            unresolved |= any(c is not None for c in (region[2], edge[2], env_region[2], env_edge[2]))
            froms = (
                _from(result.region_from, region[1], env_region[1], result.region),
                _from(result.edge_from, edge[1], env_edge[1], result.edge),
            )
            known = {k: v for k, v in conditions.items() if v is not None}
            runs.append(_Run(known, replace(result, region_from=froms[0], edge_from=froms[1])))
    return Hit(site, version, _group(runs), unresolved)


@dataclass(frozen=True, slots=True)
class _Run:
    """One evaluated combination: its conditions (dimension → choice) and what the library does."""

    conditions: dict[str, str]
    result: RuleResult


def _is_product(members: list[_Run], keys: list[str]) -> bool:
    combos = {tuple(run.conditions.get(k) for k in keys) for run in members}
    return len(combos) == math.prod(len({run.conditions.get(k) for run in members}) for k in keys)


def _split(members: list[_Run], keys: list[str]) -> list[list[_Run]]:
    """Split `members` until each part is a product of per-condition choices (so its label is exact)."""
    if _is_product(members, keys):
        return [members]
    key = next(k for k in reversed(keys) if len({run.conditions.get(k) for run in members}) > 1)
    parts: dict[str | None, list[_Run]] = {}
    for run in members:
        parts.setdefault(run.conditions.get(key), []).append(run)
    return [piece for part in parts.values() for piece in _split(part, keys)]


def _group(runs: list[_Run]) -> tuple[Outcome, ...]:
    every: dict[str, set[str]] = {}
    for run in runs:
        for key, value in run.conditions.items():
            every.setdefault(key, set()).add(value)
    keys = list(every)
    groups: dict[tuple[str | None, str, str | None], list[_Run]] = {}
    for run in runs:
        groups.setdefault((run.result.fqdn, run.result.verdict, run.result.fix), []).append(run)
    outcomes: list[Outcome] = []
    for grouped in groups.values():
        for members in _split(grouped, keys):
            result = members[0].result
            labels: list[str] = []
            for key, values in every.items():
                mine = list(dict.fromkeys(run.conditions[key] for run in members if key in run.conditions))
                if set(mine) != values and mine:
                    labels.append(f"{key} {' or '.join(mine)}")
            outcomes.append(
                Outcome(
                    tuple(labels),
                    result.region,
                    result.region_from,
                    result.edge,
                    result.edge_from,
                    result.fqdn,
                    result.verdict,
                    result.detail,
                    result.fix,
                )
            )
    return tuple(outcomes)


def _adjust(result: RuleResult, inputs: RuleInputs) -> RuleResult:
    """A US1 host is valid when US1 is what the setup asks for, and "processed in US1" when it asked for
    another Region (a TWILIO_REGION the library ignores, a version without region support)."""
    intended = (inputs.region or inputs.env_region or "").lower()
    asked_elsewhere = intended not in ("", "us1")
    if (
        result.verdict == "valid"
        and result.fix is not None
        and result.region in (None, "us1")
        and asked_elsewhere
    ):
        return replace(result, verdict="processed in US1")
    return result
