"""From a scan hit to the app's target: the request the hit's library would send, shown with its curl."""

from __future__ import annotations

__all__ = ["target_for_hit"]

from explorer.core.errors import InputError
from explorer.core.hosts import validate_label
from explorer.model.target import Target
from explorer.scan.model import Hit


def target_for_hit(hit: Hit) -> Target:
    """The target whose host is the one the hit's library builds (its first outcome that builds one).

    Raises:
        InputError: the library raises instead of building a host, or a value is not a DNS label.
        LabelError: the region or edge read from the file is not a DNS label.
    """
    for outcome in hit.outcomes:
        if outcome.host is None:
            continue
        region = validate_label(outcome.region, "region") if outcome.region else None
        edge = validate_label(outcome.edge, "edge") if outcome.edge else None
        return Target("api", region, edge)
    raise InputError(
        f"{hit.site.path}:{hit.site.line}: this library version raises instead of building a host",
        hint=hit.outcomes[0].fix or "see the scan's fix column",
    )
