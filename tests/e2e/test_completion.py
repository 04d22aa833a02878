"""`twilio-explorer completion SHELL`: the generated scripts complete commands, options, Regions, edges, profile
names and resource ids in the real shells (bash always; zsh and fish when installed)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = pytest.mark.e2e

ACCOUNT = "AC" + "5e" * 16
BIN = Path(sys.executable).parent


def _script(shell: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "completion", shell],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def _env(tmp_path: Path) -> dict[str, str]:
    # twilio-explorer on PATH, as after installing; an environment profile named `env` to complete.
    return {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "TWILIO_EXPLORER_CONFIG_DIR": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": "not-a-real-token",
        "TWILIO_REGION": "ie1",
    }


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "twilio-explorer.bash"
    path.write_text(_script("bash"))
    return path


def _bash(script: Path, tmp_path: Path, *words: str, line: str = "") -> list[str]:
    """COMPREPLY after TAB at the end of `words` (the command line `line`, else the words joined by spaces),
    from the sourced script's own completion function."""
    line = line or " ".join(words)
    program = f"""
source {script}
COMP_WORDS=({" ".join(f"'{word}'" for word in words)})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE='{line}'
COMP_POINT=${{#COMP_LINE}}
COMPREPLY=()
fn=$(complete -p twilio-explorer | sed -E 's/.*-F ([^ ]+) .*/\\1/')
"$fn" twilio-explorer "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [word for word in result.stdout.splitlines() if word]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("twilio-explorer", "fq"), ["fqdn"]),
        (("twilio-explorer", "fqdn", "--region", "a"), ["au1"]),
        (("twilio-explorer", "fqdn", "-r", ""), ["us1", "ie1", "au1", "jp1"]),
        (("twilio-explorer", "curl", "--edge", "syd"), ["sydney", "sydney-ix"]),
        (("twilio-explorer", "catalog", "--product", "conv"), ["conversations"]),
        (("twilio-explorer", "regions", "-o", ""), ["table", "json", "tsv"]),
        (("twilio-explorer", "history", ""), ["export"]),
        (("twilio-explorer", "completion", ""), ["bash", "zsh", "fish"]),
    ],
)
def test_bash_completes_commands_options_and_fixed_values(
    bash_script: Path, tmp_path: Path, words: tuple[str, ...], expected: list[str]
) -> None:
    """In bash, TAB completes commands, subcommands, -o formats, Regions, edges and products."""
    assert _bash(bash_script, tmp_path, *words) == expected


def test_bash_completes_profile_names_and_resource_ids_at_tab_time(bash_script: Path, tmp_path: Path) -> None:
    """Profile names and resource ids come from the hidden `__complete` helper when TAB is pressed."""
    assert _bash(bash_script, tmp_path, "twilio-explorer", "curl", "-p", "") == ["env"]
    assert _bash(bash_script, tmp_path, "twilio-explorer", "profiles", "verify", "e") == ["env"]
    # bash splits a word at ':' (COMP_WORDBREAKS): it completes `applicat`, and keeps the `api:` typed.
    resources = _bash(
        bash_script,
        tmp_path,
        "twilio-explorer",
        "curl",
        "api",
        ":",
        "applicat",
        line="twilio-explorer curl api:applicat",
    )
    assert resources == ["applications", "applications:instance"]


def test_the_helper_is_hidden_from_help_and_from_completion(bash_script: Path, tmp_path: Path) -> None:
    """`__complete` is not a command people see: not in --help, not offered by TAB."""
    assert (
        "__complete"
        not in subprocess.run(
            [sys.executable, "-m", "explorer", "--help"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    )
    assert _bash(bash_script, tmp_path, "twilio-explorer", "__") == []


def test_zsh_script_completes_regions_and_profiles(tmp_path: Path, tmux: Tmux) -> None:
    """In an interactive zsh (under tmux) with the script in $fpath, TAB lists the Regions after --region and
    the profile names after -p."""
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed (Debian package: zsh)")
    functions = tmp_path / "functions"
    functions.mkdir()
    (functions / "_twilio-explorer").write_text(_script("zsh"))
    env = " ".join(f"{name}={shlex.quote(value)}" for name, value in _env(tmp_path).items())
    tmux.run("new-session", "-d", "-x", "120", "-y", "30", f"env -i TERM=xterm {env} zsh -f")
    tmux.keys(
        f"fpath=({functions} $fpath); autoload -Uz compinit; compinit -u -d {tmp_path}/zcompdump; clear",
        "Enter",
    )
    tmux.keys("twilio-explorer fqdn --region ", "Tab")
    assert re.search(r"^au1 +ie1 +jp1 +us1$", tmux.wait_for("jp1", timeout=30), re.MULTILINE)
    tmux.keys("C-u", "clear", "Enter", "twilio-explorer curl -p ", "Tab")
    assert "twilio-explorer curl -p env" in tmux.wait_for("-p env", timeout=30)


def test_fish_script_completes_regions_and_resources(tmp_path: Path) -> None:
    """fish sources the script; `complete -C` lists Regions after --region and resource ids for curl."""
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed (Debian package: fish)")
    script = tmp_path / "twilio-explorer.fish"
    script.write_text(_script("fish"))

    def complete(line: str) -> list[str]:
        result = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C '{line}'"],
            capture_output=True,
            text=True,
            env=_env(tmp_path),
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return [candidate.split("\t")[0] for candidate in result.stdout.splitlines()]

    assert complete("twilio-explorer fqdn --region ") == ["us1", "ie1", "au1", "jp1"]
    assert "api:applications" in complete("twilio-explorer curl api:applicat")
