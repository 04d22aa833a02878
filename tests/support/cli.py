"""The command line run as a user runs it: a new `python -m explorer` process with the environment given."""

from __future__ import annotations

import subprocess
import sys


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `twilio-explorer ARGS` with `env` (and `stdin`), capturing its output; never raises on failure."""
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
