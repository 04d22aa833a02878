"""End-to-end fixtures: the simulator's kept CA goes to a private state directory, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.paths import STATE_DIR_ENV


@pytest.fixture(scope="session", autouse=True)
def private_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`$TWILIO_EXPLORER_STATE_DIR` for this session (child processes inherit it unless a test sets its own)."""
    path = tmp_path_factory.mktemp("e2e-state")
    previous = os.environ.get(STATE_DIR_ENV)
    os.environ[STATE_DIR_ENV] = str(path)
    yield path
    if previous is None:
        os.environ.pop(STATE_DIR_ENV, None)
    else:
        os.environ[STATE_DIR_ENV] = previous
