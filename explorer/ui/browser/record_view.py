"""One record: its JSON highlighted with pygments, and its `links`/`subresource_uris` to drill into."""

from __future__ import annotations

__all__ = ["RecordView"]

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explorer.core.listing import RecordLink
from explorer.core.printable import visible
from explorer.ui.text import plain


class RecordView(Vertical):
    """Shows the record the pane hands down; Enter on a link posts `LinkChosen`."""

    DEFAULT_CSS = """
    RecordView { height: 1fr; }
    RecordView #record-links { height: auto; max-height: 8; border: none; margin-bottom: 1; }
    RecordView #record-links-title { color: $text-muted; text-style: bold; }
    RecordView #record-scroll { height: 1fr; }
    """

    @dataclass
    class LinkChosen(Message):
        """The user chose a link of the record."""

        view: RecordView
        """The record view the link was chosen in."""
        link: RecordLink
        """The link chosen."""

        @property
        def control(self) -> RecordView:
            """The record view the link was chosen in."""
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._links: tuple[RecordLink, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Links (Enter opens the list)", id="record-links-title")
        yield OptionList(id="record-links", compact=True)
        with VerticalScroll(id="record-scroll"):
            yield Static(id="record-json")

    @property
    def links(self) -> tuple[RecordLink, ...]:
        """The links shown, in order."""
        return self._links

    def show(
        self, record: Mapping[str, Any] | None, links: Sequence[RecordLink], style: str, note: str = ""
    ) -> None:
        """Show `record` (None: a loading line with `note`) highlighted in pygments `style`, and its links."""
        self._links = tuple(links)
        options = self.query_one("#record-links", OptionList)
        options.clear_options()
        options.add_options([Option(_link_label(link)) for link in self._links])
        self.query_one("#record-links-title", Static).display = bool(self._links)
        options.display = bool(self._links)
        body: RenderableType
        if record is None:
            body = plain(note or "Loading…", style="italic")
        else:
            body = _highlighted(record, style)
            if note:
                body = _with_note(note, body)
        self.query_one("#record-json", Static).update(body)
        self.query_one("#record-scroll", VerticalScroll).scroll_home(animate=False)
        if self._links:
            options.highlighted = 0

    def focus_links(self) -> None:
        """Put the focus on the links (or on the JSON when there are none)."""
        if self._links:
            self.query_one("#record-links", OptionList).focus()
        else:
            self.query_one("#record-scroll", VerticalScroll).focus()

    @on(OptionList.OptionSelected, "#record-links")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._links):
            self.post_message(self.LinkChosen(self, self._links[event.option_index]))


def _link_label(link: RecordLink) -> Text:
    label = plain(link.name, style="bold")
    if link.endpoint is not None:
        label.append(f" → {link.endpoint.id}", style="dim")
    else:
        label.append(" → (not in the catalogue)", style="dim italic")
    return label


def _with_note(note: str, body: RenderableType) -> RenderableType:
    from rich.console import Group

    return Group(plain(note, style="italic"), body)


def _highlighted(record: Mapping[str, Any], style: str) -> RenderableType:
    from explorer.ui.json_view import highlighted_json

    # json.dumps escapes C0 controls, but with ensure_ascii=False lets DEL, C1 controls and bidi overrides through.
    return highlighted_json(visible(json.dumps(record, indent=2, ensure_ascii=False), multiline=True), style)
