"""The test process cannot reach the network."""

from __future__ import annotations

import socket

import pytest

from tests.support.network_guard import NetworkGuardError


def test_resolving_a_real_hostname_fails_the_test() -> None:
    """A lookup of api.twilio.com is refused before any DNS query leaves the machine."""
    with pytest.raises(NetworkGuardError):
        socket.getaddrinfo("api.twilio.com", 443)


def test_connecting_to_a_public_address_fails_the_test() -> None:
    """A connect to a public address is refused before any packet is sent."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkGuardError):
            sock.connect(("203.0.113.7", 443))
    finally:
        sock.close()


def test_loopback_is_allowed() -> None:
    """Loopback lookups still work, so local servers can be tested."""
    assert socket.getaddrinfo("127.0.0.1", 80)
