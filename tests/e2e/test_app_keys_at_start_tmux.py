"""Keys typed the moment the app starts, as a person does who knows what they want: none is lost, in order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = pytest.mark.e2e

EXPLORER = Path(sys.executable).with_name("twilio-explorer")
AU1_HOST = "host api.sydney.au1.twilio.com"


def _launch(tmux: Tmux, home: Path) -> None:
    """Start the app in a fresh tmux server; returns at once, before the app has drawn anything."""
    command = (
        f"env -u COLUMNS -u LINES TERM=xterm-256color XDG_STATE_HOME={home}/state HOME={home} {EXPLORER}"
    )
    tmux.run("new-session", "-d", "-x", "120", "-y", "40", command)


@pytest.mark.parametrize("attempt", range(3))
def test_region_command_typed_at_launch(tmux: Tmux, tmp_path: Path, attempt: int) -> None:
    """`:region au1⏎` typed as the app starts: the header ends on the AU1 host, and the app stays usable."""
    _launch(tmux, tmp_path)
    tmux.keys(":region au1", "Enter")
    screen = tmux.wait_for(AU1_HOST)
    assert "Region AU1" in screen
    assert "no command given" not in screen
    tmux.wait_for("account AC")  # the simulator came up too
    tmux.keys("q")


@pytest.mark.parametrize("attempt", range(3))
def test_preset_and_send_typed_at_launch(tmux: Tmux, tmp_path: Path, attempt: int) -> None:
    """`3s` typed as the app starts: AU1 is chosen and the request is sent there once the demo has loaded."""
    _launch(tmux, tmp_path)
    tmux.keys("3s")
    screen = tmux.wait_for(" 200 ", timeout=30)
    assert AU1_HOST in screen
    # The URL wraps between its path segments: its first segments are on the line that says where it went.
    assert "https://api.sydney.au1.twilio.com/2010-04-01/" in screen
    tmux.keys("q")
