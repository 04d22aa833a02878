"""The canary on the command line: a saved AU1 profile (and a TWILIO_* environment) whose secret is a unique string.

Every command runs as a user runs it (`python -m explorer` in a fresh process, an isolated HOME and XDG
directories, the test session's gnome-keyring) and is made to fail: a dead proxy, a CA file that is gone, a
refused credential from the local simulator, an inline secret for another Region's host. The canary, its
base64 and its Basic tokens must appear in no stdout, no stderr and no file under HOME; every exit status is
0, 1 or 2 and no command prints a Python traceback. The one place the canary must appear is the curl the user
explicitly asked to inline it in, for its own Region's host: proof that these checks can see it.

There is no `history` command: history and its export exist only in the app (tests/ui/test_canary_secret.py).
"""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.canary import Canary, new_canary
from tests.support.secret_service import SecretService

pytestmark = [pytest.mark.keyring, pytest.mark.e2e]

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
API_KEY_SID = "SK" + "fedcba9876543210" * 2
DEAD_PROXY = "http://127.0.0.1:1"  # nothing listens on port 1: refused at once, and never a DNS lookup
APPLICATIONS = "/2010-04-01/Accounts/{AccountSid}/Applications.json"
# Variables of the person running the tests that would change what the commands do.
_FOREIGN = ("TWILIO_", "PYTHON_KEYRING", "DBUS_", "XDG_", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy",
            "http_proxy", "all_proxy", "NO_PROXY", "no_proxy", "SSL_CERT_", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")  # fmt: skip


@dataclass
class Cli:
    """`python -m explorer` for one user: a HOME, the test keyring, a saved profile whose secret is the canary."""

    home: Path
    env: dict[str, str]
    canary: Canary
    profile: str
    """The saved profile's name (unique: the keyring is shared by the whole test session)."""
    keyring_dirs: tuple[Path, ...]

    @property
    def secret(self) -> str:
        return self.canary.secret

    def run(
        self, *args: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run the command line with `args`; the environment is the user's, updated with `env`."""
        return subprocess.run(
            [sys.executable, "-m", "explorer", *args],
            env={**self.env, **(env or {})}, input=stdin, capture_output=True, text=True, timeout=60,
            check=False, cwd=self.home,
        )  # fmt: skip

    def check(
        self, result: subprocess.CompletedProcess[str], *, statuses: tuple[int, ...] = (0, 1, 2)
    ) -> None:
        """No form of the canary in the output or in a file; an expected status; no traceback."""
        output = f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        assert self.canary.leaks(result.stdout) == [], output.replace(self.secret, "<CANARY>")
        assert self.canary.leaks(result.stderr) == [], output.replace(self.secret, "<CANARY>")
        assert self.canary.files_leaking(self.home, *self.keyring_dirs) == {}
        assert "Traceback (most recent call last)" not in result.stderr, output
        assert result.returncode in statuses, output


@pytest.fixture(scope="module")
def cli(secret_service: SecretService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    """A user with the AU1 profile `canary-…` saved: settings in HOME's config, the canary in the keyring."""
    home = tmp_path_factory.mktemp("canary-home")
    env = {key: value for key, value in os.environ.items() if not key.startswith(_FOREIGN)}
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"), XDG_CACHE_HOME=str(home / ".cache"),
        DBUS_SESSION_BUS_ADDRESS=secret_service.env["DBUS_SESSION_BUS_ADDRESS"],
        PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring",
        # Every command goes through a proxy that refuses, unless a test names another: nothing can reach
        # (or even look up) a real Twilio host.
        HTTPS_PROXY=DEAD_PROXY,
    )  # fmt: skip
    secret = new_canary()
    user = Cli(home, env, Canary(secret, usernames=(API_KEY_SID, ACCOUNT_SID)), f"canary-{secrets.token_hex(3)}",
               secret_service.private_dirs)  # fmt: skip
    added = user.run(
        "profiles", "add", user.profile, "--account-sid", ACCOUNT_SID, "--region", "au1", "--api-key", API_KEY_SID,
        "--secret-stdin", stdin=secret + "\n",
    )  # fmt: skip
    user.check(added, statuses=(0,))
    assert "secret in the OS keyring" in added.stdout
    try:
        yield user
    finally:
        user.check(user.run("profiles", "remove", user.profile), statuses=(0,))


def test_the_saved_profile_is_listed_without_its_secret(cli: Cli) -> None:
    """`profiles list` names the profile, its Region and key; nothing of the secret."""
    result = cli.run("profiles", "list", "-o", "tsv")  # whole values, never folded to a terminal's width
    cli.check(result, statuses=(0,))
    assert cli.profile in result.stdout and API_KEY_SID in result.stdout


# -- failures with the saved profile ----------------------------------------------------------------------------

MISSING_CA = "stopped-sim/ca.pem"  # relative to HOME: a simulator's CA directory, deleted when it stopped


NETWORK_FAILURES = [
    pytest.param(["--proxy", DEAD_PROXY], {}, id="a dead --proxy"),
    pytest.param([], {}, id="a dead HTTPS_PROXY"),
    pytest.param(["--cacert", MISSING_CA], {}, id="a missing --cacert"),
    pytest.param([], {"SSL_CERT_FILE": MISSING_CA}, id="SSL_CERT_FILE missing"),
]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        *NETWORK_FAILURES,
        pytest.param(["--host", "api.dublin.ie1.twilio.com"], {}, id="another Region's host"),
    ],
)
def test_verify_fails_without_showing_the_secret(cli: Cli, args: list[str], env: dict[str, str]) -> None:
    """`profiles verify` fails (unreachable, no CA, out of scope) with a one-line error and no secret."""
    result = cli.run("profiles", "verify", cli.profile, *args, env=env)
    cli.check(result, statuses=(1, 2))
    assert result.stderr.startswith("twilio-explorer: error: ")


@pytest.mark.parametrize(("args", "env"), NETWORK_FAILURES)
def test_login_fails_without_showing_the_token(cli: Cli, args: list[str], env: dict[str, str]) -> None:
    """`profiles login` with the canary as the Auth Token fails with a one-line error; the token is nowhere."""
    result = cli.run(
        "profiles", "login", f"{cli.profile}-login", "--account-sid", ACCOUNT_SID, "--region", "au1",
        "--secret-stdin", *args, stdin=cli.secret + "\n", env=env,
    )  # fmt: skip
    cli.check(result, statuses=(1, 2))
    assert result.stderr.startswith("twilio-explorer: error: ")
    assert f"{cli.profile}-login" not in cli.run("profiles", "list").stdout  # nothing was saved


def test_curl_with_the_profile_never_prints_its_secret(cli: Cli) -> None:
    """`curl --profile` fills in the Account SID and leaves the secret as a shell variable."""
    result = cli.run("curl", "--profile", cli.profile, "GET", APPLICATIONS, "--snippets")
    cli.check(result, statuses=(0,))
    assert "https://api.sydney.au1.twilio.com/" in result.stdout and "$TWILIO_API_SECRET" in result.stdout


def test_inline_secrets_for_another_region_are_refused(cli: Cli) -> None:
    """`curl --profile … --inline-secrets` for an IE1 host refuses to write the AU1 secret."""
    result = cli.run(
        "curl", "--profile", cli.profile, "--inline-secrets", "--region", "ie1", "--edge", "dublin", "GET",
        APPLICATIONS,
    )  # fmt: skip
    cli.check(result, statuses=(2,))
    assert "api.dublin.ie1.twilio.com" in result.stderr


def test_inline_secrets_for_its_own_region_are_what_the_checks_catch(cli: Cli) -> None:
    """Asked for explicitly, for the profile's own AU1 host, the secret is printed: the checks do see it."""
    result = cli.run("curl", "--profile", cli.profile, "--inline-secrets", "GET", APPLICATIONS)
    assert result.returncode == 0, result.stderr
    assert "https://api.sydney.au1.twilio.com/" in result.stdout
    assert cli.canary.leaks(result.stdout) == ["the canary"]
    with pytest.raises(AssertionError):
        cli.check(result)


# -- the TWILIO_* environment -----------------------------------------------------------------------------------


def canary_env(cli: Cli, **extra: str) -> dict[str, str]:
    """An AU1 API key in the TWILIO_* variables, as twilio-cli reads them, with the canary as its secret."""
    return {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_API_KEY": API_KEY_SID, "TWILIO_API_SECRET": cli.secret,
            "TWILIO_REGION": "au1", **extra}  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["fqdn", "--region", "au1", "--edge", "sydney"], id="fqdn"),
        pytest.param(
            ["fqdn", "--url", "https://api.sydney.au1.twilio.com", "--json"], id="fqdn --url --json"
        ),
        pytest.param(["curl", "GET", APPLICATIONS, "--snippets"], id="curl"),
        pytest.param(
            ["curl", "--inline-secrets", "--region", "ie1", "--edge", "dublin", "GET", APPLICATIONS],
            id="curl --inline-secrets for IE1",
        ),
        pytest.param(
            ["curl", "--inline-secrets", "--region", "us1", "GET", APPLICATIONS],
            id="curl --inline-secrets for US1",
        ),
        pytest.param(["profiles", "list", "--json"], id="profiles list"),
        pytest.param(["profiles", "verify", "env"], id="profiles verify env"),
        pytest.param(
            ["profiles", "verify", "env", "--cacert", MISSING_CA], id="profiles verify env --cacert"
        ),
    ],
)
def test_environment_commands_never_show_the_secret(cli: Cli, args: list[str]) -> None:
    """With the canary exported as TWILIO_API_SECRET, no command prints it (curl refuses other Regions' hosts)."""
    cli.check(cli.run(*args, env=canary_env(cli)))


def test_inline_environment_secret_for_its_own_region_is_printed(cli: Cli) -> None:
    """`curl --inline-secrets` for the AU1 host with the AU1 key exported prints it, as asked: the checks see it."""
    result = cli.run("curl", "--inline-secrets", "--region", "au1", "--edge", "sydney", "GET", APPLICATIONS,
                     env=canary_env(cli))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert cli.canary.leaks(result.stdout) == ["the canary"]


# -- the local simulator: a real TLS server that refuses the canary ---------------------------------------------


@dataclass
class RunningSim:
    """`twilio-explorer sim` in its own process, and the variables its env file exports."""

    process: subprocess.Popen[str]
    exports: dict[str, str]


@pytest.fixture(scope="module")
def sim(cli: Cli) -> Iterator[RunningSim]:
    """The simulator, started as a user starts it, with `--env-file` in HOME; its output is checked at the end."""
    env_file = cli.home / "sim-env.sh"
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sim", "--env-file", str(env_file), "--seed", "canary", "--records", "3"],
        env={**cli.env, "HTTPS_PROXY": ""}, cwd=cli.home, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not env_file.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the simulator did not write its env file within 30 s"
            time.sleep(0.05)
        exports = dict(
            line.removeprefix("export ").split("=", 1) for line in env_file.read_text().splitlines()
            if line.startswith("export ")
        )  # fmt: skip
        yield RunningSim(process, {name: shlex.split(value)[0] for name, value in exports.items()})
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert cli.canary.leaks(out + err) == [], "the simulator printed the canary"


def sim_user_env(cli: Cli, sim: RunningSim) -> dict[str, str]:
    """A shell that sourced the simulator's env file, then exported the canary as the AU1 key's secret."""
    exports = {k: v for k, v in sim.exports.items() if not k.startswith("TWILIO_")}
    return {**exports, **canary_env(cli, TWILIO_ACCOUNT_SID=sim.exports["TWILIO_ACCOUNT_SID"],
                                   TWILIO_API_KEY=sim.exports["TWILIO_API_KEY_AU1"])}  # fmt: skip


def test_the_simulator_refuses_the_canary_and_nobody_prints_it(cli: Cli, sim: RunningSim) -> None:
    """Through the simulator's proxy and CA: verify (env and saved profile) and login are refused, quietly."""
    env = sim_user_env(cli, sim)
    verified = cli.run("profiles", "verify", "env", env=env)
    cli.check(verified, statuses=(1,))
    assert "HTTP 401" in verified.stdout
    saved = cli.run("profiles", "verify", cli.profile, env=env)
    cli.check(saved, statuses=(1,))
    login = cli.run(
        "profiles", "login", f"{cli.profile}-sim", "--account-sid", sim.exports["TWILIO_ACCOUNT_SID"],
        "--region", "au1", "--secret-stdin", stdin=cli.secret + "\n", env=env,
    )  # fmt: skip
    cli.check(login, statuses=(2,))
    assert "HTTP 401" in login.stderr
    for args in (["curl", "api:applications", "--region", "au1", "--edge", "sydney", "--region-vars"],
                 ["fqdn", "--region", "au1", "--edge", "sydney", "--json"]):  # fmt: skip
        cli.check(cli.run(*args, env=env), statuses=(0,))
