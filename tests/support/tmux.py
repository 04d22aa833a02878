"""A private tmux server for end-to-end tests: the app run as a person runs it, in a real terminal."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


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
    # A socket of its own per test: a server killed by the previous test may still be exiting on the old one.
    server = Tmux(f"explorer-e2e-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-L", server.socket, "kill-server"], check=False, capture_output=True)
