"""Deterministic demo records, generated lazily by index from the catalogue's published response schemas.

Record `i` of a list is a pure function of (seed, Region, endpoint, parent path values, `i`): nothing is
stored, so a list of 10,000 records costs nothing until a page of it is asked for, and the same seed gives
the same data on every run. Each Region is seeded differently, so its records (and SIDs) are its own.

Every value satisfies the property's schema (`explorer.sim.values`); where the schema only says "string",
Twilio's documented values stand in (`explorer.sim.documented`), and the record's times, durations and
formatted numbers are then made consistent with each other.

A record's SID encodes its index (`explorer.sim.sids`), so looking a SID up is a decode and a check, never a
search. Records fetched one by one are kept in a bounded LRU cache by (list, index, host, shape); list pages keep
each record's JSON bytes instead (`explorer.sim.encoded`, used by `DataStore.encoded_page`).

A new record is cheap because what all records of one list share is worked out once per list (`_Maker`): its
hash key, its SID offset, the values every record has (`Constant`s), each field's generator, and a harmonizer
compiled for its schema. A new Application costs about a quarter of what it did (~25 µs against ~100 µs,
made and encoded, on the shared 2-core test machine).
"""

from __future__ import annotations

__all__ = ["CREATED_BASE", "ListRef", "RecordFactory", "format_2010_date", "format_iso_date", "record_schema"]

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, Schema
from explorer.sim.documented import Harmonizer, documented_generator, harmonizer, rewritten_dates
from explorer.sim.field_generators import children_of, link_generator, named_generator, path_param_for
from explorer.sim.patterns import sid_prefix
from explorer.sim.record_schema import identity_prefix, record_schema
from explorer.sim.sids import CREATED_BASE, SidCodec
from explorer.sim.values import (
    Constant,
    Context,
    CreationDate,
    Generator,
    compile_value,
    fits,
    fitter,
    format_2010_date,
    format_iso_date,
)

JsonValue = Any

_EPOCH = datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)
"""The newest generated record's creation time: fixed, so output does not depend on the clock."""
_PARAM = re.compile(r"\{([^}]*)\}")
_CACHED_RECORDS = 4096
"""Generated records kept (a few MB): dozens of pages, while a 10,000-record filter scan only passes through."""
_ListKey = tuple[str, str, tuple[tuple[str, str], ...]]
_CacheKey = tuple[_ListKey, int, str, str | None]
_MAKERS_KEPT = 1024


@dataclass(frozen=True, slots=True)
class _Maker:
    """What every record of one list in one shape shares."""

    digest: Callable[[int], bytes]
    """A record's 32 bytes of randomness, by index."""
    sid: Callable[[int, bytes], str] | None
    """Its SID from its index and digest; None when the records have no SID."""
    params: Mapping[str, str]
    """The list's path parameters."""
    instance_path: str | None
    """The instance path template."""
    template: dict[str, JsonValue]
    """Every field in the schema's order, with the values all records share (the others are placeholders)."""
    variable: tuple[tuple[str, Generator], ...]
    """The generators of the fields that differ between records."""
    harmonize: Harmonizer
    """Makes a record consistent with itself."""


@dataclass(frozen=True, slots=True)
class ListRef:
    """One concrete list: a list endpoint in a Region with its path parameters filled in."""

    endpoint: Endpoint
    """The list endpoint."""
    region: str
    """The Region ID whose data this is."""
    params: tuple[tuple[str, str], ...]
    """The path parameters (`AccountSid`, `CallSid`, ...) and their values, in path order."""

    @property
    def key(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        """A hashable identity for stores and caches."""
        return (self.region, self.endpoint.id, self.params)


@dataclass(frozen=True, slots=True)
class Identity:
    """Which field identifies a list's records (the instance path's last parameter), and its SID prefix."""

    field: str | None
    """`sid` usually; `call_sid` for a queue's members (`Members/{CallSid}`); None when nothing does."""
    prefix: str | None
    """The two-letter SID prefix when the identity is a SID (`AP`); None for keys such as a country code."""


class RecordFactory:
    """Makes the records of every list in every Region, for one seed.

    Args:
        seed: the simulator's seed.
        account_sid: the demo Account SID (records' `account_sid`).
        endpoints: every endpoint of the catalogue, to find instance paths and sub-resources.
    """

    def __init__(self, seed: str, account_sid: str, endpoints: Sequence[Endpoint]) -> None:
        self._account_sid = account_sid
        self._endpoints = endpoints
        self._sids = SidCodec(seed)
        self._plans: dict[str, tuple[tuple[str, Generator], ...]] = {}
        self._schemas: dict[str, Schema] = {}
        self._by_id = {e.id: e for e in endpoints}
        self._instance_paths: dict[str, str | None] = {}
        self._identities: dict[str, Identity] = {}
        self._makers: dict[tuple[_ListKey, str | None], _Maker] = {}
        self._cache: OrderedDict[_CacheKey, dict[str, JsonValue]] = OrderedDict()
        self._cache_lock = (
            threading.Lock()
        )  # the server's thread and the app's (or a test's) share the factory

    # -- identities -------------------------------------------------------------------------------------

    def list_hash(self, ref: ListRef) -> bytes:
        """16 bytes that identify one concrete list in one Region for this seed."""
        return self._sids.list_hash(ref.key)

    def identity(self, endpoint: Endpoint) -> Identity:
        """The field that identifies the records of a list (or of an instance endpoint's records)."""
        found = self._identities.get(endpoint.id)
        if found is None:
            instance_path = self._instance_path(endpoint)
            params = _PARAM.findall(instance_path or "")
            wanted = snake_case(params[-1]) if params else None
            properties = self._properties(endpoint)
            name = wanted if wanted in properties else "sid" if "sid" in properties else None
            found = (
                Identity(name, identity_prefix(endpoint, properties[name]) or self._key_prefix(endpoint))
                if name is not None
                else Identity(None, None)
            )
            self._identities[endpoint.id] = found
        return found

    def _key_prefix(self, endpoint: Endpoint) -> str | None:
        # A record schema that gives its `sid` no pattern: the instance path's key parameter may (`^GA...`).
        instance = self._by_id.get(endpoint.instance or "") if endpoint.kind == "list" else endpoint
        if instance is None or not instance.path_params:
            return None
        key = instance.path_params[-1]
        for operation in instance.operations:
            for param in operation.params:
                if param.name == key and param.location == "path" and param.pattern:
                    return sid_prefix(param.pattern)
        return None

    def sid(self, ref: ListRef, index: int) -> str | None:
        """The SID of record `index` of a list, or None when its records are not identified by a SID."""
        prefix = self.identity(ref.endpoint).prefix
        return None if prefix is None else self._sids.sid(prefix, ref.key, index)

    def index_of(self, ref: ListRef, sid: str) -> int | None:
        """The index that `sid` encodes in this list, or None when it is not one of this list's SIDs."""
        prefix = self.identity(ref.endpoint).prefix
        return None if prefix is None else self._sids.index_of(prefix, ref.key, sid)

    # -- records ---------------------------------------------------------------------------------------

    def record(
        self,
        ref: ListRef,
        index: int,
        host: str,
        when: datetime | None = None,
        sid: str | None = None,
        shape: Endpoint | None = None,
        keep: bool = True,
    ) -> dict[str, JsonValue]:
        """Record `index` of a list, with links on `host` (the request's regional host).

        The record is the caller's to change at its top level (writes are applied that way); nested values
        (`links`, `subresource_uris`) may be shared with the cache and must be replaced, never changed.

        Args:
            ref: the list.
            index: the record's position in the generated list (newest first).
            host: the request's host, for absolute `url` and `links` values.
            when: the creation time; generated records get a fixed, seeded time.
            sid: a SID to use instead of the one the index encodes (the demo account, the demo key).
            shape: the endpoint whose schema the record follows, when not the list's (a fetched instance
                has more properties than its list's items); the values the two share are the same.
            keep: keep the record in the cache (False when the caller keeps what it makes of it: a list
                page keeps the record's JSON bytes).
        """
        if when is not None or sid is not None or not keep:
            return self._make(ref, index, host, when, sid, shape)
        key = (ref.key, index, host, shape.id if shape is not None else None)
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return dict(cached)
        made = self._make(ref, index, host, None, None, shape)
        with self._cache_lock:
            self._cache[key] = made
            if len(self._cache) > _CACHED_RECORDS:
                self._cache.popitem(last=False)
        return dict(made)

    def _make(
        self,
        ref: ListRef,
        index: int,
        host: str,
        when: datetime | None,
        sid: str | None,
        shape: Endpoint | None,
    ) -> dict[str, JsonValue]:
        maker = self._makers.get((ref.key, shape.id if shape is not None else None))
        if maker is None:
            maker = self._maker(ref, shape)
        digest = maker.digest(index)
        entropy = int.from_bytes(digest[10:18], "big")
        if sid is None and maker.sid is not None:
            sid = maker.sid(index, digest)
        if when is None:
            when = _EPOCH - timedelta(seconds=min(index, 1_000_000) * 7200 + entropy % 3600)
        context = Context(ref.region, index, entropy, sid, when, maker.params, host, maker.instance_path)
        record = maker.template.copy()
        for name, generate in maker.variable:
            record[name] = generate(context)
        maker.harmonize(record, context, _EPOCH)
        return record

    def _maker(self, ref: ListRef, shape: Endpoint | None) -> _Maker:
        # What every record of one list (in one shape) shares, worked out once instead of once per record.
        endpoint = shape or ref.endpoint
        prefix = self.identity(ref.endpoint).prefix
        properties = self._properties(endpoint)
        rewritten = rewritten_dates(properties)
        # The record starts as a copy of the values every record of the list shares, in the schema's order;
        # only the rest is generated. A creation date the harmonizer writes anyway starts as any text.
        template: dict[str, JsonValue] = {}
        variable: list[tuple[str, Generator]] = []
        for name, generate in self._plan(endpoint):
            if isinstance(generate, Constant):
                template[name] = generate.value
            elif isinstance(generate, CreationDate) and name in rewritten:
                template[name] = ""
            else:
                template[name] = None
                variable.append((name, generate))
        maker = _Maker(
            digest=self._sids.digester(ref.key),
            sid=None if prefix is None else self._sids.writer(prefix, ref.key),
            params=dict(ref.params),  # read, never changed, by the generators
            instance_path=self._instance_path(ref.endpoint),
            template=template,
            variable=tuple(variable),
            harmonize=harmonizer(properties, endpoint),
        )
        if len(self._makers) >= _MAKERS_KEPT:  # parent SIDs in paths are user input: stay bounded
            self._makers.clear()
        self._makers[(ref.key, shape.id if shape is not None else None)] = maker
        return maker

    def scalar(self, ref: ListRef, index: int) -> JsonValue | None:
        """Item `index` of a list whose items are not objects (a list of names), or None for a list of records."""
        schema = self._record_schema(ref.endpoint)
        if schema.get("type") in (None, "object") or "properties" in schema:
            return None
        digest = self._sids.digest(ref.key, index)
        context = Context(ref.region, index, int.from_bytes(digest[10:18], "big"), None, _EPOCH, {}, "", None)
        return compile_value(schema, ref.endpoint.name)(context)

    def _record_schema(self, endpoint: Endpoint) -> Schema:
        schema = self._schemas.get(endpoint.id)
        if schema is None:
            schema = self._schemas[endpoint.id] = record_schema(endpoint)
        return schema

    def properties(self, endpoint: Endpoint) -> Mapping[str, Schema]:
        """The properties of one record of `endpoint` (its schema's, flattened)."""
        return self._properties(endpoint)

    def _properties(self, endpoint: Endpoint) -> Mapping[str, Schema]:
        properties = self._record_schema(endpoint).get("properties")
        return properties if isinstance(properties, Mapping) else {}

    def _instance_path(self, endpoint: Endpoint) -> str | None:
        if endpoint.id not in self._instance_paths:
            self._instance_paths[endpoint.id] = self._find_instance_path(endpoint)
        return self._instance_paths[endpoint.id]

    def _find_instance_path(self, endpoint: Endpoint) -> str | None:
        if endpoint.kind == "instance":
            return endpoint.path
        if endpoint.instance and endpoint.instance in self._by_id:
            return self._by_id[endpoint.instance].path
        return None

    def _plan(self, endpoint: Endpoint) -> tuple[tuple[str, Generator], ...]:
        plan = self._plans.get(endpoint.id)
        if plan is None:
            plan = tuple(
                (name, self._identity_or_value(endpoint, name, schema))
                for name, schema in self._properties(endpoint).items()
            )
            self._plans[endpoint.id] = plan
        return plan

    def _identity_or_value(self, endpoint: Endpoint, name: str, schema: Schema) -> Generator:
        value = self._generator(endpoint, name, schema)
        if name != self.identity(endpoint).field:
            return value
        param = path_param_for(endpoint, name)
        # The identity is the key a lookup asked for (`/v2/PhoneNumbers/{PhoneNumber}`), else the encoded
        # SID (also when an instance shapes a record of its list, whose path does not hold the key).
        key, as_int = param or "", schema.get("type") == "integer"
        fit = fitter(schema)

        def identity(c: Context) -> JsonValue:
            if key in c.params:
                given = c.params[key]
                if as_int:
                    return int(given) if given.isdigit() else value(c)
                return given if fit is None or fit(given) else value(c)
            if as_int and c.sid is not None:
                return int(c.sid) if c.sid.isdigit() else value(c)
            return c.sid if c.sid is not None else value(c)

        return identity

    def accepts_key(self, endpoint: Endpoint, key: str) -> bool:
        """Whether `key` can name a record of `endpoint` at all (its identity field's pattern and type)."""
        field = self.identity(endpoint).field
        schema = self._properties(endpoint).get(field or "")
        if schema is None:
            return True
        if schema.get("type") == "integer":
            return key.isdigit()
        return fits(schema, key)

    def _generator(self, endpoint: Endpoint, name: str, schema: Schema) -> Generator:
        param = path_param_for(endpoint, name)
        if name == "account_sid":
            account = self._account_sid
            return Constant(account)
        generic = compile_value(schema, name)
        if param is not None:
            # The parent's key from the path, as the record would show it; unless it cannot be this field
            # (a parent's `{id}` beside the record's own `id` of another kind).
            as_int = schema.get("type") == "integer"
            fit = fitter(schema)

            def echo(c: Context) -> JsonValue:
                value = c.params.get(param)
                if as_int:
                    return int(value) if value is not None and value.isdigit() else generic(c)
                return value if value is not None and (fit is None or fit(value)) else generic(c)

            return echo
        kinds = schema.get("type")
        if (name in ("uri", "url") and kinds == "string") or (
            name in ("subresource_uris", "links") and kinds == "object"
        ):
            special: Generator | None = link_generator(
                name, children_of(self._instance_path(endpoint), self._endpoints)
            )
        else:
            special = documented_generator(endpoint, name, schema) or named_generator(endpoint, name, schema)
        if special is None:
            return generic
        chosen, fits_schema = special, fitter(schema)
        if fits_schema is None:
            return chosen  # the schema accepts any string
        if isinstance(chosen, Constant):
            return chosen if fits_schema(chosen.value) else generic
        # Twilio's documented value, or a friendlier one, as long as the schema accepts it.
        return lambda c: value if fits_schema(value := chosen(c)) else generic(c)
