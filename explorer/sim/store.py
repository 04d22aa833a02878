"""Each Region's data: the generated records plus the writes made through the API, kept in memory.

A list is its created records (newest first) followed by its generated records, minus deletions, with
updates applied. Writes live as small overlays keyed by (Region, endpoint, parent values), so Regions never
see each other's writes, and a list of 10,000 generated records stays free until a page is read.
"""

from __future__ import annotations

__all__ = ["WRITABLE_LISTS", "DataStore", "StoredWrite"]

import bisect
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Field
from explorer.sim.auth import KeyRing, RegionCredentials, demo_hex
from explorer.sim.records import CREATED_BASE, ListRef, RecordFactory, format_2010_date

_ACCOUNT_ROOT = "/2010-04-01/Accounts/{AccountSid}/"
KEYS_PATH = _ACCOUNT_ROOT + "Keys.json"
APPLICATIONS_PATH = _ACCOUNT_ROOT + "Applications.json"
WRITABLE_LISTS: frozenset[str] = frozenset({KEYS_PATH, APPLICATIONS_PATH})
"""The list paths that accept create, update and delete (the issue's Applications and 2010 API Keys)."""

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

    def total(self, ref: ListRef) -> int:
        """The number of records the list holds now."""
        with self._lock:
            overlay = self._overlay(ref)
            return len(overlay.created) + self.generated_count(ref) - len(overlay.deleted)

    def page(self, ref: ListRef, offset: int, limit: int, host: str) -> list[Record]:
        """The records at positions [offset, offset + limit) of the list."""
        with self._lock:
            overlay = self._overlay(ref)
            total = len(overlay.created) + self.generated_count(ref) - len(overlay.deleted)
            end = min(total, offset + limit)
            out: list[Record] = []
            created = len(overlay.created)
            for position in range(max(0, offset), end):
                if position < created:
                    _sid, write = overlay.created[created - 1 - position]
                    out.append(self._render(ref, write, host))
                else:
                    index = _nth_kept(position - created, overlay.deleted)
                    out.append(self._generated(ref, overlay, index, host))
            return out

    def get(self, ref: ListRef, sid: str, host: str) -> Record | None:
        """The record with this SID in the list, or None."""
        with self._lock:
            overlay = self._overlay(ref)
            for created_sid, write in overlay.created:
                if created_sid == sid:
                    return self._render(ref, write, host)
            if self._factory.identity(ref.endpoint).prefix is None:
                # Records keyed by a country code, a date or a name: the set is open, so any key answers.
                return self._factory.record(ref, 0, host, sid=sid)
            index = self._factory.index_of(ref, sid)
            if index is None or index >= self.generated_count(ref) or _contains(overlay.deleted, index):
                return None
            return self._generated(ref, overlay, index, host)

    def create(self, ref: ListRef, form: Mapping[str, str], host: str) -> Record:
        """Create a record from form parameters; for API keys, the response alone carries the secret."""
        with self._lock:
            overlay = self._overlay(ref)
            overlay.serial += 1
            index = CREATED_BASE + overlay.serial
            sid = self._factory.sid(ref, index) or f"created-{overlay.serial}"
            now = datetime.now(UTC).replace(microsecond=0)
            write = StoredWrite(index, now, _overrides(ref.endpoint.fields, form))
            overlay.created.append((sid, write))
            record = self._render(ref, write, host)
            if ref.endpoint.path == KEYS_PATH:
                secret = demo_hex(self._seed, ref.region, "created-key", sid)
                self._keyring.add_key(ref.region, sid, secret)
                record["secret"] = secret
            return record

    def update(self, ref: ListRef, sid: str, form: Mapping[str, str], host: str) -> Record | None:
        """Apply form parameters to a record; None when there is no such record."""
        with self._lock:
            if self.get(ref, sid, host) is None:
                return None
            overlay = self._overlay(ref)
            changes = _overrides(ref.endpoint.fields, form)
            if any(f.name == "date_updated" for f in ref.endpoint.fields):
                changes["date_updated"] = format_2010_date(datetime.now(UTC))
            for created_sid, write in overlay.created:
                if created_sid == sid:
                    write.overrides.update(changes)
                    return self._render(ref, write, host)
            index = self._factory.index_of(ref, sid)
            assert index is not None  # get() found it
            overlay.updated.setdefault(sid, StoredWrite(index, None)).overrides.update(changes)
            return self._generated(ref, overlay, index, host)

    def delete(self, ref: ListRef, sid: str) -> bool:
        """Delete a record; False when there is no such record. Deleting an API key revokes it."""
        with self._lock:
            overlay = self._overlay(ref)
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

    def _generated(self, ref: ListRef, overlay: _Overlay, index: int, host: str) -> Record:
        record = self._factory.record(ref, index, host)
        sid = record.get("sid")
        if isinstance(sid, str) and sid in overlay.updated:
            record.update(overlay.updated[sid].overrides)
        return record

    def _render(self, ref: ListRef, write: StoredWrite, host: str) -> Record:
        record = self._factory.record(ref, write.index, host, when=write.when, sid=write.sid)
        record.update(write.overrides)
        return record


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


def _overrides(fields: tuple[Field, ...], form: Mapping[str, str]) -> dict[str, Any]:
    # Form parameters are the fields' CamelCase names (FriendlyName -> friendly_name); unknown ones are ignored,
    # as Twilio ignores parameters it does not know.
    by_name = {f.name: f for f in fields}
    changes: dict[str, Any] = {}
    for name, value in form.items():
        target = by_name.get(snake_case(name))
        if target is None or target.name in ("sid", "account_sid"):
            continue
        if target.type == "boolean":
            changes[target.name] = value.strip().lower() == "true"
        elif target.type == "integer" and value.strip().lstrip("-").isdigit():
            changes[target.name] = int(value)
        else:
            changes[target.name] = value
    return changes
