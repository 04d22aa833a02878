"""Where the simulator answers differently from Twilio's published schema, because Twilio does too.

The simulator's responses follow the response schemas of the description files, except in the places listed
here: each is a place where the schema contradicts what Twilio really returns, with the reason and where that
is seen. This is the only such list; the schema test excuses these and nothing else.
"""

from __future__ import annotations

__all__ = ["QUIRKS", "Quirk"]

import json
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Quirk:
    """One documented deviation from a response schema."""

    where: str
    """A regular expression for the value's path in the response (`meta/previous_page_url`)."""
    keyword: str
    """The schema keyword the value breaks (`type`, `format`...)."""
    value: str
    """A regular expression for the value Twilio sends there instead, written as JSON (`null`, `"/2010-04-01/.*"`)."""
    reason: str
    """Why: what Twilio really returns, and where that is seen."""

    def applies(self, where: str, keyword: str, value: Any) -> bool:
        """Whether a schema error at `where` for `keyword` on `value` is this quirk."""
        return (
            keyword == self.keyword
            and re.fullmatch(self.where, where) is not None
            and re.fullmatch(self.value, json.dumps(value)) is not None
        )


QUIRKS: tuple[Quirk, ...] = (
    Quirk(
        r"(.*/)?(uri|first_page_uri|next_page_uri|previous_page_uri|last_page_uri)",
        "format",
        r'"/2010-04-01/[^"]*"',
        "The 2010 API's `uri` and `*_page_uri` values are paths relative to the host "
        "(`/2010-04-01/Accounts/AC…/Calls.json?PageSize=50&Page=1&PageToken=PA…`), as twilio-python joins "
        "them to its base URL (twilio-facts.md §5.2); the schemas call them `format: uri`, which JSON Schema "
        "reads as an absolute URI.",
    ),
    Quirk(
        r"meta/previous_page_url",
        "type",
        "null",
        "On the first page there is no previous page: Twilio sends `previous_page_url: null` (twilio-facts.md "
        "§5.2, 'previous_page_url|null'), and twilio-python stops paging backwards on null, although some "
        "schemas declare a non-nullable string.",
    ),
    Quirk(
        r"meta/next_page_url",
        "type",
        "null",
        "On the last page there is no next page: Twilio sends `next_page_url: null` (twilio-facts.md §5.2) and "
        "every helper library stops on it, although some schemas declare a non-nullable string.",
    ),
    Quirk(
        r"meta/(previousToken|nextToken|previous_token|next_token)",
        "type",
        "null",
        "Token-paged lists (twilio-facts.md §5.2, token_pagination.py in twilio-python) send a null token when "
        "there is no page in that direction; the schemas declare a non-nullable string.",
    ),
)
"""Every documented deviation."""
