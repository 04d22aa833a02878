"""The benchmark suite still runs end to end: every area, tiny sizes, one repetition (no timing is asserted)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (Debian package: tmux)")
@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed (Debian package: curl)")
def test_every_benchmark_runs_with_tiny_sizes(tmp_path: Path) -> None:
    """`benchmarks/run --quick` writes a results file with one table per area (peers may be skipped offline)."""
    out = tmp_path / "RESULTS.md"
    # Peers come from an empty cache with installing off: a test never reaches a registry.
    env = {
        **os.environ,
        "TWILIO_EXPLORER_BENCH_CACHE": str(tmp_path / "peers"),
        "TWILIO_EXPLORER_BENCH_NO_INSTALL": "1",
    }
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text()
    for title in ("## Start-up", "## Command line", "## Listing", "## Simulator throughput",
                  "## Simulator latency", "## Browser", "## Catalogue", "## Scanning a codebase"):  # fmt: skip
        assert title in text
    assert "twilio-explorer: usable" in text and "explorer Listing" in text and "Traceback" not in text
    assert "twilio-explorer scan    median" in text
    assert "skipped: twilio-cli@6.2.4 is not in" in text  # a missing peer is named, not a crash
