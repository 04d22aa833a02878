"""Transport like a real API front end: TCP_NODELAY on every connection, Twilio's headers, a prompt stop.

None of these tests is timed: the latency the first one guards is measured by `benchmarks/sim_page.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import ssl
import threading

import httpx
import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.regions import confirmed_regions
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, demo_credentials
from explorer.sim.faults import FaultKind, FaultPlan, FaultRule
from explorer.sim.records import RecordFactory
from explorer.sim.responses import CORS_HEADERS
from explorer.sim.server import start_simulator
from explorer.sim.store import DataStore
from tests.sim.sim_client import API_HOSTS, SimClient


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _direct_tls(client: SimClient) -> ssl.SSLSocket:
    """A TLS connection straight to the TLS port (as `curl --connect-to`), handshake done, left idle."""
    raw = socket.create_connection(("127.0.0.1", client.sim.tls_port), timeout=5)
    return client.sim.ssl_context().wrap_socket(raw, server_hostname="api.twilio.com")


def test_every_connection_the_simulator_holds_has_tcp_nodelay(client: SimClient) -> None:
    """Both legs of a proxy tunnel and the TLS server's side (tunnelled or direct) all have TCP_NODELAY on.

    Without it a reply written in two sends (uvicorn writes headers, then body) waits for the client's delayed
    ACK: ~44 ms for every reply under ~64 kB instead of ~1 ms.
    """
    # A request through the proxy leaves a kept-alive tunnel open.
    assert client.get(client.api_url("au1", "Applications.json"), "au1").status_code == 200
    with _direct_tls(client):
        connections = client.sim.open_connections()
    assert {"proxy", "tunnel", "tls"} <= {c.role for c in connections}
    assert [c for c in connections if not c.nodelay] == []


def test_stop_returns_and_closes_every_port_while_clients_hold_connections_open(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """stop() with a kept-alive tunnel and an idle direct TLS client: both ports and the thread end, no error logged.

    uvicorn's own shutdown waited for the idle TLS client's close_notify until its graceful timeout and logged
    "timeout graceful shutdown exceeded"; the prompt shutdown cuts idle connections at once.
    """
    before = {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")}
    sim = start_simulator(seed="stop", records=2)
    wrapped = SimClient(sim)
    try:
        assert wrapped.get(wrapped.api_url("ie1", "Applications.json"), "ie1").status_code == 200
        direct = _direct_tls(wrapped)
        proxy_port, tls_port = sim.proxy_port, sim.tls_port
        sim.stop()
        assert not _accepts(proxy_port)
        assert not _accepts(tls_port)
        assert not sim.running
        assert {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")} == before
        direct.settimeout(5)
        with contextlib.suppress(ConnectionError, ssl.SSLError):  # a reset is as closed as an EOF
            assert direct.recv(1) == b""  # the server closed the idle connection
        direct.close()
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    finally:
        wrapped.close()
        sim.stop()


# -- headers -----------------------------------------------------------------------------------------------------

_REQUEST_ID = re.compile(r"RQ[0-9a-f]{32}")
_DURATION = re.compile(r"\d+\.\d{3}")


def _assert_twilio_headers(response: httpx.Response, region: str, host: str) -> None:
    headers = response.headers
    assert headers["content-type"] == "application/json"
    assert headers["x-home-region"] == region
    assert headers["x-api-domain"] == host
    assert _REQUEST_ID.fullmatch(headers["twilio-request-id"])
    assert _DURATION.fullmatch(headers["twilio-request-duration"])
    assert int(headers["twilio-concurrent-requests"]) >= 1
    for name, value in CORS_HEADERS:
        assert headers[name.decode()] == value.decode()
    assert "server" not in headers
    assert headers["date"].endswith(" GMT")


def test_every_region_names_itself_in_x_home_region_with_twilios_headers(client: SimClient) -> None:
    """A list in each Region answers with that Region in X-Home-Region, its host in X-Api-Domain, and no server."""
    for region, host in API_HOSTS.items():
        response = client.get(client.api_url(region, "Applications.json"), region)
        assert response.status_code == 200
        _assert_twilio_headers(response, region, host)


def test_errors_carry_the_same_headers(fresh_client: SimClient) -> None:
    """401, 404 and a 429 fault carry the Region headers too, as Twilio's error replies do."""
    wrong_key = fresh_client.http.get(
        fresh_client.api_url("au1", "Applications.json"), auth=fresh_client.auth("us1")
    )
    missing = fresh_client.get(fresh_client.api_url("au1", "Applications/AP" + "0" * 32 + ".json"), "au1")
    fresh_client.sim.faults.add(FaultRule(FaultKind.RATE_LIMIT, region="au1", times=1))
    limited = fresh_client.get(fresh_client.api_url("au1", "Applications.json"), "au1")
    assert [wrong_key.status_code, missing.status_code, limited.status_code] == [401, 404, 429]
    for response in (wrong_key, missing, limited):
        _assert_twilio_headers(response, "au1", API_HOSTS["au1"])


async def test_concurrent_requests_count_each_other() -> None:
    """Two requests in flight at once in AU1: the first to finish counts 2 concurrent requests; a lone one counts 1."""
    catalog = load_catalog()
    credentials = demo_credentials("asgi", confirmed_regions())
    keyring = KeyRing(credentials)
    store = DataStore(
        RecordFactory("asgi", keyring.account_sid, catalog.endpoints), 3, keyring, credentials, "asgi"
    )
    # Both sleep the same added latency after counting themselves in, so neither can finish before both started.
    app = SimApp(catalog, store, keyring, FaultPlan(latency_ms=50))
    creds = credentials["au1"]
    url = f"/2010-04-01/Accounts/{keyring.account_sid}/Applications.json"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport,
        base_url=f"https://{API_HOSTS['au1']}",
        auth=(creds.api_key_sid, creds.api_key_secret),
    ) as http:
        together = await asyncio.gather(http.get(url), http.get(url))
        alone = await http.get(url)
    counts = [r.headers["twilio-concurrent-requests"] for r in together]
    assert "2" in counts and set(counts) <= {"1", "2"}
    assert alone.headers["twilio-concurrent-requests"] == "1"
    assert float(alone.headers["twilio-request-duration"]) >= 0.05
