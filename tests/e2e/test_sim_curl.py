"""Real curl against the simulator through HTTPS_PROXY and its CA bundle, with production URLs unchanged.

How curl fails, here as against real Twilio:
- exit 56 (CURLE_RECV_ERROR, "CONNECT tunnel failed, response 502"): a host that does not resolve, seen
  through a proxy: the retired `api.au1.twilio.com`, or a product not offered in a Region. Without a proxy
  the same hosts give exit 6 (CURLE_COULDNT_RESOLVE_HOST); behind any HTTPS proxy real Twilio gives 56 too.
- exit 60 (CURLE_PEER_FAILED_VERIFICATION, "no alternative certificate subject name matches"): a host that
  resolves but is not in the certificate, such as `conversations.ie1.twilio.com`.
Faults: a reset connection gives exit 56 ("Recv failure: Connection reset by peer"), a truncated body 18
(CURLE_PARTIAL_FILE, "transfer closed with N bytes remaining to read").
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.sim.faults import FaultKind, FaultRule
from explorer.sim.server import Simulator, start_simulator

pytestmark = pytest.mark.e2e

HOSTS = {"us1": "api.twilio.com", "ie1": "api.dublin.ie1.twilio.com", "au1": "api.sydney.au1.twilio.com"}
CURL_EXIT_CONNECT_TUNNEL_FAILED = 56
CURL_EXIT_TLS_NAME_MISMATCH = 60
CURL_EXIT_PARTIAL_FILE = 18


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """A simulator for this module."""
    with start_simulator(seed="curl", records=30) as running:
        yield running


def _clean_env(home: Path, extra: dict[str, str]) -> dict[str, str]:
    # Only the simulator's proxy: no inherited proxy settings, no NO_PROXY exception, no ~/.curlrc.
    keep = {"PATH": os.environ["PATH"], "HOME": str(home), "CURL_HOME": str(home), "LANG": "C.UTF-8"}
    return {**keep, "NO_PROXY": "", "no_proxy": "", **extra}


def _curl(sim: Simulator, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = _clean_env(home, {"HTTPS_PROXY": sim.proxy_url, "CURL_CA_BUNDLE": str(sim.ca_pem_path)})
    return subprocess.run(
        ["curl", "-sS", *args], capture_output=True, text=True, env=env, timeout=30, check=False
    )


@pytest.mark.parametrize("region", sorted(HOSTS))
def test_curl_lists_applications_in_each_region_with_its_own_key(
    sim: Simulator, tmp_path: Path, region: str
) -> None:
    """curl -f with a Region's key on that Region's host prints that Region's applications."""
    creds = sim.credentials[region]
    url = f"https://{HOSTS[region]}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
    result = _curl(sim, tmp_path, "-f", "-u", f"{creds.api_key_sid}:{creds.api_key_secret}", url)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert len(body["applications"]) == 30
    assert body["applications"][0]["friendly_name"] == f"{region.upper()} application 1"


def test_curl_with_another_regions_key_gets_401_and_20003(sim: Simulator, tmp_path: Path) -> None:
    """The US1 key on the AU1 host: HTTP 401 and Twilio's error 20003."""
    creds = sim.credentials["us1"]
    url = f"https://{HOSTS['au1']}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
    result = _curl(
        sim, tmp_path, "-u", f"{creds.api_key_sid}:{creds.api_key_secret}", "-w", "\n%{http_code}", url
    )
    body, status = result.stdout.rsplit("\n", 1)
    assert status == "401"
    assert json.loads(body)["code"] == 20003


@pytest.mark.parametrize(
    "url",
    [
        "https://api.au1.twilio.com/2010-04-01/Accounts.json",  # retired on 2026-04-28
        "https://sync.dublin.ie1.twilio.com/v1/Services",  # Sync is not offered in IE1
    ],
)
def test_curl_cannot_reach_hosts_that_do_not_resolve(sim: Simulator, tmp_path: Path, url: str) -> None:
    """curl exits 56: the proxy refuses the tunnel as for a name with no DNS record."""
    result = _curl(sim, tmp_path, url)
    assert result.returncode == CURL_EXIT_CONNECT_TUNNEL_FAILED, result.stderr
    assert "CONNECT tunnel failed, response 502" in result.stderr


def test_curl_verbose_shows_why_the_proxy_refused_the_host(sim: Simulator, tmp_path: Path) -> None:
    """`curl -v` on the retired api.au1.twilio.com shows the 502's reason: no such host, why, and the fix."""
    result = _curl(sim, tmp_path, "-v", "https://api.au1.twilio.com/2010-04-01/Accounts.json")
    assert result.returncode == CURL_EXIT_CONNECT_TUNNEL_FAILED, result.stderr
    assert "< HTTP/1.1 502 No such host api.au1.twilio.com: region without edge" in result.stderr
    assert "Fix: set region=au1 and edge=sydney (both) to get api.sydney.au1.twilio.com" in result.stderr
    assert "CONNECT tunnel failed, response 502" in result.stderr


def test_curl_gets_a_tls_name_mismatch_on_a_region_only_host(sim: Simulator, tmp_path: Path) -> None:
    """curl exits 60 on conversations.ie1.twilio.com: the certificate does not list that name."""
    result = _curl(sim, tmp_path, "https://conversations.ie1.twilio.com/v1/Conversations")
    assert result.returncode == CURL_EXIT_TLS_NAME_MISMATCH, result.stderr
    assert "certificate subject name" in result.stderr


@pytest.mark.parametrize(
    ("kind", "exit_code", "message"),
    [
        (FaultKind.RESET, CURL_EXIT_CONNECT_TUNNEL_FAILED, "Connection reset by peer"),
        (FaultKind.TRUNCATED, CURL_EXIT_PARTIAL_FILE, "bytes remaining to read"),
    ],
)
def test_curl_sees_connection_faults(
    sim: Simulator, tmp_path: Path, kind: FaultKind, exit_code: int, message: str
) -> None:
    """A reset connection and a truncated body fail curl the way a real network fault would."""
    creds = sim.credentials["ie1"]
    url = f"https://{HOSTS['ie1']}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
    sim.faults.add(FaultRule(kind, region="ie1", times=1))
    result = _curl(sim, tmp_path, "-o", "/dev/null", "-u", f"{creds.api_key_sid}:{creds.api_key_secret}", url)
    assert result.returncode == exit_code, result.stderr
    assert message in result.stderr


def test_sim_command_env_file_lets_curl_list_au1_applications(tmp_path: Path) -> None:
    """`twilio-explorer sim --env-file`, then `. ./env.sh; curl -sf -u AU1 key` prints applications; US1 gets 401."""
    env_file = tmp_path / "env.sh"
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sim", "--env-file", str(env_file), "--records", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_clean_env(tmp_path, {}),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not env_file.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the simulator did not write its env file"
            time.sleep(0.05)
        url = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"
        good = subprocess.run(
            ["bash", "-c", f'. ./env.sh; curl -sf -u "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1" "{url}"'],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=_clean_env(tmp_path, {}),
            timeout=30,
            check=False,
        )
        wrong = subprocess.run(
            ["bash", "-c", f'. ./env.sh; curl -s -u "$TWILIO_API_KEY_US1:$TWILIO_API_SECRET_US1" "{url}"'],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=_clean_env(tmp_path, {}),
            timeout=30,
            check=False,
        )
        assert good.returncode == 0, good.stderr
        assert [a["friendly_name"] for a in json.loads(good.stdout)["applications"]][:2] == [
            "AU1 application 1",
            "AU1 application 2",
        ]
        assert json.loads(wrong.stdout)["code"] == 20003
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, _err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _err = process.communicate()
    assert process.returncode == 0
    assert "simulator stopped" in out
    assert not env_file.exists()
