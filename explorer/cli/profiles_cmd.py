"""`twilio-explorer profiles`: add, list, remove, verify, import-env and login for per-Region credentials.

Secrets are never taken from argv, where `ps` and shell history would keep them: they come from standard
input with `--secret-stdin`, or from a prompt that does not echo. Options that look like they take a secret
(`--auth-token VALUE`, `--secret`, `--api-secret`, `--token`, `--password`) are caught and refused without
repeating the value.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from explorer.cli.argument_parser import show_help
from explorer.cli.output import Column, add_output_option, emit
from explorer.core.secret import Secret

if TYPE_CHECKING:
    from explorer.core.client import ExplorerClient
    from explorer.core.profile_book import ProfileBook
    from explorer.core.profiles import Profile

_TRAPS = ("--secret", "--api-secret", "--auth-token-value", "--token", "--password")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `profiles` command and its subcommands."""
    parser = subparsers.add_parser(
        "profiles",
        help="per-Region credential profiles (secrets in the OS keyring)",
        description="Profiles hold an Account SID, a Region and one credential. Settings go to profiles.toml "
        "in your config directory (TWILIO_EXPLORER_CONFIG_DIR overrides it); secrets go to the OS keyring "
        "only. Secrets are read from standard input (--secret-stdin) or a prompt, never from arguments.",
    )
    parser.set_defaults(handler=lambda args: show_help(parser))
    commands = parser.add_subparsers(dest="profiles_command", metavar="SUBCOMMAND")

    add = commands.add_parser("add", help="save a profile (secret to the OS keyring)")
    add.add_argument("name", metavar="NAME")
    _settings(add)
    credential = add.add_mutually_exclusive_group(required=True)
    credential.add_argument("--api-key", metavar="SK…", help="an API key SID created in this Region")
    credential.add_argument(
        "--auth-token",
        nargs="?",
        const=True,
        default=None,
        help="use the Region's Auth Token (it is prompted for, or read with --secret-stdin; never given here)",
    )
    _secret_input(add)
    add.add_argument("--replace", action="store_true", help="replace an existing profile of that name")
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help="list profiles with their source (never a secret)")
    add_output_option(listing)
    listing.set_defaults(handler=run_list)

    remove = commands.add_parser("remove", help="remove a profile and its keyring secret")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=run_remove)

    verify = commands.add_parser("verify", help="check a profile against its Region's API host")
    verify.add_argument("name", metavar="NAME")
    verify.add_argument(
        "--host", help="try another host (refused before sending if it is outside the profile's Region)"
    )
    _network(verify)
    verify.set_defaults(handler=run_verify)

    import_env = commands.add_parser("import-env", help="save the TWILIO_* environment credential as NAME")
    import_env.add_argument("name", metavar="NAME")
    import_env.set_defaults(handler=run_import_env)

    login = commands.add_parser(
        "login",
        help="turn a Region's Auth Token into a saved API key profile, as twilio-cli does",
        description="Reads the Region's Auth Token once, checks it on the regional host, creates a Standard "
        "API key there (POST .../Keys.json), saves the key and its secret, and forgets the token unless "
        "--keep-auth-token-as is given.",
    )
    login.add_argument("name", metavar="NAME")
    _settings(login)
    login.add_argument(
        "--friendly-name", help="the new key's FriendlyName (default: names this user and host)"
    )
    login.add_argument(
        "--keep-auth-token-as", metavar="NAME", help="also save the Auth Token as its own profile NAME"
    )
    _secret_input(login)
    _network(login)
    login.set_defaults(handler=run_login)

    from explorer.cli import profiles_default, profiles_twilio_cli

    profiles_default.register(commands)
    profiles_twilio_cli.register(commands)


def _settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account-sid", required=True, metavar="AC…", help="the Account SID")
    parser.add_argument(
        "-r", "--region", required=True, help="the Region the credential was issued in: us1, ie1, au1"
    )
    parser.add_argument("-e", "--edge", help="the REST edge (default: the Region's own, e.g. sydney for au1)")


def _secret_input(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--secret-stdin", action="store_true", help="read the secret from the first line of standard input"
    )
    for trap in _TRAPS:
        parser.add_argument(
            trap, nargs="?", const=True, default=None, dest=_trap_dest(trap), help=argparse.SUPPRESS
        )


def _network(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--proxy", metavar="URL", help="HTTPS proxy (default: HTTPS_PROXY from the environment)"
    )
    parser.add_argument(
        "--cacert",
        metavar="PEM",
        help="CA bundle to trust (default: SSL_CERT_FILE, REQUESTS_CA_BUNDLE, SSL_CERT_DIR, else certifi's)",
    )


def _trap_dest(option: str) -> str:
    return "trap_" + option.lstrip("-").replace("-", "_")


def _refuse_secret_arguments(args: argparse.Namespace) -> None:
    from explorer.core.errors import InputError

    given = [trap for trap in _TRAPS if getattr(args, _trap_dest(trap), None) is not None]
    if isinstance(getattr(args, "auth_token", None), str):
        given.insert(0, "--auth-token VALUE")
    if given:
        # The value is deliberately not repeated: it may be a real secret.
        raise InputError(
            f"{given[0]}: secrets are never read from the command line, where ps and shell history keep them; "
            "the value was not used or stored",
            hint="pipe the secret with --secret-stdin, or leave it out to be prompted; if it was a real secret, "
            "consider rotating it",
        )


def _read_secret(args: argparse.Namespace, what: str) -> Secret:
    import sys

    from explorer.core.errors import InputError

    if args.secret_stdin:
        secret = Secret(sys.stdin.readline().strip())
        if not secret:
            raise InputError(
                f"--secret-stdin: standard input held no {what}", hint=f"pipe the {what} on one line"
            )
        return secret
    if not sys.stdin.isatty():
        raise InputError(
            f"no terminal to prompt for the {what}",
            hint="pipe it with --secret-stdin, e.g. from a password manager's command line",
        )
    import getpass

    secret = Secret(getpass.getpass(f"{what} (input hidden): ").strip())
    if not secret:
        raise InputError(f"no {what} was entered")
    return secret


def _book() -> ProfileBook:
    from explorer.core.profile_book import ProfileBook

    return ProfileBook.default()


def _report_recovery(book: ProfileBook) -> None:
    import sys

    for problem in (book.recovery, book.set_aside, book.environment_problem):
        if problem is not None:
            print(problem.cli_line("warning"), file=sys.stderr)


def _credential_text(profile: Profile) -> str:
    return f"API key {profile.api_key_sid}" if profile.api_key_sid else "Auth Token"


def run_add(args: argparse.Namespace) -> int:
    """Save a profile: validate everything, then the secret to the keyring, then the settings to the file."""
    from explorer.core.profiles import Profile

    _refuse_secret_arguments(args)
    profile = Profile.create(
        args.name, args.account_sid, args.region, edge=args.edge, api_key_sid=args.api_key
    )
    book = _book()
    # Fail on a missing keyring before asking for a secret the user would then have typed for nothing.
    book.store.check_available()
    what = "API key secret" if profile.api_key_sid else f"{profile.region_label} Auth Token"
    secret = _read_secret(args, what)
    saved = book.add(profile, secret, replace_existing=args.replace)
    _report_recovery(book)
    print(
        f"saved profile {saved.name!r}: {saved.region_label} via {saved.api_host}, {_credential_text(saved)}; "
        f"settings in {book.file.path}, secret in the {book.store.description}"
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    """List profiles without touching the keyring."""
    book = _book()
    profiles = book.profiles()
    default = book.default_name()
    _report_recovery(book)
    rows = [
        {
            "name": p.name,
            "default": p.name == default,
            "source": str(p.source),
            "region": p.region,
            "edge": p.edge,
            "host": p.api_host,
            "account_sid": p.account_sid,
            "credential": str(p.kind),
            "api_key_sid": p.api_key_sid,
        }
        for p in profiles
    ]
    emit(
        args,
        "profiles",
        rows,
        _PROFILE_COLUMNS,
        empty="no profiles yet: twilio-explorer profiles add NAME --account-sid AC… --region R --api-key SK…",
        # The default profile (the one the app opens) is marked with a star after its name.
        note="* the default profile, which the app opens (change it with: twilio-explorer profiles use NAME)"
        if default is not None
        else "",
    )
    return 0


_PROFILE_COLUMNS = (
    Column("name", "NAME", lambda p: f"{p['name']} *" if p["default"] else p["name"]),
    Column("default", "DEFAULT", in_table=False),
    Column("source", "SOURCE"),
    Column("region", "REGION", lambda p: str(p["region"]).upper()),
    Column("host", "HOST"),
    Column("account_sid", "ACCOUNT SID"),
    Column("api_key_sid", "API KEY", in_table=False),
    Column(
        "credential",
        "CREDENTIAL",
        lambda p: f"API key {p['api_key_sid']}" if p["api_key_sid"] else "Auth Token",
    ),
)


def run_remove(args: argparse.Namespace) -> int:
    """Remove a profile and its secret."""
    book = _book()
    removed = book.remove(args.name)
    print(f"removed profile {removed.name!r} and its secret from the {book.store.description}")
    return 0


def _client(args: argparse.Namespace) -> ExplorerClient:
    """The client for --proxy and --cacert (else the environment's); a setup it refuses is bad input (exit 2)."""
    from explorer.core.client import ExplorerClient
    from explorer.core.connection import check_proxy_url, resolve_trust
    from explorer.core.errors import InputError, TransportError

    try:
        # Checked here first so that the messages name the options.
        if args.proxy is not None:
            check_proxy_url(args.proxy, "given with --proxy")
        if args.cacert is not None:
            resolve_trust(args.cacert, origin="given with --cacert")
        return ExplorerClient(proxy=args.proxy, verify=True if args.cacert is None else args.cacert)
    except TransportError as error:
        # Nothing was sent: the proxy or CA bundle (an option or the environment) has to change first.
        raise InputError(error.message, hint=error.hint, title=error.title) from None


def run_verify(args: argparse.Namespace) -> int:
    """Fetch the profile's Account on its regional host and explain the answer."""
    from explorer.core.printable import visible
    from explorer.core.verify import verify_credential

    # The network options are checked before the keyring is read: a typo there should cost nothing.
    with _client(args) as client:
        credential = _book().credential(args.name)
        outcome = verify_credential(client, credential, host=args.host)
    milliseconds = round(outcome.exchange.timings.total * 1000)
    label = "ok" if outcome.ok else "service failed" if outcome.service_failed else "refused"
    # The summary and explanation quote Twilio's answer: shown with its control characters visible.
    print(visible(f"{label}: {outcome.summary} (HTTP {outcome.exchange.status_code}, {milliseconds} ms)"))
    if outcome.explanation:
        print(visible(outcome.explanation))
    return 0 if outcome.ok else 1


def run_import_env(args: argparse.Namespace) -> int:
    """Save the TWILIO_* environment credential as a keyring profile."""
    book = _book()
    saved = book.import_environment(args.name)
    print(
        f"saved profile {saved.name!r} from the TWILIO_* variables: {saved.region_label} via {saved.api_host}, "
        f"{_credential_text(saved)}; secret in the {book.store.description}"
    )
    return 0


def run_login(args: argparse.Namespace) -> int:
    """Create and save a Standard API key from the Region's Auth Token."""
    from explorer.core.profiles import Profile
    from explorer.core.verify import login

    _refuse_secret_arguments(args)
    # Validate the settings and the network options before the keyring and the prompt for the token.
    planned = Profile.create(args.name, args.account_sid, args.region, edge=args.edge)
    with _client(args) as client:
        book = _book()
        book.store.check_available()
        token = _read_secret(args, f"{planned.region_label} Auth Token")
        outcome = login(
            client,
            book,
            args.name,
            account_sid=args.account_sid,
            region=args.region,
            edge=args.edge,
            auth_token=token,
            friendly_name=args.friendly_name,
            keep_auth_token_as=args.keep_auth_token_as,
        )
    saved = outcome.profile
    print(
        f"created API key {saved.api_key_sid} ({outcome.key_friendly_name!r}) in {saved.region_label} and saved "
        f"profile {saved.name!r}; the key's secret is in the {book.store.description}"
    )
    if outcome.token_profile is not None:
        print(f"kept the Auth Token as profile {outcome.token_profile.name!r}")
    else:
        print("the Auth Token was used once and not kept")
    return 0
