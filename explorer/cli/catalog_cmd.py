"""`twilio-explorer catalog`: list the API's resources, their hosts and list keys, and where they are offered."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from explorer.cli.output import Column, add_output_option, emit, output_format

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
    parser.add_argument(
        "-r",
        "--region",
        metavar="R",
        help="hosts of this Region, and availability (and its source) there only (default: every Region's)",
    )
    parser.add_argument("--instances", action="store_true", help="include instance endpoints too")
    add_output_option(parser)
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
    from explorer.core.regions import confirmed_regions, require_region

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
        print(json.dumps(stats, indent=2) if output_format(args) == "json" else _stats_text(stats))
        return 0
    endpoints = [
        e for e in (catalog.endpoints if args.instances else catalog.lists()) if product in (None, e.product)
    ]
    regions = (region,) if region is not None else confirmed_regions()
    rows = [_row(catalog, e, region, regions) for e in endpoints]
    emit(args, "catalog", rows, _columns(region, regions))
    return 0


def _host(product: str, region: str | None) -> str:
    from explorer.core.regions import edge_for_region

    edge = edge_for_region(region) if region else None
    # US1 needs no labels; other Regions take their one REST edge (twilio-facts.md §1.4).
    return f"{product}.{edge}.{region}.twilio.com" if edge and region else f"{product}.twilio.com"


def _row(
    catalog: Catalog, endpoint: Endpoint, region: str | None, regions: tuple[str, ...]
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": endpoint.id,
        "kind": endpoint.kind.value,
        "role": endpoint.role.value,
        "host": _host(endpoint.product, region),
        "path": endpoint.path,
        "list_key": endpoint.list_key,
        "envelope": endpoint.envelope.value if endpoint.envelope else None,
        "max_page_size": endpoint.max_page_size,
        # One entry per Region: the one asked for with --region, else every confirmed Region.
        "availability": [_availability(catalog, endpoint, name) for name in regions],
    }
    return row


def _availability(catalog: Catalog, endpoint: Endpoint, region: str) -> dict[str, Any]:
    claim = catalog.claim(endpoint, region)
    return {
        "region": region,
        "host": _host(endpoint.product, region),
        "status": claim.availability.value,
        "offered": claim.availability.offered,
        "note": claim.note,
        "path_prefix": claim.path_prefix or None,
        "source": claim.source.ref,
        "confidence": claim.source.confidence.value,
    }


def _columns(region: str | None, regions: tuple[str, ...]) -> list[Column]:
    columns = [
        Column("id", "ID"),
        Column("host", "HOST", in_table=False),
        Column("path", "PATH", wide=True),
        Column("list_key", "LIST KEY", in_table=False),
    ]
    if region is not None:
        # One Region: its status, the note that qualifies it and the source that says so.
        return [
            *columns,
            Column("status", f"IN {region.upper()}", lambda row: row["availability"][0]["status"]),
            Column("note", "NOTE", lambda row: row["availability"][0]["note"], wide=True),
            Column(
                "source",
                "SOURCE",
                lambda row: f"[{row['availability'][0]['confidence']}] {row['availability'][0]['source']}",
                in_table=False,
            ),
        ]
    # Every Region: one status column each (the notes and sources are in JSON, or with --region).
    for index, name in enumerate(regions):
        columns.append(Column(name, name.upper(), _status_of(index)))
    return columns


def _status_of(index: int) -> Callable[[Mapping[str, Any]], object]:
    """The cell of the `index`th Region's status (a function per column, so each keeps its own index)."""
    return lambda row: row["availability"][index]["status"]


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
