"""`twilio-explorer scan` against `git grep -n -i twilio`, side by side, on a generated 20,000-file repository.

Run: `.venv/bin/python benchmarks/scan.py [--files N] [--keep DIR]`. It writes a synthetic git repository
(source files in the seven languages, a few per cent of them Twilio clients, lockfiles, .env files, docs and
binary assets), commits it, then times each command started as a user starts it (a new process each run) and
prints the medians. The bar (issue 15): scan's median is at most 3 × git grep's.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
_CLIENTS = {
    ".py": 'from twilio.rest import Client\n\nclient = Client(sid, token, region="au1")\n',
    ".js": "const twilio = require('twilio');\nconst c = twilio(sid, token, { region: 'ie1', edge: 'dublin' });\n",
    ".go": 'package x\n\nimport twilio "github.com/twilio/twilio-go"\n\nfunc f() {\n\tc := twilio.NewRestClient()\n\tc.SetRegion("au1")\n}\n',
    ".java": 'import com.twilio.Twilio;\nclass A { void f() { Twilio.init(a, b); Twilio.setRegion("au1"); } }\n',
    ".rb": "require 'twilio-ruby'\nc = Twilio::REST::Client.new(a, b, nil, 'au1')\n",
    ".php": "<?php\nuse Twilio\\Rest\\Client;\n$c = new Client($a, $b, null, 'ie1');\n",
    ".cs": 'using Twilio;\nclass A { void F() { TwilioClient.SetRegion("au1"); } }\n',
}
_FILLER = {
    ".py": "def handler_{n}(event):\n    total = sum(range({n}))\n    return {{'id': {n}, 'total': total}}\n",
    ".js": "export function handler{n}(event) {{\n  return {{ id: {n}, total: [1, 2, 3].reduce((a, b) => a + b) }};\n}}\n",
    ".go": "package x\n\nfunc Handler{n}() int {{\n\treturn {n} * 2\n}}\n",
    ".java": "class Handler{n} {{ int f() {{ return {n}; }} }}\n",
    ".rb": "def handler_{n}\n  {n} * 2\nend\n",
    ".php": "<?php\nfunction handler_{n}() {{ return {n}; }}\n",
    ".cs": "class Handler{n} {{ int F() => {n}; }}\n",
    ".md": "# Notes {n}\n\nNothing to see here.\n",
    ".txt": "line {n}\n",
}


def generate(root: Path, files: int) -> None:
    """A committed git repository of `files` files."""
    rng = random.Random(15)
    suffixes = list(_FILLER)
    for n in range(files):
        folder = root / f"pkg{n % 200:03d}" / f"mod{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = suffixes[n % len(suffixes)]
        if n % 1000 == 0:
            (folder / "asset.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
            continue
        if n % 997 == 0:
            (folder / ".env").write_text("TWILIO_REGION=au1\nTWILIO_EDGE=sydney\n")
            continue
        client = n % 40 == 0 and suffix in _CLIENTS
        text = _CLIENTS[suffix] if client else _FILLER[suffix].format(n=n) * 8
        (folder / f"f{n}{suffix}").write_text(text)
    (root / "requirements.txt").write_text("twilio==9.11.0\n")
    (root / "go.mod").write_text("module x\n\nrequire github.com/twilio/twilio-go v1.30.9\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.invalid",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.invalid"}  # fmt: skip
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "synthetic"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def _timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def _side_by_side(commands: list[list[str]], cwd: Path) -> list[float]:
    """Each command's median over RUNS, the runs interleaved so both see the same machine load."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(RUNS):
        for index, argv in enumerate(commands):
            times[index].append(_timed(argv, cwd))
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "repo"
        root.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        generate(root, args.files)
        count = len(
            subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, check=True).stdout.splitlines()
        )
        print(f"generated {count:,} files in {time.perf_counter() - start:.1f} s")
        grep, scanned = _side_by_side(
            [
                ["git", "grep", "-n", "-i", "twilio"],
                [sys.executable, "-m", "explorer", "scan", "-o", "json", "."],
            ],
            root,
        )
        print(f"git grep -n -i twilio   median {grep * 1000:7.0f} ms   (× 3 = {grep * 3000:.0f} ms)")
        print(f"twilio-explorer scan    median {scanned * 1000:7.0f} ms   ({scanned / grep:.1f} × git grep)")
        print("PASS: scan ≤ 3 × git grep" if scanned <= 3 * grep else "FAIL: scan > 3 × git grep")


if __name__ == "__main__":
    main()
