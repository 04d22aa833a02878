"""The simulator's throughput with 1, 10 and 50 clients at once, each on its own keep-alive connection
through the proxy; the ratio compares each with one client. Per-request latency on one connection, against
a floor server answering the same bytes, is `sim_page.py`.

    .venv/bin/python benchmarks/sim_throughput.py [--runs 5] [--requests 20]
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from measure import Series, Table

from explorer.sim.server import start_simulator

HOST = "api.sydney.au1.twilio.com"


async def _burst(
    proxy: str, verify: ssl.SSLContext, url: str, auth: tuple[str, str], clients: int, each: int
) -> float:
    """Requests per second of `clients` concurrent clients sending `each` GETs in turn."""

    async def one() -> None:
        async with httpx.AsyncClient(proxy=proxy, verify=verify, trust_env=False, timeout=60) as http:
            for _ in range(each):
                (await http.get(url, auth=auth)).raise_for_status()

    began = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(clients)))
    return clients * each / (time.perf_counter() - began)


def run(runs: int = 5, requests: int = 20, clients: tuple[int, ...] = (1, 10, 50)) -> Table:
    """The throughput table (higher is better)."""
    table = Table(
        "Simulator throughput (50-record pages, keep-alive, through the proxy)",
        f"Requests per second with N clients at once, each sending {requests} GETs of a 50-record page on "
        "its own keep-alive connection (connection set-up included). The simulator runs in this process on its "
        "own thread, as in the app's demo mode. Ratio: the 1-client rate over the N-client rate (below 1: "
        "the simulator serves more with more clients).",
        lower_is_better=False,
    )
    with start_simulator(seed="bench", records=1000) as sim:
        creds = sim.credentials["au1"]
        auth = (creds.api_key_sid, creds.api_key_secret)
        url = f"https://{HOST}/2010-04-01/Accounts/{sim.account_sid}/Applications.json?PageSize=50"
        rows = {n: table.add(Series(f"{n} client{'s' if n > 1 else ''}", unit="req/s")) for n in clients}
        for n in clients[1:]:
            table.compare(rows[n].name, rows[clients[0]].name)
        for _ in range(runs):
            for n in clients:
                rows[n].add(asyncio.run(_burst(sim.proxy_url, sim.ssl_context(), url, auth, n, requests)))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    print(run(args.runs, args.requests).text())


if __name__ == "__main__":
    main()
