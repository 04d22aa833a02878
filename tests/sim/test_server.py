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


def test_stop_closes_both_ports_ends_the_thread_and_deletes_the_runs_tls_files() -> None:
    """After stop(), nothing listens on the proxy or TLS port, no thread is left, the server key is gone, the CA stays."""
    before = {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")}
    sim = start_simulator(seed="lifecycle", records=1)
    assert {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")} != before
    proxy_port, tls_port, ca = sim.proxy_port, sim.tls_port, sim.ca_pem_path
    assert _accepts(proxy_port) and _accepts(tls_port)
    assert sim._tls is not None
    run_files = sim._tls.directory
    assert ca.exists() and (run_files / "server-key.pem").exists()
    sim.stop()
    sim.stop()  # idempotent
    assert not _accepts(proxy_port)
    assert not _accepts(tls_port)
    assert not run_files.exists()
    assert ca.exists()  # kept for the next run: shells that trust it keep working
    assert {t for t in threading.enumerate() if t.name.startswith("twilio-explorer-sim")} == before
    assert not sim.running


def test_env_names_the_proxy_the_ca_and_every_regions_credentials(sim: Simulator) -> None:
    """env() has the proxy, the CA for curl, requests, Python and Node, and a key, secret and token per Region."""
    env = sim.env()
    assert env["HTTPS_PROXY"] == env["https_proxy"] == sim.proxy_url == f"http://127.0.0.1:{sim.proxy_port}"
    for name in ("CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"):
        assert env[name] == str(sim.ca_pem_path)
    assert env["TWILIO_ACCOUNT_SID"] == sim.account_sid
    for region in ("US1", "IE1", "AU1"):
        creds = sim.credentials[region.lower()]
        assert env[f"TWILIO_API_KEY_{region}"] == creds.api_key_sid
        assert env[f"TWILIO_API_SECRET_{region}"] == creds.api_key_secret
        assert env[f"TWILIO_AUTH_TOKEN_{region}"] == creds.auth_token
    # Without a Region, no unsuffixed credentials and no region settings: nothing for a client to pick by accident.
    unsuffixed = {"TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_AUTH_TOKEN", "TWILIO_REGION", "TWILIO_EDGE"}
    assert not unsuffixed & set(env)


def test_env_has_http_proxy_for_twilio_node_and_keeps_loopback_direct(sim: Simulator) -> None:
    """HTTP_PROXY (the only variable twilio-node 5 and twilio-cli read) and NO_PROXY for loopback, both cases."""
    env = sim.env()
    assert env["HTTP_PROXY"] == sim.proxy_url
    assert env["NO_PROXY"] == env["no_proxy"] == "localhost,127.0.0.1,::1"
    assert "http_proxy" not in env  # only curl reads it, for plain HTTP, which needs no simulator


@pytest.mark.parametrize(("region", "edge"), [("au1", "sydney"), ("ie1", "dublin")])
def test_env_for_a_region_exports_the_unsuffixed_names_with_region_and_edge_together(
    sim: Simulator, region: str, edge: str
) -> None:
    """env("au1"): TWILIO_API_KEY/SECRET/AUTH_TOKEN are AU1's, with TWILIO_REGION=au1 and TWILIO_EDGE=sydney."""
    env = sim.env(region)
    creds = sim.credentials[region]
    assert (env["TWILIO_API_KEY"], env["TWILIO_API_SECRET"]) == (creds.api_key_sid, creds.api_key_secret)
    assert env["TWILIO_AUTH_TOKEN"] == creds.auth_token
    assert (env["TWILIO_REGION"], env["TWILIO_EDGE"]) == (region, edge)
    assert env[f"TWILIO_API_KEY_{region.upper()}"] == creds.api_key_sid  # the suffixed names stay


def test_env_for_us1_sets_neither_region_nor_edge(sim: Simulator) -> None:
    """US1's host is api.twilio.com: its unsuffixed credentials come without TWILIO_REGION or TWILIO_EDGE."""
    env = sim.env("us1")
    assert env["TWILIO_API_KEY"] == sim.credentials["us1"].api_key_sid
    assert "TWILIO_REGION" not in env and "TWILIO_EDGE" not in env


def test_env_for_a_region_the_simulator_does_not_serve_is_an_error(sim: Simulator) -> None:
    """env("jp1") is a SimulatorError naming the Regions it serves."""
    with pytest.raises(SimulatorError, match="us1, ie1, au1"):
        sim.env("jp1")


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
