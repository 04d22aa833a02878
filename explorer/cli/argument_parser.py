"""The command line's argument parser: argparse's own, except that a usage error never echoes a secret."""

from __future__ import annotations

__all__ = ["ArgumentParser"]

import argparse
from typing import NoReturn

from explorer.core.redaction import redact_secretish


class ArgumentParser(argparse.ArgumentParser):
    """argparse with usage errors passed through `redact_secretish`; its subcommand parsers are the same class.

    argparse quotes the offending value (`invalid choice: '…'`, `expected NAME=VALUE, got '…'`), and a secret
    pasted into the wrong option would otherwise land on the terminal and in its scrollback.
    """

    def error(self, message: str) -> NoReturn:
        """Print the usage and the redacted message to stderr and exit with status 2."""
        super().error(redact_secretish(message))
