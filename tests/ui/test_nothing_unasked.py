"""Nothing is sent that nobody asked for: a Region switch never fetches; the list shown says it is the old one."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from explorer.model.options import Options
from explorer.ui.app import make_app
from explorer.ui.browser.pane import BrowserPane
from tests.ui.fakes import FakeTwilio, fake_session
from tests.ui.helpers import command, ready


async def _settle(pilot: object) -> None:
    for _ in range(10):
        await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def test_a_region_switch_never_fetches_the_browser_list(tmp_path: Path) -> None:
    """Open a list, go to the request view, press 2: nothing is sent; the browser shown says R reloads it."""
    twilio = FakeTwilio()
    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "open applications")
        await _settle(pilot)
        hosts = [r.url.host for r in twilio.requests]
        assert hosts == ["api.twilio.com"]
        await pilot.press("i")  # the request view; the browser is hidden
        await pilot.press("2")
        await _settle(pilot)
        assert [r.url.host for r in twilio.requests] == hosts  # a hidden view never fetches
        await pilot.press("b")
        await _settle(pilot)
        assert [r.url.host for r in twilio.requests] == hosts  # nor does showing it
        browser = app.screen.query_one(BrowserPane)
        status = str(browser.query_one("#browser-status").render())
        assert status.startswith(
            "This list is from US1 (api.twilio.com) as demo. Press R to load it from IE1"
        )
        await pilot.press("3")  # a switch while it is shown sends nothing either
        await _settle(pilot)
        assert [r.url.host for r in twilio.requests] == hosts
        await pilot.press("R")
        await _settle(pilot)
        assert [r.url.host for r in twilio.requests] == [*hosts, "api.sydney.au1.twilio.com"]
        assert not browser.stale


async def test_the_old_target_notice_is_shown_whole_at_80x24(tmp_path: Path) -> None:
    """`:edge dublin` under an open list at 80×24: the browser's notice is shown to its last word, never cut."""
    twilio = FakeTwilio()
    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=lambda: fake_session(twilio, name="customer-support-au1-production"),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "region au1")
        await command(pilot, "open applications")
        await _settle(pilot)
        await command(pilot, "edge dublin")
        await _settle(pilot)
        status = screen.query_one("#browser-status", Static)
        words = str(status.render())
        assert words.endswith("(api.dublin.au1.twilio.com) as customer-support-au1-production.")
        needed = status.get_content_height(status.size, status.size, status.size.width)
        assert needed > 3 and status.size.height >= needed  # every line of it on screen
