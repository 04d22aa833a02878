"""The CONNECT proxy: refuses hosts that do not resolve in real Twilio, tunnels the rest with TLS end to end."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.sim.conftest import SimClient


@pytest.mark.parametrize(
    "host",
    [
        "api.au1.twilio.com",
        "sync.dublin.ie1.twilio.com",
        "api.frankfurt.twilio.com",
        "conversations.sydney.au1.twilio.com",
    ],
)
def test_hosts_without_dns_in_real_twilio_are_refused_by_the_proxy(client: SimClient, host: str) -> None:
    """Retired, unoffered and edge-only hosts fail before TLS, as a name that does not resolve."""
    with pytest.raises(httpx.ProxyError, match="502"):
        client.http.get(f"https://{host}/2010-04-01/Accounts.json", auth=client.auth("us1"))


@pytest.mark.parametrize("host", ["conversations.ie1.twilio.com", "api.roaming.ie1.twilio.com"])
def test_hosts_missing_from_the_certificate_fail_the_tls_name_check(client: SimClient, host: str) -> None:
    """A host that resolves but is not in the certificate gives a genuine hostname mismatch."""
    with pytest.raises(httpx.ConnectError, match=r"[Hh]ostname mismatch"):
        client.http.get(f"https://{host}/v1/Conversations", auth=client.auth("ie1"))


def test_the_proxy_refuses_plain_http_proxying(client: SimClient) -> None:
    """An absolute-form plain-HTTP request gets 405: only HTTPS is tunnelled."""
    with socket.create_connection(("127.0.0.1", client.sim.proxy_port), timeout=5) as sock:
        sock.sendall(b"GET http://api.twilio.com/ HTTP/1.1\r\nHost: api.twilio.com\r\n\r\n")
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 405")


def test_a_connect_to_another_port_is_refused(client: SimClient) -> None:
    """Only port 443 is tunnelled: CONNECT api.twilio.com:80 gets 502."""
    with socket.create_connection(("127.0.0.1", client.sim.proxy_port), timeout=5) as sock:
        sock.sendall(b"CONNECT api.twilio.com:80 HTTP/1.1\r\nHost: api.twilio.com:80\r\n\r\n")
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 502")
