"""Cached installs of real helper-library releases for the parity tests: one venv or npm prefix per release.

They live in `$TWILIO_EXPLORER_PARITY_CACHE` (default `~/.cache/twilio-explorer-tests/parity`) and are made
once, from PyPI and npm through their own clients; a lock file keeps parallel workers from building the same
one twice. An install that fails is removed, so the next run starts clean.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "twilio-explorer-tests" / "parity"
    path = Path(os.environ.get("TWILIO_EXPLORER_PARITY_CACHE", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def _locked(name: str) -> Iterator[Path]:
    target = cache_dir() / name
    with open(cache_dir() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield target


def _build(target: Path, commands: list[list[str]], done: Path) -> None:
    if done.exists():
        return
    shutil.rmtree(target, ignore_errors=True)
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            shutil.rmtree(target, ignore_errors=True)
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    done.touch()


def twilio_python(version: str) -> Path:
    """The python of a venv holding twilio==`version` from PyPI."""
    with _locked(f"python-twilio-{version}") as target:
        python = target / "bin" / "python"
        _build(
            target,
            [
                [sys.executable, "-m", "venv", str(target)],
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "--disable-pip-version-check",
                    f"twilio=={version}",
                ],
            ],
            target / ".installed",
        )
        return python


def npm_package(spec: str) -> Path:
    """The node_modules folder of an npm prefix holding `spec` (`twilio@5.12.0`, `@twilio/cli-core@8.3.1`)."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("needs the Debian packages nodejs and npm (node and npm are not on PATH)")
    name = spec.lstrip("@").replace("/", "-").replace("@", "-")
    with _locked(f"node-{name}") as target:
        _build(
            target,
            [[npm, "install", "--prefix", str(target), "--ignore-scripts", "--no-audit", "--no-fund", spec]],
            target / ".installed",
        )
        return target / "node_modules"
