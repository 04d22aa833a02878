"""`twilio-explorer catalog`: list the API's resources, their hosts and list keys, and where they are offered."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog
    from explorer.core.endpoint import Endpoint


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `catalog` command."""
    parser = subparsers.add_parser(
        "catalog",
        help="list the API's resources (from Twilio's published API description)",
        description="List every list resource of Twilio's REST API (a GET that pages): id, host, path, list "
        "key and, with --region, whether it is offered there and the source that says so. --instances adds "
        "every other endpoint: records, create-only and action resources, single objects.",
    )
    parser.add_argument("--product", metavar="P", help="only this product host (api, conversations, ...)")
    parser.add_argument("--region", metavar="R", help="show availability in this Region (us1, ie1, au1)")
    parser.add_argument("--instances", action="store_true", help="include instance endpoints too")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--stats",
        action="store_true",
        help="print counts by product instead of rows: lists, create-only resources, single objects, instances",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue, or its statistics."""

    from explorer.catalog.loader import load_catalog
    from explorer.cli.options import openapi_dir
    from explorer.core.errors import UnknownNameError
    from explorer.core.regions import require_region

    catalog = load_catalog(openapi_dir(args))
    product: str | None = args.product.lower() if args.product else None
    region: str | None = args.region.lower() if args.region else None
    if product is not None and product not in catalog.products:
        raise UnknownNameError(
            f"no product {args.product!r} in the catalogue", hint="one of: " + ", ".join(catalog.products)
        )
    if region is not None:
        require_region(args.region)
    if args.stats:
        stats = _stats(catalog, product, region)
        print(json.dumps(stats, indent=2) if args.json else _stats_text(stats))
        return 0
    endpoints = [
        e for e in (catalog.endpoints if args.instances else catalog.lists()) if product in (None, e.product)
    ]
    rows = [_row(catalog, e, region) for e in endpoints]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        _print_table(rows, region)
    return 0


def _host(product: str, region: str | None) -> str:
    from explorer.core.regions import edge_for_region

    edge = edge_for_region(region) if region else None
    # US1 needs no labels; other Regions take their one REST edge (twilio-facts.md §1.4).
    return f"{product}.{edge}.{region}.twilio.com" if edge and region else f"{product}.twilio.com"


def _row(catalog: Catalog, endpoint: Endpoint, region: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": endpoint.id,
        "kind": endpoint.kind.value,
        "role": endpoint.role.value,
        "host": _host(endpoint.product, region),
        "path": endpoint.path,
        "list_key": endpoint.list_key,
        "envelope": endpoint.envelope.value if endpoint.envelope else None,
        "max_page_size": endpoint.max_page_size,
    }
    if region is not None:
        claim = catalog.claim(endpoint, region)
        row["availability"] = {
            "region": region,
            "status": claim.availability.value,
            "offered": claim.availability.offered,
            "note": claim.note,
            "path_prefix": claim.path_prefix or None,
            "source": claim.source.ref,
            "confidence": claim.source.confidence.value,
        }
    return row


def _print_table(rows: list[dict[str, Any]], region: str | None) -> None:
    headers = ["ID", "HOST", "PATH", "LIST KEY"]
    table = [[r["id"], r["host"], r["path"], r["list_key"] or "-"] for r in rows]
    if region is not None:
        headers += [f"IN {region.upper()}", "SOURCE"]
        for line, r in zip(table, rows, strict=True):
            a = r["availability"]
            status = a["status"] + (f" ({a['note']})" if a["note"] else "")
            line += [status, f"[{a['confidence']}] {a['source']}"]
    widths = [
        max(len(h), *(len(line[i]) for line in table)) if table else len(h) for i, h in enumerate(headers)
    ]
    out = sys.stdout
    for line in [headers, *table]:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(line[:-1])] + [line[-1]]
        out.write("  ".join(cells).rstrip() + "\n")


_COUNTED = (
    ("lists", "list"),
    ("create_only", "create"),
    ("singletons", "singleton"),
    ("instances", "instance"),
    ("groups", "group"),
)
"""Each count's name and the endpoint role it counts (explorer.core.endpoint.Role)."""


def _stats(catalog: Catalog, product: str | None, region: str | None) -> dict[str, Any]:
    from explorer.core.endpoint import Role

    by_product: dict[str, dict[str, int]] = {}
    for name in catalog.products:
        if product not in (None, name):
            continue
        counts = {key: len(catalog.with_role(Role(role), name)) for key, role in _COUNTED}
        if region is not None:
            counts["lists_offered"] = sum(
                1 for e in catalog.lists(name) if catalog.claim(e, region).availability.offered
            )
        by_product[name] = counts
    totals = {"products": len(by_product)}
    for key in [k for k, _ in _COUNTED] + (["lists_offered"] if region is not None else []):
        totals[key] = sum(c[key] for c in by_product.values())
    result: dict[str, Any] = {"source": catalog.source, "totals": totals, "by_product": by_product}
    if region is not None:
        result["region"] = region
    return result


def _stats_text(stats: dict[str, Any]) -> str:
    region = stats.get("region")
    header = f"{'PRODUCT':<16}{'LISTS':>7}{'CREATE-ONLY':>13}{'SINGLE':>8}{'INSTANCES':>11}" + (
        f"{'OFFERED IN ' + region.upper():>17}" if region else ""
    )
    lines = [f"source: {stats['source']}", header]
    for name, counts in [*stats["by_product"].items(), ("total", stats["totals"])]:
        line = (
            f"{name:<16}{counts['lists']:>7}{counts['create_only']:>13}{counts['singletons']:>8}"
            f"{counts['instances']:>11}"
        )
        if region:
            line += f"{counts['lists_offered']:>17}"
        lines.append(line)
    return "\n".join(lines)
