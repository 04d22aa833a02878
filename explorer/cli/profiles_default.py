"""`twilio-explorer profiles use NAME`: the default profile, which the app opens when no `--profile` is given."""

from __future__ import annotations

__all__ = ["register", "run_use"]

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `profiles use` to the `profiles` subcommands."""
    use = commands.add_parser(
        "use",
        help="make NAME the default profile the app opens (--clear: open the demo)",
        description="The default profile is kept in config.toml in your config directory; the app opens it "
        "when no --profile is given (--demo still opens the local simulator). Removing the profile forgets it.",
    )
    which = use.add_mutually_exclusive_group(required=True)
    which.add_argument("name", metavar="NAME", nargs="?", help="a saved or environment profile")
    which.add_argument("--clear", action="store_true", help="no default: the app opens the demo")
    use.set_defaults(handler=run_use)


def run_use(args: argparse.Namespace) -> int:
    """Set or clear the default profile; a name that is no profile is refused (exit 2)."""
    from explorer.core.profile_book import ProfileBook

    book = ProfileBook.default()
    profile = book.use(None if args.clear else args.name)
    if profile is None:
        print(f"no default profile: the app opens the demo (set in {book.config.path})")
    else:
        print(
            f"default profile: {profile.name!r} ({profile.region_label} via {profile.api_host}); the app opens it "
            f"unless --profile or --demo says otherwise (set in {book.config.path})"
        )
    return 0
