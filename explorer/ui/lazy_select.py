"""A `Select` whose option list is mounted the first time it opens, not with the screen.

Textual's `Select` composes its pop-up (`SelectOverlay`, an `OptionList` with every option) at once, hidden.
The request view has four of them (method, product, edge, Region), and their hidden lists cost the first frame
about 8% of its work (widgets to register and style, options to build) for lists most sessions never
open. This one composes only the current value; opening it (Enter, Space, the arrows, a click) mounts the list,
highlighted on the current value, and from then on it is Textual's `Select` unchanged.

Written against Textual's `Select` (pinned exactly in the test constraints): it overrides the four places that
reach for the overlay (`compose`, `_setup_options_renderables`, `_watch_value`, `_watch_expanded`) and
`action_show_overlay`, which opens it.
"""

from __future__ import annotations

__all__ = ["LazySelect"]

from typing import TypeVar

from textual.app import ComposeResult
from textual.widgets import Select
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay

T = TypeVar("T")


class LazySelect(Select[T]):
    """A `Select` that mounts its option list on first opening."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)

    def _overlay(self) -> SelectOverlay | None:
        found = self.query_children(SelectOverlay)
        return found.first() if found else None

    def _setup_options_renderables(self) -> None:
        if self._overlay() is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: T | NoSelection) -> None:
        # Textual's, with the overlay's highlight only once there is an overlay.
        self._value = value
        currents = self.query_children(SelectCurrent)
        if not currents:
            return
        current = currents.first()
        if value == self.NULL:
            current.update(self.NULL)
        else:
            for index, (prompt, option_value) in enumerate(self._options):
                if option_value == value:
                    overlay = self._overlay()
                    if overlay is not None:
                        overlay.highlighted = index
                    current.update(prompt)
                    break
        self.post_message(self.Changed(self, value))

    def _watch_expanded(self, expanded: bool) -> None:
        if self._overlay() is not None:
            super()._watch_expanded(expanded)
        elif expanded:
            self.call_next(self._open_first_time)

    def action_show_overlay(self) -> None:
        """Show the overlay (Textual's, which reaches for it at once, once it is there)."""
        if self._overlay() is not None:
            super().action_show_overlay()
            return
        self._highlight_first = True
        self.query_one(SelectCurrent).has_value = True
        self.expanded = True

    _highlight_first = False
    """Opened from the keyboard before the list existed: highlight its first option if none is (as Textual)."""

    async def _open_first_time(self) -> None:
        if self._overlay() is not None:
            return
        overlay = SelectOverlay(type_to_search=self._type_to_search)
        overlay.compact = self.compact
        await self.mount(overlay)
        super()._setup_options_renderables()
        if self.value != self.NULL:
            values = [value for _, value in self._options]
            overlay.highlighted = values.index(self.value) if self.value in values else None
        if self.expanded:  # not closed again while the list was mounting
            super()._watch_expanded(True)
            if self._highlight_first and overlay.highlighted is None:
                overlay.action_first()
        self._highlight_first = False
