"""The inputs that used to print a Python traceback, run as a user runs them: one line, the fix, exit 2.

Each reproduction from issue 10 §5 runs the real `python -m explorer` with an environment profile loaded
(AU1, a secret) and HTTPS_PROXY on a closed loopback port, so nothing could leave the machine even if the
command tried.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "cliErrorSecret" + "6f" * 9


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TWILIO_", "PYTHON_KEYRING", "DBUS_", "SSL_CERT", "REQUESTS_CA"))
        and name.lower() not in ("https_proxy", "http_proxy", "all_proxy", "no_proxy")
    }
    env.update(
        HOME=str(home),
        TWILIO_EXPLORER_CONFIG_DIR=str(home / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        TWILIO_ACCOUNT_SID=ACCOUNT,
        TWILIO_API_KEY=KEY,
        TWILIO_API_SECRET=SECRET,
        TWILIO_REGION="au1",
        HTTPS_PROXY=f"http://127.0.0.1:{closed_port()}",
    )
    env.update(extra)
    return env


VERIFY = ["profiles", "verify", "env"]
LOGIN = ["profiles", "login", "key", "--account-sid", ACCOUNT, "--region", "au1", "--secret-stdin"]


@pytest.mark.parametrize(
    ("args", "extra", "starts"),
    [
        pytest.param([*VERIFY, "--proxy", "bad"], {},
                     "the proxy bad (given with --proxy) cannot be used: its scheme must be one of", id="proxy-bad"),
        pytest.param([*VERIFY, "--proxy", ""], {},
                     "the proxy '' (given with --proxy) cannot be used: its scheme must be one of", id="proxy-empty"),
        pytest.param([*VERIFY, "--cacert", "/nonexistent/ca.pem"], {},
                     "cannot load the CA bundle /nonexistent/ca.pem (given with --cacert): it does not exist",
                     id="cacert-missing"),
        pytest.param([*VERIFY, "--host", "[/]"], {},
                     f"the URL 'https://[/]/2010-04-01/Accounts/{ACCOUNT}.json' cannot be sent: Invalid IPv6 URL",
                     id="host-brackets"),
        pytest.param([*VERIFY, "--host", "api.sydney.au1.twilio.com\x1b[2J"], {}, "the URL ", id="host-escape"),
        pytest.param(["--openapi", "/" + "x/" * 2500, "catalog"], {},
                     "cannot read the OpenAPI directory '/x/x/x/x", id="openapi-long"),
        pytest.param(VERIFY, {"SSL_CERT_FILE": "/tmp/twilio-explorer-sim-gone/ca.pem"},
                     "cannot load the CA bundle /tmp/twilio-explorer-sim-gone/ca.pem (from SSL_CERT_FILE): it does "
                     "not exist", id="ssl-cert-file-missing"),
        pytest.param(VERIFY, {"REQUESTS_CA_BUNDLE": "/tmp/twilio-explorer-sim-gone/ca.pem"},
                     "cannot load the CA bundle /tmp/twilio-explorer-sim-gone/ca.pem (from REQUESTS_CA_BUNDLE)",
                     id="requests-ca-bundle-missing"),
        pytest.param([*LOGIN, "--proxy", "bad"], {},
                     "the proxy bad (given with --proxy) cannot be used", id="login-proxy-bad"),
        pytest.param([*LOGIN, "--cacert", "/nonexistent/ca.pem"], {},
                     "cannot load the CA bundle /nonexistent/ca.pem (given with --cacert)", id="login-cacert-missing"),
        pytest.param(["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "--param", "Sid="], {},
                     "the path parameter {Sid} is empty", id="empty-path-parameter"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_with_the_fix_and_exit_2(
    tmp_path: Path, args: list[str], extra: dict[str, str], starts: str
) -> None:
    """Each input that printed a traceback now prints one line, `error: ... Fix: ...`, and exits 2."""
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "explorer", *args], env=environment(home, **extra), input=SECRET + "\n",
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("twilio-explorer: error: " + starts)
    assert result.stderr.count("\n") == 1 and " Fix: " in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert result.stdout == ""
