"""The floor the simulator's latency is measured against: a loopback CONNECT + TLS server answering recorded bytes.

It does the least any server behind a proxy can: read the CONNECT, start TLS, then for each request line write
the reply recorded for it, from memory, in one write. What it costs is the client, TLS and loopback; what the
simulator costs beyond it is the simulator's own (`sim_page.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading

import httpx
import trustme


class Floor:
    """A loopback CONNECT + TLS server that answers each request line with bytes recorded from the simulator.

    Args:
        host: the name its certificate is for.
    """

    def __init__(self, host: str) -> None:
        self.ca = trustme.CA()
        self._server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(host).configure_cert(self._server_context)
        self.replies: dict[bytes, bytes] = {}
        """`METHOD target` -> the raw reply."""
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def client_context(self) -> ssl.SSLContext:
        """A client context trusting only the floor's CA."""
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context

    def __enter__(self) -> Floor:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()
        # Connections still open (keep-alive clients) end here, so none is left pending at exit.
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await writer.start_tls(self._server_context)
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line = head.split(b"\r\n", 1)[0]
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                writer.write(self.replies[request_line.rsplit(b" ", 1)[0]])
                await writer.drain()
        writer.close()


def raw_reply(response: httpx.Response) -> bytes:
    """The response as it came on the wire (status line, headers, body), for the floor to replay."""
    head = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}".encode()]
    head += [name + b": " + value for name, value in response.headers.raw]
    return b"\r\n".join(head) + b"\r\n\r\n" + response.content
