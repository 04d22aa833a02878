"""The Python API: the explorer's public surface for scripts and notebooks, in one import.

    from explorer import api

    plan = api.plan_host("api", region="au1", edge="sydney")
    api.classify_host(plan.fqdn).summary                  # 'valid · AU1'
    spec = api.RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney")
    print(api.render_curl(spec))                          # docs-safe: "$TWILIO_…" placeholders

    with api.start_simulator() as sim, api.simulator_client(sim) as client:
        exchange = client.send(spec, api.demo_credential(sim, "au1"))
        exchange.status_code, exchange.json()["applications"][0]["friendly_name"]

Names resolve lazily (PEP 562), so `from explorer import api` costs nothing until a name is used: the
command line's fast paths never pay for httpx or the simulator's server.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog, load_catalog
    from explorer.core.client import AsyncExplorerClient, ExplorerClient
    from explorer.core.curl import Credentials, Placeholders, render_curl
    from explorer.core.errors import ExplorerError
    from explorer.core.exchange import Exchange
    from explorer.core.hosts import HostPlan, plan_host
    from explorer.core.profile_book import ProfileBook
    from explorer.core.profiles import Credential, Profile, ProfileSource
    from explorer.core.request import AuthKind, RequestSpec
    from explorer.core.scoping import check_scope
    from explorer.core.snippets import render_node, render_python
    from explorer.core.verdict import Verdict, VerdictKind, classify_host
    from explorer.core.verify import verify_credential
    from explorer.scan.report import ScanReport
    from explorer.scan.scanner import scan
    from explorer.sim.server import Simulator, start_simulator

__all__ = [
    "AsyncExplorerClient",
    "AuthKind",
    "Catalog",
    "Credential",
    "Credentials",
    "Exchange",
    "ExplorerClient",
    "ExplorerError",
    "HostPlan",
    "Placeholders",
    "Profile",
    "ProfileBook",
    "ProfileSource",
    "RequestSpec",
    "ScanReport",
    "Simulator",
    "Verdict",
    "VerdictKind",
    "check_scope",
    "classify_host",
    "demo_credential",
    "load_catalog",
    "plan_host",
    "render_curl",
    "render_node",
    "render_python",
    "scan",
    "simulator_client",
    "start_simulator",
    "verify_credential",
]

_HOMES = {
    "AsyncExplorerClient": "explorer.core.client",
    "Exchange": "explorer.core.exchange",
    "ExplorerClient": "explorer.core.client",
    "AuthKind": "explorer.core.request",
    "RequestSpec": "explorer.core.request",
    "Catalog": "explorer.catalog.loader",
    "load_catalog": "explorer.catalog.loader",
    "Credential": "explorer.core.profiles",
    "Profile": "explorer.core.profiles",
    "ProfileSource": "explorer.core.profiles",
    "ProfileBook": "explorer.core.profile_book",
    "Credentials": "explorer.core.curl",
    "Placeholders": "explorer.core.curl",
    "render_curl": "explorer.core.curl",
    "ExplorerError": "explorer.core.errors",
    "HostPlan": "explorer.core.hosts",
    "plan_host": "explorer.core.hosts",
    "check_scope": "explorer.core.scoping",
    "render_node": "explorer.core.snippets",
    "render_python": "explorer.core.snippets",
    "Verdict": "explorer.core.verdict",
    "VerdictKind": "explorer.core.verdict",
    "classify_host": "explorer.core.verdict",
    "verify_credential": "explorer.core.verify",
    "ScanReport": "explorer.scan.report",
    "scan": "explorer.scan.scanner",
    "Simulator": "explorer.sim.server",
    "start_simulator": "explorer.sim.server",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'explorer.api' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def demo_credential(sim: Simulator, region: str, *, auth_token: bool = False) -> Credential:
    """A session credential for the simulator's demo API key (or Auth Token) in `region`."""
    return sim.credentials[region].credential(auth_token=auth_token)


def simulator_client(sim: Simulator) -> ExplorerClient:
    """An `ExplorerClient` that reaches the simulator through its proxy with production URLs unchanged."""
    from explorer.core.client import ExplorerClient

    return ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context())
