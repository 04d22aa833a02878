"""JSON drawn highlighted, lexed once: a body's renderable that caches its lines for each width it is drawn at.

`rich.syntax.Syntax` lexes its code with pygments every time it is rendered, and Textual renders a Static's
content more than once per frame (to measure its height, then to draw it) and again on every refresh. For
a 50-record page that is most of the app's CPU while a response is on screen. `highlighted_json` draws
exactly what `Syntax` draws, but lexes and wraps once per width.
"""

from __future__ import annotations

__all__ = ["highlighted_json"]

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.syntax import Syntax


class _Drawn:
    """A renderable's segments, kept per set of options that can change them (width above all)."""

    def __init__(self, renderable: Syntax) -> None:
        self._renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.min_width, options.height, options.justify, options.overflow,
               options.no_wrap, options.ascii_only, options.legacy_windows, id(console))  # fmt: skip
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = list(console.render(self._renderable, options))
        yield from drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self._renderable.__rich_measure__(console, options)


def highlighted_json(text: str, style: str) -> _Drawn:
    """`text` (JSON, already made visible) highlighted with the pygments `style`, wrapped at any width."""
    # rich.syntax pulls in pygments: imported here, on the first body shown, never at start-up.
    from rich.syntax import Syntax

    return _Drawn(Syntax(text, "json", theme=style, word_wrap=True, background_color="default"))
