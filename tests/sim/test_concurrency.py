"""At least 50 concurrent requests, across Regions, all answered correctly."""

from __future__ import annotations

import asyncio

import httpx

from explorer.sim.server import Simulator
from tests.sim.sim_client import API_HOSTS


async def test_sixty_concurrent_requests_are_all_answered_correctly(sim: Simulator) -> None:
    """60 simultaneous list requests (20 per Region, each on its own connection) all return that Region's data."""
    limits = httpx.Limits(max_connections=60, max_keepalive_connections=0)
    async with httpx.AsyncClient(
        proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, limits=limits, timeout=30
    ) as http:

        async def one(region: str) -> str:
            creds = sim.credentials[region]
            url = f"https://{API_HOSTS[region]}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
            response = await http.get(
                url, auth=(creds.api_key_sid, creds.api_key_secret), params={"PageSize": 5}
            )
            assert response.status_code == 200
            return str(response.json()["applications"][0]["friendly_name"])

        regions = ["us1", "ie1", "au1"] * 20
        names = await asyncio.gather(*(one(region) for region in regions))
    assert names == [f"{region.upper()} application 1" for region in regions]
