"""Regenerate screenshots/ from the app itself against the embedded simulator: main views × themes.

Writes SVG (Textual's own export) and, when `rsvg-convert` is installed, PNG after stripping the SVG's
@font-face blocks (they point at a CDN). Run: `.venv/bin/python tools/screenshots.py`.
"""

from __future__ import annotations

import asyncio
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


async def shoot(view: str, keys: tuple[str, ...], theme: str, scratch: Path) -> Path:
    options = Options(
        copy_path=scratch / "last-curl.sh",
        theme=theme,
        history=lambda: History(scratch / "history.jsonl"),
        profile_book=lambda: ProfileBook(
            ProfilesFile(scratch / "profiles.toml"), InMemoryStore(), environ={}
        ),
    )
    app = make_app(
        options,
        session_loader=lambda: demo_session(seed="screenshots"),
        profile_loader=lambda name: demo_session(seed="screenshots"),
    )
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if getattr(app.screen, "session", None) is not None:
                break
        await pilot.press(*keys)
        # Views start workers of their own (the catalogue, then a page): wait until none is left.
        for _ in range(10):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        name = f"{view}-{theme}.svg"
        app.save_screenshot(filename=name, path=str(OUT))
    return OUT / name


def to_png(svg: Path) -> None:
    converter = shutil.which("rsvg-convert")
    if converter is None:
        return
    text = re.sub(r"@font-face\s*{[^}]*}", "", svg.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False) as handle:
        handle.write(text)
    subprocess.run([converter, "-w", "1600", "-o", str(svg.with_suffix(".png")), handle.name], check=True)
    Path(handle.name).unlink()


def main() -> int:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for theme in THEMES:
            for view, keys in VIEWS.items():
                if theme != "dark" and view not in ("au1-response",):
                    continue
                svg = asyncio.run(shoot(view, keys, theme, Path(scratch)))
                to_png(svg)
                print(svg.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
