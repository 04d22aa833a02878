"""`twilio-explorer history export`: the requests the app sent, oldest first, as Markdown for docs or as JSON.

Reads the history file the app writes (`history.jsonl` in the data directory, `$TWILIO_EXPLORER_DATA_DIR`
overrides it); never sends anything. Lines that cannot be read are skipped with a warning on stderr.
"""

from __future__ import annotations

import argparse

from explorer.cli.argument_parser import show_help


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `history` command and its `export` subcommand."""
    parser = subparsers.add_parser(
        "history",
        help="the requests the app sent (no credential): export them as Markdown or JSON",
        description="The app keeps every request it sends (never its credential) in history.jsonl in the data "
        "directory; TWILIO_EXPLORER_DATA_DIR overrides it.",
    )
    parser.set_defaults(handler=lambda args: show_help(parser))
    commands = parser.add_subparsers(dest="history_command", metavar="SUBCOMMAND")
    export = commands.add_parser(
        "export",
        help="print the history, oldest first: Markdown (curl per request) or JSON",
        description="Markdown: per request its status, duration, time and Twilio-Request-Id, then a docs-safe "
        "curl whose secret variables are named for the Region that processed it ($TWILIO_API_KEY_IE1). JSON: "
        '{"schema": 1, "kind": "history", "items": [...]}, each item one line of the history file.',
    )
    export.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="default: markdown"
    )
    export.add_argument(
        "--excerpts",
        action="store_true",
        help="add each response's first lines (secrets and Account SIDs already replaced) to the Markdown",
    )
    export.add_argument("--last", type=int, metavar="N", help="only the N most recent requests")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Print the history file's entries in the chosen format."""
    import json
    import sys

    from explorer.cli.output import SCHEMA
    from explorer.core.errors import InputError
    from explorer.core.history import History, render_markdown

    if args.last is not None and args.last < 1:
        raise InputError(f"--last {args.last}: nothing to show", hint="give a number of requests, 1 or more")
    contents = History().read()
    if contents.warning is not None:
        print(contents.warning.cli_line("warning"), file=sys.stderr)
    entries = sorted(contents.entries, key=lambda entry: entry.sent_at)
    if args.last is not None:
        entries = entries[-args.last :]
    if args.format == "json":
        document = {"schema": SCHEMA, "kind": "history", "items": [entry.to_json() for entry in entries]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print(
            "the history is empty: requests sent in the app (twilio-explorer) are kept there", file=sys.stderr
        )
        return 0
    print(render_markdown(entries, excerpts=args.excerpts), end="")
    return 0
