"""Test-wide guards: no test may resolve or connect to anything but loopback, or write to the user's state."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkGuardError(AssertionError):
    """A test tried to reach something other than loopback."""


def _is_loopback(host: object) -> bool:
    if host in (None, "localhost", b"localhost", ""):
        return True
    try:
        text = host.decode() if isinstance(host, bytes) else str(host)
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _is_loopback(host):
        raise NetworkGuardError(f"test tried to resolve {host!r}: only loopback is allowed")
    return _real_getaddrinfo(host, *args, **kwargs)


def _check_address(address: Any) -> None:
    if isinstance(address, tuple) and not _is_loopback(address[0]):
        raise NetworkGuardError(f"test tried to connect to {address!r}: only loopback is allowed")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check_address(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _loopback_only() -> Iterator[None]:
    """Fail any test in this process that resolves or connects beyond loopback."""
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.getaddrinfo = _real_getaddrinfo
        socket.socket.connect = _real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


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
