"""Markdown code blocks that the text inside cannot close early."""

from __future__ import annotations

__all__ = ["fence_for", "fenced"]

import re


def fence_for(text: str) -> str:
    """A backtick fence longer than any backtick run in `text` (CommonMark), at least three long."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def fenced(text: str, language: str = "") -> str:
    """`text` as a fenced code block tagged `language`, ending with a newline."""
    fence = fence_for(text)
    body = text if text.endswith("\n") else text + "\n"
    return f"{fence}{language}\n{body}{fence}\n"
