"""Text that came from outside (typed, read from a file, sent by a server) is shown as text, never obeyed.

A `[/]` is three characters, not a markup tag that crashes the app; `[bold red]x[/]` is fifteen characters,
not red; an ESC from a response is shown as `\\x1b`, never written to the terminal.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from textual.widgets import DataTable, Input, Static

from explorer.core.history import History, HistoryEntry
from explorer.core.request import RequestSpec
from explorer.ui.history.pane import PATH_WIDTH
from explorer.ui.text import elide_middle
from tests.ui.fakes import ACCOUNT_SID, FakeTwilio, fake_session
from tests.ui.helpers import command, fake_app, ready
from tests.ui.terminal import (
    assert_no_control_on_screen,
    screen_lines,
    served_session,
    static_text,
    toast_texts,
)

SIZE = (120, 30)
MARKUP = "[bold red]x[/]"


@pytest.mark.parametrize(
    "typed", ["region [/]", "profile [/]", "edge [/]", "theme [/]", "open [/]", "[/]", f"region {MARKUP}"]
)
async def test_a_bracket_in_a_command_is_shown_not_parsed(tmp_path: Path, typed: str) -> None:
    """`:region [/]` and friends: the app keeps running and the notice quotes `[/]` as typed."""
    app = fake_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await command(pilot, typed)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        word = typed.split()[-1]
        shown = toast_texts(app)
        if "region" not in typed and "edge" not in typed and "theme" not in typed and "profile" not in typed:
            shown.append(
                static_text(app.screen.query_one("#browser-status", Static))
            )  # `:open` says it there
        assert any(word in text for text in shown), shown


async def test_a_markup_path_in_history_is_shown_on_every_start(tmp_path: Path) -> None:
    """A request path with `[/]` or `[bold red]x[/]`, once in the history, is listed literally, not parsed."""
    history = History(tmp_path / "history.jsonl")
    for path in ("/2010-04-01/Accounts/{AccountSid}/[/].json", f"/2010-04-01/{MARKUP}.json"):
        spec = RequestSpec("GET", path, region="au1", edge="sydney")
        profile = fake_session(FakeTwilio()).credentials[2].profile
        history.append(
            HistoryEntry.from_outcome(
                spec,
                profile,
                host=spec.fqdn,
                status=200,
                duration=0.1,
                sent_at=datetime(2026, 3, 1, tzinfo=UTC),
            )
        )
    app = fake_app(tmp_path, history=lambda: History(tmp_path / "history.jsonl"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#history-table", DataTable)
        paths = {str(table.get_cell_at((row, 6))) for row in range(table.row_count)}
        literal = ("/2010-04-01/Accounts/{AccountSid}/[/].json", f"/2010-04-01/{MARKUP}.json")
        assert paths == {elide_middle(path, PATH_WIDTH) for path in literal}  # elided, never parsed
        assert any(MARKUP in line for line in screen_lines(app))
        assert app.is_running


async def test_a_twilio_error_message_with_brackets_is_shown_in_the_browser(tmp_path: Path) -> None:
    """A 400 whose message holds `[/]` and `[bold red]x[/]` is quoted in the browser's status line."""
    message = f"Invalid parameter [/] {MARKUP}"

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"code": 20001, "message": message, "status": 400})

    app = fake_app(tmp_path, served_session(answer))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await command(pilot, "open applications")
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if message in static_text(app.screen.query_one("#browser-status", Static)):
                break
        assert message in static_text(app.screen.query_one("#browser-status", Static))
        assert app.is_running


HOSTILE_BODY = b'{"title": "\x1b]0;pwned\x07", "wipe": "\x1b[2J", oops'


async def test_a_response_cannot_retitle_or_wipe_the_terminal(tmp_path: Path) -> None:
    """A 200 application/json body that is not JSON, with ESC]0;…BEL and ESC[2J, is shown escaped and labelled."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=HOSTILE_BODY,
            headers={"Content-Type": "application/json", "X-Note": "a\x1b[2Jb"},
        )

    app = fake_app(tmp_path, served_session(answer))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = static_text(app.screen.query_one("#response-text", Static))
        assert "body is not valid JSON: " in text
        assert '"title": "\\x1b]0;pwned\\x07", "wipe": "\\x1b[2J", oops' in text
        assert "a\\x1b[2Jb" in text  # the header too
        assert "\x1b" not in text and "\x07" not in text
        assert_no_control_on_screen(app)


async def test_a_server_error_message_with_controls_is_explained_with_them_visible(tmp_path: Path) -> None:
    """A 400 whose JSON message holds ESC and a C1 CSI is explained with both shown as escapes."""
    body = json.dumps({"code": 21211, "message": "bad\u001b[31m number\u009b2J\u202e", "status": 400})

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, content=body.encode(), headers={"Content-Type": "application/json"})

    app = fake_app(tmp_path, served_session(answer))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = static_text(app.screen.query_one("#response-text", Static))
        assert "bad\\x1b[31m number\\x9b2J\\u202e" in text
        assert "body is not valid JSON" not in text
        assert_no_control_on_screen(app)


async def test_a_pasted_escape_in_the_path_is_drawn_as_a_symbol(tmp_path: Path) -> None:
    """An ESC pasted into the path field stays in the value but is drawn as ␛; the request shows `\\x1b`."""
    app = fake_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        path = app.screen.query_one("#path", Input)
        path.value = "/2010-04-01/Accounts/{AccountSid}/\x1b[2J[/].json"
        await pilot.pause()
        assert path.value.endswith("\x1b[2J[/].json")
        assert any("␛[2J[/].json" in line for line in screen_lines(app))
        assert "\\x1b" in static_text(app.screen.query_one("#request-text", Static)) or "%1B" in static_text(
            app.screen.query_one("#request-text", Static)
        )
        assert_no_control_on_screen(app)
        assert ACCOUNT_SID  # the fake account is the one the request names
