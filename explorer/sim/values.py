"""Values that satisfy a published response schema, made deterministically from a record's entropy.

`compile_value(schema, name)` turns one schema node into a generator once; a record then costs one call per
field. What the generator honours, in this order:

- `enum` (for arrays: the items' `enum`), then `pattern` (see `explorer.sim.patterns`), then `format`
  (`date-time`, `date-time-rfc-2822`, `date`, `uri`, `uuid`, `email`, `phone-number`, `currency`,
  `iso-country-code`, `http-method`), then the property's name (`*_url`, `email`, `phone_number`...);
- `minLength`/`maxLength`, `minimum`/`maximum` (and their exclusive forms);
- `type` at every depth: objects get every declared property (so `required` holds at every depth), arrays
  get items of their `items` schema, `oneOf`/`anyOf` take their first option, `allOf` merges.

A string the rules cannot make fit (a pattern this module cannot read, with lengths) falls back to plain text;
the schema test shows any such place.
"""

from __future__ import annotations

__all__ = [
    "Constant",
    "Context",
    "CreationDate",
    "Generator",
    "compile_value",
    "fits",
    "fitter",
    "format_2010_date",
    "format_iso_date",
    "mix",
    "phone_number",
    "salt_of",
]

import functools
import hashlib
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from explorer.core.endpoint import Schema
from explorer.sim.dates import format_2010_date, format_iso_date
from explorer.sim.patterns import sample

_COUNTRY = {"us1": "US", "ie1": "IE", "au1": "AU"}
_MAX_DEPTH = 8

# Numbers reserved for fiction, so demo data never names a real line, each with its country's length:
# US: 555-0100..0199 in any area code (NANPA), +1 and 10 digits; IE: 020 910 xxxx as the simulator has
# always used, +353 and 9 digits; AU: 02 5550 xxxx (ACMA's drama range), +61 and 9 digits.
_US_AREAS = ("201", "312", "415", "512", "617", "646", "702", "858")


def phone_number(region: str, entropy: int) -> str:
    """An E.164 number of the Region's country, from a fictional range, with that country's length."""
    if region == "ie1":
        return f"+35320910{entropy % 10_000:04d}"
    if region == "au1":
        return f"+6125550{entropy % 10_000:04d}"
    area = _US_AREAS[(entropy >> 8) % len(_US_AREAS)]
    return f"+1{area}55501{entropy % 100:02d}"


_GOLDEN = 0x9E3779B97F4A7C15
_MASK64 = 0xFFFFFFFFFFFFFFFF


def mix(entropy: int, salt: int) -> int:
    """A cheap 61-bit mix, so each field draws different digits from the record's one hash."""
    return (((entropy ^ salt) * _GOLDEN) >> 29) & _MASK64


@functools.lru_cache(
    maxsize=4096
)  # a few hundred field names and paths; called for every field of every record
def salt_of(name: str) -> int:
    """A stable number for a field name (or a path inside a record)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")


class Context:
    """What a value generator may read about the record being made."""

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
        """The Region whose data this is."""
        self.index = index
        """The record's index in its list."""
        self.entropy = entropy
        """64 bits drawn from the record's hash."""
        self.sid = sid
        """The record's own SID (or key), if it has one."""
        self.when = when
        """The record's creation time."""
        self.params = params
        """The path parameters of its list."""
        self.host = host
        """The request's host, for absolute links."""
        self.instance_path = instance_path
        """Its instance path template, if any."""


Generator = Callable[[Context], Any]


class Constant:
    """A generator whose value is the same for every record: a record maker copies it instead of calling it."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value
        """The value."""

    def __call__(self, c: Context) -> Any:
        return self.value


class CreationDate:
    """A generator of the record's creation time as text; a maker may leave it to the harmonizer, which
    writes every date field of a generated record anyway (`explorer.sim.documented.harmonizer`)."""

    __slots__ = ("write",)

    def __init__(self, write: Callable[[datetime], str]) -> None:
        self.write = write
        """How the date is written."""

    def __call__(self, c: Context) -> str:
        return self.write(c.when)


def _const(value: Any) -> Generator:
    return Constant(value)


def _types(schema: Schema) -> tuple[str, ...]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return (kind,)
    if isinstance(kind, list):
        return tuple(str(k) for k in kind if k != "null")
    if "properties" in schema:
        return ("object",)
    return ()


def fits(schema: Schema, value: Any) -> bool:
    """Whether a string value satisfies the schema's string keywords (enum, pattern, lengths)."""
    check = fitter(schema)
    return check is None or check(value)


def fitter(schema: Schema) -> Callable[[Any], bool] | None:
    """`fits` for one schema, compiled once (its pattern too); None when the schema accepts every string."""
    checks: list[Callable[[str], bool]] = []
    enum = schema.get("enum")
    if isinstance(enum, list):
        checks.append(lambda value: value in enum)
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        try:
            search = re.compile(pattern).search
        except re.error:
            pass  # a pattern Python cannot read constrains nothing here
        else:
            checks.append(lambda value: search(value) is not None)
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int):
        checks.append(lambda value: len(value) >= low)
    if isinstance(high, int):
        checks.append(lambda value: len(value) <= high)
    if not checks:
        return None
    if len(checks) == 1:
        only = checks[0]
        return lambda value: not isinstance(value, str) or only(value)
    return lambda value: not isinstance(value, str) or all(check(value) for check in checks)


def compile_value(schema: Schema, name: str, depth: int = 0) -> Generator:
    """A generator of values satisfying `schema`, for a property called `name`."""
    salt = salt_of(f"{name}/{depth}")
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        options = tuple(v for v in enum if v is not None) or (None,)
        count, golden, mask = (
            len(options),
            _GOLDEN,
            _MASK64,
        )  # `mix`, inlined: every record draws many of these
        return lambda c: options[((((c.entropy ^ salt) * golden) >> 29) & mask) % count]
    for combinator in ("oneOf", "anyOf"):
        choices = schema.get(combinator)
        if isinstance(choices, list) and choices:
            return _first_option(schema, choices, name, depth)
    parts = schema.get("allOf")
    if isinstance(parts, list) and parts:
        return _all_of([compile_value(part, name, depth) for part in parts])
    types = _types(schema)
    kind = types[0] if types else None
    if kind == "object":
        return _object(schema, name, depth)
    if kind == "array":
        return _array(schema, name, depth)
    if kind == "boolean":
        golden = _GOLDEN
        return lambda c: bool((((c.entropy ^ salt) * golden) >> 29) & 1)
    if kind == "integer":
        return _integer(schema, salt)
    if kind == "number":
        return _number(schema, salt)
    if kind == "string":
        return _string(schema, name, salt)
    # No type: the description allows any JSON value; null says "nothing here" without inventing one.
    return _const(None)


def _first_option(schema: Schema, choices: list[Schema], name: str, depth: int) -> Generator:
    make = compile_value(choices[0], name, depth)
    found = schema.get("discriminator")
    if not isinstance(found, Mapping):
        return make
    # The discriminating property names the option made (OpenAPI's `discriminator.mapping`).
    values = [value for value, index in (found.get("mapping") or {}).items() if index == 0]
    prop = found.get("propertyName")
    if not values or not prop:
        return make
    chosen = values[0]

    def tagged(c: Context) -> Any:
        value = make(c)
        if isinstance(value, dict):
            value[prop] = chosen
        return value

    return tagged


def _all_of(parts: list[Generator]) -> Generator:
    def merged(c: Context) -> Any:
        out: dict[str, Any] = {}
        for part in parts:
            value = part(c)
            if not isinstance(value, dict):
                return value
            out.update(value)
        return out

    return merged


def _object(schema: Schema, name: str, depth: int) -> Generator:
    properties = schema.get("properties")
    if not isinstance(properties, dict) or depth >= _MAX_DEPTH:
        return lambda c: {}
    plan = tuple((key, compile_value(child, key, depth + 1)) for key, child in properties.items())
    return lambda c: {key: make(c) for key, make in plan}


def _array(schema: Schema, name: str, depth: int) -> Generator:
    items = schema.get("items")
    stated_low, stated_high = schema.get("minItems"), schema.get("maxItems")
    low = stated_low if isinstance(stated_low, int) else 0
    high = stated_high if isinstance(stated_high, int) else None
    typed = isinstance(items, Mapping) and bool(_types(items) or items.get("enum"))
    # One item shows what an entry looks like; an untyped list stays empty unless it must not be.
    count = max(low, 1 if typed else 0)
    if high is not None:
        count = min(count, high)
    if count == 0 or not isinstance(items, Mapping) or depth >= _MAX_DEPTH:
        return lambda c: []
    make = compile_value(items, name, depth + 1)
    return lambda c: [make(c) for _ in range(count)]


def _bounds(schema: Schema, low: float, high: float, step: float) -> tuple[float, float]:
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    if isinstance(minimum, int | float):
        low = float(minimum) + (step if schema.get("exclusiveMinimum") is True else 0)
        high = max(high, low)
    if isinstance(maximum, int | float):
        high = float(maximum) - (step if schema.get("exclusiveMaximum") is True else 0)
        low = min(low, high)
    return low, high


def _integer(schema: Schema, salt: int) -> Generator:
    low, high = _bounds(schema, 0, 600, 1)
    start, span = int(low), int(high) - int(low) + 1
    return lambda c: start + mix(c.entropy, salt) % span


def _number(schema: Schema, salt: int) -> Generator:
    low, high = _bounds(schema, 0.0, 100.0, 0.001)
    span = high - low
    return lambda c: round(low + (mix(c.entropy, salt) % 1001) / 1000 * span, 3)


def _string(schema: Schema, name: str, salt: int) -> Generator:
    pattern = schema.get("pattern")
    fmt = schema.get("format") if isinstance(schema.get("format"), str) else ""
    base = _string_by_meaning(str(fmt), name, salt)
    if isinstance(pattern, str):
        by_pattern = pattern
        fit = fitter(schema)

        def patterned(c: Context) -> str:
            if base is not None:
                value = base(c)
                if fit is None or fit(value):
                    return str(value)
            made = sample(by_pattern, mix(c.entropy, salt))
            return made if made is not None else _fit_length(schema, f"{name}-{mix(c.entropy, salt):08x}")

        return patterned
    make = base or (lambda c: f"{name}-{mix(c.entropy, salt) % 16**8:08x}")
    if "minLength" in schema or "maxLength" in schema:
        return lambda c: _fit_length(schema, str(make(c)))
    return make


def _fit_length(schema: Schema, text: str) -> str:
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int) and len(text) < low:
        text = (text + "0" * low)[:low] if low > len(text) else text
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
    return text


def _string_by_meaning(fmt: str, name: str, salt: int) -> Generator | None:
    if fmt == "date-time-rfc-2822":
        return CreationDate(format_2010_date)
    if fmt == "date-time":
        return CreationDate(format_iso_date)
    if fmt == "date":
        return lambda c: c.when.strftime("%Y-%m-%d")
    if fmt == "uuid":
        return lambda c: str(uuid.UUID(int=(mix(c.entropy, salt) << 64) | mix(c.entropy, ~salt)))
    if fmt == "email" or name == "email" or name.endswith("_email"):
        return lambda c: f"demo{c.index + 1}@example.com"
    if fmt == "phone-number" or name in ("phone_number", "caller_id"):
        return lambda c: phone_number(c.region, mix(c.entropy, salt))
    if fmt == "uri" or name.endswith(("_url", "_uri")) or name in ("url", "uri"):
        slug = name.removesuffix("_url").removesuffix("_uri").replace("_", "-")
        return Constant(f"https://demo.example.com/{slug}")
    if fmt == "currency" or name == "currency" or name.endswith("_unit"):
        return Constant("USD")
    if fmt == "iso-country-code" or name in ("iso_country", "country_code"):
        return lambda c: _COUNTRY.get(c.region, "US")
    if fmt == "http-method" or name.endswith("_method"):
        return Constant("POST")
    return None
