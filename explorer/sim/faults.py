"""Faults on demand: added latency per Region, error statuses, broken connections and broken bodies.

A `FaultPlan` holds latency per Region and an ordered list of `FaultRule`s. Each request takes the first rule
that matches its Region and path (counting down the rule's `times`). The plan is changed from Python
(`Simulator.faults`), from the command line (`--latency`, `--fault`) or over the loopback-only control
endpoint (`/faults` on the proxy port), and is thread-safe.

    kind         what the client sees
    rate-limit   429, Retry-After, Twilio error 20429
    server-error 500, Twilio error 20500
    unavailable  503, Retry-After, Twilio error 20503
    reset        the TCP connection is reset before any response
    truncated    headers and part of the body, then the connection closes
    malformed    a complete 200 response whose body is not valid JSON
    slow-body    a correct body sent in small pieces, `delay_ms` apart
    clock-skew   a correct response whose `Date` header is `skew_seconds` ahead (behind when negative)
    tls-mismatch the TLS handshake presents a certificate for `*.<region>.twilio.com` only, which does not
                 cover `api.dublin.ie1.twilio.com` (a wildcard spans one label): the hostname-mismatch class
                 of twilio-python#924 and twilio-node#1012, on a host that is otherwise served

`tls-mismatch` acts on handshakes (`take_handshake`), every other kind on HTTP requests (`take`).
"""

from __future__ import annotations

__all__ = ["FaultKind", "FaultPlan", "FaultRule", "parse_fault_spec"]

import re
import threading
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from explorer.core.errors import SimulatorError

_SPEC = re.compile(r"(?P<kind>[a-z-]+)(?:@(?P<region>[a-z]+[0-9]+))?(?:x(?P<times>[0-9]+))?")


class FaultKind(StrEnum):
    """The faults the simulator can inject."""

    RATE_LIMIT = "rate-limit"
    SERVER_ERROR = "server-error"
    UNAVAILABLE = "unavailable"
    RESET = "reset"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    SLOW_BODY = "slow-body"
    CLOCK_SKEW = "clock-skew"
    TLS_MISMATCH = "tls-mismatch"

    @property
    def at_handshake(self) -> bool:
        """True for faults that act on the TLS handshake rather than on an HTTP request."""
        return self is FaultKind.TLS_MISMATCH


@dataclass(frozen=True, slots=True)
class FaultRule:
    """One fault and the requests it applies to."""

    kind: FaultKind
    """What goes wrong."""
    region: str | None = None
    """Only requests processed in this Region (None: every Region)."""
    path_contains: str | None = None
    """Only requests whose path contains this text (None: every path)."""
    times: int | None = None
    """How many requests it applies to before it is used up (None: until cleared)."""
    retry_after: int = 1
    """Seconds in the `Retry-After` header of 429 and 503."""
    delay_ms: int = 200
    """For slow-body: the pause between pieces of the body."""
    skew_seconds: int = 600
    """For clock-skew: how far the server's `Date` header is ahead of the real time (negative: behind)."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaultRule:
        """Build a rule from the control endpoint's JSON.

        Raises:
            SimulatorError: an unknown kind or a field of the wrong type.
        """
        try:
            kind = FaultKind(str(data["kind"]))
            times = data.get("times")
            return cls(
                kind=kind,
                region=_optional_text(data.get("region")),
                path_contains=_optional_text(data.get("path_contains")),
                times=None if times is None else int(times),
                retry_after=int(data.get("retry_after", 1)),
                delay_ms=int(data.get("delay_ms", 200)),
                skew_seconds=int(data.get("skew_seconds", 600)),
            )
        except (KeyError, ValueError, TypeError) as error:
            kinds = ", ".join(k.value for k in FaultKind)
            raise SimulatorError(f"invalid fault rule: {error}", hint=f"kind is one of {kinds}") from error


def _optional_text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


class FaultPlan:
    """The faults currently switched on; safe to change from any thread while the server runs."""

    def __init__(self, latency_ms: int = 0) -> None:
        self._lock = threading.Lock()
        self._default_latency = max(0, latency_ms)
        self._latency: dict[str, int] = {}
        self._rules: list[FaultRule] = []

    def set_latency(self, milliseconds: int, region: str | None = None) -> None:
        """Add `milliseconds` before every response (in one Region when given)."""
        with self._lock:
            if region is None:
                self._default_latency = max(0, milliseconds)
            else:
                self._latency[region] = max(0, milliseconds)

    def latency_ms(self, region: str) -> int:
        """The added latency for a Region."""
        with self._lock:
            return self._latency.get(region, self._default_latency)

    def add(self, rule: FaultRule) -> None:
        """Switch a fault on (after the ones already on)."""
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        """Switch every fault and all added latency off."""
        with self._lock:
            self._rules.clear()
            self._latency.clear()
            self._default_latency = 0

    @property
    def rules(self) -> tuple[FaultRule, ...]:
        """The rules still active, in order."""
        with self._lock:
            return tuple(self._rules)

    def take(self, region: str, path: str) -> FaultRule | None:
        """The fault for one request, if any; a rule with `times` is used up by this call."""
        return self._take(region, path, handshake=False)

    def take_handshake(self, region: str) -> FaultRule | None:
        """The fault for one TLS handshake with a host of `region` (`tls-mismatch`), if any."""
        return self._take(region, None, handshake=True)

    def _take(self, region: str, path: str | None, *, handshake: bool) -> FaultRule | None:
        with self._lock:
            for position, rule in enumerate(self._rules):
                if rule.region not in (None, region) or rule.kind.at_handshake is not handshake:
                    continue
                if path is None and rule.path_contains is not None:
                    continue
                if path is not None and rule.path_contains is not None and rule.path_contains not in path:
                    continue
                if rule.times is not None:
                    if rule.times <= 1:
                        del self._rules[position]
                    else:
                        self._rules[position] = replace(rule, times=rule.times - 1)
                return rule
            return None

    def to_json(self) -> dict[str, Any]:
        """The whole plan as JSON (what `GET /faults` returns)."""
        with self._lock:
            return {
                "latency_ms": {"*": self._default_latency, **self._latency},
                "rules": [rule.to_json() for rule in self._rules],
            }

    def apply_json(self, data: dict[str, Any]) -> None:
        """Add what a control request asks for: `{"latency_ms": {"au1": 300, "*": 0}, "rules": [...]}`.

        Raises:
            SimulatorError: the JSON does not describe latency or rules.
        """
        if not isinstance(data, dict):
            raise SimulatorError("the fault plan must be a JSON object")
        latency = data.get("latency_ms", {})
        rules = data.get("rules", [])
        if not isinstance(latency, dict) or not isinstance(rules, list):
            raise SimulatorError('expected {"latency_ms": {REGION: MS}, "rules": [RULE, ...]}')
        parsed = [FaultRule.from_json(rule) for rule in rules if isinstance(rule, dict)]
        try:
            settings = [(int(ms), None if region == "*" else str(region)) for region, ms in latency.items()]
        except (TypeError, ValueError) as error:
            raise SimulatorError(f"invalid latency: {error}") from error
        for milliseconds, region in settings:
            self.set_latency(milliseconds, region)
        for rule in parsed:
            self.add(rule)


def parse_fault_spec(spec: str) -> FaultRule:
    """Parse the command line's `--fault KIND[@REGION][xTIMES]`, e.g. `rate-limit@au1x3` or `reset`.

    Raises:
        SimulatorError: an unknown kind or a bad count.
    """
    match = _SPEC.fullmatch(spec.strip())
    if match is None:
        raise SimulatorError(f"bad fault {spec!r}", hint="write KIND[@REGION][xTIMES], e.g. reset@au1x2")
    kind_text, region, count = match.group("kind", "region", "times")
    try:
        kind = FaultKind(kind_text)
    except ValueError as error:
        kinds = ", ".join(k.value for k in FaultKind)
        raise SimulatorError(f"unknown fault {kind_text!r}", hint=f"use one of {kinds}") from error
    return FaultRule(kind=kind, region=region or None, times=int(count) if count else None)
