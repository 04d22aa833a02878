"""`twilio-explorer doctor`: check a configuration end to end, one row per step, with a verdict and a fix."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.model.doctor import DoctorSettings, Step

_EPILOG = """\
Settings, value by value: flags beat the profile, which beats TWILIO_REGION / TWILIO_EDGE.
Nothing is sent to a host outside the credential's Region: the scope check refuses, and the credential row says so.
With HTTPS_PROXY set, DNS is the proxy's business: the DNS row asks the proxy for a CONNECT tunnel.

exit status: 0 every step passed (warnings allowed), 1 a step failed, 2 bad input or setup, 130 interrupted"""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `doctor` command."""
    parser = subparsers.add_parser(
        "doctor",
        help="check a setup end to end: settings, libraries, DNS, TLS, credential, product, clock",
        description="Checks where the settings came from and what each helper library builds from them, the "
        "host's DNS, its TLS certificate, that the credential belongs to the host's Region, that the product is "
        "offered there, and the clock. One row per step with a verdict and the fix.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="the profile to check (default: the TWILIO_* environment credential)",
    )
    parser.add_argument("--product", help="product host label (default: api)")
    parser.add_argument("--region", help="region setting (default: the profile's, else TWILIO_REGION)")
    parser.add_argument("--edge", help="edge setting (default: the profile's, else TWILIO_EDGE)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    parser.set_defaults(handler=run)


def _row(step: Step) -> str:
    from explorer.core.printable import visible

    line = f"{step.verdict.upper():<4}  {step.title:<16} {step.detail}"
    for number, fix in enumerate(step.fix.splitlines()):
        line += f"\n      {'fix:' if number == 0 else '    '} {fix}"
    # Rows quote proxies' reason phrases and Twilio's messages: foreign text, control characters made visible.
    return visible(line, multiline=True)


def _document(settings: DoctorSettings, steps: list[Step], complete: bool) -> dict[str, Any]:
    from explorer.model.doctor import StepVerdict

    parts = {"product": settings.product, "region": settings.region, "edge": settings.edge}
    return {
        "ok": complete and all(s.verdict is not StepVerdict.FAIL for s in steps),
        "host": settings.plan.fqdn,
        "settings": {name: {"value": s.value, "origin": s.origin} for name, s in parts.items()},
        "steps": [
            {
                "step": s.key,
                "title": s.title,
                "verdict": str(s.verdict),
                "detail": s.detail,
                "fix": s.fix,
                "source": s.source,
            }
            for s in steps
        ],
    }


def run(args: argparse.Namespace) -> int:
    """Run the steps, printing each row as it finishes."""
    import json
    import os
    import sys

    from explorer.core.profile_book import ProfileBook
    from explorer.core.profiles import ENV_PROFILE_NAME
    from explorer.model.doctor import STEPS, Checkup, StepVerdict, resolve_settings, run_doctor

    book = ProfileBook.default()
    profiles = book.profiles()
    name = args.profile
    if name is None and any(p.name == ENV_PROFILE_NAME for p in profiles):
        name = ENV_PROFILE_NAME
    profile = book.get(name) if name is not None else None
    settings = resolve_settings(
        product=args.product, region=args.region, edge=args.edge, profile=profile, environ=os.environ
    )
    credential = book.credential(name) if name is not None else None
    checkup = Checkup(
        settings,
        credential=credential,
        profiles=profiles,
        load_credential=book.credential,
        environ=os.environ,
    )
    if not args.json:
        print(f"doctor: {settings.plan.fqdn}" + (f" as profile {name!r}" if name else ""), flush=True)
    steps: list[Step] = []
    running = run_doctor(checkup)
    try:
        for step in running:
            steps.append(step)
            if not args.json:
                print(_row(step), flush=True)
    except KeyboardInterrupt:
        running.close()  # closes the client and any tunnel; doctor changes nothing, so nothing is left half-done
        print(f"doctor: interrupted after {len(steps)} of {len(STEPS)} steps", file=sys.stderr)
        if args.json:
            print(json.dumps(_document(settings, steps, False), indent=2, ensure_ascii=False))
        return 130
    failed = [s.title for s in steps if s.verdict is StepVerdict.FAIL]
    if args.json:
        print(json.dumps(_document(settings, steps, True), indent=2, ensure_ascii=False))
    else:
        print(f"failed: {', '.join(failed)}" if failed else "every step passed")
    return 1 if failed else 0
