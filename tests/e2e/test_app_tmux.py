"""The app as a person runs it: `twilio-explorer` under tmux, against the embedded simulator."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = pytest.mark.e2e

EXPLORER = Path(sys.executable).with_name("twilio-explorer")


@pytest.mark.slow
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
    tmux.wait_for(" 200 ")
    # The body is drawn (highlighted) a moment after the status line.
    screen = tmux.wait_for('"first_page_uri"')
    # The URL wraps between its path segments (never inside one).
    assert "Sent to" in screen and "https://api.sydney.au1.twilio.com/2010-04-01/" in screen
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
