"""Profiles against a real Secret Service (gnome-keyring): the secret is in the keyring and nowhere on disk."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import SERVICE_NAME, KeyringStore
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile
from explorer.sim.server import Simulator, start_simulator
from tests.support.cli import run_cli
from tests.support.files import files_containing
from tests.support.secret_service import SecretService

pytestmark = pytest.mark.keyring

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2


def fresh_secret() -> str:
    """A secret no other test (or earlier run sharing the keyring) uses."""
    return secrets.token_hex(16)


def test_secret_lives_in_gnome_keyring_only(real_keyring: SecretService, tmp_path: Path) -> None:
    """Adding a profile stores its secret in gnome-keyring under the app's service; no file on disk holds it."""
    import keyring

    secret = fresh_secret()
    store = KeyringStore()
    assert store.description == "OS keyring (keyring.backends.SecretService.Keyring)"
    book = ProfileBook(ProfilesFile(tmp_path / "cfg" / "profiles.toml"), store, environ={})
    name = f"au1-{secret[:6]}"
    book.add(Profile.create(name, ACCOUNT, "au1", api_key_sid=KEY), secret)
    assert keyring.get_password(SERVICE_NAME, name) == secret
    assert book.credential(name).secret == secret
    assert files_containing(secret, tmp_path, *real_keyring.private_dirs) == []
    book.remove(name)
    assert keyring.get_password(SERVICE_NAME, name) is None
    assert book.profiles() == []


def test_missing_entry_in_real_keyring(real_keyring: SecretService, tmp_path: Path) -> None:
    """A profile whose secret was deleted from gnome-keyring behind its back is explained."""
    import keyring

    book = ProfileBook(ProfilesFile(tmp_path / "cfg" / "profiles.toml"), KeyringStore(), environ={})
    name = f"gone-{fresh_secret()[:6]}"
    book.add(Profile.create(name, ACCOUNT, "us1"), fresh_secret())
    keyring.delete_password(SERVICE_NAME, name)
    from explorer.core.errors import KeyringUnavailableError

    with pytest.raises(KeyringUnavailableError) as caught:
        book.credential(name)
    assert caught.value.message == (
        "the OS keyring (keyring.backends.SecretService.Keyring) holds no secret for profile "
        f"{name!r} (service 'twilio-region-explorer')"
    )
    assert book.remove(name).name == name  # removing still works: the missing secret is not an error there


# -- the command line, as a user runs it ----------------------------------------------------------------


def cli_env(secret_service: SecretService, tmp_path: Path) -> dict[str, str]:
    """The environment of a user with the private keyring, a fresh HOME and config dir, no TWILIO_* set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "PYTHON_KEYRING"))}
    env.update(secret_service.env)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env["HOME"] = str(home)
    env["TWILIO_EXPLORER_CONFIG_DIR"] = str(home / ".config" / "twilio-region-explorer")
    return env


def test_cli_add_list_remove_with_gnome_keyring(secret_service: SecretService, tmp_path: Path) -> None:
    """`profiles add` with the secret on stdin, `list --json` without it, then `remove`; the secret never hits disk."""
    env = cli_env(secret_service, tmp_path)
    secret = fresh_secret()
    added = run_cli(
        env, "profiles", "add", "au1-demo", "--account-sid", ACCOUNT, "--region", "au1", "--api-key", KEY,
        "--secret-stdin", stdin=secret + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    config = Path(env["TWILIO_EXPLORER_CONFIG_DIR"])
    assert added.stdout == (
        "saved profile 'au1-demo': AU1 via api.sydney.au1.twilio.com, API key "
        f"{KEY}; settings in {config / 'profiles.toml'}, secret in the OS keyring "
        "(keyring.backends.SecretService.Keyring)\n"
    )
    listed = run_cli(env, "profiles", "list", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["items"] == [
        {
            "name": "au1-demo",
            "default": False,
            "source": "keyring",
            "region": "au1",
            "edge": "sydney",
            "host": "api.sydney.au1.twilio.com",
            "account_sid": ACCOUNT,
            "credential": "api-key",
            "api_key_sid": KEY,
        }
    ]
    assert secret not in added.stdout + added.stderr + listed.stdout + listed.stderr
    assert files_containing(secret, Path(env["HOME"]), *secret_service.private_dirs) == []
    removed = run_cli(env, "profiles", "remove", "au1-demo")
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout == (
        "removed profile 'au1-demo' and its secret from the OS keyring (keyring.backends.SecretService.Keyring)\n"
    )
    assert json.loads(run_cli(env, "profiles", "list", "-o", "json").stdout) == {
        "schema": 1,
        "kind": "profiles",
        "items": [],
    }


# -- the "done when": gnome-keyring + the simulator ------------------------------------------------


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator() as simulator:
        yield simulator


def sim_env(env: dict[str, str], sim: Simulator, proxy: str | None = None) -> dict[str, str]:
    """Route the command line's HTTPS through the simulator's proxy (or `proxy`), trusting its CA."""
    return {**env, "HTTPS_PROXY": proxy or sim.proxy_url, "SSL_CERT_FILE": str(sim.ca_pem_path)}


def test_done_when_au1_key_add_list_verify_refuse_remove(
    secret_service: SecretService, sim: Simulator, tmp_path: Path
) -> None:
    """The AU1 demo key on stdin is saved, listed without its secret, verifies, and is refused for IE1 unsent."""
    au1 = sim.credentials["au1"]
    env = sim_env(cli_env(secret_service, tmp_path), sim)
    outputs: list[str] = []

    def cli(
        *args: str, stdin: str = "", extra: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = run_cli({**env, **(extra or {})}, *args, stdin=stdin)
        outputs.extend((result.stdout, result.stderr))
        return result

    added = cli("profiles", "add", "au1", "--account-sid", sim.account_sid, "--region", "au1",
                "--api-key", au1.api_key_sid, "--secret-stdin", stdin=au1.api_key_secret + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = cli("profiles", "list", "-o", "json")
    assert [(row["name"], row["source"], row["host"]) for row in json.loads(listed.stdout)["items"]] == [
        ("au1", "keyring", "api.sydney.au1.twilio.com")
    ]
    verified = cli("profiles", "verify", "au1")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith(
        "ok: AU1 profile 'au1' works on api.sydney.au1.twilio.com: account 'Demo account (simulator)' (active) "
        "(HTTP 200, "
    )
    # Point the proxy at a closed port: a refusal that tried to connect would show a network error instead.
    refused = cli("profiles", "verify", "au1", "--host", "api.dublin.ie1.twilio.com",
                  extra={"HTTPS_PROXY": "http://127.0.0.1:9"})  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        "twilio-explorer: error: refused to send the AU1 credential of profile 'au1' to "
        "'api.dublin.ie1.twilio.com': the host is processed in IE1, not AU1; the credential was not sent"
    )
    assert cli("profiles", "remove", "au1").returncode == 0
    assert all(au1.api_key_secret not in text for text in outputs)
    assert files_containing(au1.api_key_secret, Path(env["HOME"]), *secret_service.private_dirs) == []


def test_login_with_gnome_keyring(real_keyring: SecretService, sim: Simulator, tmp_path: Path) -> None:
    """`profiles login` turns IE1's Auth Token into a saved IE1 key; the token is neither kept nor on disk."""
    import keyring

    secret_service = real_keyring
    ie1 = sim.credentials["ie1"]
    env = sim_env(cli_env(secret_service, tmp_path), sim)
    name = f"ie1-{fresh_secret()[:6]}"
    result = run_cli(env, "profiles", "login", name, "--account-sid", sim.account_sid, "--region", "ie1",
                     "--secret-stdin", stdin=ie1.auth_token + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("the Auth Token was used once and not kept\n")
    verified = run_cli(env, "profiles", "verify", name)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    listed = json.loads(run_cli(env, "profiles", "list", "-o", "json").stdout)["items"]
    assert [(row["name"], row["credential"], row["host"]) for row in listed] == [
        (name, "api-key", "api.dublin.ie1.twilio.com")
    ]
    stored = keyring.get_password(SERVICE_NAME, name)
    assert stored is not None and stored != ie1.auth_token
    assert ie1.auth_token not in result.stdout + result.stderr + verified.stdout
    assert files_containing(ie1.auth_token, Path(env["HOME"]), *secret_service.private_dirs) == []
    assert files_containing(stored, Path(env["HOME"]), *secret_service.private_dirs) == []
    assert run_cli(env, "profiles", "remove", name).returncode == 0


def test_no_terminal_without_secret_stdin(secret_service: SecretService, tmp_path: Path) -> None:
    """With a working keyring but no terminal, the user is told to pipe the secret with --secret-stdin."""
    env = cli_env(secret_service, tmp_path)
    result = run_cli(
        env, "profiles", "add", "x", "--account-sid", ACCOUNT, "--region", "au1", "--api-key", KEY
    )
    assert result.returncode == 2
    assert result.stderr == (
        "twilio-explorer: error: no terminal to prompt for the API key secret. Fix: pipe it with --secret-stdin, "
        "e.g. from a password manager's command line\n"
    )
    assert not (Path(env["TWILIO_EXPLORER_CONFIG_DIR"]) / "profiles.toml").exists()


def test_prompt_in_a_terminal_does_not_echo(secret_service: SecretService, tmp_path: Path) -> None:
    """Typed at the prompt in a real terminal (tmux), the secret never appears on screen and is saved."""
    import shlex
    import shutil
    import time

    if not shutil.which("tmux"):
        pytest.skip("needs tmux (Debian package tmux)")
    env = cli_env(secret_service, tmp_path)
    secret = fresh_secret()
    command = " ".join(
        [
            "env",
            *(shlex.quote(f"{k}={v}") for k, v in env.items() if k != "TMUX"),
            shlex.quote(sys.executable), "-m", "explorer", "profiles", "add", "typed", "--account-sid", ACCOUNT,
            "--region", "au1", "--api-key", KEY, "; sleep 30",
        ]
    )  # fmt: skip
    socket_name = f"explorer-test-{secret[:8]}"
    tmux = ["tmux", "-L", socket_name]

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=True
        ).stdout

    def wait_for(text: str) -> str:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            shown = screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{screen()}")

    subprocess.run([*tmux, "new-session", "-d", "-x", "160", "-y", "20", command], check=True)
    try:
        wait_for("API key secret (input hidden):")
        subprocess.run([*tmux, "send-keys", "-l", secret], check=True)
        subprocess.run([*tmux, "send-keys", "Enter"], check=True)
        shown = wait_for("saved profile 'typed'")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
    assert secret not in shown
    listed = json.loads(run_cli(env, "profiles", "list", "-o", "json").stdout)["items"]
    assert [row["name"] for row in listed] == ["typed"]
    assert run_cli(env, "profiles", "remove", "typed").returncode == 0
