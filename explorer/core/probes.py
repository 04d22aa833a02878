"""Low-level probes for `doctor`: resolve a host, open a tunnel through an HTTP proxy, read a certificate's names.

None of them sends a request or a credential: a DNS query, a `CONNECT host:443` to the proxy, and a TLS
handshake that is closed as soon as the certificate has been read. Each failure is a `ProbeFailure` whose
message is worded for people (the proxy's own reason phrase is foreign text and is made visible).
"""

from __future__ import annotations

__all__ = ["ProbeFailure", "Tunnel", "certificate_names", "name_covers", "open_tunnel", "resolve"]

import contextlib
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from explorer.core.printable import visible


class ProbeFailure(Exception):
    """A probe did not succeed; `str()` says why, for a doctor row."""


@dataclass(frozen=True, slots=True)
class Tunnel:
    """A proxy's answer to `CONNECT host:443`."""

    status: int
    """The proxy's status code (200: the tunnel is open)."""
    reason: str
    """The proxy's reason phrase, control characters made visible (it may say why a name does not resolve)."""
    sock: socket.socket | None
    """The open tunnel when `status` is 200, else None (closed)."""


def resolve(host: str, port: int = 443) -> tuple[str, ...]:
    """The addresses `host` resolves to, in the resolver's order.

    Raises:
        ProbeFailure: the name does not resolve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ProbeFailure(f"{host} does not resolve ({error.strerror or error})") from None
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def open_tunnel(proxy_url: str, host: str, port: int = 443, *, timeout: float = 10.0) -> Tunnel:
    """Ask the HTTP proxy at `proxy_url` for a tunnel to `host:port` (the proxy resolves the name).

    Raises:
        ProbeFailure: the proxy is not an http:// proxy, cannot be reached, or answers with something that is
            not HTTP.
    """
    parts = urlsplit(proxy_url)
    if parts.scheme != "http" or not parts.hostname:
        raise ProbeFailure(f"only http:// proxies can be probed with CONNECT, not {parts.scheme or '?'}://")
    address = (parts.hostname, parts.port or 80)
    try:
        sock = socket.create_connection(address, timeout=timeout)
    except OSError as error:
        raise ProbeFailure(f"the proxy does not answer ({error.strerror or type(error).__name__})") from None
    try:
        sock.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode("ascii"))
        head = _read_head(sock)
    except (OSError, UnicodeError) as error:
        sock.close()
        raise ProbeFailure(f"the proxy broke off the CONNECT ({type(error).__name__})") from None
    status_line = head.split("\r\n", 1)[0]
    pieces = status_line.split(" ", 2)
    if len(pieces) < 2 or not pieces[0].startswith("HTTP/") or not pieces[1].isdigit():
        sock.close()
        raise ProbeFailure(f"the proxy answered CONNECT with {visible(status_line[:80])!r}, not HTTP")
    status, reason = int(pieces[1]), visible(pieces[2] if len(pieces) > 2 else "")
    if status != 200:
        sock.close()
        return Tunnel(status, reason, None)
    return Tunnel(status, reason, sock)


def _read_head(sock: socket.socket) -> str:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
        if len(data) > 65536:
            break
    return data.split(b"\r\n\r\n", 1)[0].decode("latin-1")


def certificate_names(sock: socket.socket, host: str, context: ssl.SSLContext) -> tuple[str, ...]:
    """Handshake over `sock` asking for `host` (SNI), check the chain against `context`, return the DNS names.

    The host name itself is not checked here (`name_covers` does that), so a mismatch can say which names the
    certificate does list. The connection is closed before returning.

    Raises:
        ProbeFailure: the chain is not trusted by `context`'s CA bundle, or the handshake fails.
    """
    context.check_hostname = False
    context.verify_mode = ssl.CERT_REQUIRED
    try:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            certificate = tls.getpeercert() or {}
    except ssl.SSLCertVerificationError as error:
        raise ProbeFailure(
            f"the certificate is not trusted: {error.verify_message or error.reason}"
        ) from None
    except (ssl.SSLError, OSError) as error:
        raise ProbeFailure(f"the TLS handshake failed: {getattr(error, 'reason', None) or error}") from None
    finally:
        with contextlib.suppress(OSError):
            sock.close()
    alt_names = certificate.get("subjectAltName", ())
    return tuple(str(entry[1]) for entry in alt_names if entry[0] == "DNS")


def name_covers(pattern: str, host: str) -> bool:
    """True when certificate name `pattern` covers `host` (RFC 6125: a `*` stands for exactly one label)."""
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if not pattern.startswith("*."):
        return pattern == host
    first, _, rest = host.partition(".")
    return bool(first) and rest == pattern[2:]
