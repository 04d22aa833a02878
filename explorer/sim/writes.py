"""A write's parameters, read from its body as Twilio reads them, and answered after validation.

The 2010 API and most product APIs take `application/x-www-form-urlencoded` bodies, where an array parameter
repeats its name (`StatusCallbackEvent=initiated&StatusCallbackEvent=answered`); a few newer APIs take JSON
bodies. Either way the parameters become `{name: [values...]}` for validation and storage, and then the
record fields they set (`sent_changes`), typed as the record's schema types them.
"""

from __future__ import annotations

__all__ = ["date_text", "read_values", "refused", "sent_changes"]

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, Operation, Schema
from explorer.sim.responses import Response, twilio_error
from explorer.sim.validation import check_write
from explorer.sim.values import format_2010_date, format_iso_date


def read_values(content_type: str, body: bytes) -> dict[str, list[Any]]:
    """The body's parameters, each with all its values (a JSON body: each property's value in a list)."""
    if not body:
        return {}
    if "json" in content_type.lower():
        try:
            document = json.loads(body)
        except ValueError:
            return {}
        return {str(k): [v] for k, v in document.items()} if isinstance(document, dict) else {}
    values: dict[str, list[Any]] = {}
    for name, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
        values.setdefault(name, []).append(value)
    return values


def refused(
    endpoint: Endpoint,
    operation: Operation,
    values: Mapping[str, Sequence[Any]],
    fields: Mapping[str, Schema] | None = None,
) -> Response | None:
    """Twilio's 400 for a write the description does not allow, or None when it may proceed."""
    problem = check_write(endpoint, operation, values, fields)
    if problem is None:
        return None
    return twilio_error(400, problem.code, problem.message)


_SET_BY_TWILIO = frozenset({"api_version", "date_created", "date_updated", "status", "state"})
"""Fields a create may set but Twilio fills when it does not: their generated value stands."""


def date_text(schema: Mapping[str, Any] | None, moment: datetime) -> str | None:
    """`moment` written as the field's date format asks (RFC 2822 or ISO 8601), or None for a field that is no date."""
    fmt = schema.get("format") if schema is not None else None
    if fmt == "date-time-rfc-2822":
        return format_2010_date(moment)
    if fmt == "date-time":
        return format_iso_date(moment)
    return None


def _typed(schema: Mapping[str, Any] | None, sent: Sequence[Any]) -> Any:
    # Form values are text; the record shows them as its schema types them (booleans, integers, lists).
    kind = schema.get("type") if schema is not None else "string"
    value = sent[-1] if sent else None
    if not isinstance(value, str):
        return value  # a JSON body's value, already typed
    if kind == "boolean":
        return value.strip().lower() == "true"
    if kind == "integer" and value.strip().lstrip("+-").isdigit():
        return int(value)
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "array":
        return [v for v in sent if v != ""]
    return value


def sent_changes(
    properties: Mapping[str, Mapping[str, Any]],
    operation: Operation | None,
    values: Mapping[str, Sequence[Any]],
    *,
    creating: bool,
) -> dict[str, Any]:
    """The record fields a write's parameters set, typed as the record's schema types them.

    Args:
        properties: the record's properties.
        operation: the write's operation (its parameters and their documented defaults).
        values: each parameter's values (form) or its JSON value.
        creating: a create also sets, for each declared parameter not sent, its default (else null).
    """
    # Parameters are the fields' CamelCase names (FriendlyName -> friendly_name); unknown ones are ignored,
    # as Twilio ignores parameters it does not know. On a create, a field that a parameter sets but which
    # was not sent holds the parameter's documented default, else null: never an invented value.
    changes: dict[str, Any] = {}
    declared = {p.name: p for p in operation.params if p.location in ("form", "json")} if operation else {}
    names = set(values) | (set(declared) if creating else set())
    for name in sorted(names):
        field = snake_case(name)
        schema = properties.get(field)
        if schema is None or field in ("sid", "account_sid"):
            continue
        sent = values.get(name)
        if sent:
            changes[field] = _typed(schema, sent)
            continue
        param = declared.get(name)
        if param is not None and param.default is not None:
            changes[field] = _typed(schema, [param.default])
        elif field in _SET_BY_TWILIO or str(schema.get("format", "")).startswith("date"):
            continue  # Twilio fills these itself when they are not sent (the creation time, the API version)
        elif schema.get("type") == "boolean":
            changes[field] = False  # a flag not set is off
        elif schema.get("nullable"):
            changes[field] = None
    return changes
