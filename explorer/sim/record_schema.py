"""The schema of one record of an endpoint: a list's items or an instance's response, flattened to one object.

`allOf` parts are merged; of `oneOf`/`anyOf` the first option is taken (with its discriminator value); an
endpoint whose description gives no response schema gets one made from its fields. `identity_prefix` reads
the SID prefix a record's identity field carries from its pattern.
"""

from __future__ import annotations

__all__ = ["identity_prefix", "record_schema"]

import re
from collections.abc import Mapping
from typing import Any

from explorer.core.endpoint import Endpoint, Field, Schema
from explorer.sim.patterns import sample, sid_prefix
from explorer.sim.values import salt_of


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


def identity_prefix(endpoint: Endpoint, schema: Schema) -> str | None:
    """The two-letter SID prefix the identity field's pattern gives, or a stable pair when the pattern leaves it open."""
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
