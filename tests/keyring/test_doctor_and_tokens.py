"""`doctor` and `token` as a user runs them: real gnome-keyring profiles, the simulator behind HTTPS_PROXY."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.sim.faults import FaultKind, FaultRule
from explorer.sim.server import Simulator, start_simulator
from tests.support.cli import run_cli as cli
from tests.support.files import files_containing
from tests.support.secret_service import SecretService

pytestmark = pytest.mark.keyring


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator(seed="doctor-cli", records=3) as simulator:
        yield simulator


@pytest.fixture
def env(secret_service: SecretService, sim: Simulator, tmp_path: Path) -> dict[str, str]:
    """A user with the private keyring, a fresh config dir, no TWILIO_*, HTTPS through the simulator's proxy."""
    values = {
        k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "PYTHON_KEYRING", "HTTPS_PROXY"))
    }
    values.update(secret_service.env)
    home = tmp_path / "home"
    home.mkdir()
    values.update(
        HOME=str(home),
        TWILIO_EXPLORER_CONFIG_DIR=str(home / "config"),
        HTTPS_PROXY=sim.proxy_url,
        SSL_CERT_FILE=str(sim.ca_pem_path),
    )
    return values


def add_profile(env: dict[str, str], sim: Simulator, name: str, region: str, key_region: str) -> str:
    """Save a profile `name-<random>` of `region` holding `key_region`'s demo key (secret on stdin); its name.

    The keyring is shared by every test of the session, possibly in parallel: names are never reused.
    """
    name = f"{name}-{secrets.token_hex(3)}"
    creds = sim.credentials[key_region]
    added = cli(env, "profiles", "add", name, "--account-sid", sim.account_sid, "--region", region,
                "--api-key", creds.api_key_sid, "--secret-stdin", stdin=creds.api_key_secret + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    return name


def test_doctor_passes_a_good_profile_and_exits_0(env: dict[str, str], sim: Simulator) -> None:
    """`doctor --profile au1` prints one PASS row per step, as each finishes, and exits 0."""
    name = add_profile(env, sim, "au1", "au1", "au1")
    result = cli(env, "doctor", "--profile", name)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"doctor: api.sydney.au1.twilio.com as profile {name!r}"
    assert [line[:22] for line in lines[1:8]] == [
        "PASS  settings        ", "PASS  helper libraries", "PASS  DNS             ", "PASS  TLS             ",
        "PASS  credential      ", "PASS  product         ", "PASS  clock           ",
    ]  # fmt: skip
    assert lines[-1] == "every step passed"
    assert sim.credentials["au1"].api_key_secret not in result.stdout + result.stderr


def test_doctor_names_the_profile_whose_key_works_and_exits_1(
    env: dict[str, str], sim: Simulator, secret_service: SecretService
) -> None:
    """A profile saved as AU1 with IE1's key: 20003, 'another Region', and the AU1 profile that works; exit 1."""
    wrong = add_profile(env, sim, "au1-wrong", "au1", "ie1")
    good = add_profile(env, sim, "au1-good", "au1", "au1")
    result = cli(env, "doctor", "--profile", wrong, "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    rows = {row["step"]: row for row in report["steps"]}
    assert rows["credential"]["verdict"] == "fail"
    assert "this key belongs to another Region (or was revoked), not AU1" in rows["credential"]["detail"]
    assert rows["credential"]["fix"].startswith(f"profile {good!r} works on api.sydney.au1.twilio.com")
    assert report["settings"]["region"] == {"value": "au1", "origin": f"profile {wrong!r}"}
    held = [sim.credentials[r].api_key_secret for r in ("au1", "ie1")]
    assert not any(secret in result.stdout + result.stderr for secret in held)
    assert files_containing(held[0], Path(env["HOME"]), *secret_service.private_dirs) == []


def test_doctor_clock_skew_fails_and_flags_beat_the_environment(env: dict[str, str], sim: Simulator) -> None:
    """With the server's clock 10 minutes ahead the clock row fails; --region beats TWILIO_REGION."""
    name = add_profile(env, sim, "ie1", "ie1", "ie1")
    sim.faults.add(FaultRule(FaultKind.CLOCK_SKEW, region="ie1", times=1, skew_seconds=600))
    try:
        result = cli(
            {**env, "TWILIO_REGION": "au1"}, "doctor", "--profile", name, "--region", "ie1", "--json"
        )
    finally:
        sim.faults.clear()
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    rows = {row["step"]: row["verdict"] for row in report["steps"]}
    assert rows == {"settings": "pass", "libraries": "pass", "dns": "pass", "tls": "pass",
                    "credential": "pass", "product": "pass", "clock": "fail"}  # fmt: skip
    assert report["settings"]["region"] == {"value": "ie1", "origin": "--region"}


def test_doctor_usage_errors_exit_2(env: dict[str, str]) -> None:
    """A region that is not a DNS label is bad input: exit 2, before any step."""
    result = cli(env, "doctor", "--region", "au 1")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("twilio-explorer: error: the region 'au 1' is not a DNS label")


def test_token_create_then_inspect_round_trips(
    env: dict[str, str], sim: Simulator, secret_service: SecretService
) -> None:
    """`token create` for an AU1 keyring profile prints a token once with twr au1; `inspect -` finds no problem."""
    name = add_profile(env, sim, "au1", "au1", "au1")
    created = cli(env, "token", "create", "--profile", name, "--identity", "alice", "--grant", "voice",
                  "--grant", "video")  # fmt: skip
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.count(".") == 2 and "\n" not in token
    assert created.stderr.startswith(
        f"test token for 'alice', signed by {sim.credentials['au1'].api_key_sid} (AU1, twr au1), valid 3600 s"
    )
    inspected = cli(env, "token", "inspect", "-", stdin=token + "\n")
    assert inspected.returncode == 0, inspected.stdout + inspected.stderr
    lines = inspected.stdout.splitlines()
    assert lines[:6] == [
        "header:    alg HS256 · cty twilio-fpa;v=1 · twr au1 · typ JWT",
        "region:    au1",
        f"key:       {sim.credentials['au1'].api_key_sid}",
        f"account:   {sim.account_sid}",
        "identity:  alice",
        "grants:    voice, video",
    ]
    assert "signature: not verified, not shown" in lines
    assert token.rsplit(".", 1)[1] not in inspected.stdout  # the signature itself is never printed
    assert (
        f"ok: signed by {sim.credentials['au1'].api_key_sid}, which is an AU1 key (profile {name!r})"
        in inspected.stdout
    )
    assert files_containing(token, Path(env["HOME"]), *secret_service.private_dirs) == []


def test_token_inspect_of_a_token_without_twr_exits_1_with_each_librarys_fix(
    env: dict[str, str], sim: Simulator
) -> None:
    """A token signed by the AU1 key with no twr (as twilio-python mints it without region=): problem, exit 1."""
    import jwt

    name = add_profile(env, sim, "au1", "au1", "au1")
    creds = sim.credentials["au1"]
    payload = {"iss": creds.api_key_sid, "sub": sim.account_sid, "exp": 4102444800,
               "grants": {"identity": "alice", "video": {}}}  # fmt: skip
    token = jwt.encode(payload, creds.api_key_secret, algorithm="HS256", headers={"cty": "twilio-fpa;v=1"})
    result = cli(env, "token", "inspect", token)
    assert result.returncode == 1
    assert "region:    none (no twr: the SDK connects to US1)" in result.stdout
    assert (
        f"problem: signed by {creds.api_key_sid}, which is an AU1 key (profile {name!r}), but the header has no `twr`: "
        "the SDK will connect to US1 and fail (the key does not exist there)"
    ) in result.stdout
    assert (
        '  fix: node (>= 3.51.0): new AccessToken(accountSid, keySid, keySecret, { identity, region: "au1" })'
        in (result.stdout.splitlines())
    )
