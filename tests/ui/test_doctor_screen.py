"""`:doctor` in the app: the rows for the current target, checked through the session's simulator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from explorer.model.doctor import StepVerdict
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.sim.server import Simulator, start_simulator
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.doctor.screen import DoctorScreen
from tests.ui.helpers import command, ready


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator(seed="doctor-ui", records=3) as running:
        yield running


def _app(sim: Simulator) -> ExplorerApp:
    def session() -> Session:
        return Session(
            name="demo",
            source="local simulator",
            account_sid=sim.account_sid,
            credentials=tuple(creds.credential() for creds in sim.credentials.values()),
            demo=True,
            proxy=sim.proxy_url,
            ca_pem=str(sim.ca_pem_path),
        )

    return make_app(Options(), session_loader=session, profile_loader=lambda name: session())


async def _finished(pilot: Pilot[int]) -> DoctorScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DoctorScreen)
    for _ in range(300):
        if screen.finished:
            return screen
        await asyncio.sleep(0.05)
    raise AssertionError(f"doctor did not finish: {[s.key for s in screen.steps]}")


async def test_doctor_passes_for_au1_and_shows_every_row(sim: Simulator) -> None:
    """`:region au1` then `:doctor`: seven rows, all passing, the settings row naming `:region` as their origin."""
    app = _app(sim)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        await command(pilot, "doctor")
        screen = await _finished(pilot)
        assert [s.verdict for s in screen.steps] == [StepVerdict.PASS] * 7
        assert screen.steps[0].detail.startswith(
            "product api (from :product), region au1 (from :region), edge sydney (from :edge) → api.sydney.au1.twilio.com"
        )
        assert screen.steps[4].detail.startswith("AU1 profile 'demo-au1' works on api.sydney.au1.twilio.com")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DoctorScreen)


async def test_doctor_explains_a_retired_host_without_sending_the_key(sim: Simulator) -> None:
    """`:edge none` in AU1 aims at the retired api.au1: DNS fails at the proxy, the credential is refused unsent."""
    app = _app(sim)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        await command(pilot, "edge none")
        await command(pilot, "doctor")
        screen = await _finished(pilot)
        rows = {s.key: s for s in screen.steps}
        assert rows["dns"].verdict is StepVerdict.FAIL
        assert rows["credential"].detail.startswith(
            "refused to send the AU1 credential of profile 'demo-au1' to 'api.au1.twilio.com'"
        )
        assert (
            screen.query_one("#doctor-status")
            .render()
            .plain.startswith("failed: settings, helper libraries, DNS, credential")
        )
