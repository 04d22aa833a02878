"""Shared simulator fixtures: one simulator for the session (reads only), fresh ones for writes and faults."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from explorer.core.paths import STATE_DIR_ENV
from explorer.sim.server import Simulator, start_simulator

API_HOSTS = {"us1": "api.twilio.com", "ie1": "api.dublin.ie1.twilio.com", "au1": "api.sydney.au1.twilio.com"}
"""The 2010 API host of each Region."""


class SimClient:
    """An httpx client routed through a simulator's proxy, with per-Region credentials at hand."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.http = httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, timeout=20)

    def auth(self, region: str) -> tuple[str, str]:
        """The demo API key of `region`."""
        creds = self.sim.credentials[region]
        return creds.api_key_sid, creds.api_key_secret

    def api_url(self, region: str, resource: str) -> str:
        """`https://<2010 host of region>/2010-04-01/Accounts/<AC>/<resource>`."""
        return f"https://{API_HOSTS[region]}/2010-04-01/Accounts/{self.sim.account_sid}/{resource}"

    def get(self, url: str, region: str, **params: Any) -> httpx.Response:
        """GET `url` with `region`'s key."""
        return self.http.get(url, params=params or None, auth=self.auth(region))

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()


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
