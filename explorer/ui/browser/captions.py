"""The browser's one-line captions: the breadcrumb over the table, and the status line of a list or a record."""

from __future__ import annotations

__all__ = ["breadcrumb_text", "list_status", "record_status"]

from rich.text import Text

from explorer.core.printable import visible
from explorer.model.levels import Breadcrumb, ListLevel, RecordLevel


def breadcrumb_text(crumb: Breadcrumb) -> Text | str:
    """`api:calls › CA… › recordings`, the last one bold, with the Region's claim when it does not plainly
    offer the root list; a prompt when nothing is open."""
    text = Text()
    for n, title in enumerate(crumb.titles):
        if n:
            text.append(" › ", style="dim")
        # Record SIDs and names come from the server: control characters are shown, never obeyed.
        text.append(visible(title), style="bold" if n == len(crumb.titles) - 1 else "")
    if crumb.availability:
        text.append(f"  [{crumb.availability}]", style="italic")
    return text or "Choose a resource"


def list_status(level: ListLevel, doing: str = "", *, cancels: bool = False) -> str:
    """`50 records · more on the server: …`: what is loaded, what is being fetched, what keys do; or its error.

    Args:
        level: the list shown.
        doing: what is under way (`Loading…`), counted in pages; empty when nothing is.
        cancels: whether `a` cancels what is under way (a load-all).
    """
    listing = level.listing
    if listing is None:
        return level.error  # it could not be opened: there is no request to inspect
    if level.error:
        return level.error + " (i shows the request; Esc goes back)"
    count = len(listing.records)
    parts = [f"{count:,} record{'s' if count != 1 else ''}"]
    if doing:
        parts.append(f"{doing} {listing.pages} page{'s' if listing.pages != 1 else ''}")
        if cancels:
            parts.append("a cancels")
    elif listing.has_more:
        parts.append("more on the server: move down to load, a loads all")
    elif listing.pages:
        parts.append("all loaded")
    parts.append("/ filters · m columns · Enter opens")
    return " · ".join(parts)


def record_status(level: RecordLevel) -> str:
    """What the record view offers (`3 links · Enter opens one …`), or, before its fields, what is going on."""
    if level.record is None:
        return level.error or level.note or "Loading…"
    links = len(level.links)
    return (
        f"{links} link{'s' if links != 1 else ''} · Enter opens one · Esc goes back · i inspects the request"
    )
