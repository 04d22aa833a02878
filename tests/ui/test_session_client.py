"""The app's requests go through the session's one client, with the credential of the host's Region only."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from explorer.core import client as client_module
from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp, make_app
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS, FakeTwilio, ticking_clock
from tests.ui.helpers import ready, shown


async def test_every_send_shares_the_sessions_client(
    app: ExplorerApp, twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three sends build one client (not one SSL context per request), and each is answered."""
    built: list[object] = []
    real = client_module.AsyncExplorerClient.__init__

    def counting(self: client_module.AsyncExplorerClient, **options: object) -> None:
        built.append(self)
        real(self, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(client_module.AsyncExplorerClient, "__init__", counting)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        for _ in range(3):
            await pilot.press("s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.outcome is not None and screen.outcome.exchange is not None
    assert len(twilio.requests) == 3
    assert len(built) == 1


async def test_a_profile_shows_no_credential_for_another_regions_host(
    twilio: FakeTwilio, tmp_path: Path
) -> None:
    """An AU1 profile on the IE1 host: the request names no credential, and sending explains the refusal."""

    profile = Profile.create(
        "au1-prod", ACCOUNT_SID, "au1", api_key_sid=KEYS["au1"], source=ProfileSource.KEYRING
    )
    session = Session(
        "au1-prod", "keyring", ACCOUNT_SID, (Credential(profile, SECRETS["au1"]),),
        transport=httpx.MockTransport(twilio), clock=ticking_clock(),
    )  # fmt: skip
    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=lambda: session,
        profile_loader=lambda name: session,
    )
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("3")
        await pilot.pause()
        assert f"{KEYS['au1']} of au1-prod" in shown(app, "#request-text")
        await pilot.press("2")
        await pilot.pause()
        assert "no credential for this Region" in shown(app, "#request-text")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.outcome is not None and screen.outcome.explanation is not None
        assert "refused to send the AU1 credential of profile 'au1-prod'" in screen.outcome.explanation.cause
    assert twilio.requests == []
