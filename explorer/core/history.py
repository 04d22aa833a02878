"""The history of sent requests: each one's description, never its credential, in a private JSON-lines file.

An entry holds the `RequestSpec` fields, the Account SID, the profile's name and Region, the host that
answered, the status, when it was sent and how long it took. It is built from a `Profile` (which holds no
secret) and an `Exchange` (whose Authorization header is already redacted), so a secret has no way in.
Parameters that carry a secret of their own (`SipAuthPassword`, `Password`, `CallToken`, ...) are stored as
`[redacted]` and named in `redacted`, so the app can ask for them again before sending the entry again.

The file is `history.jsonl` in `platformdirs.user_data_dir("twilio-region-explorer")` (or
`$TWILIO_EXPLORER_DATA_DIR`), mode 0600. Appending writes one line (`O_APPEND`, cheap even while a 10,000-record
list loads page by page); once the file holds `limit + limit // 10` lines it is trimmed to the newest `limit`
by an atomic rewrite under a lock, so the file stays bounded without rewriting it on every request. A line
that cannot be read is skipped and reported in `HistoryContents.skipped`; it never stops the rest loading.
"""

from __future__ import annotations

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_LIMIT",
    "FILE_NAME",
    "REDACTED_VALUE",
    "History",
    "HistoryContents",
    "HistoryEntry",
    "HistoryError",
    "SkippedLine",
    "data_dir",
    "render_markdown",
]

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from explorer.core.atomic_file import ensure_private_dir, locked, write_atomically
from explorer.core.client import Exchange
from explorer.core.curl import render_curl
from explorer.core.errors import ExplorerError
from explorer.core.profiles import Profile
from explorer.core.request import AuthKind, RequestSpec

DATA_DIR_ENV = "TWILIO_EXPLORER_DATA_DIR"
"""Environment variable that overrides the data directory (tests, portable setups)."""
FILE_NAME = "history.jsonl"
"""The history file's name inside the data directory."""
DEFAULT_LIMIT = 500
"""How many entries are kept by default."""
REDACTED_VALUE = "[redacted]"
"""What is stored instead of the value of a secret-bearing parameter."""
FORMAT_VERSION = 1

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
    """The HTTP status, or None when no response came back."""
    sent_at: datetime
    """When it was sent (UTC)."""
    duration: float
    """Seconds until the whole response was read."""
    redacted: tuple[str, ...] = ()
    """Names of parameters whose value was replaced by `[redacted]`; ask for them before sending again."""

    @classmethod
    def from_exchange(
        cls, spec: RequestSpec, profile: Profile, exchange: Exchange, *, sent_at: datetime | None = None
    ) -> HistoryEntry:
        """The entry for `spec` sent with `profile`'s credential, answered by `exchange`."""
        return cls.from_outcome(
            spec,
            profile,
            host=urlsplit(exchange.url).hostname or spec.fqdn,
            status=exchange.status_code,
            duration=exchange.timings.total,
            sent_at=sent_at,
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
    ) -> HistoryEntry:
        """The entry for a request that may have had no response (`status` None: a network failure)."""
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
        )
        try:
            entry.to_spec()  # a line that cannot become a request again is as good as corrupt
        except ExplorerError as error:
            raise ValueError(error.message) from None
        return entry


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


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line of the history file that could not be read."""

    line: int
    """Its 1-based line number."""
    reason: str
    """Why it was skipped."""


@dataclass(frozen=True, slots=True)
class HistoryContents:
    """What reading the history file found."""

    entries: tuple[HistoryEntry, ...]
    """The readable entries, oldest first (at most the history's limit)."""
    skipped: tuple[SkippedLine, ...] = ()
    """Lines that could not be read and were skipped."""

    @property
    def warning(self) -> HistoryError | None:
        """An error to show when lines were skipped (None when all were read)."""
        if not self.skipped:
            return None
        where = ", ".join(f"line {skip.line}: {skip.reason}" for skip in self.skipped[:3])
        more = f" and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
        return HistoryError(
            f"{len(self.skipped)} damaged history line(s) were skipped ({where}{more})",
            hint="the other entries are intact; the damaged lines are dropped the next time the file is trimmed",
            title="History partly unreadable",
        )


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory holding the history: `$TWILIO_EXPLORER_DATA_DIR`, else the platform's user data dir."""
    env = os.environ if environ is None else environ
    override = env.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs  # deferred: only commands that keep history need it

    return Path(platformdirs.user_data_dir("twilio-region-explorer", appauthor=False))


class History:
    """The history file: append entries, read them back, clear it. Bounded to the newest `limit` entries."""

    def __init__(self, path: Path | None = None, *, limit: int = DEFAULT_LIMIT) -> None:
        """Use `path`, or `history.jsonl` in `data_dir()`; keep the newest `limit` entries."""
        if limit < 1:
            raise ValueError("the history limit must be at least 1")
        self.path = path if path is not None else data_dir() / FILE_NAME
        self.limit = limit

    def __repr__(self) -> str:
        return f"History({str(self.path)!r}, limit={self.limit})"

    @property
    def _lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def _trim_at(self) -> int:
        # Slack above the limit, so a full history is rewritten once every limit/10 sends, not on each one.
        return self.limit + max(1, self.limit // 10)

    def append(self, entry: HistoryEntry) -> None:
        """Add `entry` as the newest, trimming the file to the newest `limit` entries when it has grown.

        Raises:
            HistoryError: the file cannot be written.
        """
        line = _line(entry)
        try:
            ensure_private_dir(self.path.parent)
            with locked(self._lock_path):
                # One write on an O_APPEND descriptor: concurrent appenders never interleave inside a line.
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    if sys.platform != "win32":
                        os.fchmod(fd, 0o600)  # a file created by hand or an older tool is made private
                    os.write(fd, line)
                finally:
                    os.close(fd)
                # Counted under the lock every time, so appends from another process count towards the bound.
                if self._count_lines() >= self._trim_at:
                    self._trim()
        except OSError as error:
            raise self._write_error(error) from None

    def read(self) -> HistoryContents:
        """The entries (oldest first, at most `limit`) and the lines that were skipped.

        Raises:
            HistoryError: the file exists but cannot be read at all.
        """
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return HistoryContents(())
        except OSError as error:
            raise HistoryError(
                f"cannot read the history file {self.path}: {error.strerror}",
                hint="check the file's owner and permissions",
            ) from None
        entries, skipped = _parse(data)
        return HistoryContents(tuple(entries[-self.limit :]), tuple(skipped))

    def entries(self) -> tuple[HistoryEntry, ...]:
        """The readable entries, oldest first; damaged lines are skipped (see `read` to learn about them)."""
        return self.read().entries

    def clear(self) -> None:
        """Forget every entry (the file is replaced by an empty one, still mode 0600).

        Raises:
            HistoryError: the file cannot be written.
        """
        try:
            ensure_private_dir(self.path.parent)
            with locked(self._lock_path):
                write_atomically(self.path, b"")
        except OSError as error:
            raise self._write_error(error) from None

    def _count_lines(self) -> int:
        with self.path.open("rb") as handle:
            return sum(1 for _ in handle)

    def _trim(self) -> None:
        # Called under the lock. Damaged lines are dropped here: they were reported when read.
        entries, _ = _parse(self.path.read_bytes())
        kept = entries[-self.limit :]
        write_atomically(self.path, b"".join(_line(entry) for entry in kept))

    def _write_error(self, error: OSError) -> HistoryError:
        return HistoryError(
            f"cannot write the history file {self.path}: {error.strerror}",
            hint=f"check free space and permissions, or set {DATA_DIR_ENV} to a writable directory",
        )


def _line(entry: HistoryEntry) -> bytes:
    return (json.dumps(entry.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _parse(data: bytes) -> tuple[list[HistoryEntry], list[SkippedLine]]:
    entries: list[HistoryEntry] = []
    skipped: list[SkippedLine] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            entries.append(HistoryEntry.from_json(json.loads(raw)))
        except UnicodeDecodeError:
            skipped.append(SkippedLine(number, "not UTF-8 text"))
        except json.JSONDecodeError as error:
            skipped.append(SkippedLine(number, f"not JSON ({error.msg})"))
        except ValueError as error:
            skipped.append(SkippedLine(number, str(error)))
    return entries, skipped


def _fence(text: str) -> str:
    # CommonMark: a fence longer than any backtick run inside cannot be closed early by the content.
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render_markdown(
    entries: Iterable[HistoryEntry], *, render: Callable[[RequestSpec], str] | None = None
) -> str:
    """A Markdown snippet for docs: per entry, a heading naming the Region and host, then its curl.

    The curl is `render_curl`'s docs-safe default (`"$TWILIO_…"` placeholders, multi-line), so the snippet
    holds no Account SID and no secret. `render` replaces the curl renderer (tests, other placeholders).
    """
    to_curl = render if render is not None else (lambda spec: render_curl(spec, multiline=True))
    blocks: list[str] = []
    for entry in entries:
        spec = entry.to_spec()
        curl = to_curl(spec)
        fence = _fence(curl)
        blocks.append(
            f"### {entry.method} on {spec.fqdn} (Region {entry.region_label})\n\n{fence}bash\n{curl}\n{fence}\n"
        )
    return "\n".join(blocks)
