"""The curl that `twilio-explorer curl` prints, pasted into bash with the simulator's env file sourced, works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.env_file import write_env_file
from explorer.sim.server import Simulator, start_simulator

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator(seed="cli-curl", records=12) as running:
        yield running


def _explorer_curl(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "curl", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.strip()


def _paste(
    command: str, sim: Simulator, tmp_path: Path, exports: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    env_file = tmp_path / "env.sh"
    write_env_file(env_file, sim.env())
    script = f". {env_file}\n" + "".join(f"export {k}={v}\n" for k, v in exports.items()) + command + " -sS"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "CURL_HOME": str(tmp_path), "NO_PROXY": ""}
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, timeout=30, check=False
    )


@pytest.mark.parametrize(
    ("region", "edge", "host"),
    [("au1", "sydney", "api.sydney.au1.twilio.com"), ("ie1", "dublin", "api.dublin.ie1.twilio.com")],
)
def test_pasted_resource_curl_lists_that_regions_applications(
    sim: Simulator, tmp_path: Path, region: str, edge: str, host: str
) -> None:
    """`curl api:applications --region R --edge E --region-vars` lists R's applications from the simulator."""
    command = _explorer_curl("api:applications", "--region", region, "--edge", edge, "--region-vars")
    assert host in command
    result = _paste(command, sim, tmp_path, {})
    assert result.returncode == 0, result.stderr
    applications = json.loads(result.stdout)["applications"]
    assert applications
    assert all(app["friendly_name"].startswith(region.upper()) for app in applications)


def test_the_documented_placeholders_work_once_exported(sim: Simulator, tmp_path: Path) -> None:
    """The docs form ($TWILIO_API_KEY) works once the reader exports their Region's key under that name."""
    command = _explorer_curl(
        "GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", "--region", "au1", "--edge", "sydney"
    )
    ok = _paste(
        command,
        sim,
        tmp_path,
        {"TWILIO_API_KEY": "$TWILIO_API_KEY_AU1", "TWILIO_API_SECRET": "$TWILIO_API_SECRET_AU1"},
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["applications"]
    wrong = _paste(
        command,
        sim,
        tmp_path,
        {"TWILIO_API_KEY": "$TWILIO_API_KEY_US1", "TWILIO_API_SECRET": "$TWILIO_API_SECRET_US1"},
    )
    assert json.loads(wrong.stdout)["code"] == 20003


def test_an_instance_without_its_sid_is_a_variable_that_works_once_set(
    sim: Simulator, tmp_path: Path
) -> None:
    """`curl GET …/Calls/{Sid}.json` without --param writes "$CALL_SID"; set to a listed call, the paste fetches it."""
    command = _explorer_curl(
        "GET",
        "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json",
        "-r",
        "au1",
        "-e",
        "sydney",
        "--region-vars",
    )
    assert '/Calls/$CALL_SID.json"' in command
    listing = _paste(
        _explorer_curl("api:calls", "-r", "au1", "-e", "sydney", "--region-vars"), sim, tmp_path, {}
    )
    call_sid = json.loads(listing.stdout)["calls"][0]["sid"]
    fetched = _paste(command, sim, tmp_path, {"CALL_SID": call_sid})
    assert fetched.returncode == 0, fetched.stderr
    assert json.loads(fetched.stdout)["sid"] == call_sid


def test_a_field_given_as_two_words_is_sent_under_its_name(sim: Simulator, tmp_path: Path) -> None:
    """`--field FriendlyName 'a=b'` and `--data` both reach the simulator: the created application has that name."""
    command = _explorer_curl(
        "POST",
        "/2010-04-01/Accounts/{AccountSid}/Applications.json",
        "-r",
        "ie1",
        "-e",
        "dublin",
        "--region-vars",
        "--field",
        "FriendlyName",
        "docs=example",
        "--data",
        "VoiceMethod=GET",
    )
    created = _paste(command, sim, tmp_path, {})
    assert created.returncode == 0, created.stderr
    body = json.loads(created.stdout)
    assert (body["friendly_name"], body["voice_method"]) == ("docs=example", "GET")
