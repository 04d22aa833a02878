"""Twilio's documented values where the response schema only says "string", and records that hang together.

The schema of a Call says `direction`, `duration` and `price` are nullable strings; Twilio's own description
of each property (in the same description file, which the catalogue does not copy) says what they hold. The
generators here follow those sentences, each quoted beside its rule with where it comes from, so a demo
record reads like a real one:

    direction   "inbound", "outbound-api" or "outbound-dial"
    duration    a string of seconds, equal to end_time - start_time; empty for calls not completed
    price       a negative decimal string, with price_unit "USD"; empty until the call is completed
    *_formatted the number formatted for display: (201) 555-0123 in North America, E.164 elsewhere

`harmonizer` then makes each record consistent with itself: created <= updated <= the newest generated
time, start <= end, duration = end - start, and the formatted numbers equal their raw ones.

Source for every quote: `twilio_api_v2010.json` of @twilio/cli-core 9.0.0 (the catalogue's source), property
descriptions of `api.v2010.account.call`, `.message`, `.recording`, `.conference`.
"""

from __future__ import annotations

__all__ = ["Harmonizer", "created_state", "documented_generator", "harmonizer", "rewritten_dates"]

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from explorer.core.endpoint import Endpoint, Schema
from explorer.sim.values import Context, Generator, format_2010_date, format_iso_date, mix, salt_of

_CALLS = frozenset(
    {"/2010-04-01/Accounts/{AccountSid}/Calls.json", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json"}
)
_MESSAGES = frozenset(
    {
        "/2010-04-01/Accounts/{AccountSid}/Messages.json",
        "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json",
    }
)
_VERIFICATIONS = "/v2/Services/{ServiceSid}/Verifications"
_BODIES = (
    "Your verification code is 482913",
    "Your order has shipped and will arrive tomorrow.",
    "Reminder: your appointment is at 10:30 tomorrow.",
    "Thanks for your message, we will reply shortly.",
)
# Call statuses whose call has not been dialled, or not ended: "start_time ... Empty if the call has not yet
# been dialed"; "end_time ... Empty if the call did not complete successfully"; "duration ... empty for busy,
# failed, unanswered, or ongoing calls"; "price ... Populated after the call is completed".
_NOT_DIALLED = frozenset({"queued", "ringing"})
_NOT_ENDED = frozenset({"queued", "ringing", "in-progress", "busy", "failed", "no-answer", "canceled"})


def _is(endpoint: Endpoint, paths: frozenset[str]) -> bool:
    return endpoint.path in paths


def documented_generator(endpoint: Endpoint, name: str, schema: Schema) -> Generator | None:
    """Twilio's documented value for a free-string property, or None to let the schema decide."""
    if schema.get("type") != "string" or schema.get("enum") or schema.get("pattern") or schema.get("format"):
        return None  # the schema itself says what the value is
    salt = salt_of(name)
    if name == "direction" and _is(endpoint, _CALLS):
        # "Can be: `inbound` ..., `outbound-api` ... or `outbound-dial`"
        options: tuple[str, ...] = ("inbound", "outbound-api", "outbound-dial")
        return lambda c: options[mix(c.entropy, salt) % 3]
    if name == "price":
        # "The charge for this call" / "The amount billed for the message": Twilio bills as negative amounts.
        return lambda c: f"-{(mix(c.entropy, salt) % 2000 + 40) / 100_000:.5f}"
    if name == "queue_time":
        # "The wait time in milliseconds before the call is placed."
        return lambda c: str(mix(c.entropy, salt) % 900)
    if name == "duration":
        # "The length of the call in seconds" / "The length of the recording in seconds" (as a string).
        return lambda c: str(mix(c.entropy, salt) % 600 + 5)
    if name in ("answered_by", "forwarded_from", "caller_name", "error_message") and schema.get("nullable"):
        # "Empty otherwise" / "If no error was encountered, the value is `null`."
        return lambda c: None
    if name == "num_segments":
        return lambda c: "1"
    if name == "num_media":
        return lambda c: "0"
    if name == "body" and _is(endpoint, _MESSAGES):
        return lambda c: _BODIES[mix(c.entropy, salt) % len(_BODIES)]
    if name == "status" and endpoint.path.startswith(_VERIFICATIONS):
        # twilio_verify_v2.json, verify.v2.service.verification.status: "Can be: `pending`, `approved`,
        # `canceled`, `max_attempts_reached`, `deleted`, `failed` or `expired`."
        options = ("approved", "pending", "approved", "canceled", "expired")
        return lambda c: options[mix(c.entropy, salt) % len(options)]
    if name == "region" and endpoint.path.startswith("/2010-04-01/Accounts/{AccountSid}/Conferences"):
        # "the Twilio Region where the conference audio was mixed. May be `us1`, `us2`, `ie1`, ... `au1`"
        return lambda c: c.region
    if name == "origin" and "IncomingPhoneNumbers" in endpoint.path:
        # "`twilio` identifies Twilio-owned phone numbers"
        return lambda c: "twilio"
    return None


def _formatted(number: Any) -> Any:
    # "Formatted for display. Non-North American phone numbers are in E.164 format (e.g., +442071838750)."
    if isinstance(number, str) and number.startswith("+1") and len(number) == 12 and number[1:].isdigit():
        return f"({number[2:5]}) {number[5:8]}-{number[8:]}"
    return number


def _date_writer(schema: Schema | None) -> Callable[[datetime], str] | None:
    fmt = schema.get("format") if schema is not None else None
    if fmt == "date-time-rfc-2822":
        return format_2010_date
    if fmt == "date-time":
        return format_iso_date
    return None


Harmonizer = Callable[[dict[str, Any], Context, datetime], None]
"""Makes one generated record consistent with itself, in place: (record, its context, the newest time)."""


def harmonizer(properties: Mapping[str, Schema], endpoint: Endpoint) -> Harmonizer:
    """What makes a generated record of `endpoint` consistent with itself (times, durations, formatted numbers).

    Compiled once per endpoint: which fields are dates and how each is written, whether the record has start
    and end times, and which numbers have a formatted twin, so a record pays only for its own values.

    Args:
        properties: the record schema's properties (the record's keys, in order).
        endpoint: the list or instance the records belong to.

    The harmonizer's arguments are the record (changed in place), its context (its creation time is
    `c.when`) and the newest time a generated record may show (the newest record's creation time, or now).
    """
    dated = _dated(properties)
    times = _times_of(properties, endpoint)
    formatted = tuple(raw for raw in ("to", "from") if f"{raw}_formatted" in properties)
    updated_salt = salt_of("date_updated")
    salts = {name: salt_of(name) for name, _write, kind in dated if kind == 2}

    def harmonize(record: dict[str, Any], c: Context, newest: datetime) -> None:
        created = c.when
        latest = max(created, newest)
        updated = min(created + timedelta(seconds=mix(c.entropy, updated_salt) % 5400), latest)
        for name, write, kind in dated:
            if not isinstance(record.get(name), str):
                continue
            if kind == 0:
                record[name] = write(created)
            elif kind == 1:
                record[name] = write(updated)
            else:
                record[name] = write(
                    min(created + timedelta(seconds=mix(c.entropy, salts[name]) % 600), latest)
                )
        if times is not None:
            times(record, c, latest)
        for raw in formatted:
            if record.get(f"{raw}_formatted") is not None:
                record[f"{raw}_formatted"] = _formatted(record.get(raw))

    return harmonize


def rewritten_dates(properties: Mapping[str, Schema]) -> frozenset[str]:
    """The fields the harmonizer always writes when the record holds text there: a maker may put any text."""
    return frozenset(name for name, _write, _kind in _dated(properties))


def _dated(properties: Mapping[str, Schema]) -> list[tuple[str, Callable[[datetime], str], int]]:
    dated: list[tuple[str, Callable[[datetime], str], int]] = []
    for name, schema in properties.items():
        write = _date_writer(schema)
        if write is None:
            continue
        # 0: the creation time; 1: the update time; 2: shortly after creation; start and end are _times'.
        kind = 0 if name == "date_created" else 1 if name in ("date_updated", "date_sent") else 2
        if kind < 2 or name not in ("start_time", "end_time"):
            dated.append((name, write, kind))
    return dated


def _times_of(
    properties: Mapping[str, Schema], endpoint: Endpoint
) -> Callable[[dict[str, Any], Context, datetime], None] | None:
    write_start, write_end = (
        _date_writer(properties.get("start_time")),
        _date_writer(properties.get("end_time")),
    )
    if write_start is None:
        return None
    is_call = _is(endpoint, _CALLS)
    start_salt, duration_salt = salt_of("start_time"), salt_of("duration")
    duration = properties.get("duration")
    duration_kind = duration.get("type") if duration is not None else None

    def times(record: dict[str, Any], c: Context, latest: datetime) -> None:
        status = record.get("status")
        start = min(c.when + timedelta(seconds=mix(c.entropy, start_salt) % 30), latest)
        if is_call and status in _NOT_DIALLED:
            record["start_time"] = None
        else:
            record["start_time"] = write_start(start)
        if write_end is None:
            return
        if is_call and status in _NOT_ENDED:
            record["end_time"] = None
            for name in ("duration", "price"):
                if name in record:
                    record[name] = None
            return
        seconds = mix(c.entropy, duration_salt) % 600 + 5
        if isinstance(record.get("duration"), int):
            seconds = int(record["duration"])
        record["end_time"] = write_end(start + timedelta(seconds=seconds))
        if duration is not None:
            record["duration"] = (
                str(seconds)
                if duration_kind == "string"
                else seconds
                if duration_kind == "integer"
                else record.get("duration")
            )

    return times


# What a create starts as: "queued" for a Call ("A Call is created `queued`; nothing is placed") and a
# Message, "pending" for a Verification; the first of these a record's `status` enum allows.
_INITIAL_STATUSES = ("queued", "pending", "accepted", "in-progress", "initiated", "active", "in-use")


def created_state(endpoint: Endpoint, properties: Mapping[str, Schema]) -> dict[str, Any]:
    """The fields a newly created record starts with whatever was sent: its initial status, and nothing
    that only a finished call or message has (end time, duration, price, error)."""
    changes: dict[str, Any] = {}
    state = properties.get("state")
    if state is not None and "active" in (state.get("enum") or ()):
        # Conversations' State "defaults to `active`" (twilio_conversations_v1.json, CreateConversation).
        changes["state"] = "active"
    status = properties.get("status")
    enum = status.get("enum") if status is not None else None
    if isinstance(enum, list):
        for candidate in _INITIAL_STATUSES:
            if candidate in enum:
                changes["status"] = candidate
                break
    elif status is not None and endpoint.path.startswith(_VERIFICATIONS):
        changes["status"] = "pending"  # a new verification waits for its code
    if _is(endpoint, _CALLS) and "direction" in properties:
        changes["direction"] = "outbound-api"  # "`outbound-api` for calls initiated via the REST API"
    if _is(endpoint, _MESSAGES) and "direction" in properties:
        changes["direction"] = "outbound-api"
    unstarted = ("start_time",) if changes.get("status") == "queued" else ()
    for name in ("end_time", "duration", "price", "error_code", "error_message", "date_sent", *unstarted):
        schema = properties.get(name)
        if schema is not None and schema.get("nullable"):
            changes[name] = None
    return changes
