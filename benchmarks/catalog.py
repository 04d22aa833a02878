"""Loading the API catalogue in a fresh process, as the first command that needs it does, against the floor:
a fresh process that only reads and `json.loads` the same bundled data.

    .venv/bin/python benchmarks/catalog.py [--runs 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Series, Table, interleave

DATA = Path(__file__).resolve().parent.parent / "explorer" / "catalog" / "data" / "catalog.json"
LOAD = (
    "import time; began = time.perf_counter()\n"
    "from explorer.catalog.loader import load_catalog\n"
    "load_catalog(); print(time.perf_counter() - began)"
)
FLOOR = f"import time; began = time.perf_counter()\nimport json\njson.loads(open({str(DATA)!r}, 'rb').read()); print(time.perf_counter() - began)"


def _in_process(source: str) -> float:
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def run(runs: int = 5) -> Table:
    """The catalogue table."""
    table = Table(
        "Catalogue (a fresh process each)",
        "Seconds from the first import to a loaded catalogue, timed inside a new interpreter (its own start "
        "excluded), against reading and `json.loads`-ing the bundled `catalog.json` there (the floor).",
    )
    floor = table.add(Series("json.loads of the data (floor)"))
    load = table.add(Series("import + load_catalog()"), floor.name)
    interleave(runs, [(floor, lambda: _in_process(FLOOR)), (load, lambda: _in_process(LOAD))])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    print(run(parser.parse_args().runs).text())


if __name__ == "__main__":
    main()
