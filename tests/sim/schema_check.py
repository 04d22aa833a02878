"""Checking a response against its published schema with `jsonschema`, OpenAPI 3.0 read as JSON Schema.

The catalogue keeps each endpoint's response schema with OpenAPI 3.0's `nullable`; JSON Schema spells that
as a type list, so `json_schema` rewrites it. Formats are checked by the rules below (the ones the issue
names), not by whatever optional packages happen to be installed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from explorer.sim.quirks import QUIRKS, Quirk

_CHILDREN_ONE = ("items", "additionalProperties")
_CHILDREN_LIST = ("oneOf", "anyOf", "allOf")
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")


def json_schema(node: Mapping[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.0 schema `node` as a Draft 7 JSON Schema (`nullable: true` -> `null` allowed)."""
    out: dict[str, Any] = {k: v for k, v in node.items() if k not in ("nullable", "discriminator")}
    if "properties" in out:
        out["properties"] = {k: json_schema(v) for k, v in out["properties"].items()}
    for key in _CHILDREN_ONE:
        if isinstance(out.get(key), Mapping):
            out[key] = json_schema(out[key])
    for key in _CHILDREN_LIST:
        if key in out:
            out[key] = [json_schema(option) for option in out[key]]
    discriminator = node.get("discriminator")
    if isinstance(discriminator, Mapping) and "oneOf" in out:
        # OpenAPI 3.0: the discriminating property's value selects the option (JSON Schema's oneOf would
        # also demand that no other option matches, which a catch-all option never allows).
        options, name = out.pop("oneOf"), discriminator["propertyName"]
        out["allOf"] = [
            {"if": {"properties": {name: {"const": value}}, "required": [name]}, "then": options[index]}
            for value, index in discriminator["mapping"].items()
        ]
        out.setdefault("required", [])
        out["required"] = [*out["required"], name]
    if node.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    return (
        not isinstance(value, str) or datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    )


@FORMATS.checks("date-time-rfc-2822", raises=(ValueError, TypeError))
def _date_2822(value: object) -> bool:
    return not isinstance(value, str) or parsedate_to_datetime(value) is not None


@FORMATS.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "urn", "tel"))


@FORMATS.checks("uuid", raises=ValueError)
def _uuid(value: object) -> bool:
    return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()


@FORMATS.checks("email")
def _email(value: object) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value) is not None


@FORMATS.checks("phone-number")
def _phone(value: object) -> bool:
    return not isinstance(value, str) or _E164.fullmatch(value) is not None


def problems(endpoint_id: str, schema: Mapping[str, Any], body: Any) -> Iterator[str]:
    """Every place `body` breaks `schema`, except the documented quirks; one line each."""
    validator = Draft7Validator(json_schema(schema), format_checker=FORMATS)
    for error in validator.iter_errors(body):
        if not any(_excused(quirk, error) for quirk in QUIRKS):
            where = "/".join(str(p) for p in error.absolute_path)
            yield f"{endpoint_id} {where}: {error.validator} {error.message[:160]}"


def _excused(quirk: Quirk, error: ValidationError) -> bool:
    where = "/".join(str(p) for p in error.absolute_path)
    return quirk.applies(where, str(error.validator), error.instance)
