"""The `twilio-explorer` entry point: builds the parser from the subcommand modules and runs one.

Subcommand modules import only the standard library at module level; each command's `run` imports
what it needs, so `fqdn`, `regions` and `curl` never pay for textual or httpx.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol

from explorer import __version__
from explorer.cli.argument_parser import ArgumentParser
from explorer.core.errors import ExplorerError
from explorer.core.printable import visible

# Each name is a module `explorer.cli.<name>_cmd` with `register(subparsers) -> None`; the parser it adds
# sets `handler` to a function `(argparse.Namespace) -> int`.
COMMANDS: tuple[str, ...] = ("regions", "fqdn", "curl", "catalog", "profiles", "sim")


class _Handler(Protocol):
    def __call__(self, args: argparse.Namespace) -> int: ...


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser, one subparser per command module."""
    parser = ArgumentParser(
        prog="twilio-explorer",
        description="Explore Twilio's regional REST API. With no command, opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--openapi",
        metavar="DIR",
        help="load Twilio OpenAPI description files from DIR instead of the bundled catalogue "
        "(also TWILIO_EXPLORER_OPENAPI)",
    )
    app_options = parser.add_argument_group("the terminal app (no COMMAND)")
    app_options.add_argument(
        "--sim",
        action="store_true",
        help="use the local simulator's demo credentials (the default with no profile)",
    )
    app_options.add_argument(
        "--profile", dest="app_profile", metavar="NAME", help="send as stored profile NAME, to real Twilio"
    )
    app_options.add_argument(
        "--read-only", action="store_true", help="disable every write (anything but GET)"
    )
    app_options.add_argument("--theme", metavar="NAME", help="dark (default), light or high-contrast")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"explorer.cli.{name}_cmd")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: _Handler | None = getattr(args, "handler", None)
    if handler is None:
        handler = _open_app
    try:
        return handler(args)
    except ExplorerError as error:
        line = f"twilio-explorer: error: {error.message}"
        if error.hint:
            line += f" Fix: {error.hint}"
        # Messages quote names and values as given: one line, no control character reaches the terminal.
        print(visible(line), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `twilio-explorer catalog | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0


def _open_app(args: argparse.Namespace) -> int:
    try:
        app_module = importlib.import_module("explorer.ui.launch")
    except ModuleNotFoundError:
        print("twilio-explorer: the terminal app is not part of this build yet; try --help", file=sys.stderr)
        return 2
    result: int = app_module.launch(args)
    return result
