"""Regenerate screenshots/ from the app itself against the embedded simulator: main views × themes.

Writes SVG (Textual's own export) and, when `rsvg-convert` is installed, PNG: the SVG's @font-face blocks
(they point at a CDN) are stripped and its fonts named as fontconfig knows them, DejaVu Sans Mono (Debian
package fonts-dejavu-core, which `.ci/run` installs). Without a monospace font that has the no-break space
Textual writes between words, rsvg falls back to one that draws it zero-wide ("apifrom"). Every view is shot at
120×36; `au1-response` also at 80×24, the smallest terminal the app is laid out for.
Run: `.venv/bin/python tools/screenshots.py`. `screenshots/serve.png` (the app served to a browser) is drawn
by the serve test in Chromium: `EXPLORER_WRITE_SCREENSHOTS=1 tests/run -n 0 tests/e2e/test_serve_browser.py`.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explorer.assembly import demo_session  # noqa: E402
from explorer.core.config_file import ProfilesFile  # noqa: E402
from explorer.core.credential_store import InMemoryStore  # noqa: E402
from explorer.core.history import History  # noqa: E402
from explorer.core.profile_book import ProfileBook  # noqa: E402
from explorer.model.options import Options  # noqa: E402
from explorer.ui.app import make_app  # noqa: E402

OUT = ROOT / "screenshots"
PNG_FONT = "DejaVu Sans Mono"
"""The fontconfig family the PNGs are drawn with (Debian: fonts-dejavu-core)."""
PNG_TITLE_FONT = "DejaVu Sans"
"""The window title's font in the PNGs (same package)."""
SIZE = (120, 36)
SMALL = (80, 24)
VIEWS: dict[str, tuple[str, ...]] = {
    "au1-response": ("3", "s"),
    "ie1-curl": ("2", "c"),
    "retired-host": ("2", "colon", *"edge none", "enter"),
    "help": ("question_mark",),
    "browse-au1-calls": ("3", "colon", *"api:calls", "enter"),
    "profiles": ("p",),
    "history": ("3", "s", "2", "s", "h"),
}
THEMES = ("dark", "light", "high-contrast")


async def shoot(
    view: str, keys: tuple[str, ...], theme: str, scratch: Path, size: tuple[int, int] = SIZE
) -> Path:
    options = Options(
        copy_path=scratch / "last-curl.sh",
        theme=theme,
        # Relative, with the scratch folder as the working directory: the history view names its file, and a
        # temporary path in a published screenshot would only puzzle its reader.
        history=lambda: History(Path("history.jsonl")),
        profile_book=lambda: ProfileBook(
            ProfilesFile(scratch / "profiles.toml"), InMemoryStore(), environ={}
        ),
    )
    app = make_app(
        options,
        session_loader=lambda: demo_session(seed="screenshots"),
        profile_loader=lambda name: demo_session(seed="screenshots"),
    )
    async with app.run_test(size=size) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if getattr(app.screen, "session", None) is not None:
                break
        await pilot.press(*keys)
        # Views start workers of their own (the catalogue, then a page): wait until none is left.
        for _ in range(10):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        suffix = "" if size == SIZE else f"-{size[0]}x{size[1]}"
        name = f"{view}{suffix}-{theme}.svg"
        app.save_screenshot(filename=name, path=str(OUT))
    return OUT / name


def png_font_installed() -> bool:
    """True when fontconfig knows `PNG_FONT` by that exact family name."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    families = subprocess.run(
        [fc_list, ":spacing=mono", "family"], capture_output=True, text=True, check=False
    )
    return PNG_FONT in {name.strip() for line in families.stdout.splitlines() for name in line.split(",")}


def png_svg(text: str) -> str:
    """The SVG as rsvg-convert should draw it: no web fonts, the installed monospace font by name."""
    text = re.sub(r"@font-face\s*{[^}]*}", "", text)
    # Textual writes a run's leading no-break space (" palette" after "^p") at the start of a <text>; rsvg
    # drops it under the default xml:space and stretches the rest over its textLength ("^ppale tte").
    text = re.sub(r"<svg\b(?![^>]*xml:space)", '<svg xml:space="preserve"', text, count=1)
    text = re.sub(
        r'font-family:\s*"?Fira Code"?(\s*,\s*monospace)?', f'font-family: "{PNG_FONT}", monospace', text
    )
    return re.sub(r"font-family:\s*arial", f'font-family: "{PNG_TITLE_FONT}", sans-serif', text)


def to_png(svg: Path) -> None:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return
    text = png_svg(svg.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False) as handle:
        handle.write(text)
    subprocess.run([converter, "-w", "1600", "-o", str(svg.with_suffix(".png")), handle.name], check=True)
    Path(handle.name).unlink()


def main() -> int:
    if shutil.which("rsvg-convert") is not None and not png_font_installed():
        print(f"the PNGs need the font {PNG_FONT!r}: apt-get install fonts-dejavu-core", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch_root:
        shots = [
            (view, keys, theme, SIZE)
            for theme in THEMES
            for view, keys in VIEWS.items()
            if theme == "dark" or view == "au1-response"
        ]
        shots.append(("au1-response", VIEWS["au1-response"], "dark", SMALL))
        for number, (view, keys, theme, size) in enumerate(shots):
            # A fresh folder per shot: each starts with an empty history, as the view's keys expect.
            scratch = Path(scratch_root) / str(number)
            scratch.mkdir()
            os.chdir(scratch)
            svg = asyncio.run(shoot(view, keys, theme, scratch, size))
            to_png(svg)
            print(svg.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
