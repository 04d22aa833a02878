"""A response body cut down to a short excerpt that is safe to keep in the history and paste into docs.

JSON is pretty-printed (two spaces) before it is cut, so the excerpt reads like Twilio's own examples. What
could identify or open an account is replaced before anything is kept:

- a value whose key names a secret (`secret`, `auth_token`, `password`, ... as `history_entry` decides for
  request parameters) becomes `[redacted]`;
- any other run of 32+ letters and digits that is not a SID (an Auth Token, a key secret in a text body)
  becomes `<hidden: N characters>` (`redaction.redact_secretish`);
- every Account SID becomes `ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`, the form Twilio's docs use: the request's
  own Account stays out of docs as its curl does (`$TWILIO_ACCOUNT_SID`), and another Account's (a
  subaccount, an owner) is not the reader's to see.

Control characters are made visible (`printable.visible`), so the excerpt is plain text wherever it lands.
"""

from __future__ import annotations

__all__ = ["ACCOUNT_SID_SHOWN", "MAX_CHARS", "MAX_LINES", "response_excerpt"]

import contextlib
import json
import re
from typing import Any

from explorer.core.printable import visible
from explorer.core.redaction import redact_secretish

MAX_LINES = 24
"""An excerpt keeps at most this many lines."""
MAX_CHARS = 1600
"""And at most this many characters."""
ACCOUNT_SID_SHOWN = "AC" + "X" * 32
"""What every Account SID in an excerpt becomes."""
REDACTED = "[redacted]"

_ACCOUNT_SID = re.compile(r"AC[0-9a-fA-F]{32}")
_SECRET_KEY = re.compile(r"(?i)password|secret|token")
_NOT_SECRET_KEY = re.compile(r"(?i)page_?token|next_page|previous_page")


def response_excerpt(body: bytes) -> str | None:
    """The first lines of `body`, secrets and Account SIDs replaced; None for an empty body.

    A cut excerpt ends with a line `…` so a reader knows there was more.
    """
    if not body.strip():
        return None
    text = body.decode("utf-8", errors="replace")
    with contextlib.suppress(ValueError):  # not JSON (XML, HTML, text): cut as it is
        text = json.dumps(_scrub(_first(json.loads(text))), indent=2, ensure_ascii=False)
    text = _ACCOUNT_SID.sub(ACCOUNT_SID_SHOWN, redact_secretish(text))
    lines = text.splitlines()
    kept = lines[:MAX_LINES]
    cut = len(kept) < len(lines)
    shown = "\n".join(kept)
    if len(shown) > MAX_CHARS:
        shown, cut = shown[:MAX_CHARS].rsplit("\n", 1)[0], True
    return "\n".join(visible(line) for line in shown.split("\n")) + ("\n…" if cut else "")


def _first(value: Any, budget: list[int] | None = None) -> Any:
    """`value` cut to its first MAX_LINES + 1 members (of objects and arrays, at any depth, in order).

    Pretty-printed, every member starts a line of its own below the opening one, so a member with that many
    before it starts below the lines an excerpt keeps: the excerpt is the same, and a cut one still ends with
    `…`. A page of 1,000 records is then formatted for its first 25 values, not all of them (the history keeps
    an excerpt of every page a load-all fetches).
    """
    left = [MAX_LINES + 1] if budget is None else budget
    if isinstance(value, dict):
        kept: dict[Any, Any] = {}
        for key, item in value.items():
            if left[0] <= 0:
                break
            left[0] -= 1
            kept[key] = _first(item, left)
        return kept
    if isinstance(value, list):
        items: list[Any] = []
        for item in value:
            if left[0] <= 0:
                break
            left[0] -= 1
            items.append(_first(item, left))
        return items
    return value


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: REDACTED
            if isinstance(key, str)
            and _SECRET_KEY.search(key)
            and not _NOT_SECRET_KEY.search(key)
            and isinstance(item, str)
            and item
            else _scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value
