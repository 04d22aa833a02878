"""`twilio-explorer serve`: the terminal app in a web browser, through textual-serve (the `serve` extra).

Each browser tab runs its own app process (`python -m explorer ...`) with the same profiles as the terminal.
Safe by default: it listens on loopback only (another `--host` is warned about, since whoever reaches the
port sends requests with the profile's credential) and the app is read-only unless `--allow-writes`. Files
the app would write on the server (`y`'s curl, the history's Markdown export) are delivered to the browser
as downloads instead (`explorer.ui.copying`).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

from explorer.core.errors import InputError

DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `serve` command."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the terminal app in a web browser (loopback only, read-only by default)",
        description="Serve the app to a web browser with textual-serve (pip install 'twilio-region-explorer[serve]'). "
        "Listens on 127.0.0.1 unless --host says otherwise; the app is read-only unless --allow-writes. "
        "Files the app saves (y, the Markdown export) are downloaded by the browser.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"the port (default: {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--allow-writes",
        action="store_true",
        help="let the served app send writes (POST, DELETE); off by default",
    )
    parser.add_argument(
        "--profile", dest="serve_profile", metavar="NAME", help="send as stored profile NAME, to real Twilio"
    )
    parser.add_argument(
        "--theme", dest="serve_theme", metavar="NAME", help="dark (default), light or high-contrast"
    )
    parser.set_defaults(handler=run)


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(args: argparse.Namespace) -> str:
    """The shell command each browser session runs: this interpreter's `python -m explorer` with the flags."""
    words = [sys.executable, "-m", "explorer"]
    if getattr(args, "openapi", None):
        words += ["--openapi", args.openapi]
    if not args.allow_writes:
        words.append("--read-only")
    words += ["--profile", args.serve_profile] if args.serve_profile else ["--sim"]
    if args.serve_theme:
        words += ["--theme", args.serve_theme]
    return shlex.join(words)


def run(args: argparse.Namespace) -> int:
    """Serve the app until Ctrl-C."""
    if not 0 < args.port < 65536:
        raise InputError(f"the port {args.port} is not a TCP port", hint="use 1 to 65535, e.g. --port 8000")
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError(
            "serving the app needs textual-serve, which is not installed",
            hint="pip install 'twilio-region-explorer[serve]'",
        ) from None
    if not is_loopback(args.host):
        print(
            f"twilio-explorer: warning: serving on {args.host}, not loopback: anyone who can reach port {args.port} "
            "uses the app with this machine's profiles and credentials",
            file=sys.stderr,
        )
    mode = "writes allowed" if args.allow_writes else "read-only (--allow-writes to send writes)"
    print(f"Serving the explorer on http://{args.host}:{args.port}/ ({mode}); Ctrl-C stops it.", flush=True)
    Server(app_command(args), host=args.host, port=args.port, title="Twilio Region Explorer").serve()
    return 0
