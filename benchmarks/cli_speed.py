"""Measure how fast the fast commands answer (`fqdn`, `regions`, `curl`): target well under 0.2 s each.

Run: `.venv/bin/python benchmarks/cli_speed.py`. Prints the best and median wall time of each command over
several runs, started as a user starts them (a new interpreter each time).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

COMMANDS = [
    ["fqdn", "--product", "api", "--region", "au1", "--edge", "sydney"],
    ["regions"],
    [
        "curl",
        "GET",
        "/2010-04-01/Accounts/{AccountSid}/Applications.json",
        "--region",
        "au1",
        "--edge",
        "sydney",
    ],
]
RUNS = 7


def main() -> None:
    baseline = _time([sys.executable, "-c", "pass"])
    print(f"bare interpreter: median {statistics.median(baseline) * 1000:.0f} ms")
    for args in COMMANDS:
        times = _time([sys.executable, "-m", "explorer", *args])
        print(
            f"{' '.join(args[:1]):<8} best {min(times) * 1000:6.0f} ms   median {statistics.median(times) * 1000:6.0f} ms"
        )


def _time(argv: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    main()
