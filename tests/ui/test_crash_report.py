"""A crash in the app, however it happens, reports the bug on stderr without a secret, and exits non-zero."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.canary import Canary, new_canary

SCRIPT = Path(__file__).with_name("crashing_app.py")
ACCOUNT_SID = "AC" + "0" * 24 + "feedc0de"
API_KEY_SID = "SK" + "0" * 28 + "0003"


def crash(report: str, tmp_path: Path, canary: str) -> subprocess.CompletedProcess[str]:
    """Run the app headless with a bug in a message handler that holds `canary`; `report`: explorer|textual."""
    home = tmp_path / report
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TWILIO_", "XDG_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), XDG_CACHE_HOME=str(home / ".cache"),
               COLUMNS="200", LINES="50")  # fmt: skip
    return subprocess.run(
        [sys.executable, str(SCRIPT), canary, report],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.e2e
def test_a_crash_report_names_the_bug_but_not_the_secret(tmp_path: Path) -> None:
    """A handler that raises with the secret in its locals: stderr has the traceback, not the secret; exit 1."""
    secret = new_canary()
    canary = Canary(secret, usernames=(API_KEY_SID, ACCOUNT_SID))
    result = crash("explorer", tmp_path, secret)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "RuntimeError" in result.stderr and "deliberate bug in a message handler" in result.stderr
    assert "crashing_app.py" in result.stderr  # where it happened
    assert canary.leaks(result.stdout + result.stderr) == []
    assert canary.files_leaking(tmp_path) == {}


@pytest.mark.e2e
def test_textual_s_own_crash_report_would_show_the_secret(tmp_path: Path) -> None:
    """The same crash with Textual's default report prints the locals, canary included: the check above can fail."""
    secret = new_canary()
    canary = Canary(secret, usernames=(API_KEY_SID, ACCOUNT_SID))
    result = crash("textual", tmp_path, secret)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "deliberate bug in a message handler" in result.stderr
    assert "the canary" in canary.leaks(result.stderr)
