"""tools/screenshots.py: PNGs drawn with an installed monospace font, spaces kept; the published shots are clean."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "screenshots"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots_tool", ROOT / "tools" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_png_svg_uses_the_installed_font_and_keeps_leading_spaces() -> None:
    """The SVG given to rsvg names DejaVu Sans Mono, loads no web font, and keeps each run's leading space."""
    tool = _tool()
    svg = (SHOTS / "history-dark.svg").read_text(encoding="utf-8")
    assert "@font-face" in svg and "Fira Code" in svg  # Textual's export, as committed
    converted = tool.png_svg(svg)
    assert "@font-face" not in converted and "Fira Code" not in converted
    assert 'font-family: "DejaVu Sans Mono", monospace' in converted
    assert re.search(r'<svg xml:space="preserve"', converted)
    assert ">&#160;Profiles</text>" in converted  # the footer's `p Profiles`: the space rsvg used to drop


def test_rsvg_draws_with_the_monospace_font() -> None:
    """fontconfig knows the font by the name the tool gives, and rsvg-convert renders a shot with it."""
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (Debian package: librsvg2-bin)")
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list is not installed (Debian package: fontconfig)")
    tool = _tool()
    if not tool.png_font_installed():
        pytest.skip("DejaVu Sans Mono is not installed (Debian package: fonts-dejavu-core)")
    matched = subprocess.run(["fc-match", tool.PNG_FONT], capture_output=True, text=True, check=True).stdout
    assert matched.startswith("DejaVuSansMono")


def test_the_published_shots_show_no_temporary_path_and_include_80x24() -> None:
    """No screenshot shows a temporary folder; an 80×24 shot is there, as SVG and PNG."""
    for svg in SHOTS.glob("*.svg"):
        text = svg.read_text(encoding="utf-8").replace("&#160;", " ")
        assert not re.search(r"/tmp/|tmp[a-z0-9_]{6,}", text), svg.name
    small = SHOTS / "au1-response-80x24-dark.svg"
    assert small.is_file() and small.with_suffix(".png").is_file()
    # Textual clips every row but the last: rows 0-22 of 24 (and 0-34 of the usual 36).
    assert _last_row(small) == 22 and _last_row(SHOTS / "au1-response-dark.svg") == 34


def _last_row(svg: Path) -> int:
    return max(
        int(row) for row in re.findall(r'id="terminal-\d+-line-(\d+)"', svg.read_text(encoding="utf-8"))
    )
