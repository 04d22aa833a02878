"""The theme's colours as Rich styles, for the Rich text that code builds (a status badge, an error line).

CSS follows the theme by itself (`color: $error`), but a Rich `Text` holds the colours it was built with. So
a widget that colours such text asks `Tones.of(app)` for the current theme's and builds it again when the
theme changes (`follow_theme`): every theme, the light and high-contrast ones included, gets its own
readable colours, the same as its CSS uses.
"""

from __future__ import annotations

__all__ = ["Tones", "follow_theme"]

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.style import Style
from textual.color import Color

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class Tones:
    """Rich styles taken from one theme's colour variables."""

    error: Style
    """A failure's words: bold, in the theme's `$error`."""
    success: Style
    """Something that worked (a 2xx status in the history): the theme's `$success`."""
    error_badge: Style
    """A failing status code or verdict as a badge: on `$error`, in the text colour that contrasts with it."""
    success_badge: Style
    """A status code that worked as a badge: on `$success`, in the text colour that contrasts with it."""

    @classmethod
    def from_variables(cls, variables: Mapping[str, str]) -> Tones:
        """The tones of a theme given its CSS variables (`error`, `success`: colours as CSS writes them)."""
        error, success = Color.parse(variables["error"]), Color.parse(variables["success"])
        return cls(
            error=Style(color=error.rich_color, bold=True),
            success=Style(color=success.rich_color),
            error_badge=_badge(error),
            success_badge=_badge(success),
        )

    @classmethod
    def of(cls, app: App[Any]) -> Tones:
        """The tones of the app's current theme."""
        return cls.from_variables(app.theme_variables or app.get_css_variables())


def _badge(colour: Color) -> Style:
    return Style(color=colour.get_contrast_text(alpha=1.0).rich_color, bgcolor=colour.rich_color, bold=True)


def follow_theme(node: DOMNode, redraw: Callable[[], object]) -> None:
    """Call `redraw` after every theme change, once the new theme's colours are in place (`node` is mounted)."""
    node.app.theme_changed_signal.subscribe(node, lambda _theme: redraw())
