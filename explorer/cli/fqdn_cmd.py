"""`twilio-explorer fqdn`: the host the helper libraries build, its verdict and the fix; any library, any version."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from explorer.cli.host_checks import EXIT_CODES_HELP, add_strict

if TYPE_CHECKING:
    from explorer.core.libraries import LibraryHost
    from explorer.core.target_source import TargetSource


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `fqdn` command."""
    from explorer.core.target_source import PRECEDENCE_HELP

    parser = subparsers.add_parser(
        "fqdn",
        help="the host each helper library builds from a product, region and edge, with a verdict",
        description="The first line is the host the helper libraries would use; then the verdict and the fix. "
        "Any host is explained, even for an unknown Region (verdict: unknown). " + PRECEDENCE_HELP,
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--product", default="api", help="product host label (default: api)")
    parser.add_argument("-r", "--region", help="the client's region setting (e.g. au1; else TWILIO_REGION)")
    parser.add_argument("-e", "--edge", help="the client's edge setting (e.g. sydney; else TWILIO_EDGE)")
    parser.add_argument(
        "--url", help="a base URL that may already carry an edge or region (https://…twilio.com)"
    )
    libraries = parser.add_mutually_exclusive_group()
    libraries.add_argument(
        "--library",
        action="append",
        metavar="NAME[==VERSION]",
        help="the host one library builds, by its rules for that version (python, node, csharp, java, ruby, "
        "php, go, twilio-cli; twilio-cli's version is its @twilio/cli-core's); repeatable",
    )
    libraries.add_argument(
        "--all-libraries", action="store_true", help="one row per library: host, verdict, fix in its terms"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_strict(parser, "--check")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the host (or one per library), the verdict and the fix."""
    import os

    from explorer.core.target_source import resolve_target

    source = resolve_target(os.environ, region=args.region, edge=args.edge)
    if args.library or args.all_libraries:
        return _libraries(args, source)
    return _plain(args, source)


def _plain(args: argparse.Namespace, source: TargetSource) -> int:
    import json

    from explorer.cli.host_checks import environment_lines, warn_if_not_valid
    from explorer.core.hosts import plan_host
    from explorer.core.verdict import classify_host

    plan = plan_host(args.product, source.region.value, source.edge.value, base_url=args.url)
    verdict = classify_host(plan.fqdn)
    named = {"the region setting": source.region.source, "the edge setting": source.edge.source}
    parts = [(o.part, o.value, named.get(o.origin) or o.origin) for o in plan.origins]
    if args.json:
        document = {
            "fqdn": plan.fqdn,
            "url": plan.url,
            "node_url": plan.node_url,
            "verdict": str(verdict.kind),
            "works": verdict.kind.works,
            "processing_region": verdict.processing_region,
            "explanation": verdict.explanation,
            "recommended_fqdn": verdict.fix.fqdn,
            "recommended_settings": {"region": verdict.fix.region, "edge": verdict.fix.edge},
            "fix": verdict.fix.text,
            "source": verdict.source.ref,
            "confidence": str(verdict.source.confidence),
            "parts": [{"part": part, "value": value, "origin": origin} for part, value, origin in parts],
            "environment": environment_lines(source, plan.product),
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(plan.fqdn)
        print(f"verdict: {verdict.summary}: {verdict.explanation}")
        print(f"basis:   {verdict.source.ref} [{verdict.source.confidence}]")
        for part, value, origin in parts:
            print(f"  {part:<7} {value or '-':<14} ({origin})")
        if plan.node_url != plan.url:
            print(f"twilio-node builds a different URL: {plan.node_url}")
        if verdict.fix.fqdn != plan.fqdn:
            print(f"fix:     {verdict.fix.text}")
            print(f"recommended: {verdict.fix.fqdn}")
        for line in environment_lines(source, plan.product):
            print(line)
    warned = warn_if_not_valid(verdict)
    return 1 if warned and args.strict else 0


def _libraries(args: argparse.Namespace, source: TargetSource) -> int:
    import json
    import sys

    from explorer.core.errors import InputError
    from explorer.core.libraries import LIBRARIES, library_host, parse_library_spec

    if args.url:
        raise InputError(
            "--library and --all-libraries model the product's own host (product.twilio.com)",
            hint="drop --url, or drop --library to explain that URL",
        )
    setup = source.setup(args.product)
    specs = [parse_library_spec(text) for text in args.library or []] or [
        (lib, None) for lib in LIBRARIES.values()
    ]
    rows = [library_host(lib, version, setup) for lib, version in specs]
    if args.json:
        print(json.dumps([_row_json(row) for row in rows], indent=2, ensure_ascii=False))
    elif args.all_libraries:
        _print_table(rows, source)
    else:
        for row in rows:
            _print_one(row)
    failing = [row for row in rows if not row.ok]
    if args.all_libraries and failing:
        names = ", ".join(f"{row.library.name} ({row.summary})" for row in failing)
        print(
            f"twilio-explorer: warning: {len(failing)} of {len(rows)} libraries do not build the host for "
            f"this setup's Region: {names}. Fix: see the fix column",
            file=sys.stderr,
        )
    elif failing:
        for row in failing:
            print(
                f"twilio-explorer: warning: {row.library.package} {row.version} builds "
                f"{row.fqdn or 'nothing'} ({row.summary}). Fix: {row.fix}",
                file=sys.stderr,
            )
    return 1 if failing and args.strict else 0


def _setting_text(row: LibraryHost) -> str:
    built = row.built
    return f"region {built.region or '-'} ({built.region_from}), edge {built.edge or '-'} ({built.edge_from})"


def _print_one(row: LibraryHost) -> None:
    print(row.fqdn or f"(raises {row.built.error})")
    version = row.version if row.version_given else f"{row.version} (newest read; pass ==VERSION)"
    print(f"library: {row.library.package} {version}; rule {row.built.rule}")
    if row.verdict is not None:
        print(f"verdict: {row.verdict.summary}: {row.verdict.explanation}")
    print(f"from:    {_setting_text(row)}")
    for use in row.built.inputs:
        print(f"  {'uses   ' if use.used else 'ignores'} {use.name}={use.value} ({use.why})")
    for note in row.built.notes:
        print(f"  note: {note}")
    if row.fix:
        print(f"fix:     {row.fix}")
    print(f"basis:   {row.source}")


def _print_table(rows: list[LibraryHost], source: TargetSource) -> None:
    print(f"setup: {source.describe()}")
    width = max(len(row.fqdn or row.summary) for row in rows)
    print(f"{'library':<14} {'version':<8} {'host':<{width}}  {'verdict':<20} fix")
    for row in rows:
        host = row.fqdn or "-"
        fix = row.fix or "-"
        print(f"{row.library.package:<14} {row.version:<8} {host:<{width}}  {row.summary:<20} {fix}")
    notes = [
        f"  {row.library.package}: ignores {use.name}={use.value} ({use.why})"
        for row in rows
        for use in row.ignored
    ] + [f"  {row.library.package}: {note}" for row in rows for note in row.built.notes]
    if notes:
        print("notes:")
        print("\n".join(notes))


def _row_json(row: LibraryHost) -> dict[str, Any]:
    return {
        "library": row.library.name,
        "package": row.library.package,
        "version": row.version,
        "rule": row.built.rule,
        "fqdn": row.fqdn,
        "error": row.built.error,
        "verdict": str(row.verdict.kind) if row.verdict else None,
        "ok": row.ok,
        "region": {"value": row.built.region, "from": row.built.region_from},
        "edge": {"value": row.built.edge, "from": row.built.edge_from},
        "inputs": [
            {"name": u.name, "value": u.value, "used": u.used, "why": u.why} for u in row.built.inputs
        ],
        "notes": list(row.built.notes),
        "fix": row.fix,
        "source": str(row.source),
    }
