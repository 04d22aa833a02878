"""A revealed secret belongs to one request in its own Region: any change of target hides it again."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select

from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS, FakeTwilio, fake_session, ticking_clock
from tests.ui.helpers import command, ready, shown
from tests.ui.notices import notices


def au1_profile_session(twilio: FakeTwilio) -> Session:
    """A stored AU1 profile against real Twilio (faked): one credential, good only in AU1."""
    profile = Profile.create(
        "au1-prod", ACCOUNT_SID, "au1", api_key_sid=KEYS["au1"], source=ProfileSource.KEYRING
    )
    return Session(
        name="au1-prod",
        source="keyring",
        account_sid=ACCOUNT_SID,
        credentials=(Credential(profile, SECRETS["au1"]),),
        transport=httpx.MockTransport(twilio),
        clock=ticking_clock(),
    )


@pytest.fixture
def au1_app(twilio: FakeTwilio, tmp_path: Path) -> ExplorerApp:
    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=lambda: au1_profile_session(twilio),
        profile_loader=lambda name: au1_profile_session(twilio),
    )


async def reveal(pilot: Pilot[int]) -> None:
    """r, then Show it."""
    await pilot.press("r")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "ConfirmScreen"
    await pilot.click("#confirm-yes")
    await pilot.pause()


def no_secret_in(text: str) -> bool:
    return not any(secret in text for secret in SECRETS.values())


async def test_an_au1_secret_is_not_shown_or_saved_for_the_ie1_host(
    au1_app: ExplorerApp, tmp_path: Path
) -> None:
    """AU1 profile: 3, c, r, yes, then 2 (IE1 Dublin): neither the Dublin curl nor the copied file holds a secret."""
    async with au1_app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("3", "c")
        await reveal(pilot)
        assert SECRETS["au1"] in shown(au1_app, "#curl-text")
        await pilot.press("2")
        await pilot.pause()
        curl = shown(au1_app, "#curl-text")
        assert "api.dublin.ie1.twilio.com" in curl
        assert no_secret_in(curl)
        assert screen.revealed is None
        assert str(screen.query_one("#reveal", Button).label) == "Reveal secret"
        await pilot.press("y")
        await pilot.pause()
        saved = (tmp_path / "last-curl.sh").read_text()
        assert "api.dublin.ie1.twilio.com" in saved and no_secret_in(saved)
        assert all("secret inline" not in n.message for n in notices(au1_app))


async def test_reveal_is_refused_for_a_host_outside_the_credentials_region(au1_app: ExplorerApp) -> None:
    """AU1 profile on IE1: r does not even ask; the notice says why (AU1 key, IE1 host) and what to do."""
    async with au1_app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("2", "c", "r")
        await pilot.pause()
        assert au1_app.screen is screen
        assert screen.revealed is None
        assert no_secret_in(shown(au1_app, "#curl-text"))
        (note,) = [n for n in notices(au1_app) if n.title == "Wrong Region for this credential"]
        assert "the AU1 credential of profile 'au1-prod'" in note.message
        assert "'api.dublin.ie1.twilio.com': the host is processed in IE1, not AU1" in note.message
        assert "api.sydney.au1.twilio.com" in note.message
        assert no_secret_in(note.message)


async def _press_2(pilot: Pilot[int]) -> None:
    await pilot.press("2")


async def _edge(pilot: Pilot[int]) -> None:
    await command(pilot, "edge roaming")


async def _product(pilot: Pilot[int]) -> None:
    await command(pilot, "product messaging")


async def _path(pilot: Pilot[int]) -> None:
    pilot.app.screen.query_one("#path", Input).value = "/2010-04-01/Accounts/{AccountSid}/Calls.json"


async def _method(pilot: Pilot[int]) -> None:
    pilot.app.screen.query_one("#method", Select).value = "POST"


@pytest.mark.parametrize(
    "change",
    [_press_2, _edge, _product, _path, _method],
    ids=["region-preset", "edge", "product", "path", "method"],
)
async def test_any_change_of_target_hides_the_secret(
    app: ExplorerApp, change: Callable[[Pilot[int]], Awaitable[None]]
) -> None:
    """Revealed for the US1 list, the secret is hidden by another Region, edge, product, path or method."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("c")
        await reveal(pilot)
        assert SECRETS["us1"] in shown(app, "#curl-text")
        await change(pilot)
        await pilot.pause()
        assert no_secret_in(shown(app, "#curl-text"))
        assert screen.revealed is None
        assert str(screen.query_one("#reveal", Button).label) == "Reveal secret"


async def test_a_profile_loaded_while_asking_keeps_the_secret_hidden(
    twilio: FakeTwilio, tmp_path: Path
) -> None:
    """The question was about the old session: if another profile loads meanwhile, yes shows nothing."""
    release = threading.Event()

    def slow_profile(name: str) -> Session:
        release.wait(timeout=10)
        return fake_session(twilio, name=name)

    app = make_app(
        Options(copy_path=tmp_path / "c.sh"),
        session_loader=lambda: fake_session(twilio),
        profile_loader=slow_profile,
    )
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        first = screen.session
        await command(pilot, "profile other")
        await pilot.press("c", "r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        release.set()
        for _ in range(100):
            await asyncio.sleep(0.01)
            if screen.session is not first:
                break
        assert screen.session is not first
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert screen.revealed is None
        assert no_secret_in(shown(app, "#curl-text"))
        assert any(n.title == "Secret not shown" for n in notices(app))
