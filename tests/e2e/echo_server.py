"""A loopback HTTPS server that answers for real Twilio hostnames and records exactly what it received."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme


@dataclass
class Received:
    """One request as it arrived on the wire."""

    method: str
    target: str
    host: str
    authorization: str | None
    body: bytes


@dataclass
class EchoServer:
    """A running echo server: its port, its CA bundle and what it has received."""

    port: int
    ca_pem: Path
    received: list[Received] = field(default_factory=list)


@contextmanager
def echo_server(hosts: list[str], workdir: Path) -> Iterator[EchoServer]:
    """Serve HTTPS on 127.0.0.1 with a certificate for `hosts`; record every request."""
    ca = trustme.CA()
    cert = ca.issue_cert(*hosts)
    ca_pem = workdir / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_pem))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    received: list[Received] = []

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            received.append(
                Received(
                    self.command,
                    self.path,
                    self.headers.get("Host", ""),
                    self.headers.get("Authorization"),
                    body,
                )
            )
            payload = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_DELETE = do_PUT = _record

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield EchoServer(server.server_address[1], ca_pem, received)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
