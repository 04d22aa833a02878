"""Test-wide guards: no test may resolve or connect to anything but loopback, or write to the user's state."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import network_guard

pytest_plugins = ["tests.support.secret_service", "tests.support.tmux"]
"""Fixtures more than one directory uses: a real Secret Service (keyring, e2e) and a private tmux (e2e)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked `slow` start first, dealt out over the xdist workers; the rest keep their order.

    A long test that starts last keeps one core busy while the other has nothing left. xdist's worksteal hands
    each worker a contiguous slice of this list at the start and lets an idle one steal from the end of another's
    queue: so each slice begins with its share of the slow tests (longest-first, the classic schedule), and the
    short tests behind them are what gets stolen.
    """
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    rest = [item for item in items if item.get_closest_marker("slow") is None]
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    ordered: list[pytest.Item] = []
    for worker in range(workers):
        size = (len(items) - len(ordered)) // (workers - worker)  # the slice worksteal gives this worker
        share = slow[worker::workers]
        taken = max(0, size - len(share)) if worker < workers - 1 else len(rest)
        ordered += share + rest[:taken]
        del rest[:taken]
    items[:] = ordered


@pytest.fixture(autouse=True, scope="session")
def _loopback_only() -> Iterator[None]:
    """Fail any test in this process that resolves or connects beyond loopback."""
    network_guard.install()
    try:
        yield
    finally:
        network_guard.remove()


@pytest.fixture(autouse=True)
def unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Exception]]:
    """Exceptions the app recovered from as "Unexpected error" (a bug): a test fails on any it did not expect.

    The app shows such an exception and keeps running, which is right for a user and wrong for a test: here
    each one is recorded, and the test fails at teardown if any is left. A test that provokes one on purpose
    takes this fixture by name, asserts on the list and clears it.
    """
    try:
        from explorer.ui.app import ExplorerApp
    except ImportError:  # textual missing: nothing to watch
        yield []
        return
    seen: list[Exception] = []
    original = ExplorerApp.report_unexpected

    def record(self: ExplorerApp, error: Exception, doing: str) -> None:
        seen.append(error)
        original(self, error, doing)

    monkeypatch.setattr(ExplorerApp, "report_unexpected", record)
    yield seen
    if seen:
        unexpected = ", ".join(f"{type(e).__name__}: {e}" for e in seen)
        seen.clear()
        pytest.fail(f"the app recovered from unexpected errors (bugs): {unexpected}")


@pytest.fixture(scope="session", autouse=True)
def private_state_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`$XDG_STATE_HOME` for this session, so simulators keep their CA (and the app its files) in a temp dir.

    XDG_STATE_HOME rather than TWILIO_EXPLORER_STATE_DIR: child processes inherit it, and a test that gives its
    app a state directory of its own (`XDG_STATE_HOME=...` on the command line) still gets that one.
    """
    path = tmp_path_factory.mktemp("xdg-state")
    previous = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = previous
