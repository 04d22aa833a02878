"""The browser's status line: records loaded, paging and load-all progress, a stale list's notice, errors."""

from __future__ import annotations

__all__ = ["BrowserStatus", "stale_notice"]

from textual.widgets import Static

from explorer.model.levels import ListLevel
from explorer.model.navigator import Navigator
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.ui.browser.captions import list_status
from explorer.ui.text import plain


class BrowserStatus(Static):
    """One line of plain text under the breadcrumb; `-error` when it reports a failure."""

    def show(self, message: str, *, error: bool = False) -> None:
        """Show `message`: it quotes resource names, filters and Twilio's own errors, so text, never markup."""
        self.update(plain(message))
        self.set_class(error, "-error")

    def show_list(self, navigator: Navigator, doing: str = "", *, cancels: bool = False) -> None:
        """The list on top: its records, what is being fetched (`doing`, else the navigator's), what keys do."""
        level = navigator.top
        if isinstance(level, ListLevel):
            cancels = cancels or navigator.loading_all
            if not doing and (cancels or navigator.fetching):
                doing = "Loading all…" if cancels else "Loading…"
            self.show(list_status(level, doing, cancels=cancels), error=bool(level.error))


def stale_notice(navigator: Navigator, target: Target, session: Session | None) -> str:
    """Why the list shown is the old target's, and that R loads it for the current one."""
    old = navigator.target
    old_session = navigator.session
    was = f" as {old_session.name}" if old_session is not None else ""
    return (
        f"This list is from {old.region_id.upper()} ({old.fqdn}){was}. "
        f"Press R to load it from {target.region_id.upper()} ({target.fqdn})"
        + (f" as {session.name}." if session is not None else ".")
    )
