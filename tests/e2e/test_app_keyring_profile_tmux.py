"""A profile in the keyring, then a write, as a person does them: `twilio-explorer` under tmux, a real Secret
Service, a separate simulator.

gnome-keyring runs unlocked on a private D-Bus session bus (tests/support/secret_service.py). `twilio-explorer sim
--env-file` runs as its own process; the app gets only its network settings (HTTPS_PROXY and the CA bundle
variables), never its credentials: the IE1 key is typed into the credential panel, the secret into the masked
input. Config, data, state, HOME and the XDG directories are temporary. Every screen seen along the way, and
every file under those directories but gnome-keyring's own storage, is checked for the secret.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.forms import build_form
from tests.support.files import files_containing
from tests.support.secret_service import SecretService
from tests.support.tmux import Tmux

pytestmark = [pytest.mark.keyring, pytest.mark.e2e]

EXPLORER = Path(sys.executable).with_name("twilio-explorer")
IE1_HOST = "api.dublin.ie1.twilio.com"
NETWORK_VARIABLES = (
    "HTTPS_PROXY", "https_proxy", "SSL_CERT_FILE", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
)  # fmt: skip
"""What the app is given from the simulator's env file: the way to it, not its credentials."""


@dataclass(frozen=True)
class RunningSim:
    """The simulator process and what its env file says."""

    process: subprocess.Popen[bytes]
    env: dict[str, str]


def read_env_file(path: Path) -> dict[str, str]:
    """`export NAME=VALUE` lines (shell-quoted values) as a dict."""
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if line.startswith("export "):
            name, _, quoted = line.removeprefix("export ").partition("=")
            values[name] = shlex.split(quoted)[0] if quoted else ""
    return values


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[RunningSim]:
    """`twilio-explorer sim --env-file` in its own process group, killed with it at the end."""
    env_file = tmp_path / "sim" / "env.sh"
    env_file.parent.mkdir()
    log = (tmp_path / "sim" / "log.txt").open("wb")
    process = subprocess.Popen(
        [str(EXPLORER), "sim", "--env-file", str(env_file), "--seed", "demo", "--records", "8"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not env_file.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"the simulator did not start:\n{(tmp_path / 'sim' / 'log.txt').read_text()}"
                )
            time.sleep(0.05)
        yield RunningSim(process, read_env_file(env_file))
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=5)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


class Screens:
    """Every screen the test reads, kept so that all of them can be searched for the secret."""

    def __init__(self, server: Tmux) -> None:
        self.tmux = server
        self.seen: list[str] = []

    def capture(self) -> str:
        screen = self.tmux.screen()
        self.seen.append(screen)
        return screen

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """Poll the pane until every one of `texts` is on it; fail with the last screen after `timeout`."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared; the screen was:\n{screen}")

    def wait_until_gone(self, text: str, timeout: float = 10.0) -> str:
        """Poll until `text` has left the pane."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went away; the screen was:\n{screen}")

    def type(self, text: str) -> None:
        self.tmux.keys("-l", text)

    def tab(self) -> None:
        """Tab, then a pause before typing: Textual hands typed keys to the focused widget before it runs the
        Tab binding, so text typed at once after Tab lands in the previous field (a secret in plain sight)."""
        self.keys("Tab")
        time.sleep(0.3)

    def keys(self, *keys: str) -> None:
        self.tmux.keys(*keys)
        self.capture()


def run_command(screens: Screens, text: str) -> None:
    """`:`, the command read back from the bar, Enter."""
    screens.keys(":")
    screens.wait_for(":profile NAME")  # the bar's hint line: it is open
    screens.type(text)
    screens.wait_for(f"\n{text}")
    screens.keys("Enter")


def app_dirs(root: Path) -> dict[str, Path]:
    """The app's private directories: config, data, HOME and the XDG ones."""
    names = {
        "TWILIO_EXPLORER_CONFIG_DIR": "config", "TWILIO_EXPLORER_DATA_DIR": "data", "HOME": "home",
        "XDG_CONFIG_HOME": "xdg-config", "XDG_DATA_HOME": "xdg-data", "XDG_STATE_HOME": "xdg-state",
        "XDG_CACHE_HOME": "xdg-cache", "XDG_RUNTIME_DIR": "xdg-runtime",
    }  # fmt: skip
    dirs = {variable: root / name for variable, name in names.items()}
    for path in dirs.values():
        path.mkdir(parents=True, mode=0o700)
    return dirs


def friendly_name_tabs() -> int:
    """How many Tabs lead from the create form's first field to FriendlyName (what a user counts)."""
    fields = [f for f in build_form(load_catalog().get("api:applications"), "POST") if f.editable]
    return [f.name for f in fields].index("FriendlyName")


@pytest.mark.slow
def test_ie1_profile_in_keyring_list_open_create_and_find_it(
    tmux: Tmux,
    secret_service: SecretService,
    sim: RunningSim,
    tmp_path: Path,
) -> None:
    """Add the IE1 key in the panel, use it, list and open IE1 applications, create one; the secret shows nowhere."""
    account, key, secret = (
        sim.env[name] for name in ("TWILIO_ACCOUNT_SID", "TWILIO_API_KEY_IE1", "TWILIO_API_SECRET_IE1")
    )
    name = f"dublin-{os.getpid()}"
    created = f"Made in tmux {os.getpid()}"
    dirs = app_dirs(tmp_path / "app")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
        "DBUS_SESSION_BUS_ADDRESS": secret_service.env["DBUS_SESSION_BUS_ADDRESS"],
        **{variable: str(path) for variable, path in dirs.items()},
        **{variable: sim.env[variable] for variable in NETWORK_VARIABLES if variable in sim.env},
    }  # fmt: skip
    command = (
        "env -i "
        + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        + f" {shlex.quote(str(EXPLORER))}"
    )
    tmux.run("new-session", "-d", "-x", "120", "-y", "40", command)
    tmux.run("resize-window", "-x", "120", "-y", "40")
    screens = Screens(tmux)
    try:
        screens.wait_for("account AC")  # the embedded demo has loaded: the app is ready for keys

        # The credential panel: add the simulator's IE1 key, the secret typed into the masked input.
        screens.keys("p")
        screens.wait_for("SecretService", "usable")
        screens.keys("a")
        screens.wait_for("Add a profile")
        # Each value is read back from the screen before the next key, as a person looks before moving on.
        screens.type(name)
        screens.wait_for(f"Name          {name}")
        screens.tab()
        screens.type(account)
        screens.wait_for(f"Account SID   {account}")
        screens.tab()
        screens.keys("Enter")  # the Region list opens on US1
        screens.wait_for("JP1  Tokyo")
        screens.keys("Down", "Enter")  # IE1
        screens.wait_for("Region        IE1  Dublin")
        # The closed list hands the focus back to its Select a moment later; a Tab before then is undone.
        time.sleep(0.5)
        screens.tab()
        screens.type(key)
        screens.wait_for(f"API key SID   {key}")
        screens.tab()
        screens.type(secret)
        screens.wait_for("Secret        " + "•" * len(secret))  # masked as it is typed
        screens.keys("Enter")
        screen = screens.wait_for(f"Saved {name}", timeout=30)
        assert "keyring" in screen

        # Use it (Enter on its row), and move to IE1.
        screens.keys("Enter")
        screens.wait_for(f"profile {name}", timeout=30)
        run_command(screens, "region ie1")
        screens.wait_for(f"host {IE1_HOST}")

        # List IE1 applications, open one, go back.
        run_command(screens, "applications")
        screen = screens.wait_for("api:applications", "8 records", timeout=30)
        screens.keys("Enter")
        screen = screens.wait_for("api:applications › AP", '"friendly_name"', timeout=30)
        assert account in screen or "account_sid" in screen
        screens.keys("Escape")
        screens.wait_until_gone("api:applications › AP")

        # Create one behind the confirmation.
        screens.keys("n")
        screens.wait_for("POST applications")
        # The form focuses its first field a moment after it is drawn (Widget.focus is deferred); Tabs sent
        # before then are undone, and the name would land in ApiVersion.
        time.sleep(0.5)
        for _ in range(friendly_name_tabs()):  # at a person's pace: each Tab moves and scrolls the form
            screens.keys("Tab")
            time.sleep(0.05)
        time.sleep(0.3)
        screens.type(created)
        screens.wait_for(created)
        screens.keys("C-r")
        screen = screens.wait_for("Send it", "Region:  IE1", f"Host:    {IE1_HOST}", f"Account: {account}")
        assert f"FriendlyName  {created}" in screen
        assert "curl" in screen and f"https://{IE1_HOST}/2010-04-01/Accounts/" in screen
        screens.keys("Tab", "Enter")  # from "Back to the form" to "Send it"
        screen = screens.wait_for(" 201 ", timeout=30)
        assert (
            "POST" in screen and f"https://{IE1_HOST}/2010-04-01/" in screen
        )  # the URL wraps between segments

        # Find it in the list: the browser shows the new record at the top.
        screens.keys("b")
        screen = screens.wait_for(created, "9 records", timeout=30)

        tmux.keys("q")  # no capture after it: the session may be gone already, and capture-pane would fail
        deadline = time.monotonic() + 10
        while subprocess.run(["tmux", "-L", tmux.socket, "has-session"], capture_output=True).returncode == 0:
            assert time.monotonic() < deadline, "q did not quit the app"
            time.sleep(0.1)
    finally:
        seen = "\n".join(screens.seen)
    assert len(screens.seen) > 20
    assert secret not in seen, "the secret was shown on screen"
    keyring_storage = [d / "keyrings" for d in secret_service.private_dirs]
    leaked = [
        path
        for path in files_containing(secret, tmp_path / "app", *secret_service.private_dirs)
        if not any(storage in path.parents for storage in keyring_storage)
    ]
    assert leaked == []
    # What the app did write: the profile (without its secret) and the history of what was sent.
    profiles = list((dirs["TWILIO_EXPLORER_CONFIG_DIR"]).rglob("*.toml"))
    assert profiles and name in profiles[0].read_text()
    history = (dirs["TWILIO_EXPLORER_DATA_DIR"] / "history.jsonl").read_text()
    assert IE1_HOST in history and '"POST"' in history
