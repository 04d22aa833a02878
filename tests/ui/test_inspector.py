"""The request inspector: the exact request, curl and snippets, the response, and failures explained."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, Select

from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp
from tests.ui.fakes import ACCOUNT_SID, FakeTwilio
from tests.ui.helpers import command, ready, shown
from tests.ui.notices import notices


async def test_request_tab_shows_exact_url_and_redacted_auth(app: ExplorerApp) -> None:
    """The Request tab shows GET and the exact AU1 URL, the verdict, and Authorization as [redacted]."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        text = shown(app, "#request-text")
        assert (
            f"GET https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Applications.json"
            in text
        )
        assert "valid · AU1" in text
        assert "Basic [redacted]" in text


async def test_the_tabs_not_shown_at_start_hold_the_start_request(tmp_path: Path) -> None:
    """The curl, Python and Node tabs, first shown while the session still loads, hold the start request."""
    import threading

    from explorer.ui.app import make_app
    from explorer.ui.shell.main_screen import MainScreen
    from tests.ui.fakes import fake_session

    twilio, release = FakeTwilio(), threading.Event()

    def slow_loader() -> Session:
        release.wait(10)
        return fake_session(twilio)

    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=slow_loader,
        profile_loader=lambda name: fake_session(twilio, name=name),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, MainScreen) and screen.session is None
            url = "https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"
            assert f'curl "{url}"' in " ".join(shown(app, "#curl-text").replace("\\\n", " ").split())
            assert "from twilio" in shown(app, "#python-text")
            assert "Applications" in shown(app, "#node-text")
            assert "Nothing sent yet" in shown(app, "#response-text")
        finally:
            release.set()


async def test_a_session_loaded_after_the_app_quit_is_closed_not_shown(tmp_path: Path) -> None:
    """A session that finishes loading while the app quits is not shown (no screen to show it on) but closed,
    so what it started stops."""
    import threading

    from explorer.ui.app import make_app
    from tests.ui.fakes import fake_session

    twilio, release, stopped = FakeTwilio(), threading.Event(), threading.Event()

    def slow_loader() -> Session:
        release.wait(10)
        return replace(fake_session(twilio), stop=stopped.set)

    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=slow_loader,
        profile_loader=lambda name: fake_session(twilio, name=name),
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.exit()
        release.set()
        await asyncio.sleep(0.2)  # the loader returns while the app is quitting
    assert stopped.wait(10)


async def test_curl_and_snippets_are_docs_safe(app: ExplorerApp) -> None:
    """The curl tab uses "$TWILIO_API_KEY:$TWILIO_API_SECRET"; the snippets set region and edge."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region ie1")
        curl = shown(app, "#curl-text")
        assert '"$TWILIO_API_KEY:$TWILIO_API_SECRET"' in curl
        assert "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/" in curl
        assert "ie1" in shown(app, "#python-text") and "dublin" in shown(app, "#python-text")
        assert "dublin" in shown(app, "#node-text")


async def test_send_shows_status_size_headers_and_body(app: ExplorerApp) -> None:
    """Pressing s lists the AU1 applications: status 200, the size, Twilio-Request-Id and the body."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "200" in text and " B" in text
        assert "twilio-request-id" in text.lower()
        assert "AU1 demo app 1" in text


async def test_wrong_region_credential_explains_20003(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """A profile holding only a US1 key, sent to AU1, is refused before sending, naming both Regions."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        from dataclasses import replace

        screen.session = replace(screen.session, credentials=screen.session.credentials[:1], demo=False)
        await command(pilot, "region au1")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "Not sent" in text and "US1" in text
        assert twilio.requests == []


async def test_20003_from_twilio_is_explained_with_region_hint(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """A key Twilio rejects (401, 20003) is explained: credentials are per Region, with the fix."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        from dataclasses import replace

        from explorer.core.profiles import Credential

        bad = tuple(Credential(c.profile, "0" * 32) for c in screen.session.credentials)
        screen.session = replace(screen.session, credentials=bad)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "20003" in text
        assert "per Region" in text


async def test_20404_suggests_the_product(app: ExplorerApp) -> None:
    """A path Twilio does not know answers 20404, explained with the wrong-product hint."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#path", Input).value = "/2010-04-01/Accounts/{AccountSid}/Services.json"
        await pilot.pause()
        await pilot.press("escape", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "20404" in text and ":product" in text


async def test_unresolvable_host_is_a_network_error_with_fix(app: ExplorerApp) -> None:
    """Sending to sync-like hosts that do not resolve (api.frankfurt.ie1) says why and gives the fix."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.session = __import__("dataclasses").replace(screen.session, demo=False)
        await command(pilot, "region us1")
        await command(pilot, "edge frankfurt")
        # edge ignored → processed in US1, so the US1 key may go; the fake does not serve this host
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "Host did not resolve" in text
        assert "api.frankfurt.us1.twilio.com" in text


async def test_edit_method_and_params_then_send_again(app: ExplorerApp, twilio: FakeTwilio) -> None:
    """Adding PageSize=1 to the parameters puts it in the query of the URL that is sent."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#params", Input).value = "PageSize=1"
        await pilot.pause()
        assert "?PageSize=1" in shown(app, "#request-text")
        await pilot.press("escape", "s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert twilio.requests[-1].url.query == b"PageSize=1"
        screen.query_one("#method", Select).value = "POST"
        await pilot.pause()
        text = shown(app, "#request-text")
        assert "POST" in text and "PageSize: 1" in text


async def test_read_only_refuses_writes(twilio: FakeTwilio, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With --read-only, a POST is not sent and the user is told why."""
    from explorer.ui.app import make_app
    from tests.ui.fakes import fake_session

    app = make_app(Options(copy_path=tmp_path / "c.sh", read_only=True), session_loader=lambda: fake_session(twilio), profile_loader=lambda n: fake_session(twilio))  # fmt: skip
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#method", Select).value = "POST"
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert twilio.requests == []
        assert any("read-only" in n.message for n in notices(app))


async def test_a_missing_ca_file_is_explained_and_the_app_keeps_running(
    twilio: FakeTwilio, tmp_path: Path
) -> None:
    """A session whose CA file is gone (a stopped simulator's): the send is explained, the app does not crash."""
    from explorer.ui.app import make_app
    from tests.ui.fakes import fake_session

    gone = tmp_path / "twilio-explorer-sim-x" / "ca.pem"

    def loader() -> Session:
        # No transport: the client is built for real, through a proxy that is never reached.
        return replace(fake_session(twilio), transport=None, proxy="http://127.0.0.1:9", ca_pem=str(gone))

    app = make_app(
        Options(copy_path=tmp_path / "c.sh"), session_loader=loader, profile_loader=lambda name: loader()
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "region au1")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app, "#response-text")
        assert "CA bundle unusable" in text
        assert str(gone) in text
        assert app.is_running
    assert twilio.requests == []
