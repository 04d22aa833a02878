"""Checking a create or update against the description, and Twilio's error code for what is wrong.

The parameters of a write are checked as the description states them: required ones present, enumerations,
types (integer, number, boolean), `minimum`/`maximum`, `minLength`/`maxLength` (or the limit stated in the
parameter's prose, which the catalogue keeps as `max_length`) and `pattern`. The first problem answers 400
with Twilio's error body.

The code is the one Twilio documents for that case where there is one, each with its source below; otherwise
the generic one, 400 "Bad Request", whose page names exactly these causes ("A required parameter is missing
from the request. One or more request parameters did not pass validation."):
https://www.twilio.com/docs/api/errors/400. (20001 is documented as "Unknown parameters", a warning for
parameters that were ignored, so it is not used for invalid ones.)
"""

from __future__ import annotations

__all__ = ["GENERIC_CODE", "Invalid", "check_query", "check_write"]

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, Operation, Param, Schema

GENERIC_CODE = 400
"""https://www.twilio.com/docs/api/errors/400: a required parameter is missing, or one did not validate."""

_ACCOUNT = "/2010-04-01/Accounts/{AccountSid}"
_CALLS = f"{_ACCOUNT}/Calls.json"
_MESSAGES = f"{_ACCOUNT}/Messages.json"
_VERIFY_CODE = 60200
"""https://www.twilio.com/docs/api/errors/60200 "Invalid parameter": Verify names the parameter
(`"message": "Invalid parameter: To"`), for a missing, badly formatted or too long value."""
_FRIENDLY_NAME_CODE = 20002
"""https://www.twilio.com/docs/api/errors/20002 "Invalid FriendlyName": "such FriendlyNames must be between 1
and 64 characters long"."""

# (list path, parameter) -> (code, message, source) for a missing required value.
_MISSING: dict[tuple[str, str], tuple[int, str, str]] = {
    (_CALLS, "To"): (21201, "No 'To' number is specified", "https://www.twilio.com/docs/api/errors/21201"),
    (_CALLS, "From"): (
        21213,
        "No 'From' number is specified",
        "https://www.twilio.com/docs/api/errors/21213",
    ),
    (_MESSAGES, "To"): (
        21604,
        "A 'To' phone number is required.",
        "https://www.twilio.com/docs/api/errors/21604",
    ),
}


@dataclass(frozen=True, slots=True)
class Invalid:
    """Why a write is refused: Twilio's error code and message."""

    code: int
    """Twilio's error code."""
    message: str
    """The error message."""


@dataclass(frozen=True, slots=True)
class _Either:
    """A rule the schema cannot state: at least one of these parameters, else this documented error."""

    path: str
    names: tuple[str, ...]
    code: int
    message: str
    source: str


_EITHER: tuple[_Either, ...] = (
    _Either(
        _MESSAGES,
        ("From", "MessagingServiceSid"),
        21603,
        "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
        "https://www.twilio.com/docs/api/errors/21603",
    ),
    _Either(
        _CALLS,
        ("Url", "Twiml", "ApplicationSid"),
        21200,
        "A call needs a 'Url', 'Twiml' or 'ApplicationSid' parameter",
        # 21200 "Calls Resource", possible cause: "The request did not include url, twiml, or applicationSid".
        "https://www.twilio.com/docs/api/errors/21200",
    ),
)


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str] | None:
    # ECMAScript spells a named group (?<name>...); Python wants (?P<name>...).
    try:
        return re.compile(re.sub(r"\(\?<(?![=!])", "(?P<", pattern))
    except re.error:
        return None


def _problem(endpoint: Endpoint, param: Param, message: str) -> Invalid:
    if endpoint.product == "verify":
        return Invalid(_VERIFY_CODE, f"Invalid parameter: {param.name}")
    if param.name == "FriendlyName" and param.max_length == 64 and endpoint.version == "2010-04-01":
        return Invalid(_FRIENDLY_NAME_CODE, f"Invalid FriendlyName: {message}")
    return Invalid(GENERIC_CODE, f"Invalid parameter {param.name}: {message}")


def _check_value(param: Param, value: str) -> str | None:
    """What is wrong with one value, or None."""
    kind = param.type
    if kind == "integer":
        if re.fullmatch(r"[+-]?[0-9]+", value.strip()) is None:
            return f"{value[:40]!r} is not an integer"
        number: float = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            return f"{value[:40]!r} is not a number"
        if not math.isfinite(number):
            return f"{value[:40]!r} is not a number"
    elif kind == "boolean":
        if value.strip().lower() not in ("true", "false"):
            return f"{value[:40]!r} is not true or false"
        return None
    else:
        number = math.nan
    if param.minimum is not None and number < param.minimum:
        return f"{value[:40]} is less than {param.minimum:g}"
    if param.maximum is not None and number > param.maximum:
        return f"{value[:40]} is more than {param.maximum:g}"
    if param.enum and value not in param.enum:
        return f"{value[:40]!r} is not one of {', '.join(param.enum)}"
    if param.max_length is not None and len(value) > param.max_length:
        return f"it can be up to {param.max_length} characters long ({len(value)} given)"
    if param.min_length is not None and len(value) < param.min_length:
        return f"it must be at least {param.min_length} characters long"
    if param.pattern and kind == "string":
        compiled = _compile(param.pattern)
        if compiled is not None and compiled.search(value) is None:
            return f"{value[:40]!r} does not match {param.pattern}"
    return None


def check_write(
    endpoint: Endpoint,
    operation: Operation,
    values: Mapping[str, Sequence[Any]],
    fields: Mapping[str, Schema] | None = None,
) -> Invalid | None:
    """The first problem with a write's body parameters (`values`: each name's values), or None.

    Args:
        endpoint: the list (for a create) or instance (for an update).
        operation: its POST or PUT operation.
        values: the form (or JSON body) parameters, each with all its values (arrays repeat the name).
        fields: the record's properties: a parameter that sets a field whose schema lists its values
            (`channel`: sms, call, email...) must be one of them, even where the parameter's own
            declaration does not say so.
    """
    for param in operation.params:
        if param.location not in ("form", "json"):
            continue
        sent = (
            [v for v in values.get(param.name, ()) if v != ""]
            if param.location == "form"
            else values.get(param.name, ())
        )
        if not sent:
            if param.required:
                documented = _MISSING.get((endpoint.path, param.name))
                if documented is not None:
                    return Invalid(documented[0], documented[1])
                if endpoint.product == "verify":
                    return Invalid(_VERIFY_CODE, f"Invalid parameter: {param.name}")
                return Invalid(GENERIC_CODE, f"Missing required parameter {param.name} in the post body")
            continue
        if param.type in ("object", "any") or param.location == "json":
            continue  # structured values: the description gives no scalar rule to check them by
        single = param.type != "array"
        target = (fields or {}).get(snake_case(param.name))
        allowed = target.get("enum") if target is not None and target.get("type") == "string" else None
        if single and not param.enum and isinstance(allowed, list) and allowed:
            param = replace(param, enum=tuple(str(v) for v in allowed if v is not None))
        for value in sent[:1] if single else sent:
            item = param if single else _item_param(param)
            problem = _check_value(item, value)
            if problem is not None:
                return _problem(endpoint, param, problem)
    for rule in _EITHER:
        if rule.path == endpoint.path and not any(values.get(name) for name in rule.names):
            return Invalid(rule.code, rule.message)
    return None


def check_query(endpoint: Endpoint, param: Param, value: str) -> Invalid | None:
    """What is wrong with one query parameter's value (a list filter), or None."""
    item = param if param.type != "array" else _item_param(param)
    problem = _check_value(item, value)
    return None if problem is None else _problem(endpoint, param, problem)


def _item_param(param: Param) -> Param:
    # An array parameter's values are checked one by one against its items' enum.
    return Param(param.name, param.location, "string", enum=param.enum)
