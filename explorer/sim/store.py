"""Each Region's data: the generated records plus the writes made through the API, kept in memory.

A list is its created records (newest first) followed by its generated records, minus deletions, with
updates applied. Writes live as small overlays keyed by (Region, endpoint, parent values), so Regions never
see each other's writes, and a list of 10,000 generated records stays free until a page is read.

A page is served as JSON bytes (`encoded_page`): the bytes of a generated record that no write has changed are
kept (`explorer.sim.encoded.EncodedRecords`) and reused by every later page that holds it; created and changed
records are encoded afresh on each read, so a write shows on the very next page.
"""

from __future__ import annotations

__all__ = ["DataStore", "StoredWrite"]

import bisect
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from explorer.core.endpoint import Endpoint, Operation
from explorer.sim.auth import KeyRing, RegionCredentials, demo_hex
from explorer.sim.documented import created_state
from explorer.sim.encoded import EncodedRecords, encode
from explorer.sim.filters import Filter
from explorer.sim.records import CREATED_BASE, ListRef, RecordFactory
from explorer.sim.writes import date_text, sent_changes

_ACCOUNT_ROOT = "/2010-04-01/Accounts/{AccountSid}/"
KEYS_PATH = _ACCOUNT_ROOT + "Keys.json"

_SINGLE = ""
"""The key a singleton's updates are kept under (no SID is empty)."""

NESTED_LIST_LIMIT = 10
"""Lists under another resource (a call's recordings) hold at most this many generated records."""

Record = dict[str, Any]


@dataclass(slots=True)
class StoredWrite:
    """A record created through the API, or the changes made to a generated one."""

    index: int
    """The index its generated fields come from."""
    when: datetime | None
    """Its creation time (None for a generated record: keep the seeded time)."""
    overrides: dict[str, Any] = field(default_factory=dict)
    """Field values set by writes."""
    sid: str | None = None
    """A SID that the index does not encode (the Region's demo key)."""


@dataclass(slots=True)
class _Overlay:
    created: list[tuple[str, StoredWrite]] = field(default_factory=list)
    """Created records, oldest first (listed newest first)."""
    updated: dict[str, StoredWrite] = field(default_factory=dict)
    """Changes to generated records, by SID."""
    deleted: list[int] = field(default_factory=list)
    """Deleted generated indexes, sorted."""
    serial: int = 0
    version: int = 0
    """Bumped by every write, so answers computed from the list's records know when they are stale."""


class DataStore:
    """The records of every list in every Region, with their in-memory writes.

    Thread-safe: the server runs in its own thread while tests and the app read and write.

    Args:
        factory: makes generated records.
        records: the size of a top-level list (`--records`).
        keyring: the live credentials, updated when keys are created or deleted.
        credentials: the demo credentials, whose key each Region's Keys list starts with.
    """

    def __init__(
        self,
        factory: RecordFactory,
        records: int,
        keyring: KeyRing,
        credentials: Mapping[str, RegionCredentials],
        seed: str,
    ) -> None:
        self._factory = factory
        self._records = records
        self._keyring = keyring
        self._credentials = credentials
        self._seed = seed
        self._lock = threading.RLock()
        self._overlays: dict[tuple[str, str, tuple[tuple[str, str], ...]], _Overlay] = {}
        self._filtered: dict[tuple[Any, ...], list[int]] = {}
        self._encoded = EncodedRecords()

    @property
    def factory(self) -> RecordFactory:
        """The record factory."""
        return self._factory

    def generated_count(self, ref: ListRef) -> int:
        """How many generated records the list has (before writes)."""
        nested = any(name != "AccountSid" for name, _ in ref.params)
        return min(self._records, NESTED_LIST_LIMIT) if nested else self._records

    def _overlay(self, ref: ListRef) -> _Overlay:
        overlay = self._overlays.get(ref.key)
        if overlay is None:
            overlay = _Overlay()
            if ref.endpoint.path == KEYS_PATH:
                # The Region's demo key is listed like any key, so deleting it revokes it, as in Twilio.
                creds = self._credentials.get(ref.region)
                if creds is not None:
                    pinned = StoredWrite(
                        CREATED_BASE - 1,
                        datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC),
                        {"friendly_name": f"Demo key ({ref.region.upper()}, simulator)"},
                        sid=creds.api_key_sid,
                    )
                    overlay.created.append((creds.api_key_sid, pinned))
            self._overlays[ref.key] = overlay
        return overlay

    def total(self, ref: ListRef, filters: Sequence[Filter] = ()) -> int:
        """The number of records the list holds now (that pass the filters)."""
        with self._lock:
            if filters:
                return len(self._matching(ref, tuple(filters)))
            overlay = self._overlay(ref)
            return self._size(ref, overlay)

    def _matching(self, ref: ListRef, filters: tuple[Filter, ...]) -> list[int]:
        # The positions whose records pass: every record is made once per (list, filters, writes) and the
        # answer kept, so paging through a filtered list does not remake it page after page.
        overlay = self._overlay(ref)
        key = (ref.key, filters, overlay.version)
        found = self._filtered.get(key)
        if found is None:
            size = self._size(ref, overlay)
            # Filters read fields, never links, so the host the records are made for does not matter.
            records = self._records_at(ref, overlay, 0, size, "api.twilio.com")
            found = [n for n, record in enumerate(records) if all(f.keeps(record) for f in filters)]
            if len(self._filtered) >= 64:
                self._filtered.pop(next(iter(self._filtered)))
            self._filtered[key] = found
        return found

    def encoded_page(
        self, ref: ListRef, offset: int, limit: int, host: str, filters: Sequence[Filter] = ()
    ) -> list[bytes]:
        """The records at positions [offset, offset + limit) of the list (of those that pass the filters), as JSON.

        A generated record that no write has changed is a pure function of (list, index, host): its bytes come
        from the encoded cache. Created records and changed ones are rendered and encoded afresh every time,
        so a write shows on the very next page.
        """
        with self._lock:
            overlay = self._overlay(ref)
            start = max(0, offset)
            positions: Sequence[int]
            if filters:
                positions = self._matching(ref, tuple(filters))[start : start + limit]
            else:
                positions = range(start, min(self._size(ref, overlay), start + limit))
            changed = {write.index for write in overlay.updated.values()}
            list_key, peek, keep = ref.key, self._encoded.peek, self._encoded.keep
            make = self._scalar if self._factory.scalar(ref, 0) is not None else self._record
            out: list[bytes] = []
            for position in positions:
                at = _at(overlay, position)
                if isinstance(at, StoredWrite):
                    out.append(encode(self._render(ref, at, host)))
                elif at in changed:
                    out.append(encode(self._generated(ref, overlay, at, host)))
                else:
                    key = (list_key, at, host)
                    found = peek(key)
                    out.append(found if found is not None else keep(key, encode(make(ref, at, host))))
            return out

    def _record(self, ref: ListRef, index: int, host: str) -> Any:
        # A generated record as no write has changed it; its bytes are kept, so the record itself is not.
        return self._factory.record(ref, index, host, keep=False)

    def _scalar(self, ref: ListRef, index: int, host: str) -> Any:
        # An item of a list of names (never changed by a write).
        return self._factory.scalar(ref, index)

    def _records_at(self, ref: ListRef, overlay: _Overlay, start: int, stop: int, host: str) -> list[Record]:
        with self._lock:
            out: list[Record] = []
            for position in range(max(0, start), min(self._size(ref, overlay), stop)):
                at = _at(overlay, position)
                if isinstance(at, StoredWrite):
                    out.append(self._render(ref, at, host))
                else:
                    scalar = self._factory.scalar(ref, at)
                    out.append(scalar if scalar is not None else self._generated(ref, overlay, at, host))
            return out

    def _size(self, ref: ListRef, overlay: _Overlay) -> int:
        # Created records, then the generated ones that were not deleted.
        return len(overlay.created) + self.generated_count(ref) - len(overlay.deleted)

    def get(self, ref: ListRef, sid: str, host: str, shape: Endpoint | None = None) -> Record | None:
        """The record with this SID in the list, or None.

        Args:
            shape: the instance endpoint, whose schema a fetched record follows (else the list's items').
        """
        with self._lock:
            overlay = self._overlay(ref)
            for created_sid, write in overlay.created:
                if created_sid == sid:
                    return self._render(ref, write, host, shape)
            if self._factory.identity(ref.endpoint).prefix is None:
                # Records keyed by a country code, a date or a name: the set is open, so any key of the
                # right form answers (one that cannot be such a key is not found, as in Twilio).
                if not self._factory.accepts_key(shape or ref.endpoint, sid):
                    return None
                return self._factory.record(ref, 0, host, sid=sid, shape=shape)
            index = self._factory.index_of(ref, sid)
            if index is None or index >= self.generated_count(ref) or _contains(overlay.deleted, index):
                return None
            return self._generated(ref, overlay, index, host, shape)

    def create(
        self,
        ref: ListRef,
        values: Mapping[str, Sequence[Any]],
        host: str,
        operation: Operation | None = None,
        shape: Endpoint | None = None,
    ) -> Record:
        """Create a record from the write's parameters; for API keys, the response alone carries the secret.

        The record holds what was sent, the description's default for what was not (else null), and
        generated values only where no parameter sets the field (its SID, dates, links).

        Args:
            values: each parameter's values (form) or its JSON value.
            operation: the POST operation (its parameters say which fields a create sets).
            shape: the endpoint whose schema the created record follows, when not the list's.
        """
        with self._lock:
            overlay = self._overlay(ref)
            overlay.serial += 1
            overlay.version += 1
            index = CREATED_BASE + overlay.serial
            now = datetime.now(UTC).replace(microsecond=0)
            properties = self._factory.properties(shape or ref.endpoint)
            write = StoredWrite(index, now, sent_changes(properties, operation, values, creating=True))
            write.overrides.update(created_state(shape or ref.endpoint, properties))
            record = self._render(ref, write, host, shape)
            sid = self._factory.sid(ref, index)
            if sid is None:
                field = self._factory.identity(ref.endpoint).field
                key = record.get(field) if field and isinstance(record, dict) else None
                sid = key if isinstance(key, str) else f"created-{overlay.serial}"
            overlay.created.append((sid, write))
            if ref.endpoint.path == KEYS_PATH:
                secret = demo_hex(self._seed, ref.region, "created-key", sid)
                self._keyring.add_key(ref.region, sid, secret)
                record["secret"] = secret
            return record

    def update(
        self,
        ref: ListRef,
        sid: str,
        values: Mapping[str, Sequence[Any]],
        host: str,
        operation: Operation | None = None,
        shape: Endpoint | None = None,
    ) -> Record | None:
        """Apply the write's parameters to a record; None when there is no such record."""
        with self._lock:
            if self.get(ref, sid, host, shape) is None:
                return None
            overlay = self._overlay(ref)
            overlay.version += 1
            properties = self._factory.properties(shape or ref.endpoint)
            changes = sent_changes(properties, operation, values, creating=False)
            stamp = date_text(properties.get("date_updated"), datetime.now(UTC).replace(microsecond=0))
            if stamp is not None:
                changes["date_updated"] = stamp
            for created_sid, write in overlay.created:
                if created_sid == sid:
                    write.overrides.update(changes)
                    return self._render(ref, write, host, shape)
            index = self._factory.index_of(ref, sid)
            if index is None:  # a record of an open set (keyed by a name): nothing to keep it under
                record = self._factory.record(ref, 0, host, sid=sid, shape=shape)
                _apply(record, changes)
                return record
            overlay.updated.setdefault(sid, StoredWrite(index, None)).overrides.update(changes)
            return self._generated(ref, overlay, index, host, shape)

    def single(self, ref: ListRef, host: str) -> Record:
        """The one object a singleton answers (`/v1/Configuration`, `Balance.json`), with its updates."""
        with self._lock:
            record = self._factory.record(ref, 0, host)
            kept = self._overlay(ref).updated.get(_SINGLE)
            if kept is not None:
                _apply(record, kept.overrides)
            return record

    def update_single(
        self, ref: ListRef, values: Mapping[str, Sequence[Any]], host: str, operation: Operation | None
    ) -> Record:
        """Apply the write's parameters to a singleton and answer it."""
        with self._lock:
            properties = self._factory.properties(ref.endpoint)
            changes = sent_changes(properties, operation, values, creating=False)
            stamp = date_text(properties.get("date_updated"), datetime.now(UTC).replace(microsecond=0))
            if stamp is not None:
                changes["date_updated"] = stamp
            self._overlay(ref).updated.setdefault(_SINGLE, StoredWrite(0, None)).overrides.update(changes)
            return self.single(ref, host)

    def delete(self, ref: ListRef, sid: str) -> bool:
        """Delete a record; False when there is no such record. Deleting an API key revokes it."""
        with self._lock:
            overlay = self._overlay(ref)
            overlay.version += 1
            found = False
            for position, (created_sid, _write) in enumerate(overlay.created):
                if created_sid == sid:
                    del overlay.created[position]
                    found = True
                    break
            if not found:
                index = self._factory.index_of(ref, sid)
                if index is None or index >= self.generated_count(ref) or _contains(overlay.deleted, index):
                    return False
                bisect.insort(overlay.deleted, index)
                overlay.updated.pop(sid, None)
            if ref.endpoint.path == KEYS_PATH:
                self._keyring.revoke_key(ref.region, sid)
            return True

    def _generated(
        self, ref: ListRef, overlay: _Overlay, index: int, host: str, shape: Endpoint | None = None
    ) -> Record:
        record = self._factory.record(ref, index, host, shape=shape)
        if overlay.updated:  # the SID is only worth making when some record of the list was changed
            sid = self._factory.sid(ref, index)
            if sid is not None and sid in overlay.updated:
                _apply(record, overlay.updated[sid].overrides)
        return record

    def _render(self, ref: ListRef, write: StoredWrite, host: str, shape: Endpoint | None = None) -> Record:
        record = self._factory.record(ref, write.index, host, when=write.when, sid=write.sid, shape=shape)
        _apply(record, write.overrides)
        return record


def _apply(record: Record, overrides: Mapping[str, Any]) -> None:
    # Only the fields the record has: an instance shows more than its list's items, never invented keys.
    record.update((name, value) for name, value in overrides.items() if name in record)


def _at(overlay: _Overlay, position: int) -> StoredWrite | int:
    """What is at `position` of a list: a created record's write (newest first), or a generated record's index."""
    created = len(overlay.created)
    if position < created:
        return overlay.created[created - 1 - position][1]
    return _nth_kept(position - created, overlay.deleted)


def _nth_kept(n: int, deleted: list[int]) -> int:
    # The n-th generated index that is not deleted: each deleted index at or before it shifts it by one.
    index = n
    for gone in deleted:
        if gone <= index:
            index += 1
        else:
            break
    return index


def _contains(sorted_values: list[int], value: int) -> bool:
    at = bisect.bisect_left(sorted_values, value)
    return at < len(sorted_values) and sorted_values[at] == value
