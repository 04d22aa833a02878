"""Every GET list and instance endpoint of the catalogue answers in every Region where it is offered."""

from __future__ import annotations

import httpx
import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.endpoint import EndpointKind
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, demo_credentials
from explorer.sim.faults import FaultPlan
from explorer.sim.records import RecordFactory
from explorer.sim.served_hosts import served_hosts
from explorer.sim.store import DataStore
from tests.sim.walker import PathFiller, host_requests

REGION_HOSTS = {"us1": "{}.twilio.com", "ie1": "{}.dublin.ie1.twilio.com", "au1": "{}.sydney.au1.twilio.com"}


@pytest.mark.parametrize("region", sorted(REGION_HOSTS))
async def test_every_offered_get_endpoint_answers_with_its_published_shape(region: str) -> None:
    """Each GET endpoint offered in the Region returns 200; each paged list has exactly its published keys."""
    # In process (ASGI, no sockets): hundreds of requests in a second or two.
    catalog = load_catalog()
    credentials = demo_credentials("coverage", tuple(REGION_HOSTS))
    keyring = KeyRing(credentials)
    store = DataStore(
        RecordFactory("coverage", keyring.account_sid, catalog.endpoints), 3, keyring, credentials, "c"
    )
    app = SimApp(catalog, store, keyring, FaultPlan())
    creds = credentials[region]
    failures: list[str] = []
    answered = 0
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        for product in catalog.products:
            host = REGION_HOSTS[region].format(product)
            if host not in served_hosts():
                continue

            fetch, create = host_requests(http, host, (creds.api_key_sid, creds.api_key_secret))

            filler = PathFiller(catalog, keyring.account_sid, fetch, create)
            for endpoint in catalog.endpoints:
                if endpoint.product != product or endpoint.operation("GET") is None:
                    continue
                if not catalog.claim(endpoint, region).availability.offered:
                    continue
                status, body = await fetch(await filler.fill(endpoint))
                answered += 1
                if status != 200:
                    failures.append(f"{endpoint.id}: {status} {body}")
                elif (
                    endpoint.kind is EndpointKind.LIST
                    and endpoint.envelope
                    and endpoint.envelope_keys
                    and sorted(body) != sorted(endpoint.envelope_keys)
                ):
                    failures.append(f"{endpoint.id}: keys {sorted(body)}")
    assert failures == []
    assert answered > {"us1": 800, "ie1": 300, "au1": 100}[region]
