"""Themes as data: TOML files in `themes/` with Textual colours, region accents and a pygments style."""

from __future__ import annotations

__all__ = ["DEFAULT_THEME", "UiTheme", "find_theme", "load_themes", "theme_dirs"]

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.errors import InputError

DEFAULT_THEME = "explorer-dark"
"""The theme used when none is asked for."""

_COLOURS = ("primary", "secondary", "accent", "foreground", "background", "surface", "panel", "boost",
            "warning", "error", "success")  # fmt: skip


@dataclass(frozen=True, slots=True)
class UiTheme:
    """One theme file."""

    name: str
    """The Textual theme name (`explorer-dark`); `:theme dark` also finds it."""
    dark: bool
    """Whether it is a dark theme."""
    colours: dict[str, str] = field(default_factory=dict)
    """Textual base colours by name (`primary`, `background`, ...)."""
    region_accents: dict[str, str] = field(default_factory=dict)
    """Accent colour per Region id, so AU1 never looks like US1."""
    pygments_style: str = "monokai"
    """The pygments style used to highlight response bodies."""

    @property
    def short_name(self) -> str:
        """The name without the `explorer-` prefix: `dark`."""
        return self.name.removeprefix("explorer-")

    def variables(self) -> dict[str, str]:
        """Custom CSS variables: `region-us1`, `region-ie1`, `region-au1`, `region-other`."""
        accents = {"us1": "#3b82f6", "ie1": "#22c55e", "au1": "#f59e0b", "other": "#a855f7"}
        accents.update(self.region_accents)
        return {f"region-{region}": colour for region, colour in accents.items()}


def theme_dirs() -> list[Path]:
    """Where theme files are looked for: the wheel's `explorer/_themes`, then the repository's `themes/`."""
    package = Path(__file__).resolve().parent.parent
    return [package / "_themes", package.parent / "themes"]


def _parse(path: Path) -> UiTheme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    textual = data.get("textual", {})
    return UiTheme(
        name=str(data.get("name", f"explorer-{path.stem}")),
        dark=bool(data.get("dark", True)),
        colours={key: str(textual[key]) for key in _COLOURS if key in textual},
        region_accents={str(k): str(v) for k, v in data.get("region_accents", {}).items()},
        pygments_style=str(data.get("pygments_style", "monokai")),
    )


def load_themes(dirs: list[Path] | None = None) -> dict[str, UiTheme]:
    """Every theme found, by name (the first directory wins on a clash).

    Raises:
        InputError: a theme file is not valid TOML.
    """
    themes: dict[str, UiTheme] = {}
    for directory in dirs if dirs is not None else theme_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                theme = _parse(path)
            except (tomllib.TOMLDecodeError, OSError) as error:
                raise InputError(f"the theme file {path} cannot be read: {error}") from None
            themes.setdefault(theme.name, theme)
    return themes


def find_theme(themes: dict[str, UiTheme], name: str) -> UiTheme:
    """The theme called `name` or `explorer-name`.

    Raises:
        InputError: no such theme; the hint lists the known ones.
    """
    for candidate in (name, f"explorer-{name}"):
        if candidate in themes:
            return themes[candidate]
    known = ", ".join(sorted(t.short_name for t in themes.values()))
    raise InputError(f"there is no theme {name!r}", hint=f"use one of: {known}")
