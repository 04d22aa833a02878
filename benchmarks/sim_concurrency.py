"""How the simulator copes with many simultaneous requests (target: at least 50). Run: python benchmarks/sim_concurrency.py"""

from __future__ import annotations

import asyncio
import time

import httpx

from explorer.sim.server import start_simulator

HOSTS = {"us1": "api.twilio.com", "ie1": "api.dublin.ie1.twilio.com", "au1": "api.sydney.au1.twilio.com"}


async def _burst(concurrency: int) -> None:
    with start_simulator(seed="bench") as sim:
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=0)
        async with httpx.AsyncClient(
            proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, limits=limits, timeout=60
        ) as http:

            async def one(region: str) -> int:
                creds = sim.credentials[region]
                url = f"https://{HOSTS[region]}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
                response = await http.get(url, auth=(creds.api_key_sid, creds.api_key_secret))
                return response.status_code

            regions = [("us1", "ie1", "au1")[n % 3] for n in range(concurrency)]
            began = time.perf_counter()
            statuses = await asyncio.gather(*(one(r) for r in regions))
            elapsed = time.perf_counter() - began
    ok = sum(status == 200 for status in statuses)
    print(f"{concurrency} concurrent requests (new TLS connection each): {ok} OK in {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    for n in (50, 100, 200):
        asyncio.run(_burst(n))
