"""The env file: `export NAME=VALUE` lines that a shell reads back exactly, written atomically and privately."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from explorer.core.env_file import render_env_file, write_env_file
from explorer.core.errors import SimulatorError

AWKWARD = {
    "PLAIN": "abc",
    "QUOTE": 'it\'s "quoted"',
    "DOLLAR": "$HOME and `id`",
    "SPACE": "a b\tc",
    "EMPTY": "",
}


def test_a_shell_reads_back_every_value_unchanged(tmp_path: Path) -> None:
    """Sourcing the file in bash gives back each value byte for byte, with no expansion."""
    path = tmp_path / "env.sh"
    write_env_file(path, AWKWARD, header="demo")
    for name, value in AWKWARD.items():
        result = subprocess.run(
            ["bash", "-c", f'. "$1"; printf %s "${name}"', "bash", str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={"PATH": "/usr/bin:/bin"},
        )
        assert result.stdout == value


def test_the_file_is_private_and_replaced_whole(tmp_path: Path) -> None:
    """The file is mode 0600, a rewrite replaces it, and no temporary file is left beside it."""
    path = tmp_path / "env.sh"
    write_env_file(path, {"A": "1"})
    write_env_file(path, {"B": "2"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "export B=2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["env.sh"]


def test_a_name_that_is_not_a_shell_variable_is_refused() -> None:
    """A name with a space or a dash cannot be exported, so it is an error rather than a broken file."""
    with pytest.raises(SimulatorError):
        render_env_file({"BAD NAME": "x"})


def test_unset_names_come_before_the_exports_and_leave_the_shell_without_them(tmp_path: Path) -> None:
    """A US1 file unsets TWILIO_REGION and TWILIO_EDGE, so a shell that had AU1's loses them when it sources it."""
    path = tmp_path / "env.sh"
    write_env_file(path, {"TWILIO_API_KEY": "SK1"}, unset=["TWILIO_REGION", "TWILIO_EDGE"])
    assert path.read_text() == "unset TWILIO_REGION TWILIO_EDGE\nexport TWILIO_API_KEY=SK1\n"
    result = subprocess.run(
        ["bash", "-c", '. "$1"; printf %s "${TWILIO_REGION-unset}"', "bash", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "TWILIO_REGION": "au1"},
    )
    assert result.stdout == "unset"


def test_an_unset_name_that_is_not_a_shell_variable_is_refused() -> None:
    """`unset` takes the same care as `export`: a bad name is an error, not a shell command."""
    with pytest.raises(SimulatorError):
        render_env_file({}, unset=["X; rm -rf ~"])
