"""A real Secret Service for the keyring and end-to-end tests: gnome-keyring, unlocked, on a private D-Bus bus.

When `tests/run` has already started one (it sets `EXPLORER_TEST_SECRET_SERVICE`), the tests use that bus.
Otherwise the session fixture starts `dbus-daemon --session` and `gnome-keyring-daemon --unlock` itself, with
HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR in a temporary directory, so the user's own keyring is never touched
(../shared/RECIPES.md §1). The tests skip only when those programs are not installed. tests/conftest.py registers
these fixtures for every directory.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

KEYRING_PASSWORD = b"test-pass"
MISSING = "needs gnome-keyring-daemon and dbus-daemon: install the Debian packages gnome-keyring and dbus"


@dataclass(frozen=True)
class SecretService:
    """A running, unlocked Secret Service and the environment that reaches it."""

    env: dict[str, str]
    """Environment for subprocesses: the private bus address and, when this fixture started it, private dirs."""
    private_dirs: tuple[Path, ...]
    """Directories only this session uses (HOME, XDG_DATA_HOME...), to search for leaked secrets."""


def _wait_for_secrets_service(env: dict[str, str]) -> None:
    # The daemon needs 10-50 ms to own its bus name; a test that runs before then gets no backend.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if "boolean true" in probe.stdout:
            return
        time.sleep(0.05)
    raise RuntimeError("gnome-keyring-daemon did not claim org.freedesktop.secrets within 10 s")


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    """An unlocked gnome-keyring on a private session bus, for the whole test session."""
    if os.environ.get("EXPLORER_TEST_SECRET_SERVICE") and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        env = {"DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"]}
        dirs = tuple(Path(os.environ[name]) for name in ("XDG_DATA_HOME",) if os.environ.get(name))
        yield SecretService(env, dirs)
        return
    if not (
        shutil.which("gnome-keyring-daemon") and shutil.which("dbus-daemon") and shutil.which("dbus-send")
    ):
        pytest.skip(MISSING)
    base = tmp_path_factory.mktemp("secret-service")
    dirs = {
        name: base / name.lower() for name in ("HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME")
    }
    for path in dirs.values():
        path.mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items() if key != "DBUS_SESSION_BUS_ADDRESS"}
    env.update({name: str(path) for name, path in dirs.items()})
    started = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    address, pid = started.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input=KEYRING_PASSWORD, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
        )  # fmt: skip
        _wait_for_secrets_service(env)
        yield SecretService(
            {name: env[name] for name in (*dirs, "DBUS_SESSION_BUS_ADDRESS")}, tuple(dirs.values())
        )
    finally:
        # gnome-keyring-daemon exits when its bus goes away.
        os.kill(int(pid), signal.SIGTERM)


@pytest.fixture
def real_keyring(secret_service: SecretService, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    """This process uses the private Secret Service for one test, then returns to its previous backend."""
    import keyring
    from keyring.backends import SecretService as secret_service_backend

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.env["DBUS_SESSION_BUS_ADDRESS"])
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    # keyring may have cached the fail backend before the bus existed; point it at the Secret Service.
    keyring.set_keyring(secret_service_backend.Keyring())
    try:
        yield secret_service
    finally:
        keyring.set_keyring(previous)
