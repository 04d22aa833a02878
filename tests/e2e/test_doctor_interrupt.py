"""`doctor` shows each row as its step finishes, and Ctrl-C in the middle leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.sim.server import Simulator, start_simulator

pytestmark = pytest.mark.e2e


@pytest.fixture
def slow_sim() -> Iterator[Simulator]:
    """Every HTTP answer takes 20 s: the credential step is still waiting when Ctrl-C arrives."""
    with start_simulator(seed="doctor-interrupt", records=3, latency_ms=20_000) as running:
        yield running


def test_ctrl_c_during_the_credential_step_exits_130_and_closes_every_connection(
    slow_sim: Simulator, tmp_path: Path
) -> None:
    """Rows up to TLS are printed before the slow GET; SIGINT then ends doctor with 130 and no open connection."""
    creds = slow_sim.credentials["au1"]
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "HTTPS_PROXY", "PYTHON_KEYRING"))
    }
    env.update(
        HOME=str(tmp_path),
        TWILIO_EXPLORER_CONFIG_DIR=str(tmp_path / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        HTTPS_PROXY=slow_sim.proxy_url,
        SSL_CERT_FILE=str(slow_sim.ca_pem_path),
        TWILIO_ACCOUNT_SID=slow_sim.account_sid,
        TWILIO_API_KEY=creds.api_key_sid,
        TWILIO_API_SECRET=creds.api_key_secret,
        TWILIO_REGION="au1",
        TWILIO_EDGE="sydney",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "doctor"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen.append(line)
        if line.startswith("PASS  TLS"):
            break
    assert seen[-1].startswith("PASS  TLS"), (
        seen
    )  # progress: rows arrive one by one, before the slow step ends
    time.sleep(0.5)  # the credential GET is now waiting on the simulator
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 130
    assert errors == "doctor: interrupted after 4 of 7 steps\n"
    assert rest == ""
    for _ in range(100):  # the simulator sees the client's connections close
        if not [c for c in slow_sim.open_connections() if c.role == "proxy"]:
            break
        time.sleep(0.05)
    assert [c for c in slow_sim.open_connections() if c.role == "proxy"] == []
