"""`twilio-explorer scan [PATH]`: every Twilio client in a codebase, the host it builds, the verdict, the fix."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `scan` command."""
    parser = subparsers.add_parser(
        "scan",
        help="find every Twilio client in a codebase and say which host it builds",
        description="Walk PATH (respecting .gitignore), find Twilio REST clients in Python, JS/TS, C#, Java, "
        "Ruby, PHP and Go code and in configuration, and say which host each builds with the library version "
        "locked beside it. Nothing scanned is ever run or imported.",
    )
    parser.add_argument("path", nargs="?", default=".", help="the folder to scan (default: .)")
    parser.add_argument("-o", "--output", choices=["table", "json", "sarif"], default="table",
                        help="table (default), json ({\"schema\": 1, …}) or sarif (SARIF 2.1.0)")  # fmt: skip
    parser.add_argument("--check", action="store_true", help="exit 1 when any hit is not valid")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Scan and print."""
    import json
    import sys
    from pathlib import Path

    from explorer.scan.walk import start_listing

    root = Path(args.path)
    # git lists and greps the tree while the scanner and its grammars are imported.
    pending = start_listing(root) if root.is_dir() else None

    from explorer.scan.scanner import scan

    progress = None
    if sys.stderr.isatty():

        def progress(done: int, total: int) -> None:
            if total == 0:  # still listing: files that mention Twilio, parsed as git grep finds them
                print(
                    f"\rscanning: {done:,} files mention Twilio so far", end="", file=sys.stderr, flush=True
                )
                return
            end = "\n" if done == total else ""
            print(f"\rscanning: {done:,}/{total:,} files" + " " * 20, end=end, file=sys.stderr, flush=True)

    try:
        report = scan(root, progress, pending)
    except KeyboardInterrupt:
        print("\nscan stopped (Ctrl-C): nothing was written", file=sys.stderr)
        return 130
    # Indented for a person at a terminal; compact (json's C encoder, several times faster) into a pipe or file.
    indent = 2 if sys.stdout.isatty() else None
    if args.output == "json":
        print(json.dumps(report.to_json(), indent=indent, ensure_ascii=False))
    elif args.output == "sarif":
        from explorer.scan.sarif import to_sarif

        print(json.dumps(to_sarif(report), indent=indent, ensure_ascii=False))
    else:
        from explorer.cli.scan_table import print_table

        print_table(report)
    return 1 if args.check and report.failing else 0
