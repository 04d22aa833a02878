"""Deterministic demo records, generated lazily by index from the catalogue's field descriptions.

Record `i` of a list is a pure function of (seed, Region, endpoint, parent path values, `i`): nothing is
stored, so a list of 10,000 records costs nothing until a page of it is asked for, and the same seed gives
the same data on every run. Each Region is seeded differently, so its records (and SIDs) are its own.

A record's SID encodes its index: the last 12 hex digits are the index scrambled by an invertible map, the
first 20 are a hash of the list and the index. Looking a SID up is therefore a decode and a check, never a search.
"""

from __future__ import annotations

__all__ = ["CREATED_BASE", "ListRef", "RecordFactory", "format_2010_date", "format_iso_date"]

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from explorer.catalog.naming import normalize_template, snake_case
from explorer.core.endpoint import Endpoint, Field

JsonValue = Any

CREATED_BASE = 1 << 40
"""Indexes from here on belong to records created through the API, never to generated ones."""

_MODULUS = 1 << 48
_SCRAMBLE = 0x9E3779B97F4B  # odd, so the map index -> index * _SCRAMBLE mod 2**48 is invertible
_UNSCRAMBLE = pow(_SCRAMBLE, -1, _MODULUS)
_EPOCH = datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC)
"""The newest generated record's creation time: fixed, so output does not depend on the clock."""
_PARAM = re.compile(r"\{([^}]*)\}")
_SID_PATTERN = re.compile(r"^\^?\(?([A-Z]{2})")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Numbers from ranges reserved for fiction or obviously unassigned, so demo data never names a real line.
_COUNTRY = {"us1": "US", "ie1": "IE", "au1": "AU"}
_PHONE_PREFIX = {"us1": "+1555010", "ie1": "+35320910", "au1": "+61491570"}


def format_2010_date(moment: datetime) -> str:
    """The 2010 API's RFC 2822 date: `Mon, 01 Jun 2026 12:00:00 +0000` (locale-independent)."""
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} {moment.year} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} +0000"
    )


def format_iso_date(moment: datetime) -> str:
    """The v1+ APIs' ISO 8601 date: `2026-06-01T12:00:00Z`."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


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


class _Context:
    """What a field generator may read about the record being made."""

    __slots__ = ("entropy", "host", "index", "instance_path", "params", "region", "sid", "when")

    def __init__(
        self,
        region: str,
        index: int,
        entropy: int,
        sid: str | None,
        when: datetime,
        params: Mapping[str, str],
        host: str,
        instance_path: str | None,
    ) -> None:
        self.region = region
        self.index = index
        self.entropy = entropy
        self.sid = sid
        self.when = when
        self.params = params
        self.host = host
        self.instance_path = instance_path


_Generator = Callable[[_Context], JsonValue]


@dataclass(frozen=True, slots=True)
class Identity:
    """Which field identifies a list's records (the instance path's last parameter), and its SID prefix."""

    field: str | None
    """`sid` usually; `call_sid` for a queue's members (`Members/{CallSid}`); None when nothing does."""
    prefix: str | None
    """The two-letter SID prefix when the identity is a SID (`AP`); None for keys such as a country code."""


def _sid_prefix_of(field: Field) -> str | None:
    match = _SID_PATTERN.match(field.pattern) if field.pattern else None
    return match.group(1) if match else None


def _singular(name: str) -> str:
    words = name.replace("_", " ").replace("-", " ").strip()
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith(("sses", "xes")):
        return words[:-2]
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words


def _mix(entropy: int, salt: int) -> int:
    # A cheap 61-bit mix, so each field draws different digits from the record's one hash.
    return (((entropy ^ salt) * 0x9E3779B97F4A7C15) >> 29) & 0xFFFFFFFFFFFFFFFF


def _salt(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")


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
        self._plans: dict[str, tuple[tuple[str, _Generator], ...]] = {}
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
            fields = {f.name: f for f in endpoint.fields}
            chosen = fields.get(wanted or "") or fields.get("sid")
            found = Identity(chosen.name, _sid_prefix_of(chosen)) if chosen else Identity(None, None)
            self._identities[endpoint.id] = found
        return found

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
        self, ref: ListRef, index: int, host: str, when: datetime | None = None, sid: str | None = None
    ) -> dict[str, JsonValue]:
        """Record `index` of a list, with links on `host` (the request's regional host).

        Args:
            ref: the list.
            index: the record's position in the generated list (newest first).
            host: the request's host, for absolute `url` and `links` values.
            when: the creation time; generated records get a fixed, seeded time.
            sid: a SID to use instead of the one the index encodes (the demo account, the demo key).
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
        context = _Context(ref.region, index, entropy, sid, when, params, host, instance_path)
        return {name: generate(context) for name, generate in self._plan(ref.endpoint)}

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

    def _plan(self, endpoint: Endpoint) -> tuple[tuple[str, _Generator], ...]:
        plan = self._plans.get(endpoint.id)
        if plan is None:
            plan = tuple((field.name, self._identity_or_value(endpoint, field)) for field in endpoint.fields)
            self._plans[endpoint.id] = plan
        return plan

    def _identity_or_value(self, endpoint: Endpoint, field: Field) -> _Generator:
        value = self._generator(endpoint, field)
        if field.name != self.identity(endpoint).field or _path_param_for(endpoint, field.name) is not None:
            return value
        # The identity is the encoded SID (or the key a lookup asked for); otherwise an ordinary value.
        return lambda c: c.sid if c.sid is not None else value(c)

    def _generator(self, endpoint: Endpoint, field: Field) -> _Generator:
        name, salt = field.name, _salt(field.name)
        is_2010 = endpoint.version == "2010-04-01"
        param = _path_param_for(endpoint, name)
        if name == "account_sid":
            account = self._account_sid
            return lambda c: account
        if param is not None:
            return lambda c: c.params.get(param)
        if field.enum:
            options = field.enum
            return lambda c: options[_mix(c.entropy, salt) % len(options)]
        if (other_prefix := _sid_prefix_of(field)) is not None:
            return lambda c: other_prefix + f"{_mix(c.entropy, salt):016x}{_mix(c.entropy, ~salt):016x}"[:32]
        if name in ("uri", "url") or name == "subresource_uris" or name == "links":
            return self._link_generator(endpoint, name, is_2010)
        fmt = field.format or ""
        if fmt.startswith("date-time") or name.startswith("date_"):
            as_text = (
                format_2010_date
                if (fmt == "date-time-rfc-2822" or (not fmt and is_2010))
                else format_iso_date
            )
            if name == "date_created":
                return lambda c: as_text(c.when)
            return lambda c: as_text(c.when + timedelta(seconds=_mix(c.entropy, salt) % 5400))
        if fmt == "date":
            return lambda c: c.when.strftime("%Y-%m-%d")
        if name == "auth_token":
            # Never a working credential: the Region's real demo token is only in the env file.
            return lambda c: f"{_mix(c.entropy, salt):016x}{_mix(c.entropy, ~salt):016x}"[:32]
        if fmt == "iso-country-code" or name in ("iso_country", "country_code"):
            return lambda c: _COUNTRY.get(c.region, "US")
        if fmt == "phone-number-capabilities":
            return lambda c: {
                "voice": True,
                "sms": bool(_mix(c.entropy, salt) & 1),
                "mms": False,
                "fax": False,
            }
        if field.type == "boolean":
            return lambda c: bool(_mix(c.entropy, salt) & 1)
        if field.type == "integer":
            return lambda c: _mix(c.entropy, salt) % 600
        if field.type == "number":
            return lambda c: round((_mix(c.entropy, salt) % 100_000) / 1000, 3)
        if field.type == "array":
            return lambda c: []
        if field.type in ("object", "any"):
            return lambda c: {} if field.type == "object" else None
        if fmt == "phone-number" or name in ("phone_number", "to", "from", "caller_id"):
            return _phone_generator(salt)
        if fmt == "uri" or name.endswith(("_url", "_uri")):
            return lambda c: f"https://demo.example.com/{name.removesuffix('_url').replace('_', '-')}"
        if fmt == "currency" or name == "currency" or name.endswith("_unit"):
            return lambda c: "USD"
        return _text_generator(endpoint, name, salt, is_2010)

    def _link_generator(self, endpoint: Endpoint, name: str, is_2010: bool) -> _Generator:
        children = self._children_of(endpoint)
        absolute = name in ("url", "links")

        def own_path(c: _Context) -> str | None:
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

        def render(path: str, c: _Context) -> str:
            return f"https://{c.host}{path}" if absolute else path

        if name in ("uri", "url"):
            return lambda c: render(own, c) if (own := own_path(c)) is not None else None

        def links(c: _Context) -> dict[str, str]:
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


def _phone_generator(salt: int) -> _Generator:
    def phone(c: _Context) -> str:
        prefix = _PHONE_PREFIX.get(c.region, "+1555010")
        digits = 12 - len(prefix) + 1
        return prefix + f"{_mix(c.entropy, salt) % 10**digits:0{digits}d}"

    return phone


def _text_generator(endpoint: Endpoint, name: str, salt: int, is_2010: bool) -> _Generator:
    noun = _singular(endpoint.name)
    if name == "friendly_name":
        return lambda c: f"{c.region.upper()} {noun} {c.index + 1}".strip()
    if name == "unique_name":
        slug = noun.replace(" ", "-")
        return lambda c: f"{c.region}-{slug}-{c.index + 1}"
    if name == "api_version":
        return lambda c: "2010-04-01"
    if name == "email":
        return lambda c: f"demo{c.index + 1}@example.com"
    if name == "status":
        return lambda c: "active"
    if name == "attributes":
        return lambda c: "{}"
    if name.startswith("price"):
        return lambda c: f"-{_mix(c.entropy, salt) % 1000 / 100_000:.5f}"
    return lambda c: f"{name}-{_mix(c.entropy, salt) % 16**8:08x}"
