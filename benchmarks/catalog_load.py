"""Measure how long loading the bundled API catalogue takes (the issue's budget: under 50 ms).

    .venv/bin/python benchmarks/catalog_load.py [--runs N]

Each run clears the loader's cache and reads, parses and builds the whole catalogue, as the first command
that needs it would. Prints the best and median times; exits 1 when the median is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.catalog import loader

BUDGET_MS = 50.0


def main() -> int:
    """Time `load_catalog()` from a cold cache and print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="how many loads to time (default 20)")
    args = parser.parse_args()
    times: list[float] = []
    catalog = None
    for _ in range(args.runs):
        loader._load.cache_clear()
        start = time.perf_counter()
        catalog = loader.load_catalog()
        times.append((time.perf_counter() - start) * 1000)
    assert catalog is not None
    median = statistics.median(times)
    print(
        f"load_catalog(): {len(catalog.lists())} lists, {len(catalog.instances())} instances; "
        f"best {min(times):.1f} ms, median {median:.1f} ms over {args.runs} runs (budget {BUDGET_MS:.0f} ms)"
    )
    return 0 if median < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
