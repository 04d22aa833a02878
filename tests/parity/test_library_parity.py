"""The library model against the libraries' own code, run here: twilio-python (PyPI), twilio-node and
@twilio/cli-core (npm), each before, inside and after its region→edge window, over product × region × edge ×
environment. The model (`explorer.core.libraries`) must build the host each real release builds, or raise
where it raises.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from explorer.core.libraries import Setup, library_host
from tests.parity.installs import npm_package, twilio_python

HERE = Path(__file__).parent
PRODUCTS = ("api", "conversations")
REGIONS = (None, "", "au1", "ie1", "us1", "in1")
EDGES = (None, "", "sydney", "roaming")
CREDENTIALS = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "not-a-secret"}
ENVIRONMENTS: tuple[dict[str, str], ...] = (
    {},
    {"TWILIO_REGION": "au1"},
    {"TWILIO_EDGE": "sydney"},
    {"TWILIO_REGION": "ie1", "TWILIO_EDGE": "dublin"},
    {"TWILIO_REGION": "au1", **CREDENTIALS},
)
CASES = [
    {"product": p, "region": r, "edge": e, "env": env}
    for p, r, e, env in itertools.product(PRODUCTS, REGIONS, EDGES, ENVIRONMENTS)
]


def _run(command: list[str], extra_env: dict[str, str]) -> list[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWILIO_")} | extra_env
    result = subprocess.run(
        command, input=json.dumps(CASES), capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr
    answers: list[dict[str, str]] = json.loads(result.stdout)
    assert len(answers) == len(CASES)
    return answers


def _modelled(library: str, version: str, case: dict[str, Any]) -> dict[str, str]:
    setup = Setup.from_environ(case["env"], case["product"], case["region"], case["edge"])
    host = library_host(library, version, setup)
    if host.fqdn is None:
        assert host.built.error is not None
        return {"error": host.built.error.split(" (", 1)[0]}
    return {"host": host.fqdn}


def _compare(library: str, version: str, answers: list[dict[str, str]]) -> None:
    mismatches = [
        (case, real, model)
        for case, real in zip(CASES, answers, strict=True)
        if real != (model := _modelled(library, version, case))
    ]
    assert not mismatches, f"{len(mismatches)} of {len(CASES)} differ, first: {mismatches[:3]}"


@pytest.mark.parametrize("version", ["9.8.7", "9.9.0", "9.10.1"], ids=["before", "window", "after"])
def test_twilio_python_builds_what_the_model_says(version: str) -> None:
    python = twilio_python(version)
    answers = _run([str(python), str(HERE / "python_driver.py")], {})
    assert any("error" in answer for answer in answers) == (version == "9.9.0")
    _compare("python", version, answers)


@pytest.mark.parametrize("version", ["5.10.6", "5.12.0", "6.0.2"], ids=["before", "window", "after"])
def test_twilio_node_builds_what_the_model_says(version: str) -> None:
    modules = npm_package(f"twilio@{version}")
    _compare("node", version, _run(["node", str(HERE / "node_driver.js")], {"NODE_PATH": str(modules)}))


@pytest.mark.parametrize("version", ["8.3.1", "8.3.2"], ids=["window", "after"])
def test_twilio_cli_core_builds_what_the_model_says(version: str) -> None:
    modules = npm_package(f"@twilio/cli-core@{version}")
    answers = _run(["node", str(HERE / "cli_driver.js")], {"NODE_PATH": str(modules)})
    _compare("twilio-cli", version, answers)
