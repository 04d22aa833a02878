"""The official clients, installed once from their registries into a cache that outlives test runs.

twilio-python comes from PyPI into a venv of its own; twilio-cli and twilio-node come from the npm registry
into one `node_modules` (twilio-cli depends on twilio-node 5, and the Node script uses the same copy). Both
live under `$XDG_CACHE_HOME/twilio-explorer-tests` (default `~/.cache/...`), one folder per pinned version,
so a later run (or another xdist worker) finds them ready. A lock file serialises the installs between
workers, and a `ready` stamp, written last, tells a finished install from a broken one (which is redone).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

TWILIO_PYTHON = "twilio==9.13.0"
"""The PyPI release the issue names (twilio-python 9.13)."""
TWILIO_CLI = "twilio-cli@6.2.4"
"""The npm release the issue names; it brings twilio-node 5 (`twilio@^5.3.0`) with it."""
TWILIO_NODE = "twilio@5"
"""twilio-node 5.x, pinned as a direct dependency so `require("twilio")` finds a 5.x whatever the CLI needs."""

_INSTALL_TIMEOUT = 900.0
"""npm brings ~480 packages; on a loaded two-core machine that has taken two minutes."""


def cache_root() -> Path:
    """`$XDG_CACHE_HOME/twilio-explorer-tests`, created."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    root = Path(base) / "twilio-explorer-tests"
    root.mkdir(parents=True, exist_ok=True)
    return root


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run(argv: list[str], cwd: Path | None = None) -> None:
    done = subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, timeout=_INSTALL_TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def _folder_name(*specs: str) -> str:
    return "-".join(spec.replace("==", "-").replace("@", "-") for spec in specs)


def twilio_python() -> Path:
    """The python of a venv holding twilio-python from PyPI (installed on first use)."""
    folder = cache_root() / _folder_name("python", TWILIO_PYTHON)
    python = folder / "bin" / "python"
    with _locked(folder):
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            _run([sys.executable, "-m", "venv", str(folder)])
            _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", TWILIO_PYTHON])
            (folder / "ready").write_text(TWILIO_PYTHON + "\n")
    return python


def node_clients() -> Path:
    """A folder whose `node_modules` holds twilio-cli and twilio-node from the npm registry (installed on first use).

    `--ignore-scripts`: the packages' install scripts only print banners; nothing they do is needed here.
    """
    folder = cache_root() / _folder_name("node", TWILIO_CLI, TWILIO_NODE)
    with _locked(folder):
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            (folder / "package.json").write_text('{"private": true}\n')
            npm = shutil.which("npm")
            assert npm is not None
            _run(
                [
                    npm,
                    "install",
                    "--no-audit",
                    "--no-fund",
                    "--ignore-scripts",
                    "--loglevel=error",
                    TWILIO_CLI,
                    TWILIO_NODE,
                ],
                cwd=folder,
            )
            (folder / "ready").write_text(f"{TWILIO_CLI} {TWILIO_NODE}\n")
    return folder
