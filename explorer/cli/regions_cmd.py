"""`twilio-explorer regions`: Regions, edges, their pairing, legacy IDs and retired hosts, with sources."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `regions` command."""
    parser = subparsers.add_parser("regions", help="Regions, edges, their pairing and the retired hosts")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the regional data."""
    import json

    from explorer.core.regions import EDGES, LEGACY_IDS, REGIONS, RETIRED_HOSTS, RETIREMENT_DATE

    if args.json:
        document = {
            "regions": [
                {"id": r.id, "location": r.location, "rest_edge": r.rest_edge, "confirmed": r.confirmed,
                 "source": str(r.source)}
                for r in REGIONS.values()
            ],
            "edges": [
                {"id": e.id, "location": e.location, "kind": str(e.kind), "legacy_id": e.legacy_id,
                 "source": str(e.source)}
                for e in EDGES.values()
            ],
            "legacy_ids": [
                {"id": g.id, "edge": g.edge, "old_host": g.old_host, "current_host": g.current_host,
                 "source": str(g.source)}
                for g in LEGACY_IDS.values()
            ],
            "retired_hosts": {"date": RETIREMENT_DATE.isoformat(), "hosts": sorted(RETIRED_HOSTS)},
        }  # fmt: skip
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0

    print("Processing Regions (the REST edge each pairs with)")
    for region in REGIONS.values():
        edge = region.rest_edge or "none: api.twilio.com"
        note = "" if region.confirmed else "  (unconfirmed: only twilio-cli's docs name it)"
        host = f"api.{region.rest_edge}.{region.id}.twilio.com" if region.rest_edge else "api.twilio.com"
        print(f"  {region.label:<4} {region.location:<28} edge {edge:<22} {host}{note}")
    print("\nEdge Locations")
    for edge_info in EDGES.values():
        legacy = f"legacy {edge_info.legacy_id}" if edge_info.legacy_id else ""
        print(f"  {edge_info.id:<13} {edge_info.kind:<13} {legacy:<14} {edge_info.location}")
    print(f"\nRetired on {RETIREMENT_DATE.isoformat()} (region without edge; before that processed in US1):")
    print("  " + ", ".join(sorted(RETIRED_HOSTS)))
    print("\nLegacy IDs: " + ", ".join(f"{g.id}→{g.edge}" for g in LEGACY_IDS.values()))
    return 0
