"""Shared simulator fixtures: one simulator for the session (reads only), fresh ones for writes and faults."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.paths import STATE_DIR_ENV
from explorer.sim.server import Simulator, start_simulator
from tests.sim.sim_client import SimClient


@pytest.fixture(scope="session", autouse=True)
def private_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The simulator keeps its CA in the state directory: a private one for these tests, never the user's."""
    path = tmp_path_factory.mktemp("state")
    previous = os.environ.get(STATE_DIR_ENV)
    os.environ[STATE_DIR_ENV] = str(path)
    yield path
    if previous is None:
        os.environ.pop(STATE_DIR_ENV, None)
    else:
        os.environ[STATE_DIR_ENV] = previous


@pytest.fixture(scope="session")
def sim() -> Iterator[Simulator]:
    """A simulator shared by every read-only test (60 records per list)."""
    with start_simulator(seed="session", records=60) as running:
        yield running


@pytest.fixture(scope="session")
def client(sim: Simulator) -> Iterator[SimClient]:
    """A client of the shared simulator."""
    wrapped = SimClient(sim)
    yield wrapped
    wrapped.close()


@pytest.fixture
def fresh_client() -> Iterator[SimClient]:
    """A client of a simulator of its own, for tests that write data or switch faults on."""
    with start_simulator(seed="fresh", records=12) as running:
        wrapped = SimClient(running)
        yield wrapped
        wrapped.close()
