"""The simulator in the background (`twilio-explorer sim --detach` / `--stop`), and the port of the previous run.

The background process is the ordinary `sim` command in a session of its own, its output in
`<state dir>/simulator.log`. Once ready it writes its env file, then a record `<state dir>/simulator.json`
(`pid`, `control`, `env_file`), each atomically. `spawn` returns only when that record names its child, so a
shell that sources the env file next finds it whole: the README's block can be pasted in one go.

`stop` asks the control endpoint's `/health` for the pid before signalling it, so a stale record (a crash, a
reused pid) is never acted on. The proxy port of the last run is remembered, so an env file sourced in a shell
earlier (its `HTTPS_PROXY`) keeps working with the next run, as its CA does (`explorer.sim.tls`).
"""

from __future__ import annotations

__all__ = [
    "Detached",
    "find_running",
    "last_port",
    "log_path",
    "read_record",
    "record_path",
    "remember_port",
    "remove_record",
    "spawn",
    "stop",
    "write_record",
]

import contextlib
import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from explorer.core.atomic_file import ensure_private_dir, write_atomically
from explorer.core.errors import SimulatorError

_RECORD = "simulator.json"
_LOG = "simulator.log"
_PORT = "simulator-port"


@dataclass(frozen=True, slots=True)
class Detached:
    """A simulator running in the background."""

    pid: int
    """Its process id."""
    control_url: str
    """Its proxy and control endpoint, `http://127.0.0.1:PORT`."""
    env_file: Path
    """The env file it wrote (and deletes when it stops)."""


def _state() -> Path:
    from explorer.core.paths import state_dir

    return state_dir()


def record_path() -> Path:
    """`<state dir>/simulator.json`."""
    return _state() / _RECORD


def log_path() -> Path:
    """`<state dir>/simulator.log`: the background simulator's output."""
    return _state() / _LOG


def _write_private(path: Path, text: str) -> None:
    ensure_private_dir(path.parent)
    write_atomically(path, text.encode("utf-8"))


def write_record(detached: Detached) -> None:
    """Write the record atomically, mode 0600."""
    payload = {"pid": detached.pid, "control": detached.control_url, "env_file": str(detached.env_file)}
    _write_private(record_path(), json.dumps(payload) + "\n")


def read_record() -> Detached | None:
    """The record, or None when there is none or it is unreadable."""
    try:
        payload = json.loads(record_path().read_text(encoding="utf-8"))
        return Detached(int(payload["pid"]), str(payload["control"]), Path(payload["env_file"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_record(pid: int) -> None:
    """Delete the record if it names `pid` (another run's record is left alone)."""
    record = read_record()
    if record is not None and record.pid == pid:
        record_path().unlink(missing_ok=True)


def _answers_as(detached: Detached) -> bool:
    import httpx

    try:
        # trust_env=False: the shell asking has usually sourced the env file, whose proxy is this very server.
        response = httpx.get(f"{detached.control_url}/health", trust_env=False, timeout=2)
        return bool(response.status_code == 200 and response.json().get("pid") == detached.pid)
    except (httpx.HTTPError, ValueError, AttributeError):
        return False


def find_running() -> Detached | None:
    """The background simulator, if the record names one that answers with that pid."""
    record = read_record()
    return record if record is not None and _answers_as(record) else None


def spawn(argv: list[str], timeout: float = 30.0) -> Detached:
    """Start `argv` (a `sim --detached` command line) in a session of its own; return once it is ready.

    Raises:
        SimulatorError: one is running already, or the new one exited or was not ready in time.
    """
    running = find_running()
    if running is not None:
        raise SimulatorError(
            f"a simulator is already running in the background (pid {running.pid}, proxy {running.control_url})",
            hint="stop it first: twilio-explorer sim --stop",
        )
    record_path().unlink(missing_ok=True)  # stale: nothing answers for it
    log = log_path()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as output:
        child = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = read_record()
        if record is not None and record.pid == child.pid:
            return record
        if child.poll() is not None:
            raise SimulatorError(f"the simulator did not start: {_last_line(log)}", hint=f"see {log}")
        time.sleep(0.02)
    child.terminate()
    raise SimulatorError(f"the simulator was not ready after {timeout:.0f} s", hint=f"see {log}")


def _last_line(log: Path) -> str:
    try:
        lines = [
            line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()
        ]
    except OSError:
        return "no output"
    return lines[-1] if lines else "no output"


def stop(timeout: float = 10.0) -> Detached | None:
    """Stop the background simulator; return what was stopped, None when nothing was running.

    Raises:
        SimulatorError: it did not stop in time.
    """
    record = read_record()
    if record is None:
        return None
    if not _answers_as(record):
        record_path().unlink(missing_ok=True)  # stale: never signal a pid we cannot vouch for
        return None
    os.kill(record.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    # The simulator removes its record last, after its sockets and its env file: that is "stopped".
    while time.monotonic() < deadline:
        current = read_record()
        if current is None or current.pid != record.pid:
            return record
        time.sleep(0.02)
    raise SimulatorError(f"the simulator (pid {record.pid}) did not stop", hint=f"kill {record.pid}")


def last_port() -> int | None:
    """The proxy port of the previous `sim` run, or None."""
    try:
        port = int((_state() / _PORT).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return port if 0 < port < 65536 else None


def remember_port(port: int) -> None:
    """Remember the proxy port for the next run (best effort)."""
    with contextlib.suppress(OSError):
        _write_private(_state() / _PORT, f"{port}\n")
