"""JSON bytes for replies: one reused encoder, generated records encoded once, and pages spliced from them.

A list page is its envelope (links, counts: a few hundred bytes that change with every page) around its
records (kilobytes that never change while nobody writes to them). So a generated record that no write has
touched is encoded once and kept as bytes in a bounded cache (`EncodedRecords`), and a page is those bytes
joined inside the envelope (`encode_page`): walking a list the second time costs a join, not a `json.dumps`
of every record. Records changed by a write, and records created through the API, are never kept here:
the store encodes them afresh on every read (see `DataStore.encoded_page`), so a write shows at once.

The bytes are `json.dumps(value, separators=(",", ":"))`'s, page and record alike (see `encode`).
"""

from __future__ import annotations

__all__ = ["EncodedRecords", "RecordKey", "encode", "encode_page"]

import json
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

RecordKey = tuple[tuple[str, str, tuple[tuple[str, str], ...]], int, str]
"""(list key, generated index, host): a generated record's identity (its links name the host)."""

# The fallback for what orjson refuses (an integer beyond 64 bits, echoed from a path). One instance: `json.dumps`
# with `separators` builds a new JSONEncoder per call. Records are trees, so the circular check is moot.
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)

DEFAULT_BUDGET = 48 * 1024 * 1024
"""Bytes of encoded records kept: every record of a few 10,000-record lists (about 1 kB each)."""


def encode(value: Any) -> bytes:
    """`value` as compact JSON bytes.

    orjson writes what `json.dumps(value, separators=(",", ":"))` writes, byte for byte, for everything the
    simulator generates, about eight times faster (1.6 µs against 12.5 µs for a 1 kB Application): encoding
    was a third of a new record's cost. The one difference is text beyond ASCII, which it writes as UTF-8
    instead of `\\u` escapes: the same JSON to every parser.
    """
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return _ENCODER.encode(value).encode()


def encode_page(envelope: Mapping[str, Any], key: str, records: Sequence[bytes]) -> bytes:
    """The envelope as JSON with the list under `key` made of the already encoded `records`.

    The pieces are joined once: a 1000-record page is a megabyte, and every intermediate `+` copied it again.

    Args:
        envelope: the list response, in its published key order; its value under `key` is ignored.
        key: the key the records go under (`applications`, `keys`...).
        records: each record's JSON bytes, in order.
    """
    pieces: list[bytes] = []
    for name, value in envelope.items():
        pieces += (b"," if pieces else b"{", encode(name), b":")
        if name == key:
            listed: list[bytes] = [b","] * (2 * len(records) - 1) if records else []
            listed[0::2] = records  # the records with a comma between each two, in one slice
            pieces += (b"[", *listed, b"]")
        else:
            pieces.append(encode(value))
    pieces.append(b"}" if pieces else b"{}")
    return b"".join(pieces)


class EncodedRecords:
    """A bounded cache of generated records' JSON bytes, by total size; the first kept go first.

    Only records that are a pure function of their key may go in (generated, unchanged by any write): the
    caller decides, and bypasses the cache for the others. Not locked: its one user, `DataStore`, calls it
    under its own lock. First in, first out rather than least recently used: a hit is then one dict lookup,
    which matters on a 1000-record page, and the budget holds whole 10,000-record lists either way.

    Args:
        budget: the most bytes kept.
    """

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self._budget = budget
        self._size = 0
        self._kept: dict[RecordKey, bytes] = {}
        self.peek = self._kept.get
        """The record's bytes, or None when they are not kept."""

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def size(self) -> int:
        """The bytes kept now."""
        return self._size

    def keep(self, key: RecordKey, data: bytes) -> bytes:
        """Keep a record's bytes (dropping the oldest beyond the budget) and return them."""
        if key not in self._kept:
            self._kept[key] = data
            self._size += len(data)
            while self._size > self._budget and self._kept:
                self._size -= len(self._kept.pop(next(iter(self._kept))))
        return data
