"""JSON bytes for replies: one reused encoder, generated records encoded once, and pages spliced from them.

A list page is its envelope (links, counts: a few hundred bytes that change with every page) around its
records (kilobytes that never change while nobody writes to them). So a generated record that no write has
touched is encoded once and kept as bytes in a bounded cache (`EncodedRecords`), and a page is those bytes
joined inside the envelope (`encode_page`): walking a list the second time costs a join, not a `json.dumps`
of every record. Records changed by a write, and records created through the API, are never kept here:
the store encodes them afresh on every read (see `DataStore.page_encoded`), so a write shows at once.

The bytes are exactly `json.dumps(value, separators=(",", ":"))`'s, page and record alike.
"""

from __future__ import annotations

__all__ = ["EncodedRecords", "RecordKey", "encode", "encode_page"]

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

RecordKey = tuple[tuple[str, str, tuple[tuple[str, str], ...]], int, str]
"""(list key, generated index, host): a generated record's identity (its links name the host)."""

# One encoder for every reply: `json.dumps` with `separators` builds a new JSONEncoder per call, a cost
# paid per record when records are encoded one by one. Records are trees, so the circular check is moot.
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)

DEFAULT_BUDGET = 48 * 1024 * 1024
"""Bytes of encoded records kept: every record of a few 10,000-record lists (about 1 kB each)."""


def encode(value: Any) -> bytes:
    """`value` as compact JSON bytes (what `json.dumps(value, separators=(",", ":"))` gives)."""
    return _ENCODER.encode(value).encode()


def encode_page(envelope: Mapping[str, Any], key: str, records: Sequence[bytes]) -> bytes:
    """The envelope as JSON with the list under `key` made of the already encoded `records`.

    Args:
        envelope: the list response, in its published key order; its value under `key` is ignored.
        key: the key the records go under (`applications`, `keys`...).
        records: each record's JSON bytes, in order.
    """
    parts = []
    for name, value in envelope.items():
        encoded = b"[" + b",".join(records) + b"]" if name == key else encode(value)
        parts.append(encode(name) + b":" + encoded)
    return b"{" + b",".join(parts) + b"}"


class EncodedRecords:
    """A bounded LRU cache of generated records' JSON bytes, by total size. Thread-safe.

    Only records that are a pure function of their key may go in (generated, unchanged by any write): the
    caller decides, and bypasses the cache for the others.

    Args:
        budget: the most bytes kept; the least recently used records go first.
    """

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self._budget = budget
        self._size = 0
        self._kept: OrderedDict[RecordKey, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def size(self) -> int:
        """The bytes kept now."""
        return self._size

    def get(self, key: RecordKey, make: Callable[..., Any], *args: Any) -> bytes:
        """The record's bytes: kept ones, else `make(*args)` encoded (and kept)."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        made = encode(make(*args))
        with self._lock:
            if key not in self._kept:
                self._kept[key] = made
                self._size += len(made)
                while self._size > self._budget and self._kept:
                    _old, dropped = self._kept.popitem(last=False)
                    self._size -= len(dropped)
        return made
