"""Starting and stopping in-process: the public surface, the environment, and a clean shutdown."""

from __future__ import annotations

import socket
import threading

import pytest

from explorer.core.errors import SimulatorError
from explorer.sim.server import Simulator, start_simulator


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_stop_closes_both_ports_ends_the_thread_and_deletes_the_tls_files() -> None:
    """After stop(), nothing listens on the proxy or TLS port, no simulator thread is left, the CA is gone."""
    before = {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")}
    sim = start_simulator(seed="lifecycle", records=1)
    assert {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")} != before
    proxy_port, tls_port, ca = sim.proxy_port, sim.tls_port, sim.ca_pem_path
    assert _accepts(proxy_port) and _accepts(tls_port)
    assert ca.exists()
    sim.stop()
    sim.stop()  # idempotent
    assert not _accepts(proxy_port)
    assert not _accepts(tls_port)
    assert not ca.exists()
    assert {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")} == before
    assert not sim.running


def test_env_names_the_proxy_the_ca_and_every_regions_credentials(sim: Simulator) -> None:
    """env() has the proxy, the CA for curl, requests, Python and Node, and a key, secret and token per Region."""
    env = sim.env()
    assert env["HTTPS_PROXY"] == sim.proxy_url == f"http://127.0.0.1:{sim.proxy_port}"
    for name in ("CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"):
        assert env[name] == str(sim.ca_pem_path)
    assert env["TWILIO_ACCOUNT_SID"] == sim.account_sid
    for region in ("US1", "IE1", "AU1"):
        creds = sim.credentials[region.lower()]
        assert env[f"TWILIO_API_KEY_{region}"] == creds.api_key_sid
        assert env[f"TWILIO_API_SECRET_{region}"] == creds.api_key_secret
        assert env[f"TWILIO_AUTH_TOKEN_{region}"] == creds.auth_token


def test_a_taken_proxy_port_is_a_simulator_error(sim: Simulator) -> None:
    """Starting on a port already in use fails with a SimulatorError that says so, and leaves nothing behind."""
    with pytest.raises(SimulatorError, match="cannot listen"):
        start_simulator(proxy_port=sim.proxy_port)
    assert sum(t.name.startswith("twilio-explorer-sim") for t in threading.enumerate()) == 1


def test_the_repr_shows_no_secret(sim: Simulator) -> None:
    """repr(sim) names the seed and proxy, never a token."""
    text = repr(sim)
    assert "session" in text
    assert all(c.auth_token not in text and c.api_key_secret not in text for c in sim.credentials.values())
