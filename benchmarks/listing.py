"""Listing every Application of an account on the simulator: this project's API and `Listing` against
twilio-python 9.13, twilio-cli 6.2.4 and a keep-alive curl loop (the transport floor), interleaved.

The simulator runs in its own process (`twilio-explorer sim --records N`), so no contender shares an
interpreter with it. Each contender is a fresh process that lists the AU1 Applications (`api.sydney.au1`)
page by page with the PageSize given, following the server's next-page links, through the simulator's proxy:

- `explorer API`: `ExplorerClient.pages` (scripts' synchronous API), each page's JSON parsed;
- `explorer Listing`: `Listing.load_all` on an `AsyncExplorerClient` (the core of the two below);
- `explorer app load-all`: the browser's model, `Navigator.load_all` (what `a` runs), with the `env` profile
  (TWILIO_* from the simulator's env file), at the app's page size (the server's default, 50) only;
- `explorer notebook list`: `Explorer(profile="env").list("api:applications", page_size=P)`;
- `twilio-python 9.13`: `client.api.v2010.account.applications.list(page_size=P)`;
- `twilio-cli 6.2.4`: `twilio api:core:applications:list --page-size P --limit N -o json` (whole process);
- `curl keep-alive`: one curl process GETting the page URLs (collected beforehand) on one connection.

Python contenders report the time from building their client to the last record, and their process's CPU
time over the same span (`client CPU`: what the contender itself costs, which decides the ratio once the
server is fast). Every import is done before the clock, as in a notebook cell or a running app: httpx and
the asyncio transport parts it loads on the first request for this project, `twilio.rest` and the API
modules it loads lazily for twilio-python; a contender that still imports while timed gets a note saying
what. twilio-cli and curl are timed as whole processes (a few ms of start for curl; for twilio-cli, part of
what its user waits for).

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
APP_PAGE_SIZE = 50
"""The page size the app lists at: the server's default (the browser offers no PageSize)."""

# What every Python contender shares: the clock (wall and this process's CPU) and a check that nothing is
# imported while it runs, so that imports stay outside the clock for every contender alike.
CLOCK = """
import json, sys, time
class Clock:
    def __enter__(self):
        self.modules = set(sys.modules)
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self
    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        self.imported = sorted(set(sys.modules) - self.modules)
    def report(self, records):
        print(json.dumps({"records": records, "seconds": self.wall, "cpu": self.cpu, "imported": self.imported}))
"""

# What the explorer contenders import before the clock besides their own modules: httpx's transport and
# the asyncio parts httpx loads on the first request (twilio-python's requests is imported whole by
# `from twilio.rest import Client`, its lazily loaded API modules below).
EXPLORER_IMPORTS = """
import os, ssl
import concurrent.futures.thread, encodings.idna, httpx, httpcore, h11, sniffio, anyio._backends._asyncio, anyio.streams.tls, anyio.streams.stapled
from explorer import api
from explorer.core.auth import credential_auth
from explorer.core.exchange import Exchange
page_size = int(sys.argv[1])
def credential():
    profile = api.Profile.create("bench", os.environ["TWILIO_ACCOUNT_SID"], "au1", api_key_sid=os.environ["TWILIO_API_KEY"])
    return api.Credential(profile, os.environ["TWILIO_API_SECRET"])
def ssl_context():
    return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
"""

EXPLORER_API = (
    CLOCK
    + EXPLORER_IMPORTS
    + """
import http.cookiejar, email.message
from explorer.core.client import ExplorerClient
credential = credential()
spec = api.RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney", query=(("PageSize", str(page_size)),))
records = 0
with Clock() as clock:
    with ExplorerClient(proxy=os.environ["HTTPS_PROXY"], verify=ssl_context()) as client:
        for exchange in client.pages(spec, credential, limit=10**9):
            records += len(exchange.json()["applications"])
clock.report(records)
"""
)

EXPLORER_LISTING = (
    CLOCK
    + EXPLORER_IMPORTS
    + """
import asyncio
from explorer.catalog.loader import load_catalog
from explorer.core.client import AsyncExplorerClient
from explorer.core.listing import Listing, list_spec
credential = credential()
endpoint = load_catalog().get("api:applications")
spec = list_spec(endpoint, region="au1", edge="sydney", page_size=page_size)
async def main():
    with Clock() as clock:
        async with AsyncExplorerClient(proxy=os.environ["HTTPS_PROXY"], verify=ssl_context()) as client:
            listing = Listing(client, credential, spec, endpoint)
            await listing.load_all()
    clock.report(len(listing.records))
asyncio.run(main())
"""
)

# The app's load-all: the browser's model (`Navigator`, what `a` runs) with the profile the environment
# names (`env`, read from TWILIO_*), its client built on the first page as the app's session does. The app
# lists at the server's default page size (it offers no PageSize), so it runs in the PageSize 50 rows only.
EXPLORER_APP = (
    CLOCK
    + EXPLORER_IMPORTS
    + """
import asyncio
from explorer.catalog.loader import load_catalog
from explorer.core.profiles import ENV_PROFILE_NAME
from explorer.model.navigator import Navigator
from explorer.model.session import profile_session
from explorer.model.target import Target
catalog = load_catalog()
session = profile_session(ENV_PROFILE_NAME)
pages = []
async def main():
    with Clock() as clock:
        navigator = Navigator(Target("api", "au1", "sydney"), session, catalog)
        navigator.open_named("api:applications")
        last = await navigator.load_all(pages.append)
        records = len(navigator.top.listing.records)
    await session.aclose()
    if last is None or last.error is not None:
        raise SystemExit(f"load-all failed: {last}")
    clock.report(records)
asyncio.run(main())
"""
)

# The app itself, on screen: the real app (headless under Pilot, 120x40, so every page is drawn as in a
# terminal) with the `env` profile, from Enter on `:api:applications` until every record is a row of the
# table, `a` pressed as soon as the first page shows. The model above is what `a` runs; this is what a person
# waits for (the table, the inspector and the history follow every page).
EXPLORER_SCREEN = (
    CLOCK
    + EXPLORER_IMPORTS
    + """
import asyncio, tempfile
from pathlib import Path
from explorer.core.history import History
from explorer.core.profiles import ENV_PROFILE_NAME
from explorer.model.options import Options
from explorer.model.session import profile_session
from explorer.ui.app import make_app
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.shell.main_screen import MainScreen
from explorer.catalog.loader import load_catalog
load_catalog()  # read before the clock, as for the model above (cached: the browser gets this one)
import textual.widgets._data_table, textual.widgets._tree  # the browser's widgets, imported before the clock too
expected = int(os.environ["BENCH_RECORDS"])
scratch = Path(tempfile.mkdtemp())
session = profile_session(ENV_PROFILE_NAME)
options = Options(copy_path=scratch / "c.sh", history=lambda: History(scratch / "h.jsonl"))
app = make_app(options, session_loader=lambda: session, profile_loader=lambda name: session)
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, MainScreen) and app.screen.session is not None):
            await pilot.pause(0.01)
        await pilot.press("colon", *"region au1", "enter")
        await pilot.press("colon", *"api:applications")
        await pilot.pause(0.2)
        clock = Clock()
        with clock:
            await pilot.press("enter")
            while not app.screen.query(ResourceTable) or app.screen.query_one(ResourceTable).shown == 0:
                await pilot.pause(0.005)
            table = app.screen.query_one(ResourceTable)
            await pilot.press("a")
            while table.shown < expected or not table.settled:
                await pilot.pause(0.005)
        records = table.shown
    clock.report(records)
asyncio.run(main())
"""
)

# The notebook's list: `Explorer(...).list` with the `env` profile; the explorer and its catalogue exist
# before the clock (an earlier cell), its session and client start on this first request, inside it.
EXPLORER_NOTEBOOK = (
    CLOCK
    + EXPLORER_IMPORTS
    + """
from explorer.core.profiles import ENV_PROFILE_NAME
from explorer.notebook import Explorer
explorer = Explorer(region="au1", edge="sydney", profile=ENV_PROFILE_NAME)
explorer.catalog.find("api:applications")
explorer.session  # the `env` profile read; its HTTP client is built on the first request, in the clock
with Clock() as clock:
    page = explorer.list("api:applications", limit=10**9, page_size=page_size)
explorer.close()
clock.report(len(page))
"""
)

TWILIO_PYTHON = (
    CLOCK
    + """
import os
from twilio.rest import Client
import twilio.rest.api, twilio.rest.api.v2010, twilio.rest.api.v2010.account, twilio.rest.api.v2010.account.application
page_size = int(sys.argv[1])
with Clock() as clock:
    client = Client(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"], os.environ["TWILIO_ACCOUNT_SID"],
                    region="au1", edge="sydney")
    records = len(client.api.v2010.account.applications.list(page_size=page_size))
clock.report(records)
"""
)


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


def _script(
    python: str, source: str, page_size: int, env: dict[str, str], expected: int, cpu: Series
) -> Callable[[], float]:
    """A Python contender: its wall time is the measurement, its process's CPU time goes to `cpu`."""

    def run() -> float:
        done = subprocess.run(
            [python, "-c", source, str(page_size)],
            capture_output=True,
            text=True,
            env={**env, "BENCH_RECORDS": str(expected)},
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if result["records"] != expected:
            raise RuntimeError(f"listed {result['records']} records, not {expected}")
        if result["imported"]:
            # Imports belong before the clock for every contender; say so rather than hide it.
            cpu.note = (
                f"imported {len(result['imported'])} modules while timed: {', '.join(result['imported'][:5])}"
            )
        cpu.add(float(result["cpu"]))
        return float(result["seconds"])

    return run


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
        "contenders: from building the client to the last record, every import done before (checked); "
        "twilio-cli and curl: the whole process. The app's load-all is measured twice at the app's page size (the "
        "server's default of 50): its model alone (`Navigator`, what `a` runs), and the real app on screen "
        "(headless Pilot, 120x40: from Enter on `:api:applications`, which opens the browser, until every record is a "
        "row of the table). `client CPU` rows: the CPU time of the "
        "client process in the same runs, what is left of each contender's time once the server answers at "
        "once. Ratios: to twilio-python 9.13 (below 1 is faster) and to the keep-alive curl loop (the floor).",
    )
    peers: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for name, find in (("twilio-python", twilio_python), ("twilio-cli", twilio_cli)):
        try:
            peers[name] = str(find())
        except RuntimeError as error:
            skipped[name] = str(error)
    python_contenders = [
        ("explorer API", EXPLORER_API),
        ("explorer Listing", EXPLORER_LISTING),
        ("explorer app load-all, model only (Navigator)", EXPLORER_APP),
        ("explorer app load-all on screen (Pilot)", EXPLORER_SCREEN),
        ("explorer notebook list", EXPLORER_NOTEBOOK),
    ]
    for records in sizes:
        with simulator(records) as env, tempfile.TemporaryDirectory() as scratch:
            cli_env = {k: v for k, v in env.items() if k not in ("TWILIO_REGION", "TWILIO_EDGE")}
            cli_env.update(TWILIO_REGION="au1", TWILIO_EDGE="sydney", TWILIO_CLI_CONFIG_DIR=scratch)
            for page_size in page_sizes:
                label = f"{records:,} records, PageSize {page_size}"
                floor = f"{label}: curl keep-alive"
                python_peer = f"{label}: twilio-python 9.13"
                contenders: list[tuple[Series, Callable[[], float]]] = []
                cpu_rows: list[Series] = []

                def add(
                    name: str,
                    measure: Callable[[], float],
                    label: str = label,
                    contenders: list[tuple[Series, Callable[[], float]]] = contenders,
                ) -> None:
                    contenders.append((table.add(Series(f"{label}: {name}")), measure))

                add("curl keep-alive", _curl(_page_urls(env, page_size), env, Path(scratch)))
                ours = [
                    (name, source)
                    for name, source in python_contenders
                    if page_size == APP_PAGE_SIZE or source not in (EXPLORER_APP, EXPLORER_SCREEN)
                ]
                scripts = [(name, sys.executable, source) for name, source in ours]
                if "twilio-python" in peers:
                    scripts.append(("twilio-python 9.13", peers["twilio-python"], TWILIO_PYTHON))
                    table.compare(python_peer, floor)
                for name, interpreter, source in scripts:
                    cpu = Series(f"{label}: {name} (client CPU)")
                    cpu_rows.append(cpu)
                    add(name, _script(interpreter, source, page_size, env, records, cpu))
                for name, _ in ours:
                    if "twilio-python" in peers:
                        table.compare(f"{label}: {name}", python_peer)
                        table.compare(f"{label}: {name} (client CPU)", f"{python_peer} (client CPU)")
                    table.compare(f"{label}: {name}", floor)
                if "twilio-cli" in peers:
                    add("twilio-cli 6.2.4", _cli(peers["twilio-cli"], page_size, records, cli_env))
                    table.compare(f"{label}: twilio-cli 6.2.4", floor)
                interleave(runs, contenders)
                for row in cpu_rows:
                    table.add(row)
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
