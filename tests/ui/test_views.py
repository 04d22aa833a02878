"""The integrated app: view keys, `:applications`, the browser's fetches in the inspector, writes, history.

The app is built by `make_app` with a session on the real simulator's ASGI application in process (no sockets,
fixed seed), so the lists, SIDs and writes are the simulator's own; a counting transport records every request.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import RenderableType
from textual.pilot import Pilot
from textual.widgets import Input

from explorer.core.history import History
from explorer.model.outcome import Outcome
from explorer.ui.app import ExplorerApp
from explorer.ui.browser.confirm_write import ConfirmWriteScreen
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.write_form import WriteFormScreen
from explorer.ui.history.pane import HistoryPane
from explorer.ui.request import inspector as inspector_module
from explorer.ui.request.pane import RequestPane
from explorer.ui.shell.main_screen import MainScreen
from explorer.ui.tones import Tones
from tests.ui.counted_app import build
from tests.ui.helpers import command, paste, ready, settle, shown
from tests.ui.notices import notices

IE1_HOST = "api.dublin.ie1.twilio.com"


def browser(app: ExplorerApp) -> BrowserPane:
    return app.screen.query_one(BrowserPane)


def table(app: ExplorerApp) -> ResourceTable:
    return app.screen.query_one(ResourceTable)


def _notices(app: ExplorerApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in notices(app)]


async def fill(pilot: Pilot[int], form: WriteFormScreen, name: str, value: str) -> None:
    """Move to the field called `name` and paste `value` into it."""
    index = next(i for i, field in enumerate(form.fields) if field.name == name)
    field = form.query_one(f"#field-{index}", Input)
    field.focus()
    field.scroll_visible()
    await paste(pilot, value)


async def open_ie1_applications(pilot: Pilot[int]) -> MainScreen:
    """`:region ie1`, then `:applications`."""
    screen = await ready(pilot)
    await command(pilot, "region ie1")
    await command(pilot, "applications")
    await settle(pilot)
    return screen


async def test_view_keys_show_each_view_with_its_keys_and_esc_goes_back(tmp_path: Path) -> None:
    """b, p, h and i show the browser, profiles, history and request; each view has the focus; Esc returns."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        for key, view in (("b", "browse"), ("p", "profiles"), ("h", "history"), ("i", "request")):
            await pilot.press(key)
            await settle(pilot)
            assert screen.view == view
            pane = screen.query_one(f"#view-{view}")
            assert app.focused is not None and pane in app.focused.ancestors, (view, app.focused)
        for key in ("b", "p", "h"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert screen.view == "request"


async def test_profiles_view_answers_its_own_keys(tmp_path: Path) -> None:
    """p then a opens the credential panel's add form (the keys reach the view shown, not a hidden one)."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert screen.query_one("#cred-form").has_class("-open")
        assert app.focused is screen.query_one("#cred-name", Input)


async def test_colon_applications_opens_the_browser_on_that_list(tmp_path: Path) -> None:
    """`:applications` in IE1 shows the browser with the IE1 applications, fetched from the Dublin host."""
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_ie1_applications(pilot)
        assert screen.view == "browse"
        assert shown(app, "#breadcrumb").startswith("api:applications")
        assert table(app).shown == 5
        assert all(str(r["sid"]).startswith("AP") for r in table(app).records)
        assert transport.sent[-1][1].startswith(f"https://{IE1_HOST}/2010-04-01/Accounts/AC")
        assert "/Applications.json" in transport.sent[-1][1]


async def test_browser_fetch_is_in_the_inspector_with_its_host_and_curl(tmp_path: Path) -> None:
    """After browsing IE1 applications, i shows that very request: the Dublin URL, its 200 and its curl."""
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_ie1_applications(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert screen.view == "request"
        outcome = screen.outcome
        assert outcome is not None and outcome.exchange is not None
        assert outcome.exchange.status_code == 200 and outcome.url == transport.sent[-1][1]
        request = screen.query_one(RequestPane).inspector.request
        assert request is not None
        assert request.url.startswith(f"https://{IE1_HOST}/2010-04-01/Accounts/AC")
        assert "/Applications.json" in request.url
        assert f"https://{IE1_HOST}/2010-04-01/Accounts/" in request.curl
        assert '"$TWILIO_API_KEY:$TWILIO_API_SECRET"' in request.curl


async def test_a_browser_page_is_drawn_in_the_inspector_when_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages fetched behind the browser are not formatted for the hidden inspector; i draws the last one."""
    drawn: list[str] = []
    draw = inspector_module._outcome_renderable

    def counted(outcome: Outcome, style: str, tones: Tones) -> RenderableType:
        drawn.append(outcome.url)
        return draw(outcome, style, tones)

    monkeypatch.setattr(inspector_module, "_outcome_renderable", counted)
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_ie1_applications(pilot)
        assert screen.view == "browse" and screen.outcome is not None
        assert drawn == []
        await pilot.press("i")
        await settle(pilot)
        assert drawn == [transport.sent[-1][1]]
        assert '"applications"' in shown(app, "#response-text")


async def test_the_inspector_never_pairs_a_browser_response_with_another_request(tmp_path: Path) -> None:
    """Browse Calls, then Esc to the request view: its URL and curl are the Calls list, like the response."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "api:calls")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.view == "request"
        outcome, request = screen.outcome, screen.query_one(RequestPane).inspector.request
        assert outcome is not None and request is not None
        assert "/Calls.json" in outcome.url
        assert request.url.split("?")[0] == outcome.url.split("?")[0]
        assert "/Calls.json" in request.curl


async def test_n_creates_behind_the_confirmation_and_the_list_shows_the_new_record(tmp_path: Path) -> None:
    """n opens the form; Review names Region, host and Account with the curl; Send it creates; b lists it."""
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_ie1_applications(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WriteFormScreen)
        assert form.method == "POST" and form.endpoint.id == "api:applications"
        await fill(pilot, form, "FriendlyName", "Views test app")
        await pilot.press("ctrl+r")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmWriteScreen)
        account = screen.session.account_sid if screen.session else ""
        assert "Region:  IE1" in confirm.summary
        assert f"Host:    {IE1_HOST}" in confirm.summary
        assert f"Account: {account}" in confirm.summary
        assert f"https://{IE1_HOST}/2010-04-01/Accounts/" in confirm.curl
        assert "FriendlyName=Views test app" in confirm.curl
        assert transport.writes == []  # nothing is sent before "Send it"
        await pilot.click("#confirm-write-yes")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [method for method, _ in transport.writes] == ["POST"]
        assert transport.writes[0][1].startswith(f"https://{IE1_HOST}/")
        assert screen.outcome is not None and screen.outcome.exchange is not None
        assert screen.outcome.exchange.status_code == 201
        await pilot.press("b")
        await settle(pilot)
        names = [r.get("friendly_name") for r in table(app).records]
        assert names[0] == "Views test app" and table(app).shown == 6


async def test_confirmation_back_sends_nothing(tmp_path: Path) -> None:
    """Back to the form, then Esc: the form closes and no write reaches the server."""
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_ie1_applications(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WriteFormScreen)
        await fill(pilot, form, "FriendlyName", "Never sent")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWriteScreen)
        await pilot.press("enter")  # focus starts on "Back to the form"
        await pilot.pause()
        assert isinstance(app.screen, WriteFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert transport.writes == []


async def test_read_only_refuses_n_e_d_with_a_notice_and_sends_nothing(tmp_path: Path) -> None:
    """With --read-only, n on a list and e and d on a record open no form, say why, and write nothing."""
    app, transport = build(tmp_path, read_only=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_ie1_applications(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")  # the first application's record
        await settle(pilot)
        assert shown(app, "#breadcrumb").startswith("api:applications › AP")
        for key in ("e", "d"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), key
        refusals = [n for n in _notices(app) if n.startswith("Read-only:")]
        assert len(refusals) == 3 and all("--read-only" in n for n in refusals)
        assert transport.writes == []


async def test_sent_requests_are_in_the_history_and_enter_sends_again(tmp_path: Path) -> None:
    """s, then h: the history lists the GET with its host and 200; Enter sends it again from the request view."""
    path = tmp_path / "history.jsonl"
    app, transport = build(tmp_path, history=lambda: History(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await settle(pilot)
        await pilot.press("2", "s")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        pane = screen.query_one(HistoryPane)
        assert [(e.method, e.host, e.status) for e in pane.entries] == [("GET", IE1_HOST, 200)]
        before = len(transport.sent)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.view == "request"
        assert len(transport.sent) == before + 1 and IE1_HOST in transport.sent[-1][1]
        assert History(path).read().entries[-1].host == IE1_HOST
        assert len(History(path).read().entries) == 2
