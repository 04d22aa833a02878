"""Secret-looking values, and text with them hidden: what the explorer never echoes back to the user.

Someone who pastes into the wrong place (`:profile <the Auth Token>`, `--profile <the API key secret>`) must
not see the secret printed back in the error, in the suggested fix, in a terminal's scrollback or in a
screenshot. An Auth Token is 32 hexadecimal digits and an API key secret 32 letters and digits, so any run of
32 or more letters and digits counts as secret-like: the rule errs towards hiding, because hiding a long
identifier costs a look at the input, while echoing a secret cannot be undone.

SIDs (two capital letters and 32 hexadecimal digits: `AC…`, `SK…`, `PN…`) are identifiers, not secrets, and
are always shown: people need them to act on a message.
"""

from __future__ import annotations

__all__ = ["looks_like_secret", "redact_secretish"]

import re
from collections.abc import Iterator

_RUN = re.compile(r"[A-Za-z0-9]{32,}")
"""A maximal run of base62 characters (hex is a subset) long enough to be a Twilio secret."""
_SID = re.compile(r"[A-Z]{2}[0-9a-fA-F]{32}")
"""A Twilio SID: a two-letter type prefix and 32 hexadecimal digits."""


def _secretish_runs(text: str) -> Iterator[re.Match[str]]:
    for match in _RUN.finditer(text):
        if not _SID.fullmatch(match.group()):
            yield match


def looks_like_secret(text: str) -> bool:
    """True when `text` holds a run of 32+ letters and digits that is not a SID (an Auth Token, a key secret)."""
    return next(_secretish_runs(text), None) is not None


def redact_secretish(text: str) -> str:
    """`text` with every secret-like run replaced by `<hidden: N characters>`; SIDs are kept.

    The marker uses angle brackets, not square ones, so it can never be read as Rich markup.
    """
    out: list[str] = []
    end = 0
    for match in _secretish_runs(text):
        out.append(text[end : match.start()])
        out.append(f"<hidden: {len(match.group())} characters>")
        end = match.end()
    if not out:
        return text
    out.append(text[end:])
    return "".join(out)
