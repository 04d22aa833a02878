"""Fixtures for driving the official clients: the installed clients, a background simulator and its env file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conformance import installs

RECORDS = 7
"""Records per list: more than two pages of `PAGE_SIZE`, so every client has to follow next-page links."""
PAGE_SIZE = 3


@pytest.fixture(scope="session")
def twilio_python() -> Path:
    """The python of a venv with twilio-python from PyPI."""
    return installs.twilio_python()


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The folder whose node_modules holds twilio-cli and twilio-node from the npm registry."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("npm and node are not installed (apt-get install npm)")
    return installs.node_clients() / "node_modules"


@dataclass(frozen=True, slots=True)
class Background:
    """A simulator started with `twilio-explorer sim --detach`, and what its env file exports."""

    folder: Path
    """The working folder: the env file, a HOME for the clients, the guard's log."""
    env_file: Path
    """The env file the simulator wrote."""
    exported: dict[str, str]
    """What sourcing the env file sets (read back through bash, as a shell would get it)."""

    def shell_env(self) -> dict[str, str]:
        """A fresh login-like environment: nothing of this process's proxies, CAs or Twilio variables."""
        home = self.folder / "home"
        home.mkdir(exist_ok=True)
        return {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "TWILIO_EXPLORER_STATE_DIR": str(self.folder / "state"),
        }

    def run(
        self, command: str, extra: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        """`. env.sh && command` in bash: the env file is the only configuration the client gets."""
        return subprocess.run(
            ["bash", "-c", f'. "{self.env_file}" && {command}'],
            cwd=self.folder,
            env={**self.shell_env(), **(extra or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@pytest.fixture(scope="module")
def background(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Background]:
    """`twilio-explorer sim --detach --env-file env.sh` (AU1's credentials unsuffixed, the default), stopped after."""
    folder = tmp_path_factory.mktemp("conformance")
    env_file = folder / "env.sh"
    probe = Background(folder, env_file, {})
    started = subprocess.run(
        ["twilio-explorer", "sim", "--detach", "--env-file", str(env_file), "--records", str(RECORDS)],
        cwd=folder,
        env=probe.shell_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    try:
        dumped = probe.run("env -0")
        exported = dict(item.split("=", 1) for item in dumped.stdout.split("\0") if "=" in item)
        yield Background(folder, env_file, exported)
    finally:
        subprocess.run(
            ["twilio-explorer", "sim", "--stop"],
            env=probe.shell_env(),
            timeout=60,
            check=False,
            capture_output=True,
        )
