"""`twilio-explorer curl`: any request as a docs-safe curl command (and twilio-python / twilio-node snippets)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

from explorer.cli.host_checks import EXIT_CODES_HELP, add_strict

if TYPE_CHECKING:
    from explorer.core.curl import Credentials
    from explorer.core.errors import RegionScopeError
    from explorer.core.profiles import Credential


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
        "resource id such as api:applications (its list request). Region and edge come from --region/--edge, "
        "else --profile (its region and edge together), else TWILIO_REGION/TWILIO_EDGE (each on its own, as "
        "the helper libraries read them); an unknown Region is an error. A host whose verdict is not valid is "
        "warned about on stderr.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("target", nargs="+", metavar="METHOD PATH | RESOURCE")
    parser.add_argument("--product", help="product host label (default: api, or the resource's)")
    parser.add_argument(
        "-r", "--region", help="region setting (e.g. au1; else the profile's, else TWILIO_REGION)"
    )
    parser.add_argument(
        "-e", "--edge", help="edge setting (e.g. sydney; else the profile's, else TWILIO_EDGE)"
    )
    parser.add_argument("--param", action="append", type=_pair, default=[], metavar="NAME=VALUE",
                        help="a path parameter value, e.g. --param Sid=AP…")  # fmt: skip
    parser.add_argument(
        "--query", action="append", type=_pair, default=[], metavar="K=V", help="query parameter"
    )
    parser.add_argument(
        "--data",
        action="append",
        type=_pair,
        default=[],
        metavar="K=V",
        help="form field, split at the first '=' (a name holding '=' needs --field)",
    )
    parser.add_argument(
        "--field",
        dest="data",
        action="append",
        nargs=2,
        metavar=("NAME", "VALUE"),
        help="form field given as two words, for a name that holds '='; keeps its place among --data",
    )
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
    parser.add_argument(
        "--markdown", action="store_true", help="print fenced Markdown code blocks, ready for docs"
    )
    parser.add_argument("-p", "--profile", help="fill the Account SID from this stored profile")
    add_strict(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the command."""
    import os
    import sys

    from explorer.core.curl import Credentials, Placeholders, path_variable, render_curl
    from explorer.core.errors import InputError, RegionScopeError
    from explorer.core.markdown import fenced
    from explorer.core.request import ACCOUNT_SID_PARAM, AuthKind, RequestSpec, path_params
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
    credential = None
    if args.inline_secrets:
        from explorer.core.profile_book import resolve_credential

        credential = (
            resolve_credential(args.profile)
            if args.profile
            else _environment_credential(os.environ, args.auth)
        )
        profile = credential.profile
    elif args.profile:
        from explorer.core.profile_book import ProfileBook

        profile = ProfileBook.default().get(args.profile)
    from explorer.core.regions import require_region
    from explorer.core.target_source import resolve_target

    # The credential's Region decides the host unless the user overrides it explicitly (and then the scoping
    # rule decides whether its secret may be written for that host); without a profile, the environment.
    source = resolve_target(
        os.environ,
        region=args.region,
        edge=args.edge,
        profile=(profile.name, profile.spec_region, profile.edge) if profile is not None else None,
    )
    region, edge, auth = source.region.value, source.edge.value, args.auth
    if region is not None:
        require_region(region, source.region.source)
    if auth is None:
        auth = str(profile.kind) if profile is not None else "api-key"
    given = dict(args.param)
    # A parameter left out is documented as a variable; its name stands in the spec so the spec validates.
    unset = [name for name in path_params(path) if name != ACCOUNT_SID_PARAM and name not in given]
    if unset and args.snippets:
        raise InputError(
            f"--snippets needs a value for {{{unset[0]}}}", hint=f"pass --param {unset[0]}=VALUE"
        )
    spec = RequestSpec(
        method=method,
        path=path,
        product=product or "api",
        region=region,
        edge=edge,
        path_params=(*args.param, *((name, path_variable(path, name)) for name in unset)),
        query=tuple(args.query),
        form=tuple((name, value) for name, value in args.data),
        auth=AuthKind(auth),
    )
    inline: Credentials | None = None
    if credential is not None:
        inline = Credentials.of(credential)
    elif profile is not None:
        inline = Credentials(account_sid=profile.account_sid)
    placeholders = Placeholders(args.placeholders)
    suffix = None
    if args.region_vars:
        from explorer.core.credential_choice import credential_region

        # The variables of the credential the request carries, by the one rule: its host's Region's. A host
        # processed in no Region takes no Region's credential, so its variables carry no suffix.
        suffix = credential_region(spec.fqdn)
    try:
        command = render_curl(
            spec,
            placeholders=placeholders,
            inline=inline,
            multiline=args.multiline,
            region_suffix=suffix,
            unset_params=unset,
        )
    except RegionScopeError as error:
        raise RegionScopeError(error.message, hint=_scope_fix(error, inline)) from None
    if inline is not None and inline.password is not None and inline.profile is not None:
        # Every time, and on stderr: the warning reaches the person even when the command goes to a file.
        secret = "API key secret" if inline.profile.kind is AuthKind.API_KEY else "Auth Token"
        print(
            f"twilio-explorer: warning: the command below shows the {inline.profile.region_label} {secret} of "
            f"{inline.username} inline; anyone who sees it can use the credential (without --inline-secrets "
            'it reads "$TWILIO_…" variables instead)',
            file=sys.stderr,
        )
    if args.markdown:
        print(fenced(command, "bash"), end="")
    else:
        print(command)
    if args.snippets and args.markdown:
        print("\ntwilio-python:\n\n" + fenced(render_python(spec, placeholders), "python"), end="")
        print("\ntwilio-node:\n\n" + fenced(render_node(spec, placeholders), "javascript"), end="")
    elif args.snippets:
        print("\n# twilio-python\n" + render_python(spec, placeholders))
        print("// twilio-node\n" + render_node(spec, placeholders))
    from explorer.cli.host_checks import environment_lines, warn_if_not_valid
    from explorer.core.verdict import classify_host

    for line in environment_lines(source, spec.product):
        print(f"twilio-explorer: {line.strip()}", file=sys.stderr)
    warned = warn_if_not_valid(classify_host(spec.fqdn))
    return 1 if warned and args.strict else 0


def _scope_fix(error: RegionScopeError, inline: Credentials | None) -> str:
    """The scoping rule's fix, plus the curl command's own ways out."""
    from explorer.core.profiles import ProfileSource

    fix = f'{error.hint}; or drop --inline-secrets to print "$TWILIO_…" variables instead'
    if (
        inline is not None
        and inline.profile is not None
        and inline.profile.source is ProfileSource.ENVIRONMENT
    ):
        fix += (
            f" (the exported key counts as {inline.profile.region_label}'s because TWILIO_REGION says so, "
            "US1 when unset, as the helper libraries read it)"
        )
    return fix


def _environment_credential(environ: Mapping[str, str], auth: str | None) -> Credential:
    """The credential the TWILIO_* variables hold (of kind `auth`, when given), scoped like a profile.

    Its Region is TWILIO_REGION as twilio-cli and the helper libraries read it, and US1 when that is unset:
    those tools send the exported key to that Region's hosts, so that is where it was issued for them to
    work (`env_profile.environment_credential`). The scoping rule for stored profiles then applies as it is:
    the secret is never written into a command for another Region's host.
    """
    from explorer.core.env_profile import ENV_VARIABLES, environment_credential
    from explorer.core.errors import InputError
    from explorer.core.request import AuthKind

    wanted: tuple[str, ...] = ()
    unwanted: tuple[str, ...] = ()
    if auth is not None and AuthKind(auth) is AuthKind.API_KEY:
        wanted, unwanted = ("TWILIO_API_KEY", "TWILIO_API_SECRET"), ("TWILIO_AUTH_TOKEN",)
    elif auth is not None:
        wanted, unwanted = ("TWILIO_AUTH_TOKEN",), ("TWILIO_API_KEY", "TWILIO_API_SECRET")
    missing = [name for name in ("TWILIO_ACCOUNT_SID", *wanted) if not environ.get(name)]
    if missing:
        raise InputError(
            "--inline-secrets needs " + ", ".join(missing), hint="export them, or pass --profile NAME"
        )
    # Only the variables of the asked-for kind, so --auth picks the Auth Token even when a key is exported.
    chosen = {name: environ[name] for name in ENV_VARIABLES if name in environ and name not in unwanted}
    credential = environment_credential(chosen)
    if credential is None:  # pragma: no cover - TWILIO_ACCOUNT_SID was checked above
        raise InputError(
            "--inline-secrets needs TWILIO_ACCOUNT_SID", hint="export it, or pass --profile NAME"
        )
    return credential
