"""The resource browser in a tiny host app, on the real simulator's ASGI application in process.

An httpx ASGITransport: no sockets, no start-up, a fixed seed, so the records, SIDs and links are the
simulator's own. Shared by the browser's Pilot tests, the views tests and the snapshots.
"""

from __future__ import annotations

from typing import Any

import httpx
from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from explorer.catalog.loader import load_catalog
from explorer.core.exchange import Exchange
from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.core.regions import confirmed_regions
from explorer.core.request import RequestSpec
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, demo_credentials
from explorer.sim.faults import FaultPlan
from explorer.sim.records import RecordFactory
from explorer.sim.store import DataStore
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.browser.resource_table import ResourceTable
from tests.ui.fakes import ticking_clock


def sim_session(records: int = 120, seed: str = "browser") -> Session:
    """A demo session whose requests go to the simulator's ASGI app in process."""
    catalog = load_catalog()
    credentials = demo_credentials(seed, confirmed_regions())
    keyring = KeyRing(credentials)
    factory = RecordFactory(seed, keyring.account_sid, catalog.endpoints)
    store = DataStore(factory, records, keyring, credentials, seed)
    app = SimApp(catalog, store, keyring, FaultPlan())
    return Session(
        name="demo",
        source="local simulator",
        account_sid=keyring.account_sid,
        credentials=tuple(
            Credential(
                Profile.create(
                    f"demo-{c.region}",
                    c.account_sid,
                    c.region,
                    api_key_sid=c.api_key_sid,
                    source=ProfileSource.SESSION,
                ),
                c.api_key_secret,
            )
            for c in credentials.values()
        ),
        demo=True,
        transport=httpx.ASGITransport(app=app),
        clock=ticking_clock(),
    )


class BrowserHost(App[None]):
    """Mounts one BrowserPane the way the main screen does: attributes down, messages collected."""

    def __init__(self, session: Session | None, target: Target | None = None) -> None:
        super().__init__()
        self._session = session
        self._target = target or Target()
        self.exchanges: list[tuple[Exchange, RequestSpec]] = []
        self.inspected: list[RequestSpec] = []

    def compose(self) -> ComposeResult:
        pane = BrowserPane(id="browser")
        pane.set_reactive(BrowserPane.target, self._target)
        yield pane

    def on_mount(self) -> None:
        self.pane.session = self._session

    @property
    def pane(self) -> BrowserPane:
        return self.query_one(BrowserPane)

    @on(BrowserPane.Exchanged)
    def _exchanged(self, event: BrowserPane.Exchanged) -> None:
        self.exchanges.append((event.exchange, event.spec))

    @on(BrowserPane.OpenInInspector)
    def _inspect(self, event: BrowserPane.OpenInInspector) -> None:
        self.inspected.append(event.spec)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the workers and for the table's batched rows."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.query_one(ResourceTable).settled and not app.workers:
            return
    raise AssertionError("the browser never settled")
