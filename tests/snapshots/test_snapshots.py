"""What the app looks like, by feature, at 120x40 and 80x24. Deterministic: fake API, fixed SIDs, no clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.snapshots.snapshot_apps import build_app, steps
from tests.ui.helpers import ready

# -- the shell: first screen, help -------------------------------------------------------------------------


def test_shell_first_screen_us1(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """A new user sees the demo badge, the US1 host api.twilio.com with its badge, and the request."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps())


def test_shell_help(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """? shows every key and every : command."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps("question_mark"))


# -- the picker ------------------------------------------------------------------------------------------


def test_picker_au1_preset(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """Pressing 3 picks AU1: api.sydney.au1.twilio.com, valid · AU1, with the AU1 accent."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps("3"))


def test_picker_retired_host(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """`:edge none` after IE1 shows the retired api.ie1.twilio.com and the fix."""
    run = steps("2", "colon", *"edge none", "enter")
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=run)


# -- the command bar -------------------------------------------------------------------------------------


def test_command_bar_open(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """`:` opens the bar at the bottom with `region au1` typed in."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps("colon", *"region au1"))


# -- the inspector ---------------------------------------------------------------------------------------


def test_inspector_au1_list_response(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """After `3` and `s`: status 200, size, Twilio-Request-Id and the highlighted body."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps("3", send=True))


def test_inspector_curl_tab(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """`c` shows the docs-safe curl for IE1, with "$TWILIO_…" placeholders."""
    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=steps("2", "c"))


def test_inspector_not_found_explained(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """A Messaging path on api answers 20404, explained with the wrong-product hint."""

    async def run(pilot: Pilot[int]) -> None:
        await ready(pilot)
        pilot.app.screen.query_one("#path", Input).value = "/2010-04-01/Accounts/{AccountSid}/Services.json"
        await pilot.pause()
        await steps("escape", send=True)(pilot)

    assert snap_compare(build_app(tmp_path), terminal_size=size, run_before=run)


# -- themes ----------------------------------------------------------------------------------------------


def test_theme_light(snap_compare: Any, tmp_path: Path) -> None:
    """The light theme, AU1 response."""
    assert snap_compare(
        build_app(tmp_path, "light"), terminal_size=(120, 40), run_before=steps("3", send=True)
    )


def test_theme_high_contrast(snap_compare: Any, tmp_path: Path) -> None:
    """The high-contrast theme, AU1 response."""
    app = build_app(tmp_path, "high-contrast")
    assert snap_compare(app, terminal_size=(120, 40), run_before=steps("3", send=True))
