"""One history entry: a sent request's description, never its credential, and its JSON form.

An entry holds the `RequestSpec` fields, the Account SID, the profile's name and Region, the host that
answered, the status (or, for a request that left but brought no response back, why: `cancelled`, `reset`,
`timeout`, `failed`), when it was sent and how long it took. It is built from a `Profile` (which holds no
secret) and an `Exchange` (whose Authorization header is already redacted), so a secret has no way in.
Parameters that carry a secret of their own (`SipAuthPassword`, `Password`, `CallToken`, ...) are stored as
`[redacted]` and named in `redacted`, so the app can ask for them again before sending the entry again.
"""

from __future__ import annotations

__all__ = ["FAILURES", "FORMAT_VERSION", "REDACTED_VALUE", "HistoryEntry", "HistoryError", "failure_of"]

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from explorer.core.errors import ExplorerError
from explorer.core.excerpt import response_excerpt
from explorer.core.exchange import Exchange
from explorer.core.printable import visible
from explorer.core.profiles import Profile
from explorer.core.request import AuthKind, RequestSpec

REDACTED_VALUE = "[redacted]"
"""What is stored instead of the value of a secret-bearing parameter."""
FORMAT_VERSION = 1
FAILURES = ("cancelled", "reset", "timeout", "failed")
"""Why a request that left the machine brought no response back: cancelled here (the server may still have
acted on it), the connection broke, it took too long, or anything else in transit."""

# Twilio parameters whose value is itself a secret (SIP passwords, call tokens, signing secrets). PageToken
# is only a paging cursor and is kept, or the entry could not be sent again.
_SECRET_PARAM = re.compile(r"(?i)password|secret|token")
_NOT_SECRET = frozenset({"PageToken"})


class HistoryError(ExplorerError):
    """The history file cannot be written or read."""

    title = "History"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One sent request, as a description without secrets."""

    method: str
    """HTTP method, upper case."""
    path: str
    """The path template (`/2010-04-01/Accounts/{AccountSid}/Calls.json`)."""
    product: str
    """Product host label."""
    region: str | None
    """The request's region setting (None: unset, as for US1's `api.twilio.com`)."""
    edge: str | None
    """The request's edge setting."""
    path_params: tuple[tuple[str, str], ...]
    """Values for the `{Params}` other than `{AccountSid}`."""
    query: tuple[tuple[str, str], ...]
    """Query parameters, in order (secret-bearing values redacted)."""
    form: tuple[tuple[str, str], ...]
    """Form fields, in order (secret-bearing values redacted)."""
    auth: AuthKind
    """Which kind of credential it was sent with (never the credential)."""
    account_sid: str
    """The Account the request was sent for."""
    profile: str
    """The name of the profile it was sent with."""
    processing_region: str
    """The profile's Processing Region (`ie1`)."""
    host: str
    """The host that answered (after any redirect)."""
    status: int | None
    """The HTTP status, or None when no response came back (`failure` says why)."""
    sent_at: datetime
    """When it was sent (UTC)."""
    duration: float
    """Seconds until the whole response was read."""
    redacted: tuple[str, ...] = ()
    """Names of parameters whose value was replaced by `[redacted]`; ask for them before sending again."""
    failure: str | None = None
    """One of `FAILURES` when `status` is None; None when a response came back."""
    request_id: str | None = None
    """The response's `Twilio-Request-Id` (what Twilio support asks for); None without one."""
    excerpt: str | None = None
    """The first lines of the response body, secrets and Account SIDs replaced (`excerpt.response_excerpt`)."""

    @property
    def outcome(self) -> str:
        """What the history shows as the result: the status (`201`) or why there was none (`cancelled`)."""
        return str(self.status) if self.status is not None else (self.failure or "failed")

    @classmethod
    def from_exchange(
        cls, spec: RequestSpec, profile: Profile, exchange: Exchange, *, sent_at: datetime | None = None
    ) -> HistoryEntry:
        """The entry for `spec` sent with `profile`'s credential, answered by `exchange`."""
        request_id = next(
            (value for name, value in exchange.response_headers if name.lower() == "twilio-request-id"), None
        )
        return cls.from_outcome(
            spec,
            profile,
            host=urlsplit(exchange.url).hostname or spec.fqdn,
            status=exchange.status_code,
            duration=exchange.timings.total,
            sent_at=sent_at,
            request_id=visible(request_id) if request_id else None,
            excerpt=response_excerpt(exchange.body),
        )

    @classmethod
    def from_outcome(
        cls,
        spec: RequestSpec,
        profile: Profile,
        *,
        host: str,
        status: int | None,
        duration: float,
        sent_at: datetime | None = None,
        failure: str | None = None,
        request_id: str | None = None,
        excerpt: str | None = None,
    ) -> HistoryEntry:
        """The entry for a request that may have had no response (`status` None: `failure` says why)."""
        redacted: list[str] = []
        return cls(
            method=spec.method,
            path=spec.path,
            product=spec.product,
            region=spec.region,
            edge=spec.edge,
            path_params=spec.path_params,
            query=_redact(spec.query, redacted),
            form=_redact(spec.form, redacted),
            auth=spec.auth,
            account_sid=profile.account_sid,
            profile=profile.name,
            processing_region=profile.region,
            host=host,
            status=status,
            sent_at=sent_at if sent_at is not None else datetime.now(UTC),
            duration=duration,
            redacted=tuple(dict.fromkeys(redacted)),
            failure=None if status is not None else _failure(failure),
            request_id=request_id,
            excerpt=excerpt,
        )

    def to_spec(self) -> RequestSpec:
        """The request description, ready to send again or render as curl."""
        return RequestSpec(
            method=self.method,
            path=self.path,
            product=self.product,
            region=self.region,
            edge=self.edge,
            path_params=self.path_params,
            query=self.query,
            form=self.form,
            auth=self.auth,
        )

    @property
    def region_label(self) -> str:
        """The Processing Region in capitals: `IE1`."""
        return self.processing_region.upper()

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object (one line of the file)."""
        return {
            "v": FORMAT_VERSION,
            "method": self.method,
            "path": self.path,
            "product": self.product,
            "region": self.region,
            "edge": self.edge,
            "path_params": [list(pair) for pair in self.path_params],
            "query": [list(pair) for pair in self.query],
            "form": [list(pair) for pair in self.form],
            "auth": str(self.auth),
            "account_sid": self.account_sid,
            "profile": self.profile,
            "processing_region": self.processing_region,
            "host": self.host,
            "status": self.status,
            "sent_at": self.sent_at.isoformat(),
            "duration": self.duration,
            "redacted": list(self.redacted),
            "failure": self.failure,
            "request_id": self.request_id,
            "excerpt": self.excerpt,
        }

    @classmethod
    def from_json(cls, data: object) -> HistoryEntry:
        """Read an entry back from `to_json`'s output.

        Raises:
            ValueError: the object is not an entry (the message says why).
        """
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if data.get("v") != FORMAT_VERSION:
            raise ValueError(f"format {data.get('v')!r}, expected {FORMAT_VERSION}")
        sent_at = datetime.fromisoformat(_text(data, "sent_at"))
        if sent_at.tzinfo is None:
            raise ValueError("sent_at has no time zone")
        status = data.get("status")
        if status is not None and (not isinstance(status, int) or isinstance(status, bool)):
            raise ValueError("status is not an integer")
        duration = data.get("duration")
        if not isinstance(duration, int | float) or isinstance(duration, bool):
            raise ValueError("duration is not a number")
        entry = cls(
            method=_text(data, "method"),
            path=_text(data, "path"),
            product=_text(data, "product"),
            region=_optional_str(data, "region"),
            edge=_optional_str(data, "edge"),
            path_params=_pairs(data, "path_params"),
            query=_pairs(data, "query"),
            form=_pairs(data, "form"),
            auth=AuthKind(_text(data, "auth")),
            account_sid=_text(data, "account_sid"),
            profile=_text(data, "profile"),
            processing_region=_text(data, "processing_region"),
            host=_text(data, "host"),
            status=status,
            sent_at=sent_at,
            duration=float(duration),
            redacted=tuple(_strings(data.get("redacted", []), "redacted")),
            # Optional: lines written before it existed have none ("failed" when their status is null).
            failure=None if status is not None else _failure(_optional_str(data, "failure")),
            # Optional too: older lines have neither.
            request_id=_optional_str(data, "request_id"),
            excerpt=_optional_str(data, "excerpt"),
        )
        try:
            entry.to_spec()  # a line that cannot become a request again is as good as corrupt
        except ExplorerError as error:
            raise ValueError(error.message) from None
        return entry


def failure_of(error: BaseException) -> str:
    """The history's word for a request that left the machine but brought no response back.

    `asyncio.CancelledError` is `cancelled`; a `TransportError` is classified by the httpx exception it was
    raised from (`timeout`, or `reset` when the connection broke after it was open); anything else, and a
    connection that could not be opened at all, is `failed`.
    """
    import asyncio

    import httpx

    if isinstance(error, asyncio.CancelledError):
        return "cancelled"
    cause: BaseException | None = error
    seen: set[int] = set()
    # The client raises its TransportError from inside `except httpx.TransportError`, so the httpx error is
    # its context (or cause) even when the traceback hides it.
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, httpx.TimeoutException):
            return "timeout"
        if isinstance(
            cause, httpx.ReadError | httpx.WriteError | httpx.RemoteProtocolError | httpx.CloseError
        ):
            return "reset"
        if isinstance(cause, httpx.TransportError):
            return "failed"
        cause = cause.__cause__ or cause.__context__
    return "failed"


def _failure(value: str | None) -> str:
    # A word this version does not know (a newer version's, or a hand edit) is shown as the generic one.
    return value if value in FAILURES else "failed"


def _redact(pairs: tuple[tuple[str, str], ...], redacted: list[str]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for name, value in pairs:
        if _SECRET_PARAM.search(name) and name not in _NOT_SECRET:
            redacted.append(name)
            value = REDACTED_VALUE
        out.append((name, value))
    return tuple(out)


def _text(data: Mapping[str, object], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key} is missing or not a string")
    return value


def _optional_str(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} is not a string")
    return value


def _strings(value: object, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} is not a list of strings")
    return list(value)


def _pairs(data: Mapping[str, object], key: str) -> tuple[tuple[str, str], ...]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(f"{key} is not a list")
    pairs: list[tuple[str, str]] = []
    for item in value:
        names = _strings(item, key)
        if len(names) != 2:
            raise ValueError(f"{key} holds something other than name/value pairs")
        pairs.append((names[0], names[1]))
    return tuple(pairs)
