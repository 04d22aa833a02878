"""The default profile and twilio-cli's profiles, on the command line, against a real gnome-keyring.

`--profile nosuch` stops before the app starts (exit 2 with the fix); `profiles use NAME` is kept in the config
file and marked in `profiles list`; `profiles import-twilio-cli` moves twilio-cli's secrets (its keychain entry,
or its plain-text config file) into per-Region keyring profiles, and into nothing else.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pytest

from explorer.core.credential_store import SERVICE_NAME
from tests.support.cli import run_cli as _cli
from tests.support.files import files_containing
from tests.support.secret_service import SecretService

pytestmark = [pytest.mark.keyring, pytest.mark.e2e]

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY_AU1 = "SK" + "a" * 32
KEY_IE1 = "SK" + "b" * 32


def _env(home: Path, service: SecretService | None = None) -> dict[str, str]:
    # COLUMNS (set by the test runner) would fold the table's names; a pipe has no width of its own.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "PYTHON_KEYRING", "DBUS_")) and k not in ("COLUMNS", "LINES")
    }
    env.update(HOME=str(home), TWILIO_EXPLORER_CONFIG_DIR=str(home / "config"))
    if service is not None:
        env.update(service.env)
    else:
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


def test_an_unknown_profile_stops_before_the_app_starts(tmp_path: Path) -> None:
    """`twilio-explorer --profile nosuch`: exit 2 with the fix on one line; no app, no simulator."""
    result = _cli(_env(tmp_path), "--profile", "nosuch")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("twilio-explorer: error: there is no profile named 'nosuch'")
    assert "Fix: add it with: twilio-explorer profiles add nosuch" in result.stderr


def test_profiles_use_sets_the_default_and_list_marks_it(real_keyring: SecretService, tmp_path: Path) -> None:
    """`profiles use NAME` writes config.toml (0600), `profiles list` stars it; removing it forgets it."""
    env = _env(tmp_path, real_keyring)
    name = f"work-{secrets.token_hex(3)}"
    added = _cli(env, "profiles", "add", name, "--account-sid", ACCOUNT, "--region", "au1", "--api-key",
                 KEY_AU1, "--secret-stdin", stdin="s3cret" + "7" * 30 + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    try:
        refused = _cli(env, "profiles", "use", "nosuch")
        assert refused.returncode == 2 and "there is no profile named 'nosuch'" in refused.stderr
        used = _cli(env, "profiles", "use", name)
        assert used.returncode == 0, used.stderr
        config = tmp_path / "config" / "config.toml"
        assert f'default_profile = "{name}"' in config.read_text()
        assert config.stat().st_mode & 0o777 == 0o600
        listed = _cli(env, "profiles", "list")
        assert any(line.startswith(f"{name} *") for line in listed.stdout.splitlines())
        assert listed.stdout.splitlines()[-1].startswith("* the default profile")
        as_json = json.loads(_cli(env, "profiles", "list", "-o", "json").stdout)
        assert [(row["name"], row["default"]) for row in as_json["items"]] == [(name, True)]
    finally:
        removed = _cli(env, "profiles", "remove", name)
    assert removed.returncode == 0, removed.stderr
    assert "default_profile" not in (tmp_path / "config" / "config.toml").read_text()


def test_import_twilio_cli_moves_secrets_to_the_keyring_only(
    real_keyring: SecretService, tmp_path: Path
) -> None:
    """An old keychain-backed profile and a new plain-text one become keyring profiles of their Regions."""
    import keyring

    suffix = secrets.token_hex(3)
    keychain_secret = "kc" + secrets.token_hex(15)
    plain_secret = "pt" + secrets.token_hex(15)
    old, new = f"old-{suffix}", f"new-{suffix}"
    cli_dir = tmp_path / ".twilio-cli"
    cli_dir.mkdir()
    (cli_dir / "config.json").write_text(
        json.dumps(
            {
                "edge": None,
                "projects": [{"id": old, "accountSid": ACCOUNT, "region": "au1"}],
                "profiles": {new: {"accountSid": ACCOUNT, "region": "ie1", "apiKey": KEY_IE1, "apiSecret": plain_secret}},
                "activeProject": old,
            }
        )
    )  # fmt: skip
    keyring.set_password("twilio-cli", old, f"{KEY_AU1}|{keychain_secret}")
    env = _env(tmp_path, real_keyring)
    try:
        result = _cli(env, "profiles", "import-twilio-cli", "--prefix", "cli-")
        assert result.returncode == 0, result.stderr
        assert f"imported cli-{new} (IE1, API key {KEY_IE1}, from keyring)" in result.stdout
        assert f"imported cli-{old} (AU1, API key {KEY_AU1}, from keyring)" in result.stdout
        assert (
            f"twilio-cli keeps the API secret of {new} in plain text in {cli_dir / 'config.json'}"
            in result.stdout
        )
        assert keyring.get_password(SERVICE_NAME, f"cli-{old}") == keychain_secret
        assert keyring.get_password(SERVICE_NAME, f"cli-{new}") == plain_secret
        for secret in (keychain_secret, plain_secret):
            assert secret not in result.stdout + result.stderr
        # twilio-cli's own file is the only file holding a secret: nothing was written beside it.
        assert files_containing(keychain_secret, tmp_path, *real_keyring.private_dirs) == []
        assert files_containing(plain_secret, tmp_path) == [cli_dir / "config.json"]
        listed = _cli(env, "profiles", "list").stdout
        assert f"cli-{old}" in listed and "api.sydney.au1.twilio.com" in listed
        again = _cli(env, "profiles", "import-twilio-cli", old, "--prefix", "cli-")
        assert (
            again.returncode == 2
            and f"skipped {old}: a profile named 'cli-{old}' already exists" in again.stdout
        )
    finally:
        keyring.delete_password("twilio-cli", old)
        for name in (f"cli-{old}", f"cli-{new}"):
            _cli(env, "profiles", "remove", name)
