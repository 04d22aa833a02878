"""The command line's argument parser: argparse's own, except that a usage error never echoes a secret or a control character."""

from __future__ import annotations

__all__ = ["ArgumentParser"]

import argparse
from typing import NoReturn

from explorer.core.printable import visible
from explorer.core.redaction import redact_secretish


class ArgumentParser(argparse.ArgumentParser):
    """argparse with usage errors redacted and made visible; its subcommand parsers are the same class.

    argparse quotes the offending value (`invalid choice: '…'`, `expected NAME=VALUE, got '…'`): a secret
    pasted into the wrong option would otherwise land on the terminal and in its scrollback, and a control
    character (`\\x1b]0;…`) would reach the terminal raw.
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and the redacted message to stderr and exit with status 2."""
        super().error(visible(redact_secretish(message)))
