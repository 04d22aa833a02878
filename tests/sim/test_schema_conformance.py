"""Every response the simulator gives to a GET is valid against the endpoint's published response schema."""

from __future__ import annotations

import httpx
import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.endpoint import Role
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, demo_credentials
from explorer.sim.faults import FaultPlan
from explorer.sim.records import RecordFactory
from explorer.sim.served_hosts import served_hosts
from explorer.sim.store import DataStore
from tests.sim.schema_check import problems
from tests.sim.walker import PathFiller, host_requests

REGION_HOSTS = {"us1": "{}.twilio.com", "ie1": "{}.dublin.ie1.twilio.com", "au1": "{}.sydney.au1.twilio.com"}


@pytest.mark.parametrize("region", sorted(REGION_HOSTS))
async def test_page_one_of_every_list_and_one_record_of_every_resource_match_their_schemas(
    region: str,
) -> None:
    """Page 1 of each offered list, each single object and one record per instance resource validate."""
    catalog = load_catalog()
    credentials = demo_credentials("schema", tuple(REGION_HOSTS))
    keyring = KeyRing(credentials)
    factory = RecordFactory("schema", keyring.account_sid, catalog.endpoints)
    app = SimApp(catalog, DataStore(factory, 3, keyring, credentials, "s"), keyring, FaultPlan())
    creds = credentials[region]
    failures: list[str] = []
    checked = {Role.LIST: 0, Role.SINGLETON: 0, Role.INSTANCE: 0}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        for product in catalog.products:
            host = REGION_HOSTS[region].format(product)
            if host not in served_hosts():
                continue

            fetch, create = host_requests(http, host, (creds.api_key_sid, creds.api_key_secret))

            filler = PathFiller(catalog, keyring.account_sid, fetch, create)
            for endpoint in catalog.endpoints:
                if endpoint.product != product or endpoint.role not in checked:
                    continue
                if endpoint.operation("GET") is None or endpoint.response is None:
                    continue
                if not catalog.claim(endpoint, region).availability.offered:
                    continue
                status, body = await fetch(await filler.fill(endpoint))
                checked[endpoint.role] += 1
                if status != 200:
                    failures.append(f"{endpoint.id}: {status} {body}")
                    continue
                failures.extend(problems(endpoint.id, endpoint.response, body))
    assert failures == []
    assert checked[Role.LIST] > {"us1": 300, "ie1": 100, "au1": 40}[region]
    assert checked[Role.INSTANCE] > {"us1": 300, "ie1": 100, "au1": 40}[region]
