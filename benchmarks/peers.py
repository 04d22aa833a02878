"""The peers the benchmarks race, each installed once into a cache directory by its ordinary client.

- Posting 2.11.1 (a Textual HTTP client) in its own venv, with `tree-sitter==0.25.2` (0.26 segfaults there);
- twilio-python 9.13 in its own venv;
- twilio-cli 6.2.4 with npm.

The cache is `$TWILIO_EXPLORER_BENCH_CACHE`, else `$XDG_CACHE_HOME/twilio-explorer-bench` (`~/.cache/...`).
A peer that cannot be installed (no registry, no npm) raises `RuntimeError` with the reason, and the benchmark
prints it and goes on without that peer. `TWILIO_EXPLORER_BENCH_NO_INSTALL=1` uses only what the cache holds
(the smoke test sets it: tests never reach a registry).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

POSTING = ("posting==2.11.1", "tree-sitter==0.25.2")
TWILIO_PYTHON = ("twilio>=9.13,<9.14",)
TWILIO_CLI = "twilio-cli@6.2.4"


def cache() -> Path:
    """Where peers are installed."""
    explicit = os.environ.get("TWILIO_EXPLORER_BENCH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twilio-explorer-bench"


def _may_install(what: str) -> None:
    if os.environ.get("TWILIO_EXPLORER_BENCH_NO_INSTALL"):
        raise RuntimeError(f"{what} is not in {cache()} and installing is switched off")


def _venv(name: str, requirements: tuple[str, ...]) -> Path:
    """A venv in the cache with `requirements`; its directory. Installs on first use."""
    home = cache() / name
    marker = home / "installed.txt"
    wanted = "\n".join(requirements)
    if marker.exists() and marker.read_text() == wanted:
        return home
    _may_install(" ".join(requirements))
    print(f"installing {' '.join(requirements)} into {home} (once)…", file=sys.stderr)
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True)
    done = subprocess.run(
        [str(home / "bin" / "pip"), "install", "-q", *requirements], capture_output=True, text=True
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise RuntimeError(f"pip could not install {' '.join(requirements)}: {last}")
    marker.write_text(wanted)
    return home


def posting() -> Path:
    """The `posting` executable."""
    return _venv("posting", POSTING) / "bin" / "posting"


def twilio_python() -> Path:
    """The Python of a venv that has twilio-python 9.13."""
    return _venv("twilio-python", TWILIO_PYTHON) / "bin" / "python"


def twilio_cli() -> Path:
    """The `twilio` executable of twilio-cli 6.2.4."""
    home = cache() / "twilio-cli"
    executable = home / "node_modules" / ".bin" / "twilio"
    if executable.exists():
        return executable
    _may_install(TWILIO_CLI)
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed (Debian package: npm)")
    print(f"installing {TWILIO_CLI} into {home} (once)…", file=sys.stderr)
    home.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(home), TWILIO_CLI],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not executable.exists():
        last = (done.stderr.strip().splitlines() or ["npm failed"])[-1]
        raise RuntimeError(f"npm could not install {TWILIO_CLI}: {last}")
    return executable
