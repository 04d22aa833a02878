"""The TLS server's write coalescing: a reply's head and body leave in one write, in order, and none is lost."""

from __future__ import annotations

import asyncio
from typing import Any

from explorer.sim.tls_server import CoalescingTransport


class _Recording(asyncio.Transport):
    """A transport that records what is written to it and whether it was closed (the TLS transport's stand-in)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_write_buffer_size(self) -> int:
        return 0

    def abort(self) -> None:
        self.closed = True


async def test_writes_in_one_step_leave_as_one_write_on_the_next() -> None:
    """Head then body, written in the same step, reach the wrapped transport as one write, once the step ends."""
    wrapped = _Recording()
    transport = CoalescingTransport(wrapped)
    transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    transport.write(b"{}")
    assert wrapped.writes == []
    assert transport.get_write_buffer_size() == 40
    await asyncio.sleep(0)
    assert wrapped.writes == [b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"]
    transport.write(b"next")
    await asyncio.sleep(0)
    assert wrapped.writes[1:] == [b"next"]


async def test_close_sends_what_is_pending_first_and_abort_drops_it() -> None:
    """A truncated-body fault writes part of a body and closes: the part still goes out, before the close."""
    wrapped = _Recording()
    transport = CoalescingTransport(wrapped)
    transport.write(b"head")
    transport.write(b"half a body")
    transport.close()
    assert (wrapped.writes, wrapped.closed) == ([b"headhalf a body"], True)
    await asyncio.sleep(0)
    assert wrapped.writes == [b"headhalf a body"]
    dropped = _Recording()
    cut = CoalescingTransport(dropped)
    cut.write(b"never sent")
    cut.abort()
    await asyncio.sleep(0)
    assert dropped.writes == []
