"""The command line's argument parser: argparse's own, except that a usage error never echoes a secret or a control
character, and an unknown option gets a did-you-mean."""

from __future__ import annotations

__all__ = ["ArgumentParser", "remember_argv", "show_help"]

import argparse
import difflib
import sys
from collections.abc import Iterator
from typing import NoReturn

from explorer.core.printable import visible
from explorer.core.redaction import redact_secretish

_UNRECOGNIZED = "unrecognized arguments: "


class ArgumentParser(argparse.ArgumentParser):
    """argparse with usage errors redacted and made visible; its subcommand parsers are the same class.

    argparse quotes the offending value (`invalid choice: '…'`, `expected NAME=VALUE, got '…'`): a secret
    pasted into the wrong option would otherwise land on the terminal and in its scrollback, and a control
    character (`\\x1b]0;…`) would reach the terminal raw. Python 3.11's argparse has no `suggest_on_error`:
    an unknown option (`fqdn --regoin`) is matched here against the options of the command it was given to.
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and the redacted message (with a did-you-mean) to stderr and exit with status 2."""
        if message.startswith(_UNRECOGNIZED):
            parser = self._chosen_parser()
            message += _suggestion(message.removeprefix(_UNRECOGNIZED).split(), parser)
            parser.print_usage(sys.stderr)
            parser.exit(2, f"{parser.prog}: error: {visible(redact_secretish(message))}\n")
        super().error(visible(redact_secretish(message)))

    def _chosen_parser(self) -> argparse.ArgumentParser:
        """The subcommand parser the command line went to (`twilio-explorer fqdn`), else this one."""
        parser: argparse.ArgumentParser = self
        argv = sys.argv[1:] if _ARGV is None else _ARGV
        for word in argv:
            sub = _subcommands(parser).get(word)
            if sub is not None:
                parser = sub
        return parser


_ARGV: list[str] | None = None
"""The arguments being parsed when not sys.argv (set by `parse_args`' callers through `remember_argv`)."""


def remember_argv(argv: list[str] | None) -> None:
    """Tell the parser which arguments it is parsing (for a suggestion that names the subcommand's options)."""
    global _ARGV
    _ARGV = argv


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if action.help is not argparse.SUPPRESS:
            yield from (option for option in action.option_strings if option.startswith("--"))


def _suggestion(unknown: list[str], parser: argparse.ArgumentParser) -> str:
    known = sorted(set(_options(parser)))
    hints = []
    for word in unknown:
        name = word.partition("=")[0]
        if name.startswith("--"):
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if close:
                hints.append(f"{name}: did you mean {close[0]}?")
    return f" ({'; '.join(hints)})" if hints else ""


def show_help(parser: argparse.ArgumentParser) -> int:
    """The handler of a command given without its subcommand (`history`, `token`, `profiles`): its help, exit 2."""
    parser.print_help()
    return 2
