"""A write's parameters, read from its body as Twilio reads them, and answered after validation.

The 2010 API and most product APIs take `application/x-www-form-urlencoded` bodies, where an array parameter
repeats its name (`StatusCallbackEvent=initiated&StatusCallbackEvent=answered`); a few newer APIs take JSON
bodies. Either way the parameters become `{name: [values...]}` for validation and storage.
"""

from __future__ import annotations

__all__ = ["read_values", "refused"]

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

from explorer.core.endpoint import Endpoint, Operation, Schema
from explorer.sim.responses import Response, twilio_error
from explorer.sim.validation import check_write


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
