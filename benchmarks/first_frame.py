"""Time to first frame under tmux: `twilio-explorer` against a minimal Textual app, in the same run.

Each program starts in a fresh tmux server (private socket); the clock stops when `capture-pane` first shows
the program's marker text. Prints each median and the ratio app / minimal (the target is at most 1.3).

    .venv/bin/python benchmarks/first_frame.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static


class Minimal(App[None]):
    def compose(self):
        yield Static("minimal first frame")
        yield Footer()


Minimal().run()
"""

TARGET = 1.3


def first_frame(command: str, marker: str, socket: str, timeout: float = 20.0) -> float:
    """Seconds from starting `command` in tmux until `marker` is on the screen."""
    tmux = ["tmux", "-L", socket]
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if marker in screen:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise SystemExit(f"{marker!r} did not appear within {timeout} s")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    explorer = Path(python).with_name("twilio-explorer")
    env = "env -u COLUMNS -u LINES TERM=xterm-256color"
    with tempfile.TemporaryDirectory() as scratch:
        minimal = Path(scratch) / "minimal.py"
        minimal.write_text(MINIMAL)
        socket = f"first-frame-{os.getpid()}"
        apps: list[float] = []
        minimals: list[float] = []
        for run in range(args.runs):  # interleaved, so both see the same machine load
            minimals.append(
                first_frame(f"{env} {python} {minimal}", "minimal first frame", f"{socket}-m{run}")
            )
            apps.append(
                first_frame(f"{env} HOME={scratch} {explorer}", "host api.twilio.com", f"{socket}-a{run}")
            )
    app_median, minimal_median = statistics.median(apps), statistics.median(minimals)
    ratio = app_median / minimal_median
    print(
        f"minimal Textual app: median {minimal_median * 1000:.0f} ms  ({', '.join(f'{t * 1000:.0f}' for t in minimals)})"
    )
    print(
        f"twilio-explorer:     median {app_median * 1000:.0f} ms  ({', '.join(f'{t * 1000:.0f}' for t in apps)})"
    )
    print(f"ratio {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
