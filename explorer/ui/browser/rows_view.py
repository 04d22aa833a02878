"""A scrolling table that draws only the rows on screen, from the plain tuples of a `TableRows`.

Built on Textual's line API: the widget is one header line plus one line per shown row (its virtual
size), and `render_line(y)` draws line `y` of the screen as one Segment per row, cropped to the
horizontal scroll. Nothing per cell is kept between frames, so 10,000 rows cost 10,000 tuples of str and
no render objects; the lines drawn are kept in a bounded LRU cache keyed by the record, the zebra stripe,
cursor/hover state, scroll and width, and forgotten when the rows' `generation` or the styles change.
"""

from __future__ import annotations

__all__ = ["Column", "RowsView"]

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from explorer.ui.browser.table_rows import TableRows

_LINE_CACHE = 256
"""Drawn lines kept: about six screens of rows. Small on purpose: a Strip brings several small caches
(objects the garbage collector walks), and drawing a row again is one join and one Segment."""

_PLAIN, _HOVER, _CURSOR = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Column:
    """One column as shown."""

    key: str
    """The record field it shows."""
    label: str
    """The header text."""
    width: int
    """Its content width in cells (without the padding around it)."""


class RowsView(ScrollView, can_focus=True):
    """A fixed header and the shown rows of a `TableRows`, with a row cursor; Enter selects the row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "rows-view--header",
        "rows-view--cursor",
        "rows-view--hover",
        "rows-view--even-row",
        "rows-view--odd-row",
    }

    DEFAULT_CSS = """
    RowsView {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .rows-view--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .rows-view--header { background-tint: $foreground 5%; }
        }
        &:dark > .rows-view--even-row { background: $surface-darken-1 40%; }
        & > .rows-view--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .rows-view--header { background: ansi_bright_blue; color: ansi_default; }
        & > .rows-view--even-row { background: $surface-lighten-1 50%; }
        & > .rows-view--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .rows-view--hover { background: $block-hover-background; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False, id="rows.up", tooltip="Previous row"),
        Binding("down", "cursor(1)", "Down", show=False, id="rows.down", tooltip="Next row"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.page-up", tooltip="One screen of rows up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="rows.page-down",
                tooltip="One screen of rows down"),
        Binding("home,ctrl+home", "first", "First", show=False, id="rows.first", tooltip="First row"),
        Binding("end,ctrl+end", "last", "Last", show=False, id="rows.last",
                tooltip="Last loaded row (the next page loads as the cursor nears it)"),
        Binding("left", "scroll_left", "Left", show=False, id="rows.left", tooltip="Scroll the columns left"),
        Binding("right", "scroll_right", "Right", show=False, id="rows.right", tooltip="Scroll the columns right"),
        Binding("enter", "select", "Open", show=False, id="rows.select", tooltip="Open the record on this row"),
    ]  # fmt: skip

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row (or the rows under it changed)."""

        view: RowsView
        """The rows view whose cursor moved."""
        row: int
        """The cursor's row, 0 being the first shown row."""

        @property
        def control(self) -> RowsView:
            """The rows view whose cursor moved."""
            return self.view

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor's row) on a row."""

        view: RowsView
        """The rows view the row was chosen in."""
        row: int
        """The row chosen, 0 being the first shown row."""

        @property
        def control(self) -> RowsView:
            """The rows view the row was chosen in."""
            return self.view

    def __init__(self, rows: TableRows, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = rows
        self.cursor_row = 0
        """The cursor's row among the shown rows (0 when there are none)."""
        self.hover_row = -1
        """The row under the mouse, -1 for none."""
        self._lines: LRUCache[tuple[int, ...], Strip] = LRUCache(_LINE_CACHE)
        self._generation = -1
        self._styles: tuple[Style, Style, Style, Style, Style, Style] | None = None

    # -- what tests and owners read ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows are shown (those passing the filter, among the built ones)."""
        return len(self._rows.shown)

    @property
    def columns(self) -> Mapping[str, Column]:
        """The columns shown, by field name, in order."""
        rows = self._rows
        return {
            name: Column(name, name, width) for name, width in zip(rows.columns, rows.widths, strict=True)
        }

    def get_row_at(self, row: int) -> tuple[str, ...]:
        """The cells shown on row `row` (0 is the first shown row)."""
        return self._rows.row_at(row)

    # -- attributes down -----------------------------------------------------------------------------

    def rows_changed(self) -> None:
        """The rows grew, were filtered or re-formatted: resize, keep the cursor on a row, redraw."""
        rows = self._rows
        width = sum(rows.widths) + 2 * len(rows.widths)
        self.virtual_size = Size(width, len(rows.shown) + 1)
        if rows.generation != self._generation:
            self._generation = rows.generation
            self._lines.clear()
            self.refresh()
        last = max(0, len(rows.shown) - 1)
        if self.cursor_row > last:
            self.move_cursor(last)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (clamped to the shown rows), scroll it into view, and say so."""
        row = max(0, min(row, len(self._rows.shown) - 1))
        if row != self.cursor_row:
            self._refresh_row(self.cursor_row)
            self.cursor_row = row
            self._refresh_row(row)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, row))

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        page = self._page_rows()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False)

    def _refresh_row(self, row: int) -> None:
        if row >= 0:
            y = row + 1 - round(self.scroll_offset.y)
            if y >= 1:
                self.refresh(Region(0, y, self.size.width, 1))

    # -- keys and mouse ------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        """Move the cursor by `delta` rows."""
        self.move_cursor(self.cursor_row + delta)

    def action_page(self, pages: int) -> None:
        """Move the cursor (and the view) by `pages` screens of rows."""
        step = pages * self._page_rows()
        self.scroll_to(y=self.scroll_offset.y + step, animate=False)
        self.move_cursor(self.cursor_row + step)

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Move the cursor to the last shown row."""
        self.move_cursor(len(self._rows.shown) - 1)

    def action_select(self) -> None:
        """Say which row was chosen."""
        if self._rows.shown:
            self.post_message(self.Selected(self, self.cursor_row))

    def _row_under(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return -1
        row = offset.y - 1 + round(self.scroll_offset.y)
        return row if row < len(self._rows.shown) else -1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_under(event)
        if row != self.hover_row:
            self._refresh_row(self.hover_row)
            self.hover_row = row
            self._refresh_row(row)

    def on_leave(self, event: events.Leave) -> None:
        self._refresh_row(self.hover_row)
        self.hover_row = -1

    def on_click(self, event: events.Click) -> None:
        row = self._row_under(event)
        if row < 0:
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)

    # -- drawing -------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._lines.clear()

    def on_focus(self) -> None:
        self._styles = None
        self._lines.clear()

    def on_blur(self) -> None:
        self._styles = None
        self._lines.clear()

    def _resolved_styles(self) -> tuple[Style, Style, Style, Style, Style, Style]:
        """Base, header, even and odd row styles, then the hover and cursor styles laid over a row's."""
        if self._styles is None:
            base = self.rich_style
            get = self.get_component_rich_style
            self._styles = (
                base,
                base + get("rows-view--header"),
                base + get("rows-view--even-row"),
                base + get("rows-view--odd-row"),
                get("rows-view--hover"),
                get("rows-view--cursor"),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        rows = self._rows
        if rows.generation != self._generation:
            self._generation = rows.generation
            self._lines.clear()
        base, header, even, odd, hover, cursor = self._resolved_styles()
        if y == 0:
            key: tuple[int, ...] = (-1, 0, 0, scroll_x, width)
            strip = self._lines.get(key)
            if strip is None:
                strip = self._line(rows.labels, rows.widths, header, scroll_x, width)
                self._lines[key] = strip
            return strip
        row = y - 1 + scroll_y
        if row >= len(rows.shown):
            return Strip.blank(width, base)
        state = _CURSOR if row == self.cursor_row else _HOVER if row == self.hover_row else _PLAIN
        # Keyed by record, not by row: a filter or a new page moves rows without redrawing them.
        key = (rows.shown[row], row % 2, state, scroll_x, width)
        strip = self._lines.get(key)
        if strip is None:
            style = even if row % 2 == 0 else odd
            if state == _CURSOR:
                style += cursor
            elif state == _HOVER:
                style += hover
            strip = self._line(rows.row_at(row), rows.widths, style, scroll_x, width)
            self._lines[key] = strip
        return strip

    @staticmethod
    def _line(cells: tuple[str, ...], widths: list[int], style: Style, scroll_x: int, width: int) -> Strip:
        """One row as a single segment: each cell padded to its column, one space either side."""
        text = "".join([f" {set_cell_size(cell, size)} " for cell, size in zip(cells, widths, strict=True)])
        return Strip([Segment(text, style)]).crop_extend(scroll_x, scroll_x + width, style)
