"""The command line as a person starts it (a new process each time): this app's commands against the floor
(`python -c pass`) and against twilio-cli 6.2.4's `--version`, interleaved.

    .venv/bin/python benchmarks/cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Series, Table, interleave, timed
from peers import twilio_cli

COMMANDS: dict[str, list[str]] = {
    "fqdn": ["fqdn", "--product", "api", "--region", "au1", "--edge", "sydney"],
    "curl": ["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", "--region", "au1", "--edge", "sydney"],
    "catalog --stats": ["catalog", "--stats"],
    "--help": ["--help"],
}  # fmt: skip
FLOOR = "python -c pass"


def run(runs: int = 5) -> Table:
    """The CLI table."""
    table = Table(
        "Command line (a new process each)",
        f"Wall time of `twilio-explorer COMMAND` started as a shell starts it, against `{FLOOR}` (the "
        "interpreter's own start, the floor) and twilio-cli 6.2.4 `--version` (its fastest command), interleaved.",
    )
    explorer = str(Path(sys.executable).with_name("twilio-explorer"))
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_STATE_HOME": f"{home}/state",
            "XDG_CONFIG_HOME": f"{home}/config",
        }

        def command(argv: list[str]) -> float:
            return timed(lambda: subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env))

        contenders = [(table.add(Series(FLOOR)), lambda: command([sys.executable, "-c", "pass"]))]
        for name, args in COMMANDS.items():
            contenders.append(
                (table.add(Series(f"twilio-explorer {name}"), FLOOR), lambda a=args: command([explorer, *a]))
            )
        try:
            twilio = str(twilio_cli())
        except RuntimeError as error:
            table.add(Series("twilio-cli 6.2.4 --version", note=f"skipped: {error}"))
        else:
            cli = table.add(Series("twilio-cli 6.2.4 --version"), FLOOR)
            contenders.append((cli, lambda: command([twilio, "--version"])))
            for name in COMMANDS:
                table.compare(f"twilio-explorer {name}", cli.name)
        interleave(runs, contenders)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    print(run(parser.parse_args().runs).text())


if __name__ == "__main__":
    main()
