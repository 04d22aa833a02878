"""Listing a tree's files the way git would: ignored files left out, symlinks never followed out of the tree.

In a git work tree the list is `git ls-files --cached --others --exclude-standard` (git's own rules, including
nested and global ignore files). Elsewhere every `.gitignore` on the way down is read with `pathspec`'s
`GitIgnoreSpec`, which follows git's matching rules. Reading is bounded: binary and huge files are skipped and
counted, and a file that cannot be read is counted, never raised.
"""

from __future__ import annotations

__all__ = [
    "HUGE_BYTES",
    "LOCKFILE_HUGE_BYTES",
    "Listing",
    "PendingListing",
    "list_files",
    "read_text",
    "start_listing",
]

import os
import re
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from explorer.scan.model import ScanSummary

HUGE_BYTES = 2 * 1024 * 1024
"""Source and configuration files larger than this are skipped (generated or minified, not hand-written)."""
LOCKFILE_HUGE_BYTES = 32 * 1024 * 1024
"""Lockfiles are machine-written and can be large (package-lock.json); they get a larger allowance."""
_SNIFF = 8192


def _start(root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["git", "-C", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )


def _names(process: subprocess.Popen[bytes]) -> list[str] | None:
    out, _ = process.communicate(timeout=300)
    if process.returncode not in (0, 1):
        return None
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


@dataclass(slots=True)
class Listing:
    """The files to consider, and (in a git work tree) which of them mention Twilio."""

    names: list[str]
    mentions: set[str] | None
    """Files known to mention Twilio (any case); None when every candidate must be read and searched."""


class PendingListing:
    """git's answers about a tree, asked early so that they run while Python imports and parses.

    Two questions at once: every file with its status (`ls-files -t`: tracked, untracked-but-not-ignored,
    deleted) and which tracked files mention Twilio (`git grep -l -i`, git's parallel grep over the work tree,
    whose answers are read as they come so that parsing overlaps the grep). Outside a git work tree both fail
    and the listing falls back to `pathspec`.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._listing: subprocess.Popen[bytes] | None = None
        self._grep: subprocess.Popen[bytes] | None = None
        self._grepped: list[str] = []
        self._grep_ok = False
        try:
            self._listing = _start(
                root, "ls-files", "-z", "-t", "--cached", "--others", "--deleted", "--exclude-standard"
            )
            self._grep = _start(root, "grep", "-l", "-z", "-i", "-e", "twilio")
        except OSError:
            pass

    def mentions(self) -> Iterator[str]:
        """The tracked files that mention Twilio, as git grep finds them (nothing outside a git work tree)."""
        grep = self._grep
        if grep is None or grep.stdout is None:
            return
        rest = b""
        stream = grep.stdout
        for chunk in iter(lambda: stream.read1(65536), b""):  # type: ignore[attr-defined]  # a BufferedReader
            *complete, rest = (rest + chunk).split(b"\0")
            for raw in complete:
                name = raw.decode("utf-8", "surrogateescape")
                self._grepped.append(name)
                yield name
        grep.wait(timeout=300)
        self._grep_ok = grep.returncode in (0, 1)
        self._grep = None

    @property
    def running(self) -> bool:
        """True while a git process of this listing is still running."""
        return any(job is not None and job.poll() is None for job in (self._listing, self._grep))

    def close(self) -> None:
        """Stop git if it is still running (the scan was stopped) and release its pipes."""
        for job in (self._listing, self._grep):
            if job is not None and job.poll() is None:
                job.kill()
            if job is not None:
                job.wait()
                for stream in (job.stdout,):
                    if stream is not None:
                        stream.close()

    def git(self, summary: ScanSummary) -> Listing | None:
        """The listing git gives, or None when `root` is not in a git work tree (or git is missing)."""
        for _ in self.mentions():
            pass
        if self._listing is None:
            return None
        try:
            tagged = _names(self._listing)
        except subprocess.SubprocessError:
            return None
        if tagged is None:
            return None
        # `-t` tags each entry: `H` tracked, `?` untracked, `R` deleted from the work tree (also listed as `H`).
        tracked = [entry[2:] for entry in tagged if entry[:1] not in ("?", "R")]
        untracked = [entry[2:] for entry in tagged if entry[:1] == "?"]
        gone = {entry[2:] for entry in tagged if entry[:1] == "R"}
        summary.unreadable += len(gone)
        summary.skipped_paths.extend(sorted(gone)[:5])
        names = [name for name in dict.fromkeys([*tracked, *untracked]) if name not in gone]
        # Untracked files are not searched by git grep: they are read and searched like any file.
        mentions = set(self._grepped) | set(untracked) if self._grep_ok else None
        return Listing(names, mentions)


def start_listing(root: Path) -> PendingListing:
    """Ask git about `root` now; collect the answer with `list_files(root, summary, pending)`."""
    return PendingListing(root)


def _pathspec_files(root: Path) -> list[str]:
    import pathspec

    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    found: list[str] = []

    def ignored(rel: str, is_dir: bool) -> bool:
        for base, spec in specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False

    for current, dirs, files in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(current, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        gitignore = Path(current, ".gitignore")
        if gitignore.is_file() and not gitignore.is_symlink():
            try:
                lines = gitignore.read_text("utf-8", "replace").splitlines()
                specs.append((rel_dir, pathspec.GitIgnoreSpec.from_lines(lines)))
            except OSError:
                pass
        dirs[:] = sorted(
            d for d in dirs if d != ".git" and not ignored(f"{rel_dir}/{d}" if rel_dir else d, True)
        )
        for name in sorted(files):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if not ignored(rel, False):
                found.append(rel)
    return found


def list_files(root: Path, summary: ScanSummary, pending: PendingListing | None = None) -> Listing:
    """Every file under `root` that git would not ignore, relative and `/`-separated, in a stable order."""
    if pending is None or pending.root != root:
        pending = start_listing(root)
    listing = pending.git(summary)
    if listing is None:
        summary.walker = "pathspec (.gitignore files)"
        listing = Listing(_pathspec_files(root), None)
    else:
        summary.walker = "git ls-files"
    summary.files_seen = len(listing.names) + summary.unreadable
    summary.prefilter = (
        "git grep -l -i twilio" if listing.mentions is not None else "each file searched in Python"
    )
    return listing


def _inside(root: Path, path: str) -> bool:
    try:
        Path(path).resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def read_text(
    root: Path,
    rel: str,
    summary: ScanSummary,
    *,
    lockfile: bool = False,
    needle: re.Pattern[bytes] | None = None,
) -> str | None:
    """The text of `root/rel`, or None (counted in `summary`) when it is a symlink, huge, binary or unreadable,
    or when `needle` is given and does not occur in it (the cheap test that keeps large trees fast).

    A symlink is never followed: one pointing outside the tree is counted; one pointing inside is skipped
    because its target is listed (and read) under its own name. Plain `os` calls, not `pathlib`: this runs
    once per file of the tree.
    """
    path = os.path.join(root, rel)
    limit = LOCKFILE_HUGE_BYTES if lockfile else HUGE_BYTES
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            if not _inside(root, path):
                summary.symlinks_outside += 1
            return None
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError:
        summary.unreadable += 1
        if len(summary.skipped_paths) < 5:
            summary.skipped_paths.append(rel)
        return None
    if len(data) > limit:
        summary.huge += 1
        return None
    if b"\0" in data[:_SNIFF]:
        summary.binary += 1
        return None
    summary.files_read += 1
    if needle is not None and needle.search(data) is None:
        return None
    return data.decode("utf-8", "replace")
