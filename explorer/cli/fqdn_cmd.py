"""`twilio-explorer fqdn`: the host the helper libraries build, its verdict and the fix."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `fqdn` command."""
    parser = subparsers.add_parser(
        "fqdn",
        help="the host twilio-python/twilio-node build from a product, region and edge, with a verdict",
        description="The first line is the host the helper libraries would use; then the verdict and the fix.",
    )
    parser.add_argument("--product", default="api", help="product host label (default: api)")
    parser.add_argument("-r", "--region", help="the client's region setting (e.g. au1)")
    parser.add_argument("-e", "--edge", help="the client's edge setting (e.g. sydney)")
    parser.add_argument(
        "--url", help="a base URL that may already carry an edge or region (https://…twilio.com)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the host, the verdict and the fix."""
    import json

    from explorer.core.hosts import plan_host
    from explorer.core.verdict import classify_host

    plan = plan_host(args.product, args.region, args.edge, base_url=args.url)
    verdict = classify_host(plan.fqdn)
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
            "parts": [{"part": o.part, "value": o.value, "origin": o.origin} for o in plan.origins],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    print(plan.fqdn)
    print(f"verdict: {verdict.summary}: {verdict.explanation}")
    print(f"basis:   {verdict.source.ref} [{verdict.source.confidence}]")
    for origin in plan.origins:
        print(f"  {origin.part:<7} {origin.value or '-':<14} ({origin.origin})")
    if plan.node_url != plan.url:
        print(f"twilio-node builds a different URL: {plan.node_url}")
    if verdict.fix.fqdn != plan.fqdn:
        print(f"fix:     {verdict.fix.text}")
        print(f"recommended: {verdict.fix.fqdn}")
    return 0
