"""The simulator's TLS server: uvicorn on a loopback socket with TCP_NODELAY, stopped in milliseconds.

Three details make it answer like a real API front end:

- **TCP_NODELAY.** uvicorn writes a response's headers and its body in two sends. With Nagle's algorithm on,
  the second send waits for the first to be acknowledged, and the client delays that ACK (~40 ms on Linux): every
  reply under ~64 kB took ~44 ms instead of ~1 ms (`benchmarks/sim_page.py`). asyncio turns TCP_NODELAY on for
  each accepted connection only when the listening socket was created with `IPPROTO_TCP` (it checks
  `sock.proto`), and `socket.socket(AF_INET, SOCK_STREAM)` has proto 0. So the listening socket is created with
  IPPROTO_TCP, and carries TCP_NODELAY itself too (Linux copies it to accepted sockets).
- **One write per reply.** Even with TCP_NODELAY, the head and the body were two TLS records in two sends,
  relayed by the proxy as two, so the client woke twice per reply. `CoalescingTransport` joins the writes made
  in one event-loop step: a reply leaves in one send.
- **A prompt stop.** uvicorn's own main loop polls its exit flag every 100 ms and its shutdown sleeps another
  100 ms, so every stop took ~200 ms. Here an event wakes the loop, idle connections close at once, and
  in-flight responses get a short grace before they are cut.
"""

from __future__ import annotations

__all__ = ["CoalescingHttpProtocol", "CoalescingTransport", "PromptServer", "nodelay_socket"]

import asyncio
import contextlib
import socket

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_GRACE_SECONDS = 1.0
"""How long a stop waits for responses already being written."""
_DATE_REFRESH_SECONDS = 1.0
"""The Date header has a one-second resolution."""
_JOIN_LIMIT = 64 * 1024
"""Replies up to this size are joined into one write (a socket buffer's worth leaves in one send)."""


def nodelay_socket() -> socket.socket:
    """A TCP socket bound to a free port on 127.0.0.1, ready for `PromptServer.serve(sockets=[...])`."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class CoalescingTransport(asyncio.Transport):
    """A transport whose writes within one event-loop step leave as one write to the wrapped transport.

    uvicorn writes a response's head and its body separately; over TLS each becomes its own record and its own
    send, so the client (and the proxy between) wakes up twice per reply and, under load, waits for the CPU
    twice. Joined, a reply under the socket buffer leaves in one send, as a server that buffers would send it.
    """

    def __init__(self, wrapped: asyncio.Transport) -> None:
        super().__init__()
        self._wrapped = wrapped
        self._pending: list[bytes] = []
        self._loop = asyncio.get_running_loop()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(data if isinstance(data, bytes) else bytes(data))

    def _flush(self) -> None:
        if self._pending:
            pieces = self._pending
            self._pending = []
            if self._wrapped.is_closing():
                return
            if len(pieces) == 1 or sum(map(len, pieces)) > _JOIN_LIMIT:
                # A large reply leaves in many sends anyway: its pieces go as they are, not copied to be joined.
                for piece in pieces:
                    self._wrapped.write(piece)
            else:
                self._wrapped.write(b"".join(pieces))

    def close(self) -> None:
        self._flush()
        self._wrapped.close()

    def abort(self) -> None:
        self._pending.clear()
        self._wrapped.abort()

    def get_write_buffer_size(self) -> int:
        return self._wrapped.get_write_buffer_size() + sum(map(len, self._pending))

    def is_closing(self) -> bool:
        return self._wrapped.is_closing()

    def get_extra_info(self, name: str, default: object = None) -> object:
        return self._wrapped.get_extra_info(name, default)

    def pause_reading(self) -> None:
        self._wrapped.pause_reading()

    def resume_reading(self) -> None:
        self._wrapped.resume_reading()

    def is_reading(self) -> bool:
        return self._wrapped.is_reading()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._wrapped.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._wrapped.get_protocol()


class CoalescingHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (its C parser: ~0.5 ms less per request than h11 in
    `benchmarks/sim_page.py`), writing each reply through a `CoalescingTransport`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport))


class PromptServer(uvicorn.Server):
    """uvicorn's server, woken by `stop()` instead of a 100 ms poll, and shut down without fixed sleeps."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._wake = asyncio.Event()

    def stop(self) -> None:
        """Ask the server to stop (from its own event loop)."""
        self.should_exit = True
        self._wake.set()

    async def main_loop(self) -> None:
        """Refresh the Date header once a second until `stop()`."""
        # on_tick(0) refreshes uvicorn's default headers (the Date header) and reports should_exit.
        while not await self.on_tick(0):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), _DATE_REFRESH_SECONDS)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop accepting, close idle connections now, give busy ones a short grace, then cut them."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()  # closes an idle keep-alive connection; a busy one closes after its response
        loop = asyncio.get_running_loop()
        deadline = loop.time() + _GRACE_SECONDS
        while self.server_state.connections and loop.time() < deadline:
            if not self.server_state.tasks:
                # Nothing left to answer: cut what has been written out (an idle TLS connection would otherwise
                # wait for the client's close_notify).
                for connection in list(self.server_state.connections):
                    if connection.transport.get_write_buffer_size() == 0:
                        connection.transport.abort()
            await asyncio.sleep(0.002)
        for connection in list(self.server_state.connections):
            connection.transport.abort()
        for task in list(self.server_state.tasks):
            task.cancel()
        for server in self.servers:
            await server.wait_closed()
