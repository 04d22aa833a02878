"""Listing every Application of an account on the simulator: this project's API and `Listing` against
twilio-python 9.13, twilio-cli 6.2.4 and a keep-alive curl loop (the transport floor), interleaved.

The simulator runs in its own process (`twilio-explorer sim --records N`), so no contender shares an
interpreter with it. Each contender is a fresh process that lists the AU1 Applications (`api.sydney.au1`)
page by page with the PageSize given, following the server's next-page links, through the simulator's proxy:

- `explorer API`: `ExplorerClient.pages` (the notebook's and scripts' API), each page's JSON parsed;
- `explorer Listing`: `Listing.load_all` on an `AsyncExplorerClient` (what the app's load-all runs);
- `twilio-python 9.13`: `client.api.v2010.account.applications.list(page_size=P)`;
- `twilio-cli 6.2.4`: `twilio api:core:applications:list --page-size P --limit N -o json` (whole process);
- `curl keep-alive`: one curl process GETting the page URLs (collected beforehand) on one connection.

Python contenders report the time from building their client to the last record, with every import done
before (httpx for this project, requests for twilio-python), as in a notebook cell or the app; twilio-cli and
curl are timed as whole processes (a few ms of start for curl; for twilio-cli, part of what its user waits for).

    .venv/bin/python benchmarks/listing.py [--runs 5] [--records 1000 10000] [--page-sizes 50 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Series, Table, interleave, timed
from peers import twilio_cli, twilio_python

PATH = "/2010-04-01/Accounts/{AccountSid}/Applications.json"

EXPLORER_API = """
import json, os, ssl, sys, time
import httpx  # imported before the clock starts, as twilio-python's requests is by `from twilio.rest import Client`
from explorer import api
from explorer.core.client import ExplorerClient
page_size = int(sys.argv[1])
profile = api.Profile.create("bench", os.environ["TWILIO_ACCOUNT_SID"], "au1", api_key_sid=os.environ["TWILIO_API_KEY"])
credential = api.Credential(profile, os.environ["TWILIO_API_SECRET"])
spec = api.RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney", query=(("PageSize", str(page_size)),))
began = time.perf_counter()
records = 0
with ExplorerClient(proxy=os.environ["HTTPS_PROXY"], verify=ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])) as client:
    for exchange in client.pages(spec, credential, limit=10**9):
        records += len(exchange.json()["applications"])
print(json.dumps({"records": records, "seconds": time.perf_counter() - began}))
"""

EXPLORER_LISTING = """
import asyncio, json, os, ssl, sys, time
import httpx  # imported before the clock starts, as twilio-python's requests is by `from twilio.rest import Client`
from explorer import api
from explorer.catalog.loader import load_catalog
from explorer.core.client import AsyncExplorerClient
from explorer.core.listing import Listing, list_spec
page_size = int(sys.argv[1])
profile = api.Profile.create("bench", os.environ["TWILIO_ACCOUNT_SID"], "au1", api_key_sid=os.environ["TWILIO_API_KEY"])
credential = api.Credential(profile, os.environ["TWILIO_API_SECRET"])
endpoint = load_catalog().get("api:applications")
spec = list_spec(endpoint, region="au1", edge="sydney", page_size=page_size)
async def main():
    began = time.perf_counter()
    async with AsyncExplorerClient(proxy=os.environ["HTTPS_PROXY"], verify=ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])) as client:
        listing = Listing(client, credential, spec, endpoint)
        await listing.load_all()
    print(json.dumps({"records": len(listing.records), "seconds": time.perf_counter() - began}))
asyncio.run(main())
"""

TWILIO_PYTHON = """
import json, os, sys, time
from twilio.rest import Client
page_size = int(sys.argv[1])
began = time.perf_counter()
client = Client(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], os.environ["TWILIO_ACCOUNT_SID"],
                region="au1", edge="sydney")
records = len(client.api.v2010.account.applications.list(page_size=page_size))
print(json.dumps({"records": records, "seconds": time.perf_counter() - began}))
"""


@contextmanager
def simulator(records: int) -> Iterator[dict[str, str]]:
    """A simulator process with `records` per list; the environment that points clients at it (AU1 keys)."""
    explorer = str(Path(sys.executable).with_name("twilio-explorer"))
    with tempfile.TemporaryDirectory() as scratch:
        env_file = Path(scratch) / "sim.env"
        state = {**os.environ, "XDG_STATE_HOME": f"{scratch}/state", "HOME": scratch}
        process = subprocess.Popen(
            [explorer, "sim", "--records", str(records), "--env-file", str(env_file), "--env-region", "au1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=state,
        )
        try:
            deadline = time.monotonic() + 120
            while not env_file.exists():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the simulator did not start")
                time.sleep(0.05)
            env = {**state}
            for line in env_file.read_text().splitlines():
                if not line.startswith("export "):
                    continue
                words = shlex.split(line)
                if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                    name, _, value = words[1].partition("=")
                    env[name] = value
            yield env
        finally:
            process.terminate()
            process.wait(timeout=30)


def _script(python: str, source: str, page_size: int, env: dict[str, str], expected: int) -> float:
    done = subprocess.run([python, "-c", source, str(page_size)], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["records"] != expected:
        raise RuntimeError(f"listed {result['records']} records, not {expected}")
    return float(result["seconds"])


def _page_urls(env: dict[str, str], page_size: int) -> list[str]:
    """The page URLs the server links to, walked once beforehand (untimed) for the curl floor."""
    import httpx

    host = "https://api.sydney.au1.twilio.com"
    url = f"{host}{PATH.format(AccountSid=env['TWILIO_ACCOUNT_SID'])}?PageSize={page_size}"
    urls = []
    auth = (env["TWILIO_API_KEY"], env["TWILIO_API_SECRET"])
    with httpx.Client(proxy=env["HTTPS_PROXY"], verify=env["SSL_CERT_FILE"], trust_env=False) as http:
        while url:
            urls.append(url)
            link = http.get(url, auth=auth).json().get("next_page_uri")
            url = f"{host}{link}" if link else ""
    return urls


def _curl(urls: list[str], env: dict[str, str], scratch: Path) -> Callable[[], float]:
    config = scratch / "curl.cfg"
    auth = f"{env['TWILIO_API_KEY']}:{env['TWILIO_API_SECRET']}"
    config.write_text(f'user = "{auth}"\n' + "".join(f'url = "{u}"\noutput = "/dev/null"\n' for u in urls))
    return lambda: timed(
        lambda: subprocess.run(["curl", "-sS", "--fail", "-K", str(config)], check=True, env=env)
    )


def _cli(twilio: str, page_size: int, records: int, env: dict[str, str]) -> Callable[[], float]:
    argv = [
        twilio,
        "api:core:applications:list",
        "--page-size",
        str(page_size),
        "--limit",
        str(records),
        "-o",
        "json",
    ]

    def run() -> float:
        began = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - began
        if done.returncode != 0 or len(json.loads(done.stdout)) != records:
            raise RuntimeError(f"twilio-cli failed: {done.stderr.strip()[-200:]}")
        return elapsed

    return run


def run(
    runs: int = 5, sizes: tuple[int, ...] = (1000, 10000), page_sizes: tuple[int, ...] = (50, 1000)
) -> Table:
    """The listing table."""
    table = Table(
        "Listing (AU1 Applications through the simulator's proxy)",
        "Time to list every record, page by page by the server's links (see `benchmarks/listing.py`). Python "
        "contenders: from building the client to the last record, imports done before; twilio-cli and curl: the "
        "whole process. "
        "Ratios: to twilio-python 9.13 (below 1 is faster) and to the keep-alive curl loop (the floor).",
    )
    peers: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for name, find in (("twilio-python", twilio_python), ("twilio-cli", twilio_cli)):
        try:
            peers[name] = str(find())
        except RuntimeError as error:
            skipped[name] = str(error)
    for records in sizes:
        with simulator(records) as env, tempfile.TemporaryDirectory() as scratch:
            cli_env = {k: v for k, v in env.items() if k not in ("TWILIO_REGION", "TWILIO_EDGE")}
            cli_env.update(TWILIO_REGION="au1", TWILIO_EDGE="sydney", TWILIO_CLI_CONFIG_DIR=scratch)
            for page_size in page_sizes:
                label = f"{records:,} records, PageSize {page_size}"
                floor = f"{label}: curl keep-alive"
                python_peer = f"{label}: twilio-python 9.13"
                contenders: list[tuple[Series, Callable[[], float]]] = []

                def add(
                    name: str,
                    measure: Callable[[], float],
                    label: str = label,
                    contenders: list[tuple[Series, Callable[[], float]]] = contenders,
                ) -> None:
                    contenders.append((table.add(Series(f"{label}: {name}")), measure))

                add("curl keep-alive", _curl(_page_urls(env, page_size), env, Path(scratch)))
                add(
                    "explorer API",
                    lambda p=page_size, n=records: _script(sys.executable, EXPLORER_API, p, env, n),
                )
                add(
                    "explorer Listing",
                    lambda p=page_size, n=records: _script(sys.executable, EXPLORER_LISTING, p, env, n),
                )
                for name in ("explorer API", "explorer Listing"):
                    table.compare(f"{label}: {name}", floor)
                if "twilio-python" in peers:
                    add(
                        "twilio-python 9.13",
                        lambda p=page_size, n=records: _script(
                            peers["twilio-python"], TWILIO_PYTHON, p, env, n
                        ),
                    )
                    table.compare(python_peer, floor)
                    for name in ("explorer API", "explorer Listing"):
                        table.reference[f"{label}: {name}"].insert(0, python_peer)
                if "twilio-cli" in peers:
                    add("twilio-cli 6.2.4", _cli(peers["twilio-cli"], page_size, records, cli_env))
                    table.compare(f"{label}: twilio-cli 6.2.4", floor)
                interleave(runs, contenders)
    for name, why in skipped.items():
        table.add(Series(name, note=f"skipped: {why}"))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[50, 1000])
    args = parser.parse_args()
    print(run(args.runs, tuple(args.records), tuple(args.page_sizes)).text())


if __name__ == "__main__":
    main()
