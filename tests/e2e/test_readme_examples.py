"""The README's shell examples work as pasted: run in one bash session against the simulator, showing what it shows.

The convention (also written in an HTML comment in README.md, where people adding examples will see it):

- every ```console, ```bash and ```sh block runs, in README order, in ONE bash session, from a temporary
  directory holding this checkout's `.venv`, with HOME and the XDG directories in temporary folders;
- ```console: `$ ` starts a command (a line ending in `\\` continues it); the lines up to the next `$ ` are its
  expected output, stdout and stderr together. A line `...` matches any number of lines; `...` inside a line
  matches any text. Each command must exit 0;
- ```bash / ```sh: every command must exit 0, its output is not compared;
- `<!-- readme-test: skip (REASON) -->` on the line right before a fence leaves that block out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"
SHELL_LANGUAGES = {"console", "bash", "sh"}
SKIP = re.compile(r"^<!-- readme-test: skip \(.+\) -->$")
FENCE = re.compile(r"^(`{3,})([\w-]*)\s*$")
ANY_LINES = "..."
DEAD_PROXY = "http://127.0.0.1:9"


@dataclass(frozen=True)
class Example:
    """One command of the README and what it shows after it (None: not compared)."""

    line: int
    """Its line number in README.md."""
    command: str
    """As pasted (continuation lines joined by their newlines)."""
    shown: tuple[str, ...] | None
    """The output the README shows, or None for a ```bash block."""


def _blocks(text: str) -> list[tuple[int, str, list[str]]]:
    """(first line number, language, lines) of every shell block that is not marked to skip."""
    lines = text.splitlines()
    blocks: list[tuple[int, str, list[str]]] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, language = opening.groups()
        end = index + 1
        while end < len(lines) and not (lines[end].startswith(fence) and lines[end].strip("`") == ""):
            end += 1
        skipped = index > 0 and SKIP.match(lines[index - 1].strip())
        if language in SHELL_LANGUAGES and not skipped:
            blocks.append((index + 2, language, lines[index + 1 : end]))
        index = end + 1
    return blocks


def _logical(lines: list[str], start: int) -> list[tuple[int, str]]:
    """Lines with their `\\`-continuations joined, each with its line number."""
    out: list[tuple[int, str]] = []
    pending: list[str] = []
    first = start
    for number, line in enumerate(lines, start):
        if not pending:
            first = number
        pending.append(line)
        if not line.endswith("\\"):
            out.append((first, "\n".join(pending)))
            pending = []
    return out


def examples(text: str) -> list[Example]:
    """Every command the README shows in a shell block, in order."""
    found: list[Example] = []
    for start, language, lines in _blocks(text):
        if language != "console":
            for number, command in _logical(lines, start):
                if command.strip() and not command.lstrip().startswith("#"):
                    found.append(Example(number, command, None))
            continue
        current: tuple[int, str] | None = None
        shown: list[str] = []
        for number, line in _logical(lines, start):
            if line.startswith("$ "):
                if current is not None:
                    found.append(Example(current[0], current[1], tuple(shown)))
                current, shown = (number, line[2:]), []
            else:
                assert current is not None, f"README.md:{number}: output before any `$ ` command"
                shown.extend(line.split("\n"))
        if current is not None:
            found.append(Example(current[0], current[1], tuple(shown)))
    return found


def _matches(shown: tuple[str, ...], actual: list[str]) -> bool:
    """True when `actual` is what `shown` shows: `...` lines match any lines, `...` in a line any text."""
    if not shown:
        return not actual
    head, rest = shown[0], shown[1:]
    if head == ANY_LINES:
        return any(_matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.rstrip().split(ANY_LINES))
    return re.fullmatch(pattern, actual[0].rstrip()) is not None and _matches(rest, actual[1:])


def test_the_convention_is_parsed_as_documented() -> None:
    """Console blocks give commands with their output, `...` matches lines or text, skip-marked blocks are left out."""
    text = (
        "<!-- readme-test: skip (opens the app) -->\n```bash\napp\n```\n"
        "````console\n$ a \\\n  --b\none\n```x\n$ c\n````\n"
        "```sh\n# a comment\nd\n```\n```python\nnot shell\n```\n"
    )
    assert examples(text) == [
        Example(6, "a \\\n  --b", ("one", "```x")),
        Example(10, "c", ()),
        Example(14, "d", None),
    ]
    assert _matches(("x", "...", "pid ... ok"), ["x", "1", "2", "pid 42 ok"])
    assert not _matches(("x", "y"), ["x", "y", "z"])
    assert not _matches(("pid ... ok",), ["pid 42 failed"])


def test_every_readme_shell_example_works_as_pasted(tmp_path: Path) -> None:
    """Pasted in order into one bash, every README command exits 0 and prints what the README shows."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (Debian package: curl)")
    found = examples(README.read_text(encoding="utf-8"))
    assert sum(example.shown is not None for example in found) >= 10, "the README lost its examples"
    workdir = tmp_path / "checkout"
    workdir.mkdir()
    # The checkout's venv under the name the README uses; it is the one running these tests.
    (workdir / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        # No venv on PATH: the README's own activation line has to work.
        "PATH": os.pathsep.join(
            p
            for p in os.environ["PATH"].split(os.pathsep)
            if Path(sys.prefix) not in Path(p).parents and p != str(Path(sys.executable).parent)
        ),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "CURL_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        # Until the README's env file says otherwise, HTTPS goes to a closed loopback port: an example that
        # reached out before routing to the simulator fails here instead of resolving Twilio's real hosts.
        "HTTPS_PROXY": DEAD_PROXY,
        "https_proxy": DEAD_PROXY,
        "HTTP_PROXY": DEAD_PROXY,
        "ALL_PROXY": DEAD_PROXY,
    }
    script = ["exec 2>&1"]
    for number, example in enumerate(found):
        script += [
            f"printf '\\n\\036{number}\\036\\n'",
            example.command,
            f"printf '\\n\\037{number}:%d\\037\\n' \"$?\"",
        ]
    try:
        result = subprocess.run(
            ["bash", "--norc", "--noprofile", "-c", "\n".join(script)],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        # A simulator the README started and a failed step left running is stopped all the same.
        subprocess.run(
            [sys.executable, "-m", "explorer", "sim", "--stop"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
    outputs = {
        int(number): (int(status), body)
        for number, body, status in re.findall(
            r"\n\x1e(\d+)\x1e\n(.*?)\n\x1f\1:(\d+)\x1f\n", result.stdout, re.DOTALL
        )
    }
    problems: list[str] = []
    for number, example in enumerate(found):
        where = f"README.md:{example.line}: $ {example.command}"
        if number not in outputs:
            problems.append(f"{where}\n  did not run (the session ended before it)")
            continue
        status, body = outputs[number]
        actual = [line.rstrip() for line in body.strip("\n").split("\n")] if body.strip("\n") else []
        if status != 0:
            problems.append(f"{where}\n  exit {status}:\n" + "\n".join(actual))
        elif example.shown is not None and not _matches(example.shown, actual):
            problems.append(
                f"{where}\n  shows:\n" + "\n".join(example.shown) + "\n  printed:\n" + "\n".join(actual)
            )
    assert not problems, "\n\n".join(problems)
