"""Operations, parameters and record fields, read from their OpenAPI schemas: facts only.

A parameter's type, required flag, enum, bounds, pattern and format come from its schema. A limit or a
default stated only in prose ("It can be up to 64 characters long.", "the default is `POST`") is kept as
`max_length` or `default`: the value is a fact the server applies, the sentence around it is not copied.
"""

from __future__ import annotations

__all__ = ["parse_operation", "record_fields", "type_of"]

import re
from collections.abc import Sequence
from typing import Any

from explorer.catalog.resolver import JsonObj, Resolver
from explorer.core.endpoint import Field, Operation, Param

# "It can be up to 64 characters long.", "a maximum of 255 characters", "no more than 11 characters".
# "Can be: `GET` or `POST` and the default is `POST`.", "Defaults to `true`."
_PROSE_DEFAULT = re.compile(r"(?:[Tt]he default (?:value )?is|[Dd]efaults? to|[Dd]efault:)\s+`([^`]{1,40})`")
_PROSE_LIMIT = re.compile(
    r"\b(?:up to|a maximum of|maximum of|no more than|cannot exceed|must not exceed)\s+(\d{1,6})\s+characters\b",
    re.IGNORECASE,
)


def type_of(schema: JsonObj) -> str:
    """A schema's JSON type: its `type`, `object` for one with properties, else `any`."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    # The files leave some properties untyped (no `type`, no `$ref`): any JSON value.
    return "any"


def _enum(schema: JsonObj) -> tuple[str, ...]:
    values = schema.get("enum") or ()
    return tuple(str(value) for value in values)


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def record_fields(record: JsonObj, resolver: Resolver) -> tuple[Field, ...]:
    """The fields of a record schema's properties, with their types, formats, patterns and enums."""
    fields: list[Field] = []
    for name, raw in (record.get("properties") or {}).items():
        schema, nullable = resolver.deref(raw)
        items_type: str | None = None
        enum = _enum(schema)
        if type_of(schema) == "array":
            items, _ = resolver.deref(schema.get("items"))
            items_type = type_of(items) if items else None
            enum = enum or _enum(items)
        fields.append(
            Field(
                name=str(name),
                type=type_of(schema),
                format=_text(schema.get("format")),
                pattern=_text(schema.get("pattern")),
                nullable=nullable,
                enum=enum,
                items_type=items_type,
            )
        )
    return tuple(fields)


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _max_length(schema: JsonObj, description: Any) -> int | None:
    stated = _integer(schema.get("maxLength"))
    if stated is not None:
        return stated
    found = _PROSE_LIMIT.search(description) if isinstance(description, str) else None
    return int(found.group(1)) if found else None


def _default(schema: JsonObj, description: Any) -> str | None:
    value = schema.get("default")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    found = _PROSE_DEFAULT.search(description) if isinstance(description, str) else None
    # A value, never a phrase: longer backticked text is left out, so no sentence reaches the data.
    return found.group(1) if found and len(found.group(1).split()) <= 2 else None


def _param(
    name: str, location: str, schema: JsonObj, required: bool, resolver: Resolver, description: Any = None
) -> Param:
    enum = _enum(schema)
    if not enum and schema.get("type") == "array":
        enum = _enum(resolver.deref(schema.get("items"))[0])
    prose = description if description is not None else schema.get("description")
    return Param(
        name=name,
        location=location,
        type=type_of(schema),
        required=required,
        enum=enum,
        minimum=_number(schema.get("minimum")),
        maximum=_number(schema.get("maximum")),
        pattern=_text(schema.get("pattern")),
        format=_text(schema.get("format")),
        min_length=_integer(schema.get("minLength")),
        max_length=_max_length(schema, prose),
        default=_default(schema, prose),
    )


def parse_operation(method: str, operation: JsonObj, shared: Sequence[Any], resolver: Resolver) -> Operation:
    """One operation: its path, query and header parameters (with the path's shared ones) and its body's."""
    # Path-level parameters apply to every operation; an operation's own parameter of the same name and
    # location replaces it (OpenAPI 3 §4.8.9).
    merged: dict[tuple[str, str], Param] = {}
    for raw in [*shared, *(operation.get("parameters") or [])]:
        param, _ = resolver.deref(raw)
        name, location = str(param.get("name", "")), str(param.get("in", ""))
        if not name or location not in ("path", "query", "header"):
            continue
        schema, _ = resolver.deref(param.get("schema"))
        required = bool(param.get("required")) or location == "path"
        merged[(name, location)] = _param(
            name, location, schema, required, resolver, param.get("description")
        )
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media_type, location in (("application/x-www-form-urlencoded", "form"), ("application/json", "json")):
        if media_type not in content:
            continue
        body, _ = resolver.deref(content[media_type].get("schema"))
        required_names = set(body.get("required") or ())
        for name, raw in (body.get("properties") or {}).items():
            schema, _ = resolver.deref(raw)
            # A property's own description (beside a `$ref`) states its limits, else the target's.
            description = raw.get("description") if isinstance(raw, dict) else None
            merged[(str(name), location)] = _param(
                str(name), location, schema, name in required_names, resolver, description
            )
        break
    return Operation(method=method.upper(), params=tuple(merged.values()))
