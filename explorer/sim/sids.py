"""SIDs that encode their record's index, so looking one up is a decode and a check, never a search.

A generated record's SID is its prefix, 20 hex digits of a hash of (seed, Region, list, index), and 12 hex
digits of the index scrambled by an invertible affine map modulo 2**48 (so SIDs look random). `index_of`
inverts the map and checks the hash, so a SID of another list, Region or seed is never taken for one of these.
"""

from __future__ import annotations

__all__ = ["CREATED_BASE", "ListKey", "SidCodec"]

import hashlib
from collections.abc import Callable

ListKey = tuple[str, str, tuple[tuple[str, str], ...]]
"""(Region, endpoint id, path parameters): one concrete list."""

CREATED_BASE = 1 << 40
"""Indexes from here on belong to records created through the API, never to generated ones."""

_MODULUS = 1 << 48
_SCRAMBLE = 0x9E3779B97F4B  # odd, so the map index -> index * _SCRAMBLE mod 2**48 is invertible
_UNSCRAMBLE = pow(_SCRAMBLE, -1, _MODULUS)
_MAX_KEPT = 100_000
"""List hashes kept: bounded, since the parent SIDs in paths are user input."""


class SidCodec:
    """Hashes and SIDs of every list for one seed."""

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._list_hashes: dict[ListKey, bytes] = {}

    def list_hash(self, key: ListKey) -> bytes:
        """16 bytes that identify one concrete list in one Region for this seed."""
        cached = self._list_hashes.get(key)
        if cached is None:
            region, endpoint_id, params = key
            text = "\x1f".join((self._seed, region, endpoint_id, *(f"{k}={v}" for k, v in params)))
            cached = hashlib.blake2b(text.encode(), digest_size=16).digest()
            if len(self._list_hashes) < _MAX_KEPT:
                self._list_hashes[key] = cached
        return cached

    def digest(self, key: ListKey, index: int) -> bytes:
        """32 bytes of a record's own randomness: 10 go into its SID, the rest into its values."""
        return hashlib.blake2b(index.to_bytes(8, "big"), digest_size=32, key=self.list_hash(key)).digest()

    def make(self, prefix: str, key: ListKey, index: int, digest: bytes) -> str:
        """The SID of record `index` (whose `digest` the caller has already made)."""
        offset = int.from_bytes(self.list_hash(key)[:6], "big")
        return prefix + digest[:10].hex() + f"{(index * _SCRAMBLE + offset) % _MODULUS:012x}"

    def digester(self, key: ListKey) -> Callable[[int], bytes]:
        """`digest` for one list, its hash looked up once (a page makes dozens of records of one list)."""
        # A copy of the keyed hash is the same state as a new one with that key, made in half the time.
        keyed = hashlib.blake2b(digest_size=32, key=self.list_hash(key))

        def digest(index: int) -> bytes:
            state = keyed.copy()
            state.update(index.to_bytes(8, "big"))
            return state.digest()

        return digest

    def writer(self, prefix: str, key: ListKey) -> Callable[[int, bytes], str]:
        """`make` for one list and prefix, its offset computed once."""
        offset = int.from_bytes(self.list_hash(key)[:6], "big")
        return lambda index, digest: (
            prefix + digest[:10].hex() + f"{(index * _SCRAMBLE + offset) % _MODULUS:012x}"
        )

    def sid(self, prefix: str, key: ListKey, index: int) -> str:
        """The SID of record `index`."""
        return self.make(prefix, key, index, self.digest(key, index))

    def index_of(self, prefix: str, key: ListKey, sid: str) -> int | None:
        """The index that `sid` encodes in this list, or None when it is not one of this list's SIDs."""
        if len(sid) != 34:
            return None
        try:
            scrambled = int(sid[22:], 16)
        except ValueError:
            return None
        offset = int.from_bytes(self.list_hash(key)[:6], "big")
        index = ((scrambled - offset) * _UNSCRAMBLE) % _MODULUS
        return index if self.sid(prefix, key, index) == sid else None
