"""An `ExplorerError` on screen: one `Text` for notifications, status lines and the inspector, never markup.

The words are the error's own (`ExplorerError.text`: `message (source). Fix: hint`), the same the command line
prints; here they become a `Text` with the title and `Fix:` in bold, and every control character made
visible. A message that quotes `[bold]` or `\\x1b[2J` (a path, a server's words) shows those characters.
"""

from __future__ import annotations

__all__ = ["error_text", "notify_error"]

from typing import Protocol

from rich.text import Text
from textual.notifications import SeverityLevel

from explorer.core.errors import ExplorerError
from explorer.ui.text import append_plain


class _Notifier(Protocol):
    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: SeverityLevel = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...


def error_text(error: ExplorerError, *, titled: bool = True) -> Text:
    """`Title: message (source). Fix: hint` as a `Text`: title and `Fix:` bold, the rest shown as it is.

    Args:
        error: the error to show.
        titled: start with the title (a status line); False where the title has its own place (a
            notification's heading).
    """
    text = Text()
    if titled:
        append_plain(text, error.title, "bold")
        text.append(": ")
    append_plain(text, error.words())
    if error.hint:
        text.append(" Fix: ", "bold")
        append_plain(text, error.hint)
    return text


def notify_error(
    node: _Notifier, error: ExplorerError, *, severity: SeverityLevel = "error", timeout: float | None = None
) -> None:
    """Notify `error`: its title as the heading, `error_text` as the message (plain text, never markup)."""
    node.notify(
        error_text(error, titled=False).plain,
        title=error.title,
        severity=severity,
        timeout=timeout,
        markup=False,
    )
