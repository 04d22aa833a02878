"""The app as a person runs it: `twilio-explorer` under tmux, against the embedded simulator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

EXPLORER = Path(sys.executable).with_name("twilio-explorer")


class Tmux:
    """A private tmux server (its own socket) running one window."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", *keys)

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """tmux with a private socket; the server is killed at the end."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (Debian package: tmux)")
    server = Tmux(f"explorer-e2e-{os.getpid()}")
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], check=False, capture_output=True)


def test_au1_list_request_and_copied_curl(tmux: Tmux, tmp_path: Path) -> None:
    """`:region au1`, s, c: the screen shows api.sydney.au1.twilio.com, 200 and the curl; y's curl works in a shell."""
    state = tmp_path / "state"
    command = f"env -u COLUMNS -u LINES TERM=xterm-256color XDG_STATE_HOME={state} HOME={tmp_path} {EXPLORER}"
    tmux.run("new-session", "-d", "-x", "120", "-y", "40", command)
    tmux.run("resize-window", "-x", "120", "-y", "40")
    tmux.wait_for("Demo · local simulator")
    tmux.wait_for("account AC")  # the simulator is up
    tmux.keys(":")
    tmux.keys("region au1", "Enter")
    tmux.wait_for("host api.sydney.au1.twilio.com")
    tmux.keys("s")
    screen = tmux.wait_for(" 200 ")
    assert "Sent to" in screen and "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC" in screen
    assert '"first_page_uri"' in screen  # the body of the Applications list, highlighted
    tmux.keys("c")
    screen = tmux.wait_for("$TWILIO_API_SECRET")
    assert '"$TWILIO_API_KEY:$TWILIO_API_SECRET"' in screen
    assert "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/" in screen
    tmux.keys("y")
    screen = tmux.wait_for("curl copied")
    saved = state / "twilio-region-explorer" / "last-curl.sh"
    env = state / "twilio-region-explorer" / "demo-au1.env"
    assert saved.exists() and env.exists()
    result = subprocess.run(
        ["bash", "-c", f". {env} && . {saved}"], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert '"applications"' in result.stdout
    assert "AC" in result.stdout
    tmux.keys("q")
