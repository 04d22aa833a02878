"""The README's "Jupyter" and "Browser" sections, as pasted: the Python block runs against the simulator and
prints what its comments say; each `serve` line parses and serves what the prose promises."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from explorer.cli.main import build_parser
from explorer.cli.serve_cmd import app_command

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def _blocks(section: str, language: str) -> list[str]:
    body = README.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, flags=re.S)


def test_the_jupyter_example_runs_as_pasted(tmp_path: Path) -> None:
    (code,) = _blocks("Jupyter", "python")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "<HostReport api.sydney.au1.twilio.com valid · AU1>"
    assert lines[1].startswith(
        'curl "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/'
    )
    assert lines[-3:] == [
        "60 records from 2 pages · the whole list",
        "200",
        "20003 Authentication failed (401)",
    ]
    # Each printed value is the one its comment promises.
    for comment in re.findall(r"print\(.*\)  # (.+)", code):
        promised = comment.split(", simulator only")[0]
        if not promised.startswith("docs-safe"):
            assert promised in result.stdout


def test_the_browser_commands_parse_and_serve_what_the_prose_says() -> None:
    (commands,) = _blocks("Browser", "bash")
    parser = build_parser()
    served = []
    for line in commands.splitlines():
        words = shlex.split(line, comments=True)
        assert words[:2] == ["twilio-explorer", "serve"]
        args = parser.parse_args(words[1:])
        served.append((args.host, args.port, app_command(args)))
    assert served[0][:2] == ("127.0.0.1", 8000) and served[0][2].endswith("--read-only --sim")
    assert (
        served[1][1] == 8080 and "--read-only" not in served[1][2] and served[1][2].endswith("--profile NAME")
    )
