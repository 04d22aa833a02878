"""The CONNECT proxy: refuses hosts that do not resolve in real Twilio, tunnels the rest with TLS end to end."""

from __future__ import annotations

import http.client
import socket

import httpx
import pytest

from tests.sim.sim_client import SimClient


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


def _connect(client: SimClient, target: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", client.sim.proxy_port), timeout=5) as sock:
        sock.sendall(b"CONNECT " + target + b" HTTP/1.1\r\nHost: " + target + b"\r\n\r\n")
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    return b"".join(chunks)


def test_httpx_shows_why_a_retired_host_is_refused(client: SimClient) -> None:
    """httpx's ProxyError reads `502 No such host api.au1.twilio.com: ... retired ... Fix: ... api.sydney.au1`."""
    with pytest.raises(httpx.ProxyError) as raised:
        client.http.get("https://api.au1.twilio.com/2010-04-01/Accounts.json", auth=client.auth("au1"))
    message = str(raised.value)
    assert message.startswith("502 No such host api.au1.twilio.com: ")
    assert "retired on 2026-04-28" in message
    assert "set region=au1 and edge=sydney (both) to get api.sydney.au1.twilio.com" in message


def test_python_http_client_shows_why_an_unoffered_product_is_refused(client: SimClient) -> None:
    """http.client, under requests and twilio-python: `Tunnel connection failed: 502 No such host sync.dublin...`."""
    connection = http.client.HTTPSConnection("127.0.0.1", client.sim.proxy_port, timeout=5)
    connection.set_tunnel("sync.dublin.ie1.twilio.com", 443)
    with pytest.raises(OSError) as raised:
        connection.request("GET", "/v1/Services")
    connection.close()
    message = str(raised.value)
    assert message.startswith("Tunnel connection failed: 502 No such host sync.dublin.ie1.twilio.com: ")
    assert "sync is not offered in IE1" in message


def test_the_refusal_body_names_the_host_why_the_fix_and_the_source(client: SimClient) -> None:
    """The 502's body says the same at more length, one line each for why, the fix and the source."""
    reply = _connect(client, b"api.frankfurt.twilio.com:443")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 502 No such host api.frankfurt.twilio.com: edge without region")
    lines = body.decode().splitlines()
    assert lines[0].startswith("api.frankfurt.twilio.com is not a host of real Twilio (it does not resolve)")
    assert lines[1].startswith("Why: edge without region")
    assert lines[2] == "Fix: use api.twilio.com (leave region and edge unset) to be processed in US1"
    assert lines[3].startswith("Source: https://github.com/twilio/twilio-java/pull/936")


def test_a_hostile_connect_target_comes_back_as_printable_ascii(client: SimClient) -> None:
    """Control characters and non-ASCII in the requested host never reach the client's terminal."""
    reply = _connect(client, "evil\x1b[31m\u00e9.example:443".encode("latin-1"))
    head, _, body = reply.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 502 No such host evil?[31m?.example: ")
    assert all(0x20 <= byte < 0x7F for byte in status_line)
    assert all(0x20 <= byte < 0x7F or byte == 0x0A for byte in body)
