"""HTML and Markdown for the notebook's rich output, with every piece of foreign text escaped.

Text from servers, files and users is data, never markup: in HTML it goes through `esc` (control characters
made visible, then `html.escape`); in Markdown it is either a fenced code block whose fence is longer than
any backtick run inside (`md_code`), or inline text with Markdown's punctuation backslash-escaped and HTML's
special characters written as entities (`md_text`): a Markdown renderer passes raw HTML through.
"""

from __future__ import annotations

__all__ = [
    "badge",
    "details",
    "esc",
    "kv_table",
    "md_code",
    "md_table",
    "md_text",
    "pre",
    "table",
]

import html
import re
from collections.abc import Iterable, Sequence

from explorer.core.printable import visible

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~.<>])")
_BADGE_COLOURS = {"ok": "#1a7f37", "warn": "#9a6700", "bad": "#cf222e", "info": "#0969da"}


def esc(text: object, *, multiline: bool = False) -> str:
    """`text` as HTML text: control characters visible, `<>&"'` escaped."""
    return html.escape(visible(str(text), multiline=multiline))


def md_text(text: object) -> str:
    """`text` as inline Markdown that renders as exactly that text (no emphasis, link, or HTML)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(str(text)))
    # `<`, `>` and `&` are backslash-escaped above and written as entities here, which every renderer shows
    # as the characters and none treats as a tag.
    return escaped.replace("&", "&amp;").replace("\\<", "&lt;").replace("\\>", "&gt;")


def md_code(text: str, language: str = "") -> str:
    """`text` as a fenced code block: a fence longer than the longest run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{visible(text, multiline=True)}\n{fence}"


def badge(label: str, tone: str) -> str:
    """A coloured pill with `label` (escaped); `tone` is ok, warn, bad or info."""
    colour = _BADGE_COLOURS.get(tone, _BADGE_COLOURS["info"])
    return (
        f'<span class="explorer-badge explorer-{tone}" style="background:{colour};color:#fff;'
        f'border-radius:0.8em;padding:0.1em 0.6em;font-weight:600">{esc(label)}</span>'
    )


def details(summary: str, body_html: str, *, open_: bool = False) -> str:
    """A collapsible section: `summary` is escaped, `body_html` must already be HTML."""
    state = " open" if open_ else ""
    return f"<details{state}><summary>{esc(summary)}</summary>{body_html}</details>"


def pre(text: str, language: str = "") -> str:
    """A preformatted block (control characters visible, line breaks kept)."""
    cls = f' class="language-{esc(language)}"' if language else ""
    return f"<pre><code{cls}>{esc(text, multiline=True)}</code></pre>"


def kv_table(rows: Iterable[tuple[str, object]]) -> str:
    """A two-column table of names and values, both escaped."""
    body = "".join(f"<tr><th style='text-align:left'>{esc(k)}</th><td style='text-align:left'>{esc(v)}</td></tr>"
                   for k, v in rows)  # fmt: skip
    return f"<table class='explorer-kv'>{body}</table>"


def table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table with a header row; every cell escaped."""
    head = "".join(f"<th style='text-align:left'>{esc(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:left'>{esc(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table class='explorer-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def md_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table; every cell escaped (a `|` in a value cannot split its cell)."""
    lines = [
        "| " + " | ".join(md_text(c) for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
