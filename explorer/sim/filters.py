"""List filters as the description declares them (`Status`, `To`, `FriendlyName`, `StartTime>`...), applied.

A GET's query parameters other than paging ones filter the records: `Status=completed` keeps the records whose
`status` is `completed`. The parameter names the field in CamelCase; a trailing `>` or `<` makes it a range
(on the wire `StartTime>=2026-05-01` is the parameter `StartTime>` with the value `2026-05-01`: on or after;
`StartTime<=...`: on or before, the whole day included when only a date is given). A date without `<`/`>`
matches the records of that day. A parameter the records have no field for, or one the description does not
declare, is ignored, as Twilio ignores parameters it does not know.
"""

from __future__ import annotations

__all__ = ["Filter", "read_filters"]

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from explorer.catalog.naming import snake_case
from explorer.core.endpoint import Endpoint, Param, Schema
from explorer.sim.validation import Invalid, check_query

_PAGING = frozenset({"Page", "PageSize", "PageToken", "page", "pageSize", "pageToken"})


@dataclass(frozen=True, slots=True)
class Filter:
    """One condition on a record field."""

    field: str
    """The record field (`start_time`)."""
    op: str
    """`=`, `>=` or `<=`."""
    value: str
    """The value as sent."""
    is_date: bool
    """Whether the field holds a date or a date-time."""

    def keeps(self, record: Any) -> bool:
        """Whether the record passes."""
        if not isinstance(record, dict):
            return False
        actual = record.get(self.field)
        if not self.is_date:
            if isinstance(actual, bool):
                return str(actual).lower() == self.value.strip().lower()
            return actual is not None and str(actual) == self.value
        moment = _moment(actual)
        if moment is None:
            return False
        low, high = _bounds(self.value)
        if self.op == ">=":
            return moment >= low
        if self.op == "<=":
            return moment < high
        return low <= moment < high


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        if value[:4].isdigit():
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return parsedate_to_datetime(value)
    except (ValueError, TypeError):
        return None


def _bounds(text: str) -> tuple[datetime, datetime]:
    # A date covers its whole day; a date-time is an instant.
    text = text.strip()
    if len(text) == 10:
        day = datetime.fromisoformat(text).replace(tzinfo=UTC)
        return day, day + timedelta(days=1)
    moment = _moment(text)
    if moment is None:
        raise ValueError(text)
    return moment, moment + timedelta(seconds=1)


def _valid_date(text: str) -> bool:
    try:
        _bounds(text)
    except (ValueError, TypeError):
        return False
    return True


def read_filters(
    endpoint: Endpoint, query: Sequence[tuple[str, str]], fields: Mapping[str, Schema]
) -> tuple[Filter, ...] | Invalid:
    """The filters a list request asks for, or Twilio's reason to refuse one of them.

    Args:
        endpoint: the list endpoint.
        query: the request's query parameters, in order.
        fields: the properties of its records.
    """
    get = endpoint.operation("GET")
    declared: dict[str, Param] = {p.name: p for p in get.params if p.location == "query"} if get else {}
    found: list[Filter] = []
    for name, value in query:
        param = declared.get(name)
        if param is None or name in _PAGING:
            continue
        base = name.rstrip("<>")
        field = snake_case(base)
        schema = fields.get(field)
        if schema is None:
            continue
        is_date = str(schema.get("format", "")).startswith("date") or str(param.format or "").startswith(
            "date"
        )
        if is_date:
            if not _valid_date(value):
                return Invalid(400, f"Invalid parameter {name}: {value[:40]!r} is not a date")
        else:
            problem = check_query(endpoint, param, value)
            if problem is not None:
                return problem
        op = ">=" if name.endswith(">") else "<=" if name.endswith("<") else "="
        found.append(Filter(field, op, value, is_date))
    return tuple(found)
