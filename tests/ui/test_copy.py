"""`y` copies the curl command via OSC 52 and saves it to a file whose path is shown; no secret leaks."""

from __future__ import annotations

import stat
from pathlib import Path

from explorer.ui.app import ExplorerApp
from tests.ui.fakes import SECRETS
from tests.ui.helpers import command, ready, shown
from tests.ui.notices import notices


async def test_y_copies_and_saves_curl(app: ExplorerApp, tmp_path: Path) -> None:
    """After `:region au1`, y puts the AU1 curl on the clipboard and in last-curl.sh, and names the file."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        await pilot.press("y")
        await pilot.pause()
        saved = (tmp_path / "last-curl.sh").read_text()
        assert "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/" in saved
        assert app.clipboard == saved.rstrip("\n")
        assert stat.S_IMODE((tmp_path / "last-curl.sh").stat().st_mode) == 0o600
        notes = [n.message for n in notices(app)]
        assert any(str(tmp_path / "last-curl.sh") in m for m in notes)
        assert not any(s in m for m in notes for s in SECRETS.values())


async def test_reveal_warns_first_and_copy_notice_stays_secret_free(app: ExplorerApp, tmp_path: Path) -> None:
    """r asks before showing the secret; Cancel keeps placeholders; confirming shows it, the toast never does."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert SECRETS["us1"] not in shown(app, "#curl-text")
        await pilot.press("r")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert SECRETS["us1"] in shown(app, "#curl-text")
        await pilot.press("y")
        await pilot.pause()
        assert not any(SECRETS["us1"] in n.message for n in notices(app))
        await pilot.press("r")
        await pilot.pause()
        assert SECRETS["us1"] not in shown(app, "#curl-text")
