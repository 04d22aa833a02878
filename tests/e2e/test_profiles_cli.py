"""`twilio-explorer profiles` as a user runs it: no keyring backend, secrets on argv, scoping, leaks in errors."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.config_file import ProfilesFile
from explorer.core.profiles import Profile
from tests.support.cli import run_cli

pytestmark = pytest.mark.e2e

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "e2eSecret" + "5a" * 12
FAIL_BACKEND = "keyring.backends.fail.Keyring"
NO_KEYRING = (
    "twilio-explorer: error: no OS keyring is available: keyring found no usable backend and fell back to "
    "keyring.backends.fail.Keyring. Fix: install and unlock a Secret Service such as gnome-keyring (Debian: apt "
    "install gnome-keyring) in a D-Bus session, or use the macOS Keychain or Windows Credential Locker; or put "
    "the credential in TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN) for "
    "an environment profile, or use a session profile in the app; secrets are never written to a plain file\n"
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A user with no keyring backend, a fresh HOME and config dir, and only the TWILIO_* given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "PYTHON_KEYRING", "DBUS_", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"))
    }
    env.update(
        HOME=str(home), TWILIO_EXPLORER_CONFIG_DIR=str(home / "config"), PYTHON_KEYRING_BACKEND=FAIL_BACKEND
    )
    env.update(extra)
    return env


def leaked(secret: str, *texts: str) -> bool:
    """True if `secret` shows up in any text, as is or inside a Basic authorization value."""
    forms = [
        secret,
        base64.b64encode(f"{KEY}:{secret}".encode()).decode(),
        base64.b64encode(secret.encode()).decode(),
    ]
    return any(form in text for form in forms for text in texts)


def test_add_without_a_keyring_explains_and_writes_nothing(home: Path) -> None:
    """With no keyring backend, `profiles add` prints what to do, exits 2, and creates no file at all."""
    result = run_cli(
        user_env(home), "profiles", "add", "au1-demo", "--account-sid", ACCOUNT, "--region", "au1",
        "--api-key", KEY, "--secret-stdin", stdin=SECRET + "\n",
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (2, "", NO_KEYRING)
    assert list(home.rglob("*")) == []


def test_verify_without_a_keyring(home: Path) -> None:
    """A saved profile whose keyring is gone cannot be verified; the message says why and nothing changes."""
    ProfilesFile(home / "config" / "profiles.toml").save(
        {"au1-demo": Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY)}
    )
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    result = run_cli(user_env(home), "profiles", "verify", "au1-demo")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", NO_KEYRING)
    removed = run_cli(user_env(home), "profiles", "remove", "au1-demo")
    assert (removed.returncode, removed.stderr) == (2, NO_KEYRING)
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_list_works_without_a_keyring(home: Path) -> None:
    """Listing needs no keyring, and shows the environment profile with its source."""
    env = user_env(home, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_AUTH_TOKEN=SECRET, TWILIO_REGION="ie1")
    env.pop("COLUMNS", None)  # into a pipe, with no width to fit, nothing is folded
    result = run_cli(env, "profiles", "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "NAME   SOURCE        REGION   HOST                        ACCOUNT SID                          CREDENTIAL",
        "─" * 105,
        f"env    environment   IE1      api.dublin.ie1.twilio.com   {ACCOUNT}   Auth Token",
    ]
    assert not leaked(SECRET, result.stdout, result.stderr)


def test_list_as_json_and_tsv_has_the_shape_of_every_list(home: Path) -> None:
    """`profiles list -o json` is `{schema, kind, items}` like every list; `-o tsv` one line per profile."""
    env = user_env(home, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_AUTH_TOKEN=SECRET, TWILIO_REGION="ie1")
    document = json.loads(run_cli(env, "profiles", "list", "-o", "json").stdout)
    assert (document["schema"], document["kind"]) == (1, "profiles")
    assert [(p["name"], p["region"], p["credential"]) for p in document["items"]] == [
        ("env", "ie1", "auth-token")
    ]
    tsv = run_cli(env, "profiles", "list", "-o", "tsv").stdout.splitlines()
    assert tsv == [
        "name\tdefault\tsource\tregion\thost\taccount_sid\tapi_key_sid\tcredential",
        f"env\tfalse\tenvironment\tie1\tapi.dublin.ie1.twilio.com\t{ACCOUNT}\t\tauth-token",
    ]
    assert not leaked(SECRET, json.dumps(document), *tsv)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--auth-token", SECRET], "--auth-token VALUE"),
        (["--api-key", KEY, "--secret", SECRET], "--secret"),
        (["--api-key", KEY, "--api-secret", SECRET], "--api-secret"),
        (["--api-key", KEY, "--token", SECRET], "--token"),
    ],
)
def test_secret_on_the_command_line_is_refused_without_echo(home: Path, args: list[str], shown: str) -> None:
    """A secret typed as an argument is refused, not stored, and not repeated back."""
    result = run_cli(
        user_env(home), "profiles", "add", "x", "--account-sid", ACCOUNT, "--region", "au1", *args
    )
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"twilio-explorer: error: {shown}: secrets are never read from the command line, where ps and shell "
        "history keep them; the value was not used or stored"
    )
    assert not leaked(SECRET, result.stdout, result.stderr)
    assert list(home.rglob("*")) == []


def test_null_backend_is_refused_like_no_backend(home: Path) -> None:
    """keyring's null backend (which silently stores nothing) is refused before any prompt."""
    env = user_env(home, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = run_cli(env, "profiles", "add", "x", "--account-sid", ACCOUNT, "--region", "au1", "--auth-token")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "twilio-explorer: error: no OS keyring is available: keyring found no usable backend and fell back to "
        "keyring.backends.null.Keyring. Fix: "
    )
    assert list(home.rglob("*")) == []


class ConnectionCounter:
    """A loopback listener that counts connections, standing in for a proxy that must never be reached."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            connection.close()

    def close(self) -> None:
        # shutdown first: close() alone leaves the accept thread blocked, and it would take the first
        # connection of a later test's server that reuses the descriptor number.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        self.thread.join(5)


@pytest.fixture
def counter() -> Iterator[ConnectionCounter]:
    listener = ConnectionCounter()
    yield listener
    listener.close()


def au1_env(home: Path, proxy_port: int) -> dict[str, str]:
    return user_env(
        home,
        TWILIO_ACCOUNT_SID=ACCOUNT,
        TWILIO_API_KEY=KEY,
        TWILIO_API_SECRET=SECRET,
        TWILIO_REGION="au1",
        HTTPS_PROXY=f"http://127.0.0.1:{proxy_port}",
    )


def test_au1_credential_is_refused_for_an_ie1_host_before_any_connection(
    home: Path, counter: ConnectionCounter
) -> None:
    """`profiles verify env --host api.dublin.ie1.twilio.com` with AU1 credentials is refused; nothing connects."""
    result = run_cli(
        au1_env(home, counter.port), "profiles", "verify", "env", "--host", "api.dublin.ie1.twilio.com"
    )
    assert result.returncode == 2
    assert result.stderr == (
        "twilio-explorer: error: refused to send the AU1 credential of profile 'env' to 'api.dublin.ie1.twilio.com': "
        "the host is processed in IE1, not AU1; the credential was not sent. Fix: use a profile whose credential "
        "was issued in IE1 for api.dublin.ie1.twilio.com, or send the request to api.sydney.au1.twilio.com, the "
        "AU1 host, with this profile\n"
    )
    assert counter.accepted == 0
    assert not leaked(SECRET, result.stdout, result.stderr)


def test_network_error_with_a_loaded_secret_prints_no_secret(home: Path, counter: ConnectionCounter) -> None:
    """A proxy that hangs up while the AU1 secret is loaded gives a network error that does not contain it."""
    result = run_cli(au1_env(home, counter.port), "profiles", "verify", "env")
    assert result.returncode == 1  # an operation that failed, not bad input
    assert result.stderr.startswith("twilio-explorer: error: GET api.sydney.au1.twilio.com failed: ")
    assert counter.accepted >= 1
    assert not leaked(SECRET, result.stdout, result.stderr)


def test_crash_with_a_loaded_secret_prints_no_secret(home: Path, counter: ConnectionCounter) -> None:
    """An unexpected exception (a bug) while the secret is loaded: one "internal error" line, exit 1.

    The line names the exception's type and where it happened, not its message: a careless message may hold
    anything. With TWILIO_EXPLORER_DEBUG=1 the traceback is printed for a developer, still without the secret.
    """
    # The forced bug puts everything a careless developer might print into the exception: the credential,
    # the httpx request and its headers.
    crash = textwrap.dedent(
        """
        import explorer.core.client as client

        def broken(self, request, credential):
            raise RuntimeError(
                f"forced bug: {request!r} {request.headers!r} {request.extensions!r} {credential!r} "
                f"{credential.secret!r} {credential.secret} {credential.secret:>10}"
            )

        client.ExplorerClient._send_once = broken
        from explorer.core.profile_book import ProfileBook
        credential = ProfileBook.default().credential("env")
        print("loaded", credential, repr(credential))
        from explorer.cli.main import main
        raise SystemExit(main(["profiles", "verify", "env"]))
        """
    )
    env = au1_env(home, counter.port)
    result = subprocess.run(
        [sys.executable, "-X", "dev", "-c", crash], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    # The innermost frame of the explorer's own code: the forced bug is called from the client.
    assert re.fullmatch(
        r"twilio-explorer: internal error: RuntimeError at explorer/core/client\.py:\d+ \(a bug in "
        r"twilio-explorer, not in your input; run again with TWILIO_EXPLORER_DEBUG=1 for the traceback, and "
        r"report it\)\n",
        result.stderr,
    )
    assert "loaded credential of env (AU1, API key" in result.stdout
    assert not leaked(SECRET, result.stdout, result.stderr)

    debug = subprocess.run(
        [sys.executable, "-X", "dev", "-c", crash], env={**env, "TWILIO_EXPLORER_DEBUG": "1"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert (
        "RuntimeError: forced bug: <Request('GET', 'https://api.sydney.au1.twilio.com/2010-04-01/Accounts/"
        in debug.stderr
    )
    assert not leaked(SECRET, debug.stdout, debug.stderr)
    assert counter.accepted == 0


def test_a_damaged_profiles_file_is_named_on_every_later_list(home: Path) -> None:
    """After the first report, every `profiles list` still says where the damaged copy is, until it is removed."""
    config = home / "config"
    config.mkdir(mode=0o700)
    (config / "profiles.toml").write_text("[[[ not toml")
    first = run_cli(user_env(home), "profiles", "list")
    assert first.returncode != 0 and "kept aside" in first.stderr
    [kept] = config.glob("profiles.toml.corrupt-*")
    for _ in range(2):
        later = run_cli(user_env(home), "profiles", "list")
        assert later.returncode == 0
        assert f"warning: a damaged profiles file is kept aside at {kept}" in later.stderr
        assert f"mv {kept} {config / 'profiles.toml'}" in later.stderr and f"rm {kept}" in later.stderr
    kept.unlink()
    dealt_with = run_cli(user_env(home), "profiles", "list")
    assert (dealt_with.returncode, dealt_with.stderr) == (0, "")
    assert dealt_with.stdout.startswith("no profiles yet")
