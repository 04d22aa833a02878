"""A client of a running simulator: httpx through its proxy, trusting its CA, the Regions' demo keys at hand."""

from __future__ import annotations

from typing import Any

import httpx

from explorer.sim.server import Simulator

API_HOSTS = {"us1": "api.twilio.com", "ie1": "api.dublin.ie1.twilio.com", "au1": "api.sydney.au1.twilio.com"}
"""The 2010 API host of each Region."""


class SimClient:
    """An httpx client routed through a simulator's proxy, with per-Region credentials at hand."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.http = httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, timeout=20)

    def auth(self, region: str) -> tuple[str, str]:
        """The demo API key of `region`."""
        creds = self.sim.credentials[region]
        return creds.api_key_sid, creds.api_key_secret

    def api_url(self, region: str, resource: str) -> str:
        """`https://<2010 host of region>/2010-04-01/Accounts/<AC>/<resource>`."""
        return f"https://{API_HOSTS[region]}/2010-04-01/Accounts/{self.sim.account_sid}/{resource}"

    def get(self, url: str, region: str, **params: Any) -> httpx.Response:
        """GET `url` with `region`'s key."""
        return self.http.get(url, params=params or None, auth=self.auth(region))

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()
