"""A loopback stand-in for "a proxy and the server behind it", with the certificate and behaviour a test picks.

`TlsPeer` listens on 127.0.0.1, answers a CONNECT itself and then plays the HTTPS server inside the tunnel
with a trustme certificate: one the client does not trust, one for another name, one that has expired. It
then answers with JSON, or resets the connection after reading the request. Clients reach it with
`proxy=peer.proxy_url`, so the production host names stay in the URLs and nothing leaves loopback.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import trustme

Behaviour = Literal["json", "reset"]


class TlsPeer:
    """A CONNECT proxy on loopback that terminates TLS itself with `leaf` and then answers per `behaviour`."""

    def __init__(self, leaf: trustme.LeafCert, behaviour: Behaviour = "json") -> None:
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        leaf.configure_cert(self._context)
        self._behaviour = behaviour
        self._server = socket.create_server(("127.0.0.1", 0))
        self.proxy_url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._threads: list[threading.Thread] = []
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self._threads.append(accept)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            worker = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError), connection:
            connection.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = connection.recv(4096)
                if not chunk:
                    return
                head += chunk
            connection.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            try:
                tls = self._context.wrap_socket(connection, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client refused the certificate: what the TLS tests want
            with tls:
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = tls.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                if self._behaviour == "reset":
                    # SO_LINGER with a zero timeout makes close() send RST: a connection reset, not an EOF.
                    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    connection.close()
                    return
                body = b'{"sid": "AC00000000000000000000000000000000", "status": "active"}'
                tls.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )

    def close(self) -> None:
        """Stop listening and wait for the accept thread to end; open connections end with their threads.

        `shutdown` first: closing a listening socket does not wake a thread blocked in `accept()` on Linux,
        and that thread then takes the first connection of whichever socket next gets the same descriptor
        number (a later test's server), which its client sees as a failed TLS handshake.
        """
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        self._threads[0].join(5)


@contextlib.contextmanager
def tls_peer(leaf: trustme.LeafCert, behaviour: Behaviour = "json") -> Iterator[TlsPeer]:
    """A running `TlsPeer`, closed afterwards."""
    peer = TlsPeer(leaf, behaviour)
    try:
        yield peer
    finally:
        peer.close()


def write_ca(ca: trustme.CA, directory: Path, name: str = "ca.pem") -> Path:
    """`ca`'s certificate as a PEM file for `verify=` or `SSL_CERT_FILE`."""
    path = directory / name
    ca.cert_pem.write_to_path(str(path))
    return path


def expired_leaf(ca: trustme.CA, *names: str) -> trustme.LeafCert:
    """A certificate for `names` that expired yesterday."""
    now = datetime.now(UTC)
    return ca.issue_cert(*names, not_before=now - timedelta(days=30), not_after=now - timedelta(days=1))
