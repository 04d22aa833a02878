"""`twilio-explorer profiles import-twilio-cli`: twilio-cli's profiles as per-Region keyring profiles."""

from __future__ import annotations

__all__ = ["register", "run_import_twilio_cli"]

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `profiles import-twilio-cli` to the `profiles` subcommands."""
    parser = commands.add_parser(
        "import-twilio-cli",
        help="import twilio-cli's profiles (account, region, edge, secret) into the OS keyring",
        description="Reads twilio-cli's config file (~/.twilio-cli/config.json) and, for each profile, its "
        "secret: from that file when twilio-cli keeps it there in plain text, else from twilio-cli's keychain "
        "entry. Each is saved as a keyring profile of its one Region; no secret is written anywhere else.",
    )
    parser.add_argument(
        "names", metavar="NAME", nargs="*", help="only these twilio-cli profiles (default: all)"
    )
    parser.add_argument(
        "--config", metavar="PATH", help="twilio-cli's config file (default: ~/.twilio-cli/config.json)"
    )
    parser.add_argument("--prefix", default="", help="put PREFIX before each imported profile's name")
    parser.set_defaults(handler=run_import_twilio_cli)


def run_import_twilio_cli(args: argparse.Namespace) -> int:
    """Import; exit 0 when every profile asked for was imported, 2 when one had to be skipped."""
    from pathlib import Path

    from explorer.core.credential_store import KeyringStore
    from explorer.core.errors import CredentialError
    from explorer.core.printable import visible
    from explorer.core.profile_book import ProfileBook
    from explorer.core.secret import Secret
    from explorer.core.twilio_cli_import import KEYCHAIN_SERVICE, default_config_path, import_profiles

    book = ProfileBook.default()
    keychain = KeyringStore(service=KEYCHAIN_SERVICE)

    def read_keychain(name: str) -> Secret | None:
        try:
            return keychain.get_secret(name)
        except CredentialError:
            return None

    path = Path(args.config).expanduser() if args.config else default_config_path()
    report = import_profiles(book, path, keychain=read_keychain, names=tuple(args.names), prefix=args.prefix)
    for profile in report.imported:
        print(visible(f"imported {profile.describe()}; its secret is in the {book.store.description}"))
    for line in report.skipped:
        print(visible(f"skipped {line}"))
    if report.plaintext:
        names = ", ".join(report.plaintext)
        print(
            visible(
                f"note: twilio-cli keeps the API secret of {names} in plain text in {path}. The copies imported "
                "here are in the OS keyring only; to take the secret out of that file, remove the profile from "
                "twilio-cli (twilio profiles:remove NAME) and use it from here, or rotate the key."
            )
        )
    if not report.imported and not report.skipped:
        print(f"twilio-cli has no profiles in {path}")
    return 2 if report.skipped else 0
