"""The simulator's ASGI app in process (no sockets): hundreds of requests a second, for fidelity tests."""

from __future__ import annotations

from typing import Any

import httpx

from explorer.catalog.loader import load_catalog
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, RegionCredentials, demo_credentials
from explorer.sim.faults import FaultPlan
from explorer.sim.records import RecordFactory
from explorer.sim.store import DataStore

REGION_HOSTS = {"us1": "{}.twilio.com", "ie1": "{}.dublin.ie1.twilio.com", "au1": "{}.sydney.au1.twilio.com"}
"""Each Region's host pattern for a product."""


class InProcess:
    """One simulator app and an async client that speaks to it, with a Region's credentials at hand."""

    def __init__(self, seed: str = "inproc", records: int = 12) -> None:
        self.catalog = load_catalog()
        self.credentials: dict[str, RegionCredentials] = demo_credentials(seed, tuple(REGION_HOSTS))
        self.keyring = KeyRing(self.credentials)
        factory = RecordFactory(seed, self.keyring.account_sid, self.catalog.endpoints)
        store = DataStore(factory, records, self.keyring, self.credentials, seed)
        self.app = SimApp(self.catalog, store, self.keyring, FaultPlan())
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app))

    @property
    def account_sid(self) -> str:
        """The demo Account SID."""
        return self.keyring.account_sid

    def url(self, region: str, product: str, path: str) -> str:
        """An absolute URL on the Region's host for `product`; `{AC}` in `path` becomes the Account SID."""
        return f"https://{REGION_HOSTS[region].format(product)}{path.replace('{AC}', self.account_sid)}"

    def api(self, region: str, resource: str) -> str:
        """A 2010 API URL under the account: `api(region, "Calls.json")`."""
        return self.url(region, "api", f"/2010-04-01/Accounts/{{AC}}/{resource}")

    def auth(self, region: str) -> tuple[str, str]:
        """The Region's demo API key."""
        creds = self.credentials[region]
        return creds.api_key_sid, creds.api_key_secret

    async def get(self, region: str, url: str, **params: Any) -> httpx.Response:
        """GET with the Region's key."""
        return await self.http.get(url, params=params or None, auth=self.auth(region))

    async def post(self, region: str, url: str, data: Any = None, **kwargs: Any) -> httpx.Response:
        """POST a form with the Region's key."""
        return await self.http.post(url, data=data, auth=self.auth(region), **kwargs)

    async def close(self) -> None:
        """Close the client."""
        await self.http.aclose()
