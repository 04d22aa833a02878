"""A secret pasted into the `:` command bar is neither used nor echoed: not in a notice, the header or the screen."""

from __future__ import annotations

import pytest

from explorer.ui.app import ExplorerApp
from explorer.ui.shell.status_header import StatusHeader
from tests.ui.helpers import command, ready
from tests.ui.notices import notices

AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
KEY_SECRET = "Zq8xSecretValue0123456789abcdefX"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"profile {AUTH_TOKEN}", AUTH_TOKEN),
        (f"profile {KEY_SECRET}", KEY_SECRET),
        (f"region {AUTH_TOKEN}", AUTH_TOKEN),
        (f"edge {KEY_SECRET}", KEY_SECRET),
        (KEY_SECRET, KEY_SECRET),
    ],
    ids=["profile-token", "profile-key-secret", "region", "edge", "bare"],
)
async def test_a_pasted_secret_is_not_echoed(app: ExplorerApp, text: str, secret: str) -> None:
    """`:profile <the Auth Token>` and the like: an error that says it looks like a secret, never the secret."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        before = screen.session
        await command(pilot, text)
        await pilot.pause()
        notes = [f"{n.title} {n.message}" for n in notices(app)]
        assert any("looks like a secret" in note for note in notes)
        assert all(secret not in note for note in notes)
        assert secret not in str(screen.query_one(StatusHeader).render())
        assert secret not in app.export_screenshot()
        assert screen.session is before
        assert screen.target.region is None and screen.target.edge is None
