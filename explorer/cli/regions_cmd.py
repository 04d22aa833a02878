"""`twilio-explorer regions`: Processing Regions (or, with `--edges`, Edge Locations with their legacy IDs and
retired hosts), each with its source."""

from __future__ import annotations

import argparse
from typing import Any

from explorer.cli.output import Column, add_output_option, emit


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `regions` command."""
    parser = subparsers.add_parser(
        "regions",
        help="Regions, edges, their pairing and the retired hosts",
        description="Processing Regions with the REST edge each pairs with and its API host; --edges lists the "
        "Edge Locations instead, with their legacy IDs and the region-only hosts retired on the way.",
    )
    parser.add_argument(
        "--edges", action="store_true", help="list Edge Locations (legacy IDs, retired hosts) instead"
    )
    add_output_option(parser)
    parser.set_defaults(handler=run)


_REGION_COLUMNS = (
    Column("id", "REGION", lambda r: r["id"].upper()),
    Column("location", "LOCATION", wide=True),
    Column("rest_edge", "EDGE"),
    Column("host", "API HOST"),
    Column("confirmed", "CONFIRMED", in_table=False),
    Column("source", "SOURCE", in_table=False),
)
_EDGE_COLUMNS = (
    Column("id", "EDGE"),
    Column("kind", "KIND"),
    Column("location", "LOCATION", wide=True),
    Column("legacy_id", "LEGACY ID"),
    Column("legacy_host", "LEGACY HOST", in_table=False),
    Column(
        "retired_host",
        "RETIRED HOST",
        lambda e: e["legacy_host"] if e["legacy_host_retired"] else None,
    ),
    Column("source", "SOURCE", in_table=False),
)


def run(args: argparse.Namespace) -> int:
    """Print the Regions, or the Edge Locations."""
    from explorer.core.regions import RETIREMENT_DATE

    if args.edges:
        emit(args, "edges", _edges(), _EDGE_COLUMNS)
        return 0
    note = (
        f"Edge Locations, legacy IDs and the hosts retired on {RETIREMENT_DATE.isoformat()}: "
        "twilio-explorer regions --edges"
    )
    emit(args, "regions", _regions(), _REGION_COLUMNS, note=note)
    return 0


def _regions() -> list[dict[str, Any]]:
    from explorer.core.regions import REGIONS

    return [
        {
            "id": r.id,
            "location": r.location,
            "rest_edge": r.rest_edge,
            # US1 needs no labels; other Regions take their one REST edge.
            "host": f"api.{r.rest_edge}.{r.id}.twilio.com" if r.rest_edge else "api.twilio.com",
            "confirmed": r.confirmed,
            "source": str(r.source),
        }
        for r in REGIONS.values()
    ]


def _edges() -> list[dict[str, Any]]:
    from explorer.core.regions import EDGES, LEGACY_IDS, RETIRED_HOSTS, RETIREMENT_DATE

    legacy_of = {legacy.edge: legacy for legacy in LEGACY_IDS.values()}
    rows: list[dict[str, Any]] = []
    for edge in EDGES.values():
        legacy = legacy_of.get(edge.id)
        old_host = legacy.old_host if legacy else None
        rows.append(
            {
                "id": edge.id,
                "kind": str(edge.kind),
                "location": edge.location,
                "legacy_id": legacy.id if legacy else None,
                "legacy_host": old_host,
                "legacy_host_retired": RETIREMENT_DATE.isoformat() if old_host in RETIRED_HOSTS else None,
                "legacy_host_now": legacy.current_host if legacy else None,
                "source": str(edge.source),
            }
        )
    return rows
