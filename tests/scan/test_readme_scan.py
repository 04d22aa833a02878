"""README's "Scan a codebase" example, run as written: the command and its exact output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_scan_example_is_what_the_command_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Scan a codebase", 1)[1]
    block = re.search(r"```console\n\$ (.+?)\n(.*?)```", section, re.DOTALL)
    assert block is not None
    command, shown = block.group(1), block.group(2)
    env_part, _, args = command.partition(" twilio-explorer ")
    name, _, value = env_part.partition("=")
    done = subprocess.run(
        [sys.executable, "-m", "explorer", *args.split()],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
        env={**os.environ, name: value},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = [line.rstrip() for line in done.stdout.splitlines()]
    assert printed == shown.rstrip("\n").splitlines()
