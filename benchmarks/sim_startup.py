"""How long the simulator takes to start and stop (target: start under 1.5 s). Run: python benchmarks/sim_startup.py"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def main() -> None:
    """Measure a cold start in a fresh interpreter (imports included) and warm starts in this one."""
    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter()\n"
            "from explorer.sim.server import start_simulator\n"
            "sim = start_simulator(); ready = time.perf_counter() - t; sim.stop()\n"
            "print(f'{ready:.3f}')",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"cold start, imports + catalogue + CA + servers: {float(cold.stdout) * 1000:.0f} ms")

    from explorer.sim.server import start_simulator

    starts, stops = [], []
    for _ in range(5):
        began = time.perf_counter()
        sim = start_simulator()
        starts.append(time.perf_counter() - began)
        began = time.perf_counter()
        sim.stop()
        stops.append(time.perf_counter() - began)
    print(f"warm start: median {statistics.median(starts) * 1000:.0f} ms, max {max(starts) * 1000:.0f} ms")
    print(f"stop:       median {statistics.median(stops) * 1000:.0f} ms, max {max(stops) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
