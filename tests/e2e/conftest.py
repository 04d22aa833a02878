"""End-to-end fixtures: the simulator's kept CA goes to a private state directory, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def private_state_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`$XDG_STATE_HOME` for this session, so in-process simulators keep their CA in a temporary directory.

    XDG_STATE_HOME rather than TWILIO_EXPLORER_STATE_DIR: child processes inherit it, and a test that gives its
    app a state directory of its own (`XDG_STATE_HOME=...` on the command line) still gets that one.
    """
    path = tmp_path_factory.mktemp("xdg-state")
    previous = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = previous
