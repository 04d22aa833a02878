"""What the app told the user in notifications, observed through Textual's public `App.notify`.

Textual keeps its notifications in a private collection that also forgets them after their timeout (five
seconds, less than a loaded machine can take between the notice and the assertion). The tests record every
`notify` call instead, and read each as its toast shows it: the markup rendered, or the text as given when
the app passes `markup=False`. `clear_notifications` (also public) clears the record too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.app import App
from textual.content import Content
from textual.markup import MarkupError

_sent: WeakKeyDictionary[App[Any], list[Notice]] = WeakKeyDictionary()


@dataclass(frozen=True)
class Notice:
    """One notification as the user reads it in its toast."""

    title: str
    message: str
    """The message as its toast shows it (markup rendered unless the app said `markup=False`)."""
    severity: str
    markup: bool
    """Whether the app asked for the message to be read as markup."""


def notices(app: App[Any]) -> list[Notice]:
    """Every notification `app` has shown since it started (or since its notifications were cleared)."""
    return list(_sent.get(app, ()))


def record(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Record every notification of every app until the test ends."""
    notify, clear = App.notify, App.clear_notifications

    def recording_notify(
        self: App[Any],
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        try:
            shown = (Content.from_markup(message) if markup else Content(message)).plain
        except MarkupError:  # its toast would fail to draw: keep the text, `markup` tells the test
            shown = message
        _sent.setdefault(self, []).append(Notice(title, shown, severity, markup))
        notify(self, message, title=title, severity=severity, timeout=timeout, markup=markup)

    def recording_clear(self: App[Any]) -> None:
        _sent.pop(self, None)
        clear(self)

    monkeypatch.setattr(App, "notify", recording_notify)
    monkeypatch.setattr(App, "clear_notifications", recording_clear)
    yield
    _sent.clear()
