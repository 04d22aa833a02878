"""`twilio-explorer token`: inspect an Access Token against the profiles, or mint one for testing.

A token is a secret (it lets its holder act as the identity until it expires): it is held in a `Secret`,
never logged, and `create` prints it once on standard output and nowhere else. `inspect` never prints the
signature. Reading the token from standard input (`-`) keeps it out of `ps` and shell history.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from explorer.cli.argument_parser import show_help

if TYPE_CHECKING:
    from explorer.core.access_token import DecodedToken
    from explorer.core.secret import Secret
    from explorer.core.token_check import Finding


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `token` command and its subcommands."""
    parser = subparsers.add_parser(
        "token",
        help="inspect an Access Token's Region (twr) and key, or mint one for testing",
        description="Client SDKs (Voice, Video, Conversations) connect to the Region in the token's `twr` "
        "header (US1 without it), and the token must be signed with an API key of that Region.",
    )
    parser.set_defaults(handler=lambda args: show_help(parser))
    commands = parser.add_subparsers(dest="token_command", metavar="SUBCOMMAND")

    inspect = commands.add_parser(
        "inspect",
        help="decode a token (signature not verified, never shown) and check it against the profiles",
        description="Exit status: 0 when nothing would make the SDK fail, 1 when something would, 2 for input "
        "that is not a token.",
    )
    inspect.add_argument(
        "token",
        nargs="?",
        default="-",
        metavar="TOKEN",
        help="the token, or - (the default) to read it from standard input, which keeps it out of ps and history",
    )
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.set_defaults(handler=run_inspect)

    create = commands.add_parser(
        "create",
        help="mint a token with the right twr for a profile's Region (for testing; printed once, never stored)",
    )
    create.add_argument("--profile", required=True, metavar="NAME", help="an API key profile that signs it")
    create.add_argument("--identity", required=True, metavar="ID", help="the SDK client's identity")
    create.add_argument(
        "--grant",
        action="append",
        required=True,
        choices=("voice", "video", "chat"),
        help="a grant to add (repeat for several)",
    )
    create.add_argument("--ttl", type=int, default=3600, metavar="SECONDS", help="lifetime (default 3600)")
    create.set_defaults(handler=run_create)


def _read_token(value: str) -> Secret:
    import sys

    from explorer.core.errors import InputError
    from explorer.core.secret import Secret

    if value != "-":
        return Secret(value.strip())
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError(
            "no token given", hint="pipe it in (… | twilio-explorer token inspect -) or pass it as TOKEN"
        )
    token = Secret(sys.stdin.read().strip())
    if not token:
        raise InputError("standard input held no token", hint="pipe the token on one line")
    return token


def _when(token: DecodedToken, name: str) -> str:
    moment = token.time_claim(name)
    return "-" if moment is None else f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def _document(token: DecodedToken, findings: list[Finding]) -> dict[str, Any]:
    return {
        "header": {k: v for k, v in token.header.items() if isinstance(v, str | int | float | bool)},
        "region": token.region,
        "issuer": token.issuer,
        "account_sid": token.account_sid,
        "identity": token.identity,
        "grants": list(token.granted),
        "issued_at": _when(token, "iat"),
        "expires_at": _when(token, "exp"),
        "ok": all(f.ok for f in findings),
        "findings": [
            {"ok": f.ok, "warning": f.warning, "text": f.text, "fixes": list(f.fixes)} for f in findings
        ],
    }


def run_inspect(args: argparse.Namespace) -> int:
    """Decode the token, show what it says and what is wrong with it for the SDK."""
    import json
    import sys
    from datetime import UTC, datetime

    from explorer.core.access_token import decode_token
    from explorer.core.printable import visible
    from explorer.core.profile_book import ProfileBook
    from explorer.core.token_check import check_token

    token = decode_token(_read_token(args.token))
    book = ProfileBook.default()
    profiles = book.profiles()  # no keyring call: only the key SIDs and Regions are compared
    findings = check_token(token, profiles, datetime.now(UTC))
    ok = all(f.ok for f in findings)
    if args.json:
        print(json.dumps(_document(token, findings), indent=2, ensure_ascii=False))
        return 0 if ok else 1
    header = " · ".join(f"{k} {v}" for k, v in token.header.items())
    lines = [
        f"header:    {header}",
        f"region:    {token.region or 'none (no twr: the SDK connects to US1)'}",
        f"key:       {token.issuer or '-'}",
        f"account:   {token.account_sid or '-'}",
        f"identity:  {token.identity or '-'}",
        f"grants:    {', '.join(token.granted) or '-'}",
        f"issued:    {_when(token, 'iat')}",
        f"expires:   {_when(token, 'exp')}",
        "signature: not verified, not shown",
    ]
    for finding in findings:
        label = "ok" if finding.ok and not finding.warning else "warning" if finding.ok else "problem"
        lines.append(f"{label}: {finding.text}")
        lines += [f"  fix: {fix}" for fix in finding.fixes]
    # Everything above came out of the token: foreign text, shown with control characters visible.
    print("\n".join(visible(line) for line in lines))
    for problem in (book.recovery, book.environment_problem):
        if problem is not None:
            print(problem.cli_line("warning"), file=sys.stderr)
    return 0 if ok else 1


def run_create(args: argparse.Namespace) -> int:
    """Mint a token with the profile's API key and print it once."""
    import sys

    from explorer.core.access_token import mint_token
    from explorer.core.profile_book import ProfileBook

    credential = ProfileBook.default().credential(args.profile)
    token = mint_token(credential, args.identity, args.grant, ttl_seconds=args.ttl)
    profile = credential.profile
    twr = f"twr {profile.region}" if profile.region != "us1" else "no twr (US1)"
    print(
        f"test token for {args.identity!r}, signed by {profile.api_key_sid} ({profile.region_label}, {twr}), "
        f"valid {args.ttl} s; printed once, not stored",
        file=sys.stderr,
    )
    print(token.reveal())  # the one place it leaves the process, as asked
    return 0
