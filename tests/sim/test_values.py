"""Generated values look like Twilio's: documented values, consistent times, real number lengths, every keyword."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.catalog.loader import load_catalog
from explorer.sim.patterns import sample, sid_prefix
from explorer.sim.records import ListRef, RecordFactory
from explorer.sim.values import Context, compile_value, format_2010_date, format_iso_date

ACCOUNT = "AC" + "0" * 32
HOSTS = {"us1": "api.twilio.com", "ie1": "api.dublin.ie1.twilio.com", "au1": "api.sydney.au1.twilio.com"}
NUMBER = {"us1": r"\+1[2-9]\d{2}55501\d{2}", "ie1": r"\+353\d{9}", "au1": r"\+61\d{9}"}
"""E.164 of each Region's country: US +1 and 10 digits (555-01xx, reserved for fiction), IE +353 and 9, AU +61 and 9."""
_FREE_TEXT = re.compile(r"[a-z_]+-[0-9a-f]{8}")


def _records(endpoint_id: str, region: str, count: int = 40, seed: str = "demo") -> list[dict[str, Any]]:
    endpoint = load_catalog().get(endpoint_id)
    ref = ListRef(endpoint, region, tuple((name, ACCOUNT) for name in endpoint.path_params))
    factory = RecordFactory(seed, ACCOUNT, load_catalog().endpoints)
    return [factory.record(ref, index, HOSTS[region]) for index in range(count)]


def _when(text: str | None) -> datetime | None:
    return parsedate_to_datetime(text) if text else None


@pytest.mark.parametrize("region", sorted(HOSTS))
def test_calls_read_like_real_calls(region: str) -> None:
    """Direction, duration, times, price and formatted numbers follow Twilio's documentation, in every call."""
    now = datetime.now(UTC)
    for call in _records("api:calls", region):
        assert call["direction"] in ("inbound", "outbound-api", "outbound-dial")
        created, updated = _when(call["date_created"]), _when(call["date_updated"])
        assert created is not None and updated is not None and created <= updated <= now
        assert re.fullmatch(NUMBER[region], call["to"]) and re.fullmatch(NUMBER[region], call["from"])
        if region == "us1":
            digits = call["to"][2:]
            assert call["to_formatted"] == f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
        else:
            assert call["to_formatted"] == call["to"]  # "Non-North American phone numbers are in E.164"
        start, end = _when(call["start_time"]), _when(call["end_time"])
        if end is None:
            assert call["duration"] is None and call["price"] is None
            continue
        assert start is not None and created <= start <= end
        assert call["duration"] == str(int((end - start).total_seconds()))
        assert re.fullmatch(r"-0\.\d{5}", call["price"]) and call["price_unit"] == "USD"
    statuses = {call["status"] for call in _records("api:calls", region)}
    assert "completed" in statuses and len(statuses) > 3


def test_no_documented_field_shows_placeholder_text() -> None:
    """Messages and recordings carry segments, media counts, bodies and errors as Twilio does, not `name-1a2b…`."""
    for message in _records("api:messages", "us1"):
        for name in ("body", "num_segments", "num_media", "price", "error_message", "direction"):
            assert not (isinstance(message[name], str) and _FREE_TEXT.fullmatch(message[name])), name
        assert (message["num_segments"], message["num_media"]) == ("1", "0")
    for recording in _records("api:recordings", "au1"):
        assert recording["duration"].isdigit()
        assert recording["error_code"] is None or isinstance(recording["error_code"], int)


def test_records_are_the_same_for_a_seed_and_differ_between_seeds() -> None:
    """Generated data is a pure function of the seed."""
    assert _records("api:calls", "ie1", 5, "a") == _records("api:calls", "ie1", 5, "a")
    assert _records("api:calls", "ie1", 5, "a") != _records("api:calls", "ie1", 5, "b")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^CA[0-9a-fA-F]{32}$", r"CA[0-9a-f]{32}"),
        ("^[a-zA-Z]{2}[0-9a-fA-F]{32}$", r"[A-Z]{2}[0-9a-f]{32}"),
        ("^(SM|MM)[0-9a-fA-F]{32}$", r"(SM|MM)[0-9a-f]{32}"),
        ("^(CLASSIFICATION|TEXT|EXTRACTION|JSON)$", r"CLASSIFICATION|TEXT|EXTRACTION|JSON"),
        ("^aia_asst_.+$", r"aia_asst_[a-z0-9]+"),
        ("^mem_store_[0-7][0-9a-z]{25}$", r"mem_store_[0-7][0-9a-z]{25}"),
        ("^PN[0-9A-Fa-f]{32}$|^\\+[1-9][0-9]{1,14}$", r"PN[0-9a-f]{32}|\+[1-9][0-9]{1,14}"),
    ],
)
def test_patterns_give_values_in_twilios_spelling(pattern: str, expected: str) -> None:
    """SIDs with and without a literal prefix, alternatives, enumerations and ids as patterns."""
    for entropy in range(20):
        made = sample(pattern, entropy)
        assert made is not None and re.fullmatch(expected, made), made


def test_a_sid_prefix_is_read_only_where_the_pattern_spells_one() -> None:
    """`^CA…` has the prefix CA; a class or an enumeration has none."""
    assert sid_prefix("^CA[0-9a-fA-F]{32}$") == "CA"
    assert sid_prefix("^(SM|MM)[0-9a-fA-F]{32}$") == "SM"
    assert sid_prefix("^[a-zA-Z]{2}[0-9a-fA-F]{32}$") is None
    assert sid_prefix("^(CLASSIFICATION|TEXT)$") is None


def _make(schema: dict[str, Any], entropy: int = 7) -> Any:
    context = Context("au1", 0, entropy, None, datetime(2026, 1, 1, tzinfo=UTC), {}, "h", None)
    return compile_value(schema, "field")(context)


def test_values_honour_types_bounds_lengths_and_required_at_depth() -> None:
    """Arrays of enums are arrays, numbers stay in bounds, strings in length, nested objects complete."""
    assert _make({"type": "array", "items": {"type": "string", "enum": ["get-all", "post-all"]}}) in (
        ["get-all"],
        ["post-all"],
    )
    for entropy in range(50):
        assert 0 <= _make({"type": "number", "minimum": 0, "maximum": 1}, entropy) <= 1
        assert 3 <= _make({"type": "integer", "minimum": 3, "maximum": 5}, entropy) <= 5
        assert len(_make({"type": "string", "minLength": 40, "maxLength": 40}, entropy)) == 40
    nested = _make(
        {
            "type": "object",
            "required": ["bridge"],
            "properties": {
                "bridge": {"type": "object", "required": ["sid"], "properties": {"sid": {"type": "string"}}}
            },
        }
    )
    assert set(nested) == {"bridge"} and set(nested["bridge"]) == {"sid"}
    assert _make({"type": "array", "items": {"type": "string"}}) != [{}]
    assert re.fullmatch(r"[0-9a-f-]{36}", _make({"type": "string", "format": "uuid"}))
    assert re.fullmatch(r"\+61\d{9}", _make({"type": "string", "format": "phone-number"}))


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)))
def test_the_2010_date_is_rfc_2822_exactly_as_the_email_module_writes_it(moment: datetime) -> None:
    """The hand-written RFC 2822 date (a page's hot path) is the standard library's text, character for character."""
    assert format_2010_date(moment) == format_datetime(moment)


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)))
def test_the_iso_date_is_what_strftime_writes(moment: datetime) -> None:
    """The ISO 8601 date built from per-day text is strftime's `%Y-%m-%dT%H:%M:%SZ`, character for character."""
    assert format_iso_date(moment) == moment.strftime("%Y-%m-%dT%H:%M:%SZ")
