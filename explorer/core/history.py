"""The history of sent requests: each one's description, never its credential, in a private JSON-lines file.

Entries (`explorer.core.history_entry`) hold a request's description, never its credential.

The file is `history.jsonl` in `platformdirs.user_data_dir("twilio-region-explorer")` (or
`$TWILIO_EXPLORER_DATA_DIR`), mode 0600. Appending writes one line (`O_APPEND`, cheap even while a 10,000-record
list loads page by page); once the file holds `limit + limit // 10` lines it is trimmed to the newest `limit`
by an atomic rewrite under a lock, so the file stays bounded without rewriting it on every request.

Appends are line-safe: each entry is one `\n`-terminated line written by one `write` call, and when the file
does not end with a newline (a crash mid-write, a hand edit, another tool) the entry starts with one, so it is
never glued onto the unfinished line (which would lose both). A line that cannot be read is skipped and counted
in `HistoryContents.skipped` ("2 lines could not be read"); it never stops the rest loading.
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
    "write_markdown",
]

import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from explorer.core.atomic_file import ensure_private_dir, locked, write_atomically
from explorer.core.curl import render_curl
from explorer.core.history_entry import REDACTED_VALUE, HistoryEntry, HistoryError
from explorer.core.markdown import fenced
from explorer.core.paths import DATA_DIR_ENV, data_dir

FILE_NAME = "history.jsonl"
"""The history file's name inside the data directory."""
DEFAULT_LIMIT = 500
"""How many entries are kept by default."""


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
        count = len(self.skipped)
        where = ", ".join(f"line {skip.line}: {skip.reason}" for skip in self.skipped[:3])
        more = f" and {count - 3} more" if count > 3 else ""
        return HistoryError(
            f"{count} line{'s' if count != 1 else ''} could not be read and {'were' if count != 1 else 'was'} "
            f"skipped ({where}{more})",
            hint="the other entries are intact; the damaged lines are dropped the next time the file is trimmed",
            title="History partly unreadable",
        )


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
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    if sys.platform != "win32":
                        os.fchmod(fd, 0o600)  # a file created by hand or an older tool is made private
                    os.write(fd, _line_start(fd) + line)
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


def _line_start(fd: int) -> bytes:
    """A newline when the file's last line is unfinished (it does not end with one), else nothing.

    Without it the new entry would be glued onto that line, and both would be unreadable.
    """
    size = os.fstat(fd).st_size
    if size == 0:
        return b""
    os.lseek(fd, size - 1, os.SEEK_SET)  # only for this read: O_APPEND still writes at the end
    return b"" if os.read(fd, 1) == b"\n" else b"\n"


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


def render_markdown(
    entries: Iterable[HistoryEntry],
    *,
    excerpts: bool = False,
    render: Callable[[HistoryEntry], str] | None = None,
) -> str:
    """A Markdown snippet for docs: the entries oldest first, each with what came back and its curl.

    Per entry: a heading naming the method, host and Region; the status (or why there was none), the
    duration, when it was sent and its `Twilio-Request-Id`; the curl; with `excerpts`, the first lines of
    the response (already redacted when the entry was made: `excerpt.response_excerpt`).

    The curl is `render_curl`'s docs-safe form, multi-line, with the secret variables named for the Region
    that processed the request (`$TWILIO_API_KEY_IE1`), as `twilio-explorer curl --region-vars` and the
    simulator's env file name them: an API key works in one Region only, so one name for all would be wrong
    for all but one. The snippet holds no Account SID and no secret. `render` replaces the curl renderer.
    """
    to_curl = render if render is not None else _docs_curl
    blocks: list[str] = []
    for entry in sorted(entries, key=lambda e: e.sent_at):
        spec = entry.to_spec()
        facts = [
            f"`{entry.outcome}`",
            _duration(entry.duration),
            entry.sent_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        ]
        if entry.request_id:
            facts.append(f"Twilio-Request-Id `{entry.request_id}`")
        block = (
            f"### {entry.method} {spec.fqdn} (Region {entry.region_label})\n\n"
            + " · ".join(facts)
            + "\n\n"
            + fenced(to_curl(entry), "bash")
        )
        if excerpts and entry.excerpt:
            language = "json" if entry.excerpt.lstrip().startswith(("{", "[")) else ""
            block += "\nResponse (excerpt):\n\n" + fenced(entry.excerpt, language)
        blocks.append(block)
    return "\n".join(blocks)


def _docs_curl(entry: HistoryEntry) -> str:
    # The Region of the credential it was sent with: the scoping rule let it go only to a host processed
    # there, so this is the name `curl --region-vars` gives for that host.
    return render_curl(entry.to_spec(), multiline=True, region_suffix=entry.processing_region)


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def write_markdown(path: Path, entries: Iterable[HistoryEntry], *, excerpts: bool = False) -> None:
    """Write `render_markdown(entries)` to `path` atomically, mode 0600, creating its folder (0700) if needed.

    Atomic (`write_atomically`): a reader never sees half a snippet, a failed write keeps the old one, and a
    symlink planted at `path` is replaced, never followed into another file.

    Raises:
        HistoryError: the file cannot be written.
    """
    text = render_markdown(entries, excerpts=excerpts)
    try:
        ensure_private_dir(path.parent)
        write_atomically(path, text.encode())
    except OSError as error:
        raise HistoryError(
            f"cannot write the Markdown snippet to {path}: {error.strerror}",
            hint="check free space and permissions of that directory",
        ) from None
