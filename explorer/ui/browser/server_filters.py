"""The filter row of the resource browser: a list's own server-side filters, typed as `Name=value&Other=value`."""

from __future__ import annotations

__all__ = ["ServerFilters"]

from collections.abc import Sequence

from textual.widgets import Input

from explorer.core.endpoint import Param
from explorer.ui.text import ControlPictures


class ServerFilters(Input):
    """One line, shown only while the list on top has server-side filters (its GET query parameters)."""

    DEFAULT_CSS = """
    ServerFilters { height: 1; border: none; display: none; }
    ServerFilters.-available { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # What is typed is foreign text: control characters are shown as pictures, never sent to the terminal.
        super().__init__(id=id, compact=True, highlighter=ControlPictures())

    @property
    def available(self) -> bool:
        """Whether the list shown has filters to offer."""
        return self.has_class("-available")

    def offer(self, params: Sequence[Param], text: str) -> None:
        """Offer `params` (their names in the placeholder) with the filters in force as `text`; none hides it."""
        self.set_class(bool(params), "-available")
        if params:
            names = " ".join(f"{p.name}=…" for p in params[:6])
            self.placeholder = f"server filters (f): {names}"
            self.value = text
