"""How long a notebook's `Explorer` takes to start its simulator and to stop it, inside a real ipykernel
(the issue's baseline: 0.29 s to start, 0.21 s to stop). Run: python benchmarks/notebook_session.py

Needs the `notebook` extra. Each round runs in a fresh kernel: `Explorer(...).session` (the simulator's
start, which the first request pays) and `close()` (clients closed, simulator and loop thread stopped).
"""

from __future__ import annotations

import statistics

import nbclient
from nbformat.v4 import new_code_cell, new_notebook

CODE = """\
import time
from explorer import Explorer
ex = Explorer(region="au1", edge="sydney")
t = time.perf_counter(); ex.session; start = time.perf_counter() - t
t = time.perf_counter(); ex.close(); stop = time.perf_counter() - t
print(f"{start:.4f} {stop:.4f}")
"""


def main(rounds: int = 5) -> None:
    starts, stops = [], []
    for _ in range(rounds):
        notebook = new_notebook(cells=[new_code_cell(CODE)])
        nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
        start, stop = (float(x) for x in notebook.cells[0].outputs[0]["text"].split())
        starts.append(start)
        stops.append(stop)
    print(
        f"start in a kernel: median {statistics.median(starts) * 1000:.0f} ms, max {max(starts) * 1000:.0f} ms"
    )
    print(
        f"stop in a kernel:  median {statistics.median(stops) * 1000:.0f} ms, max {max(stops) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
