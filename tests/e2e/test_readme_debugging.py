"""The README's "Debugging a setup" examples, run as printed with the simulator's env file sourced.

Each `$ command` of the section's console blocks runs in bash after `. ./env.sh` (and after the block's earlier
commands that print nothing, such as `TOKEN=…`); its output must be the lines the README shows under it. Only the
values that change from run to run are masked on both sides: the proxy's port and relative durations.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.env_file import write_env_file
from explorer.sim.server import Simulator, start_simulator

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"
_VOLATILE = (
    (re.compile(r"http://127\.0\.0\.1:\d+"), "http://127.0.0.1:PORT"),
    (re.compile(r"\(\d+ (?:s|min|h|days) (left|ago)\)"), r"(N \1)"),
)


def _masked(text: str) -> str:
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _examples() -> list[tuple[str, str, str]]:
    """(commands run before, the command, the output the README shows), for every command with output."""
    section = README.read_text(encoding="utf-8").split("## Debugging a setup", 1)[1].split("\n## ", 1)[0]
    # The section opens with `fqdn --all-libraries`, run without the env file (tests/core/test_cli_environment.py);
    # the examples here start with doctor's paragraph.
    section = section[section.index("`twilio-explorer doctor [") :]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        before: list[str] = []
        command: str | None = None
        output: list[str] = []
        for line in [*block.splitlines(), "$ "]:
            if line.startswith("$ "):
                if command is not None:
                    if output:
                        examples.append(("\n".join(before), command, "".join(f"{o}\n" for o in output)))
                    else:
                        before.append(command)
                command, output = line[2:], []
            else:
                output.append(line)
    return examples


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """The default simulator: the README's token is signed with its AU1 demo key (seed `demo`)."""
    with start_simulator() as running:
        yield running


def test_the_section_has_the_doctor_and_token_examples() -> None:
    """The README shows `doctor` and `token inspect`, so the test below cannot pass by finding nothing."""
    commands = [command for _, command, _ in _examples()]
    assert commands == [
        "TWILIO_EDGE= twilio-explorer doctor",
        'echo "$TOKEN" | twilio-explorer token inspect -',
    ]


@pytest.mark.parametrize(("before", "command", "shown"), _examples(), ids=lambda v: str(v)[:40])
def test_readme_example_output_is_what_the_command_prints(
    sim: Simulator, tmp_path: Path, before: str, command: str, shown: str
) -> None:
    """The command, pasted after sourcing the simulator's env file, prints what the README shows (exit 1)."""
    write_env_file(tmp_path / "env.sh", sim.env("au1"))
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "TWILIO_EXPLORER_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    script = f". ./env.sh\n{before}\n{command}\n"
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert _masked(result.stdout) == _masked(shown), result.stderr
    assert result.returncode == 1  # both examples show a setup that fails, as the README says
