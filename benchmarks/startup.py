"""Start-up as a person sees it under tmux: this app against a minimal Textual app and Posting, interleaved.

Each program starts in a fresh tmux server (private socket, 120x40); the clock stops for each moment when
`capture-pane` first shows its marker:

- first frame: anything of the program on the screen (this app: the header's host; minimal: its text);
- usable: the body a person acts on (this app: the request view with the Region picker and the host panel;
  minimal and Posting: their first frame, which is their whole screen);
- ready to send: this app's demo account loaded (the header names its source, `local simulator`);
- RSS: the program's resident memory once ready (MB).

The minimal app is Header + Static + Footer, the floor for any Textual app on this machine at this moment.

This project's bytecode is compiled first, as an installed package's is (pip compiles it on install): an
editable checkout run with `PYTHONDONTWRITEBYTECODE=1` would otherwise compile ~70 modules at every start,
a cost no user pays (Textual, the minimal app's and Posting's code are compiled in their venvs already).

    .venv/bin/python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Series, Table
from peers import posting

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    def compose(self):
        yield Header()
        yield Static("minimal first frame")
        yield Footer()


Minimal().run()
"""


@dataclass(frozen=True)
class Program:
    """A program to start and the screen text that marks each moment."""

    name: str
    command: str
    first: str
    usable: tuple[str, ...]
    ready: str | None = None


def _rss_mb(pid: int) -> float:
    """The resident memory of `pid` and its children, in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    kids = [int(p) for p in found]
    return kids + [g for k in kids for g in _children(k)]


def launch(program: Program, socket: str, timeout: float = 30.0) -> dict[str, float]:
    """Start `program` under tmux; seconds until each marker appears, and the RSS once the last one did."""
    tmux = ["tmux", "-L", socket]
    seen: dict[str, float] = {}
    start = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", program.command], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            now = time.perf_counter() - start
            if "first" not in seen and program.first in screen:
                seen["first"] = now
            if "usable" not in seen and all(marker in screen for marker in program.usable):
                seen["usable"] = now
                seen.setdefault("first", now)
            if "ready" not in seen and program.ready is not None and program.ready in screen:
                seen["ready"] = now
            if "usable" in seen and (program.ready is None or "ready" in seen):
                pid = subprocess.run([*tmux, "display", "-p", "#{pane_pid}"], capture_output=True, text=True)
                seen["rss"] = _rss_mb(int(pid.stdout.strip()))
                return seen
            time.sleep(0.01)
        raise RuntimeError(
            f"{program.name}: the screen never showed {program.usable} within {timeout} s:\n{screen}"
        )
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)


def compile_project(python: str) -> None:
    """Write this project's bytecode, as installing it would (see the module docstring)."""
    package = Path(__file__).resolve().parents[1] / "explorer"
    subprocess.run([python, "-m", "compileall", "-q", str(package)], check=True, capture_output=True)


def programs(scratch: Path, python: str) -> tuple[list[Program], str]:
    """The contenders, and why Posting is missing if it is."""
    env = f"env -u COLUMNS -u LINES TERM=xterm-256color HOME={scratch} XDG_CONFIG_HOME={scratch}/config"
    minimal = scratch / "minimal.py"
    minimal.write_text(MINIMAL)
    explorer = Path(python).with_name("twilio-explorer")
    found: list[Program] = [
        Program(
            "minimal Textual app",
            f"{env} {python} {minimal}",
            "minimal first frame",
            ("minimal first frame", "^p"),
        ),
        Program(
            "twilio-explorer",
            f"{env} {explorer}",
            "host api.twilio.com",
            # The picker's host panel, the inspector's path and its Send button: the whole request view.
            ("Host the helper libraries build", "/2010-04-01/Accounts", "Send"),
            ready="(local simulator)",
        ),
    ]
    why = ""
    try:
        posting_bin = posting()
    except RuntimeError as error:
        why = str(error)
    else:
        found.append(Program("Posting 2.11.1", f"{env} {posting_bin}", "Posting", ("Posting", "Send")))
    return found, why


def run(runs: int = 5) -> Table:
    """The start-up table: each moment of each program, interleaved over `runs` rounds."""
    table = Table(
        "Start-up (tmux, 120x40)",
        "Seconds from starting the process until tmux's screen shows each moment (see `benchmarks/startup.py`): "
        "first frame; usable (this app: the request view with the Region picker and its host panel; the others: "
        "their first frame, which is their whole screen); ready to send (this app: the demo account loaded). "
        "This project's bytecode is compiled first, as an installed package's is. RSS once "
        "ready. Ratios are to the minimal Textual app (Header + Static + Footer) started in the same rounds.",
    )
    compile_project(sys.executable)
    with tempfile.TemporaryDirectory() as scratch:
        found, why = programs(Path(scratch), sys.executable)
        rows: dict[tuple[str, str], Series] = {}
        base = "minimal Textual app"
        for program in found:
            for moment in ("first", "usable", "ready"):
                if moment == "ready" and program.ready is None:
                    continue
                label = {"first": "first frame", "usable": "usable", "ready": "ready to send"}[moment]
                same = program.name == base and moment == "usable"
                rows[program.name, moment] = table.add(
                    Series(f"{program.name}: {label}"), *(() if same else (f"{base}: usable",))
                )
        for program in found:
            rows[program.name, "rss"] = table.add(
                Series(f"{program.name}: RSS", unit="MB"),
                *(() if program.name == base else (f"{base}: RSS",)),
            )
        if why:
            table.add(Series("Posting 2.11.1", note=f"skipped: {why}"))
        for round_ in range(runs):  # interleaved, so every program sees the same machine load
            for index, program in enumerate(found):
                seen = launch(program, f"startup-{os.getpid()}-{round_}-{index}")
                for moment, value in seen.items():
                    if (program.name, moment) in rows:
                        rows[program.name, moment].add(value)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    print(run(parser.parse_args().runs).text())


if __name__ == "__main__":
    main()
