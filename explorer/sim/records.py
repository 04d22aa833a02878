"""Deterministic demo records, generated lazily by index from the catalogue's published response schemas.

Record `i` of a list is a pure function of (seed, Region, endpoint, parent path values, `i`): nothing is
stored, so a list of 10,000 records costs nothing until a page of it is asked for, and the same seed gives
the same data on every run. Each Region is seeded differently, so its records (and SIDs) are its own.

Every value satisfies the property's schema (`explorer.sim.values`); where the schema only says "string",
Twilio's documented values stand in (`explorer.sim.documented`), and the record's times, durations and
formatted numbers are then made consistent with each other.

A record's SID encodes its index: the last 12 hex digits are the index scrambled by an invertible map, the
first 20 are a hash of the list and the index. Looking a SID up is therefore a decode and a check, never a search.
"""

from __future__ import annotations

__all__ = ["CREATED_BASE", "ListRef", "RecordFactory", "format_2010_date", "format_iso_date", "record_schema"]

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from explorer.catalog.naming import normalize_template, snake_case
from explorer.core.endpoint import Endpoint, Field, Schema
from explorer.sim.documented import documented_generator, harmonize
from explorer.sim.patterns import sample, sid_prefix
from explorer.sim.values import (
    Context,
    Generator,
    compile_value,
    fits,
    format_2010_date,
    format_iso_date,
    mix,
    phone_number,
    salt_of,
)

JsonValue = Any

CREATED_BASE = 1 << 40
"""Indexes from here on belong to records created through the API, never to generated ones."""

_MODULUS = 1 << 48
_SCRAMBLE = 0x9E3779B97F4B  # odd, so the map index -> index * _SCRAMBLE mod 2**48 is invertible
_UNSCRAMBLE = pow(_SCRAMBLE, -1, _MODULUS)
_EPOCH = datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)
"""The newest generated record's creation time: fixed, so output does not depend on the clock."""
_PARAM = re.compile(r"\{([^}]*)\}")


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


def _field_schema(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": field.type} if field.type != "any" else {}
    for key, value in (("format", field.format), ("pattern", field.pattern)):
        if value:
            schema[key] = value
    if field.enum:
        target = (
            schema.setdefault("items", {"type": field.items_type or "string"})
            if field.type == "array"
            else schema
        )
        target["enum"] = list(field.enum)
    if field.nullable:
        schema["nullable"] = True
    return schema


def _flatten(schema: Schema) -> Schema:
    # One object schema with every property a record needs: `allOf` parts merged, and of `oneOf`/`anyOf`
    # the first option merged over the shared properties (a record is one of the shapes, the first will do).
    parts = [schema, *(schema.get("allOf") or ())]
    options = schema.get("oneOf") or schema.get("anyOf")
    if options:
        parts.append(_flatten(options[0]))
        chosen = _discriminated(schema, 0)
        if chosen is not None:
            parts.append(chosen)
    if len(parts) == 1:
        return schema
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in parts:
        properties.update(part.get("properties") or {})
        required.extend(r for r in part.get("required") or () if r not in required)
    flat = {k: v for k, v in schema.items() if k not in ("allOf", "oneOf", "anyOf")}
    flat.update({"type": "object", "properties": properties, "required": required})
    return flat


def _discriminated(schema: Schema, option: int) -> Schema | None:
    # With a discriminator, the property that names the option must name the one chosen.
    found = schema.get("discriminator")
    if not isinstance(found, Mapping):
        return None
    values = [value for value, index in (found.get("mapping") or {}).items() if index == option]
    name = found.get("propertyName")
    if not values or not name:
        return None
    return {"properties": {name: {"type": "string", "enum": values[:1]}}}


def record_schema(endpoint: Endpoint) -> Schema:
    """The schema of one record of `endpoint`: a list's items, or the response itself for anything else.

    Endpoints whose description gives no response schema get one made from their fields.
    """
    response = endpoint.response
    if response is not None:
        if endpoint.envelope is not None and endpoint.list_key:
            items = (response.get("properties") or {}).get(endpoint.list_key, {}).get("items")
            if isinstance(items, Mapping):
                return _flatten(items)
        else:
            return _flatten(response)
    return {"type": "object", "properties": {f.name: _field_schema(f) for f in endpoint.fields}}


def _identity_prefix(endpoint: Endpoint, schema: Schema) -> str | None:
    pattern = schema.get("pattern")
    if not isinstance(pattern, str):
        return None
    literal = sid_prefix(pattern)
    if literal is not None:
        return literal
    if re.fullmatch(r"\^?\[a-zA-Z\]\{2\}\[0-9a-fA-F\]\{32\}\$?", pattern):
        # A SID whose prefix the description leaves open: a stable pair of letters for this resource.
        made = sample(pattern, salt_of(endpoint.id))
        return made[:2] if made else None
    return None


def _singular(name: str) -> str:
    words = name.replace("_", " ").replace("-", " ").strip()
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith(("sses", "xes")):
        return words[:-2]
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words


class RecordFactory:
    """Makes the records of every list in every Region, for one seed.

    Args:
        seed: the simulator's seed.
        account_sid: the demo Account SID (records' `account_sid`).
        endpoints: every endpoint of the catalogue, to find instance paths and sub-resources.
    """

    def __init__(self, seed: str, account_sid: str, endpoints: Sequence[Endpoint]) -> None:
        self._seed = seed
        self._account_sid = account_sid
        self._endpoints = endpoints
        self._plans: dict[str, tuple[tuple[str, Generator], ...]] = {}
        self._schemas: dict[str, Schema] = {}
        self._list_hashes: dict[tuple[str, str, tuple[tuple[str, str], ...]], bytes] = {}
        self._by_id = {e.id: e for e in endpoints}
        self._instance_paths: dict[str, str | None] = {}
        self._identities: dict[str, Identity] = {}

    # -- identities -------------------------------------------------------------------------------------

    def list_hash(self, ref: ListRef) -> bytes:
        """16 bytes that identify one concrete list in one Region for this seed."""
        key = ref.key
        cached = self._list_hashes.get(key)
        if cached is None:
            text = "\x1f".join(
                (self._seed, ref.region, ref.endpoint.id, *(f"{k}={v}" for k, v in ref.params))
            )
            cached = hashlib.blake2b(text.encode(), digest_size=16).digest()
            if len(self._list_hashes) < 100_000:  # bounded: paths are user input
                self._list_hashes[key] = cached
        return cached

    def _digest(self, ref: ListRef, index: int) -> bytes:
        return hashlib.blake2b(index.to_bytes(8, "big"), digest_size=32, key=self.list_hash(ref)).digest()

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
                Identity(name, _identity_prefix(endpoint, properties[name]) or self._key_prefix(endpoint))
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
        if prefix is None:
            return None
        return self._make_sid(prefix, ref, index, self._digest(ref, index))

    def _make_sid(self, prefix: str, ref: ListRef, index: int, digest: bytes) -> str:
        # The index, scrambled by an invertible affine map modulo 2**48 so SIDs look random.
        offset = int.from_bytes(self.list_hash(ref)[:6], "big")
        return prefix + digest[:10].hex() + f"{(index * _SCRAMBLE + offset) % _MODULUS:012x}"

    def index_of(self, ref: ListRef, sid: str) -> int | None:
        """The index that `sid` encodes in this list, or None when it is not one of this list's SIDs."""
        if len(sid) != 34:
            return None
        try:
            scrambled = int(sid[22:], 16)
        except ValueError:
            return None
        offset = int.from_bytes(self.list_hash(ref)[:6], "big")
        index = ((scrambled - offset) * _UNSCRAMBLE) % _MODULUS
        return index if self.sid(ref, index) == sid else None

    # -- records ---------------------------------------------------------------------------------------

    def record(
        self,
        ref: ListRef,
        index: int,
        host: str,
        when: datetime | None = None,
        sid: str | None = None,
        shape: Endpoint | None = None,
    ) -> dict[str, JsonValue]:
        """Record `index` of a list, with links on `host` (the request's regional host).

        Args:
            ref: the list.
            index: the record's position in the generated list (newest first).
            host: the request's host, for absolute `url` and `links` values.
            when: the creation time; generated records get a fixed, seeded time.
            sid: a SID to use instead of the one the index encodes (the demo account, the demo key).
            shape: the endpoint whose schema the record follows, when not the list's (a fetched instance
                has more properties than its list's items); the values the two share are the same.
        """
        digest = self._digest(ref, index)
        entropy = int.from_bytes(digest[10:18], "big")
        if sid is None:
            prefix = self.identity(ref.endpoint).prefix
            sid = None if prefix is None else self._make_sid(prefix, ref, index, digest)
        if when is None:
            when = _EPOCH - timedelta(seconds=min(index, 1_000_000) * 7200 + entropy % 3600)
        params = dict(ref.params)
        instance_path = self._instance_path(ref.endpoint)
        context = Context(ref.region, index, entropy, sid, when, params, host, instance_path)
        endpoint = shape or ref.endpoint
        record = {name: generate(context) for name, generate in self._plan(endpoint)}
        harmonize(record, self._properties(endpoint), endpoint, context, _EPOCH)
        return record

    def scalar(self, ref: ListRef, index: int) -> JsonValue | None:
        """Item `index` of a list whose items are not objects (a list of names), or None for a list of records."""
        schema = self._record_schema(ref.endpoint)
        if schema.get("type") in (None, "object") or "properties" in schema:
            return None
        digest = self._digest(ref, index)
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
        param = _path_param_for(endpoint, name)
        # The identity is the key a lookup asked for (`/v2/PhoneNumbers/{PhoneNumber}`), else the encoded
        # SID (also when an instance shapes a record of its list, whose path does not hold the key).
        key, as_int = param or "", schema.get("type") == "integer"

        def identity(c: Context) -> JsonValue:
            if key in c.params:
                given = c.params[key]
                if as_int:
                    return int(given) if given.isdigit() else value(c)
                return given if fits(schema, given) else value(c)
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
        param = _path_param_for(endpoint, name)
        if name == "account_sid":
            account = self._account_sid
            return lambda c: account
        generic = compile_value(schema, name)
        if param is not None:
            # The parent's key from the path, as the record would show it; unless it cannot be this field
            # (a parent's `{id}` beside the record's own `id` of another kind).
            as_int = schema.get("type") == "integer"

            def echo(c: Context) -> JsonValue:
                value = c.params.get(param)
                if as_int:
                    return int(value) if value is not None and value.isdigit() else generic(c)
                return value if value is not None and fits(schema, value) else generic(c)

            return echo
        kinds = schema.get("type")
        if (name in ("uri", "url") and kinds == "string") or (
            name in ("subresource_uris", "links") and kinds == "object"
        ):
            special: Generator | None = self._link_generator(endpoint, name, endpoint.version == "2010-04-01")
        else:
            special = documented_generator(endpoint, name, schema) or _named_generator(endpoint, name, schema)
        if special is None:
            return generic
        chosen = special
        # Twilio's documented value, or a friendlier one, as long as the schema accepts it.
        return lambda c: value if fits(schema, value := chosen(c)) else generic(c)

    def _link_generator(self, endpoint: Endpoint, name: str, is_2010: bool) -> Generator:
        children = self._children_of(endpoint)
        absolute = name in ("url", "links")

        def own_path(c: Context) -> str | None:
            if c.instance_path is None:
                return None
            text = c.instance_path
            for key, value in c.params.items():
                text = text.replace("{" + key + "}", value)
            # What is left is the record's own SID, the template's last parameter.
            if c.sid is not None and "{" in text:
                start = text.rindex("{")
                text = text[:start] + c.sid + text[text.index("}", start) + 1 :]
            return text

        def render(path: str, c: Context) -> str:
            return f"https://{c.host}{path}" if absolute else path

        if name in ("uri", "url"):
            return lambda c: render(own, c) if (own := own_path(c)) is not None else None

        def links(c: Context) -> dict[str, str]:
            own = own_path(c)
            if own is None:
                return {}
            stem = own.removesuffix(".json")
            return {child: render(f"{stem}/{rest}", c) for child, rest in children}

        return links

    def _children_of(self, endpoint: Endpoint) -> tuple[tuple[str, str], ...]:
        # The list endpoints directly under the instance: `Calls/{Sid}.json` -> ("recordings", "Recordings.json").
        instance_path = self._instance_path(endpoint)
        if instance_path is None:
            return ()
        stem = normalize_template(instance_path.removesuffix(".json")) + "/"
        found: list[tuple[str, str]] = []
        for candidate in self._endpoints:
            path = normalize_template(candidate.path)
            rest = path[len(stem) :] if path.startswith(stem) else ""
            if candidate.kind == "list" and rest and "/" not in rest and "{" not in rest:
                found.append((snake_case(rest.removesuffix(".json")), rest))
        return tuple(found)


def _path_param_for(endpoint: Endpoint, field_name: str) -> str | None:
    # `call_sid` on Calls/{CallSid}/Recordings is the parent's SID; `phone_number` on /PhoneNumbers/{PhoneNumber}
    # echoes the path. The record's own SID (the last parameter of an instance path) is handled as `sid`.
    for param in endpoint.path_params:
        if snake_case(param) == field_name:
            return param
    return None


def _named_generator(endpoint: Endpoint, name: str, schema: Schema) -> Generator | None:
    """Friendlier text for well-known names the schema leaves free (`friendly_name`, `to`, `from`)."""
    if schema.get("type") != "string" or schema.get("enum") or schema.get("pattern"):
        return None
    salt = salt_of(name)
    if name in ("to", "from", "phone_number", "caller_id") or schema.get("format") == "phone-number":
        return lambda c: phone_number(c.region, mix(c.entropy, salt))
    if name == "auth_token":
        # Never a working credential: the Region's real demo token is only in the env file.
        return lambda c: f"{mix(c.entropy, salt):016x}{mix(c.entropy, ~salt):016x}"[:32]
    if schema.get("format"):
        return None
    noun = _singular(endpoint.name)
    if name == "friendly_name":
        return lambda c: f"{c.region.upper()} {noun} {c.index + 1}".strip()
    if name == "unique_name":
        slug = noun.replace(" ", "-")
        return lambda c: f"{c.region}-{slug}-{c.index + 1}"
    if name == "api_version":
        return lambda c: "2010-04-01"
    if name == "status":
        return lambda c: "active"
    if name == "attributes":
        return lambda c: "{}"
    return None
