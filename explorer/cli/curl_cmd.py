"""`twilio-explorer curl`: any request as a docs-safe curl command (and twilio-python / twilio-node snippets)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.curl import Credentials
    from explorer.core.request import AuthKind, RequestSpec


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name, value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `curl` command."""
    parser = subparsers.add_parser(
        "curl",
        help="print a request as a curl command that is safe to paste into docs",
        description="TARGET is METHOD PATH (PATH may hold {AccountSid} and other {Params}) or a catalogue "
        "resource id such as api:applications (its list request).",
    )
    parser.add_argument("target", nargs="+", metavar="METHOD PATH | RESOURCE")
    parser.add_argument("--product", help="product host label (default: api, or the resource's)")
    parser.add_argument("--region", help="region setting (e.g. au1)")
    parser.add_argument("--edge", help="edge setting (e.g. sydney)")
    parser.add_argument("--param", action="append", type=_pair, default=[], metavar="NAME=VALUE",
                        help="a path parameter value, e.g. --param Sid=AP…")  # fmt: skip
    parser.add_argument(
        "--query", action="append", type=_pair, default=[], metavar="K=V", help="query parameter"
    )
    parser.add_argument("--data", action="append", type=_pair, default=[], metavar="K=V", help="form field")
    parser.add_argument(
        "--auth",
        choices=["api-key", "auth-token"],
        help="credential kind (default: the profile's, else api-key)",
    )
    parser.add_argument("--placeholders", choices=["twilio", "guide"], default="twilio",
                        help="variable names: TWILIO_* (default) or those of Twilio's regional guide")  # fmt: skip
    parser.add_argument("--inline-secrets", action="store_true",
                        help="write the Account SID and secret literally (from --profile or TWILIO_* variables)")  # fmt: skip
    parser.add_argument("--multiline", action="store_true", help="one option per line")
    parser.add_argument(
        "--region-vars",
        action="store_true",
        help="name the secret variables per Region ($TWILIO_API_KEY_AU1 ...), as the simulator's env file does",
    )
    parser.add_argument(
        "--snippets", action="store_true", help="also print twilio-python and twilio-node code"
    )
    parser.add_argument("--profile", help="fill the Account SID from this stored profile")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the command."""
    import os

    from explorer.core.curl import Credentials, Placeholders, render_curl
    from explorer.core.errors import InputError
    from explorer.core.request import AuthKind, RequestSpec
    from explorer.core.snippets import render_node, render_python

    product = args.product
    if len(args.target) == 1:
        from explorer.catalog.loader import load_catalog
        from explorer.cli.options import openapi_dir

        endpoint = load_catalog(openapi_dir(args)).find(args.target[0])
        method, path = "GET", endpoint.path
        if product is None:
            product = endpoint.product
    elif len(args.target) == 2:
        method, path = args.target[0].upper(), args.target[1]
    else:
        raise InputError(
            "expected METHOD PATH or one resource id", hint="e.g. curl GET /2010-04-01/Accounts.json"
        )
    profile = None
    if args.profile:
        from explorer.core.profile_book import ProfileBook

        profile = ProfileBook.default().get(args.profile)
    region, edge, auth = args.region, args.edge, args.auth
    if profile is not None and region is None and edge is None:
        # The profile's Region decides the host unless the user overrides it explicitly.
        region, edge = profile.spec_region, profile.edge
    if auth is None:
        auth = str(profile.kind) if profile is not None else "api-key"
    spec = RequestSpec(
        method=method,
        path=path,
        product=product or "api",
        region=region,
        edge=edge,
        path_params=tuple(args.param),
        query=tuple(args.query),
        form=tuple(args.data),
        auth=AuthKind(auth),
    )
    inline: Credentials | None = None
    if profile is not None:
        inline = Credentials(account_sid=profile.account_sid)
        if args.inline_secrets:
            inline = _profile_credentials(args.profile, spec)
    elif args.inline_secrets:
        inline = _environment_credentials(os.environ, spec.auth)
    placeholders = Placeholders(args.placeholders)
    suffix = None
    if args.region_vars:
        from explorer.core.verdict import classify_host

        suffix = classify_host(spec.fqdn).processing_region or spec.region or "us1"
    print(
        render_curl(
            spec, placeholders=placeholders, inline=inline, multiline=args.multiline, region_suffix=suffix
        )
    )
    if args.snippets:
        print("\n# twilio-python\n" + render_python(spec, placeholders))
        print("// twilio-node\n" + render_node(spec, placeholders))
    return 0


def _environment_credentials(environ: Mapping[str, str], auth: AuthKind) -> Credentials:
    from explorer.core.curl import Credentials
    from explorer.core.errors import InputError
    from explorer.core.request import AuthKind

    if auth is AuthKind.API_KEY:
        wanted = ("TWILIO_API_KEY", "TWILIO_API_SECRET")
    else:
        wanted = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")
    missing = [name for name in dict.fromkeys(("TWILIO_ACCOUNT_SID", *wanted)) if not environ.get(name)]
    if missing:
        raise InputError(
            "--inline-secrets needs " + ", ".join(missing), hint="export them, or pass --profile NAME"
        )
    from explorer.core.secret import Secret

    return Credentials(environ["TWILIO_ACCOUNT_SID"], environ[wanted[0]], Secret(environ[wanted[1]]))


def _profile_credentials(name: str, spec: RequestSpec) -> Credentials:
    from explorer.core.curl import Credentials
    from explorer.core.profile_book import resolve_credential
    from explorer.core.scoping import check_scope

    credential = resolve_credential(name)
    # An inline secret is as good as sent: never write one for a host outside the profile's Region.
    check_scope(credential.profile, spec.url(credential.profile.account_sid))
    return Credentials(credential.profile.account_sid, credential.username, credential.secret)
