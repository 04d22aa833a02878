"""The `twilio-explorer` entry point: builds the parser from the subcommand modules and runs one.

Subcommand modules import only the standard library at module level; each command's `run` imports
what it needs, so `fqdn`, `regions` and `curl` never pay for textual or httpx.

What a command's failure looks like, never a traceback:

    exit 0  done (`profiles verify` only when the credential works)
    exit 1  an operation was tried and failed: the network (TransportError), the simulator, a listing or
            the history file; `profiles verify` when Twilio refused the credential or the service failed;
            and a bug: `twilio-explorer: internal error: <type> at <file>:<line>` (no message, no
            values: either could hold a secret), with the traceback only when TWILIO_EXPLORER_DEBUG=1
    exit 2  the input or the setup must change: every other ExplorerError (a bad value, an unknown name,
            a missing profile or keyring, a refused Region) and argparse's usage errors
    exit 130  Ctrl-C

Each ExplorerError is one line on stderr, `twilio-explorer: error: <message> Fix: <hint>` (`ExplorerError.cli_line`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Protocol

from explorer import __version__
from explorer.cli.argument_parser import ArgumentParser, remember_argv
from explorer.core.errors import ExplorerError, SimulatorError, TransportError

DEBUG_VARIABLE = "TWILIO_EXPLORER_DEBUG"
"""Set to 1 to let an internal error (a bug) print its traceback instead of one line."""

# Each name is a module `explorer.cli.<name>_cmd` with `register(subparsers) -> None`; the parser it adds
# sets `handler` to a function `(argparse.Namespace) -> int`.
COMMANDS: tuple[str, ...] = (
    "regions",
    "fqdn",
    "curl",
    "catalog",
    "profiles",
    "sim",
    "doctor",
    "token",
    "history",
    "completion",
    "serve",
    "scan",
)


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
        "--demo",
        "--sim",
        dest="sim",
        action="store_true",
        help="open the local simulator's demo, even when a default profile is set (profiles use NAME)",
    )
    app_options.add_argument(
        "-p",
        "--profile",
        dest="app_profile",
        metavar="NAME",
        help="send as profile NAME, to real Twilio (default: the default profile, else the demo)",
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
    _printable_streams()
    parser = build_parser()
    remember_argv(None if argv is None else list(argv))
    args = parser.parse_args(argv)
    handler: _Handler | None = getattr(args, "handler", None)
    if handler is None:
        handler = _open_app
    try:
        return handler(args)
    except ExplorerError as error:
        # Messages quote names and values as given: one line, no control character reaches the terminal.
        print(error.cli_line(), file=sys.stderr)
        return exit_status(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `twilio-explorer catalog | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0
    except Exception as error:
        if os.environ.get(DEBUG_VARIABLE) == "1":
            raise
        print(f"twilio-explorer: {internal_error_line(error)}", file=sys.stderr)
        return 1


def _printable_streams() -> None:
    # argv may hold bytes that are not UTF-8 (decoded as lone surrogates); echoing one in a message must
    # not raise UnicodeEncodeError, so such characters are written as escapes instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def exit_status(error: ExplorerError) -> int:
    """1 when an operation was tried and failed, 2 when the input or the setup must change."""
    from explorer.core.history_entry import HistoryError
    from explorer.core.listing import ListingError

    return 1 if isinstance(error, TransportError | SimulatorError | ListingError | HistoryError) else 2


def internal_error_line(error: BaseException) -> str:
    """`internal error: <type> at <file>:<line>` for a bug: enough to report, nothing that could be secret.

    The message and the frames' values are left out on purpose: either may hold a request, its headers or a
    secret being handled when the bug struck.
    """
    where = ""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if f"{os.sep}explorer{os.sep}" in frame.filename] or frames
    if ours:
        last = ours[-1]
        path = last.filename
        marker = f"{os.sep}explorer{os.sep}"
        if marker in path:
            path = "explorer" + os.sep + path.rsplit(marker, 1)[1]
        where = f" at {path}:{last.lineno}"
    return (
        f"internal error: {type(error).__name__}{where} (a bug in twilio-explorer, not in your input; run again "
        f"with {DEBUG_VARIABLE}=1 for the traceback, and report it)"
    )


def _open_app(args: argparse.Namespace) -> int:
    from explorer.assembly import launch  # Textual is imported only here, when the app opens
    from explorer.cli.options import app_options

    # The app's options are built here, once, from the flags and the environment; nothing below reads either.
    return launch(app_options(args, os.environ))
