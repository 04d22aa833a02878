"""Dates as Twilio writes them: RFC 2822 in the 2010 API, ISO 8601 in the v1+ APIs; fast, for every record.

Every generated record has two to four dates, so these are on the hot path of a list page: the text of a day is
made once per day and kept, and the time of day is three table lookups. The output is exactly what
`email.utils.format_datetime` (in UTC) and `strftime("%Y-%m-%dT%H:%M:%SZ")` give (tests/sim/test_values.py).
"""

from __future__ import annotations

__all__ = ["format_2010_date", "format_iso_date"]

import functools
from datetime import UTC, datetime

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_TWO = tuple(f"{n:02d}" for n in range(60))


@functools.lru_cache(maxsize=4096)  # a record's dates fall on a few days; 10,000 records span ~830 days
def _rfc_2822_day(ordinal: int) -> str:
    day = datetime.fromordinal(ordinal)
    return f"{_DAYS[day.weekday()]}, {day.day:02d} {_MONTHS[day.month - 1]} {day.year:04d} "


@functools.lru_cache(maxsize=4096)
def _iso_day(ordinal: int) -> str:
    return datetime.fromordinal(ordinal).strftime("%Y-%m-%dT")


def format_2010_date(moment: datetime) -> str:
    """The 2010 API's RFC 2822 date in UTC: `Mon, 01 Jun 2026 12:00:00 +0000` (locale-independent).

    Written out by hand rather than with `email.utils.format_datetime`, which gives the same text: every
    2010 record has two or three of these, and they were a large part of a new record's cost. The day part is
    kept per day; the time is three table lookups.
    """
    utc = (
        moment
        if moment.tzinfo is UTC
        else moment.replace(tzinfo=UTC)
        if moment.tzinfo is None
        else moment.astimezone(UTC)
    )
    return f"{_rfc_2822_day(utc.toordinal())}{_TWO[utc.hour]}:{_TWO[utc.minute]}:{_TWO[utc.second]} +0000"


def format_iso_date(moment: datetime) -> str:
    """The v1+ APIs' ISO 8601 date: `2026-06-01T12:00:00Z` (the moment's own fields, as strftime gives them)."""
    return f"{_iso_day(moment.toordinal())}{_TWO[moment.hour]}:{_TWO[moment.minute]}:{_TWO[moment.second]}Z"
