"""A loopback CONNECT proxy that routes real Twilio hostnames to the simulator's TLS server.

Clients that honour `HTTPS_PROXY` send `CONNECT api.sydney.au1.twilio.com:443`; the proxy never resolves the
name. It judges it with `explorer.sim.served_hosts`:

- a host that does not resolve in real Twilio (`api.au1.twilio.com`, `sync.dublin.ie1.twilio.com`) is
  refused with `502`, as a real proxy answers when DNS fails: curl exits with 56 ("CONNECT tunnel failed,
  response 502"), httpx raises `ProxyError`, twilio-python (requests, http.client) "Tunnel connection failed".
  The reply's reason phrase names the host, why it does not exist and the fix, because the reason phrase is
  the one part of a refused CONNECT that clients show (`502 No such host api.au1.twilio.com: ...` in Python's
  message, `< HTTP/1.1 502 ...` in `curl -v`); the body says the same at more length;
- every other host is tunnelled to the local TLS server, so TLS stays end to end: a host the certificate does
  not list gets a genuine hostname mismatch (curl exit 60).

Requests in origin form (`GET /faults`) are the loopback-only control endpoint:
`GET /health`, `GET /faults`, `POST /faults` (JSON: latency and rules to add), `DELETE /faults`.

Both legs of every tunnel have TCP_NODELAY on: a TLS record relayed in two small writes must not wait for a
delayed ACK (see `explorer.sim.tls_server`).
"""

from __future__ import annotations

__all__ = ["ControlHandler", "TunnelProxy"]

import asyncio
import contextlib
import ipaddress
import json
import socket
import struct
from collections.abc import Callable
from typing import Any

from explorer.core.errors import SimulatorError
from explorer.core.verdict import classify_host
from explorer.sim.served_hosts import HostFate, host_fate

ControlHandler = Callable[[str, str, bytes], tuple[int, Any]]
"""(method, path, body) -> (status, JSON payload): the control endpoint's logic."""

_HEAD_LIMIT = 16 * 1024
_CHUNK = 64 * 1024


class TunnelProxy:
    """The CONNECT proxy. Runs on the simulator's event loop.

    Args:
        upstream_port: the local TLS server's port, where every tunnel goes.
        control: answers the control endpoint.
    """

    def __init__(self, upstream_port: int, control: ControlHandler) -> None:
        self._upstream_port = upstream_port
        self._control = control
        self._server: asyncio.Server | None = None
        # upstream local port -> (client writer, upstream writer), so the app can reset one connection.
        self._tunnels: dict[int, tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self, port: int = 0) -> int:
        """Listen on 127.0.0.1 and return the port.

        Raises:
            SimulatorError: the port is taken.
        """
        try:
            self._server = await asyncio.start_server(self._accept, "127.0.0.1", port, limit=_HEAD_LIMIT)
        except OSError as error:
            raise SimulatorError(
                f"cannot listen on 127.0.0.1:{port}: {error.strerror}", hint="choose another --port, or 0"
            ) from error
        sockname: tuple[str, int] = self._server.sockets[0].getsockname()
        return sockname[1]

    async def close(self) -> None:
        """Stop listening and drop every open tunnel."""
        if self._server is not None:
            self._server.close()
        for client, upstream in list(self._tunnels.values()):
            client.transport.abort()
            upstream.transport.abort()
        self._tunnels.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def reset(self, upstream_port: int) -> bool:
        """Reset (TCP RST) the client connection of the tunnel using `upstream_port`; False if none."""
        tunnel = self._tunnels.pop(upstream_port, None)
        if tunnel is None:
            return False
        client, upstream = tunnel
        sock = client.get_extra_info("socket")
        if sock is not None:
            # Linger 0 makes close() send RST instead of FIN: the client sees "connection reset by peer".
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.transport.abort()
        upstream.transport.abort()
        return True

    def open_sockets(self) -> list[tuple[str, socket.socket]]:
        """Both legs of every open tunnel: `("proxy", client side)` and `("tunnel", the leg to the TLS server)`."""
        found = []
        for client, upstream in self._tunnels.values():
            for role, writer in (("proxy", client), ("tunnel", upstream)):
                sock = writer.get_extra_info("socket")
                if sock is not None:
                    found.append((role, sock))
        return found

    def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        _no_delay(writer)
        task = asyncio.get_running_loop().create_task(self._handle(reader, writer))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            peer = writer.get_extra_info("peername")
            if not peer or not ipaddress.ip_address(peer[0]).is_loopback:
                return
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=30)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                return
            request_line, _, header_block = head.decode("latin-1").partition("\r\n")
            parts = request_line.split()
            if len(parts) != 3:
                await _answer(writer, 400, "Bad Request", "malformed request line\n")
                return
            method, target, _version = parts
            if method == "CONNECT":
                await self._connect(target, reader, writer)
            elif target.startswith("/"):
                await self._control_request(method, target, header_block, reader, writer)
            else:
                await _answer(writer, 405, "Method Not Allowed", "this proxy only tunnels HTTPS (CONNECT)\n")
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _connect(self, target: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host, _, port = target.rpartition(":")
        host = host.strip("[]")
        if port != "443" or host_fate(host) is HostFate.NO_SUCH_HOST:
            # A real proxy answers 502 when the name has no DNS record (squid: 503); the reason says why.
            reason, body = _refusal(host, port)
            await _answer(writer, 502, reason, body, [("X-Explorer-Sim-Error", "dns")])
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self._upstream_port)
        except OSError:
            await _answer(writer, 502, "Bad Gateway", "the simulator's TLS server is not reachable\n")
            return
        _no_delay(up_writer)
        local_port: int = up_writer.get_extra_info("sockname")[1]
        self._tunnels[local_port] = (writer, up_writer)
        try:
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await asyncio.gather(_pump(reader, up_writer), _pump(up_reader, writer))
        finally:
            self._tunnels.pop(local_port, None)
            up_writer.close()

    async def _control_request(
        self,
        method: str,
        target: str,
        header_block: str,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        length = 0
        for line in header_block.split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length" and value.strip().isdigit():
                length = int(value.strip())
        body = await reader.readexactly(length) if 0 < length <= _HEAD_LIMIT * 4 else b""
        status, payload = self._control(method, target.split("?", 1)[0], body)
        text = json.dumps(payload, indent=2) + "\n"
        await _answer(
            writer, status, "OK" if status < 400 else "Error", text, content_type="application/json"
        )


def _no_delay(writer: asyncio.StreamWriter) -> None:
    # asyncio already sets it on sockets it creates from getaddrinfo results; set it explicitly so a relayed
    # TLS record never waits for a delayed ACK, however the socket was made.
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _printable(text: str) -> str:
    # The host comes from the client: nothing but printable ASCII goes back on a status line or into a body.
    text = text.replace("\u2192", "->")
    return "".join(ch if " " <= ch <= "~" else "?" for ch in text)


def _refusal(host: str, port: str) -> tuple[str, str]:
    """The 502's reason phrase and body: which host, why it does not exist in real Twilio, and the fix."""
    if port != "443":
        reason = _printable(f"Only port 443 is tunnelled, not {host}:{port}")
        return reason, reason + "\n"
    verdict = classify_host(host)
    why, fix = verdict.explanation, verdict.fix.text
    reason = _printable(f"No such host {host}: {why}. Fix: {fix}")
    lines = [
        f"{host} is not a host of real Twilio (it does not resolve): the simulator refuses the tunnel, as a proxy "
        "does when DNS fails.",
        f"Why: {why}",
        f"Fix: {fix}",
        f"Source: {verdict.source}",
    ]
    return reason, "".join(_printable(line) + "\n" for line in lines)


async def _pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(_CHUNK):
            sink.write(chunk)
            await sink.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        # One side ended: close the other once its buffered bytes are written (a truncated body stays truncated,
        # never lost).
        with contextlib.suppress(Exception):
            sink.close()


async def _answer(
    writer: asyncio.StreamWriter,
    status: int,
    reason: str,
    text: str,
    headers: list[tuple[str, str]] | None = None,
    content_type: str = "text/plain; charset=utf-8",
) -> None:
    body = text.encode()
    lines = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers or []]
    lines.append("Connection: close")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()
