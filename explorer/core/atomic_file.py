"""Private files written safely: atomic replacement with mode 0600, and an advisory lock between processes.

`write_atomically` writes a temporary file in the target's directory (created 0600 by `mkstemp`, so there is
no moment when another user could read it), fsyncs it, renames it over the target and fsyncs the directory.
A reader therefore sees the old content or the new, never half of it. `locked` serialises read-modify-write
cycles between the app and a command line running at the same time.

Both raise `OSError`; callers turn it into their own `ExplorerError` with a hint that fits their file.
"""

from __future__ import annotations

__all__ = ["ensure_private_dir", "locked", "write_atomically"]

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` (and its parents) with mode 0700 if it does not exist.

    Raises:
        OSError: it cannot be created.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` with `data` atomically; the file ends up with mode 0600.

    Raises:
        OSError: the temporary file could not be written or renamed (it is removed).
    """
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if sys.platform != "win32":
        # Make the rename itself durable: without this a power cut can bring back the old directory entry.
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created 0600) for the block.

    Raises:
        OSError: the lock file cannot be created.
    """
    if sys.platform == "win32":  # pragma: no cover - no fcntl; os.replace is still atomic there
        yield
        return
    import fcntl

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
