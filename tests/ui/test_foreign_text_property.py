"""Arbitrary text through every input and every displayed field: the app keeps running and shows it literally.

Brackets, markup tags, every kind of control character, very long and astral text go through the functions
every display path uses (`plain`, the input highlighter, the inspector's and record view's renderers, the
table cells), and, through the real command bar and a server that answers with them, through one running
app. Derandomized: a failure prints the example, and the same examples run every time.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from explorer.core.exchange import Exchange, Timings
from explorer.core.printable import visible
from explorer.model.explain import Explanation
from explorer.model.outcome import Outcome
from explorer.model.target import Target
from explorer.ui.browser.record_view import _highlighted
from explorer.ui.browser.table_rows import cell_text
from explorer.ui.request.inspector import _outcome_renderable
from explorer.ui.shell.command_bar import CommandBar
from explorer.ui.shell.main_screen import MainScreen
from explorer.ui.text import ControlPictures, plain
from explorer.ui.tones import Tones
from tests.ui.app_driver import AppDriver
from tests.ui.helpers import fake_app, ready
from tests.ui.notices import notices
from tests.ui.terminal import CONTROL, assert_no_control_on_screen, served_session, static_text, toast_texts

EXAMPLES = settings(
    derandomize=True,
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PIECES = [
    "[/]",
    "[bold red]",
    "[/bold red]",
    "[b]",
    "[@click=app.quit]",
    "\\",
    "[",
    "]",
    "\x1b]0;t\x07",
    "\x1b[2J",
]
CHARACTERS = st.sampled_from("[]/=\\ab é日🙂\n\r\t\x00\x07\x1b\x7f\x85\x9b\u00a0\u200b\u202e\u2028\ufeff")
foreign = st.lists(
    st.sampled_from(PIECES) | st.text(CHARACTERS, max_size=8) | st.characters(), max_size=12
).map("".join)
long_foreign = foreign | foreign.map(lambda text: text * 200)


def _rendered(renderable: RenderableType) -> str:
    console = Console(width=5000, record=True, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.export_text(styles=False)


def _assert_no_control(text: str) -> None:
    assert not CONTROL.search(text.replace("\n", "")), text


# -- the renderers every display path goes through ------------------------------------------------------


@EXAMPLES
@given(text=long_foreign)
def test_plain_shows_any_text_literally(text: str) -> None:
    """`plain` never parses markup and leaves no control character: what Textual draws is `visible(text)`."""
    shown = plain(text)
    assert Content.from_rich_text(shown).plain == visible(text)
    assert visible(text).isprintable()
    body = plain(text, multiline=True)
    _assert_no_control(body.plain.replace("\t", ""))


@EXAMPLES
@given(text=long_foreign)
def test_input_fields_draw_one_visible_symbol_per_character(text: str) -> None:
    """An input's value is drawn with each control character as one symbol, so the cursor stays right."""
    drawn = ControlPictures()(Text(text))
    assert drawn.plain.isprintable() or not drawn.plain
    assert len(drawn.plain) == len(Text(text).plain)


@EXAMPLES
@given(
    url=foreign,
    name=foreign,
    value=foreign,
    body=st.binary(max_size=300) | foreign.map(str.encode),
    cause=foreign,
)
def test_the_inspector_shows_any_response_literally(
    url: str, name: str, value: str, body: bytes, cause: str
) -> None:
    """Any URL, header, body and explanation: the response pane holds no control character and quotes them."""
    exchange = Exchange(
        method="GET",
        url=url,
        status_code=400,
        request_headers=(("Accept", "application/json"),),
        request_body=b"",
        response_headers=((name, value), ("Content-Type", "application/json")),
        body=body,
        timings=Timings(total=0.1, phases=()),
    )
    outcome = Outcome(Target(), url, exchange, Explanation("HTTP 400", cause, "fix it"))
    text = _rendered(
        _outcome_renderable(
            outcome, "monokai", Tones.from_variables({"error": "#ff0000", "success": "#00ff00"})
        )
    )
    _assert_no_control(text)
    assert visible(value).strip() in text
    assert visible(cause).strip() in text


@EXAMPLES
@given(record=st.dictionaries(foreign, foreign | st.integers() | st.none(), max_size=4))
def test_a_record_and_its_cells_are_shown_without_control_characters(record: dict[str, Any]) -> None:
    """A record's JSON and its table cells hold no control character, whatever the server put in them."""
    _assert_no_control(_rendered(_highlighted(record, "monokai")))
    for key, value in record.items():
        _assert_no_control(cell_text(key) + cell_text(value))


# -- one running app, through its real inputs ----------------------------------------------------------


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[AppDriver]:
    """One app for all the examples of a test; toasts are off (their text is checked on the notifications)."""
    answer: dict[str, httpx.Response] = {}

    def serve(request: httpx.Request) -> httpx.Response:
        return answer.get("response") or httpx.Response(204)

    running = AppDriver(fake_app(tmp_path, served_session(serve)), notifications=False)
    running.answer = answer  # type: ignore[attr-defined]
    running.run(ready)
    yield running
    running.close()


def _main_screen(pilot: Pilot[Any]) -> MainScreen:
    app = pilot.app
    while not isinstance(app.screen, MainScreen):
        app.pop_screen()  # `:help` opened the help screen
    return app.screen


def _notifications_are_plain(pilot: Pilot[Any]) -> None:
    for notification in notices(pilot.app):
        assert not notification.markup
        assert notification.message.isprintable() and notification.title.isprintable()


def _runnable(line: str) -> bool:
    words = line.split(maxsplit=1)
    return bool(words) and words[0].lower() not in ("quit", "q")


COMMANDS = st.sampled_from(["region", "edge", "product", "profile", "theme", "open", "r", "e", "p", "t", ""])


@pytest.mark.slow
@EXAMPLES
@given(name=COMMANDS, argument=long_foreign)
def test_any_command_keeps_the_app_running(driver: AppDriver, name: str, argument: str) -> None:
    """Any `:` command line (a name and anything, or anything alone) is refused or run, never a crash."""
    line = f"{name} {argument}"
    if not _runnable(line):
        return

    async def job(pilot: Pilot[Any]) -> None:
        screen = _main_screen(pilot)
        pilot.app.clear_notifications()
        screen.run_command(line)  # what the command bar's Enter calls
        await pilot.pause()
        _main_screen(pilot)
        assert pilot.app.is_running
        _notifications_are_plain(pilot)
        assert_no_control_on_screen(pilot.app)

    driver.run(job)


@pytest.fixture
def toasting_driver(tmp_path: Path) -> Iterator[AppDriver]:
    """One app for all the examples, with toasts shown."""
    running = AppDriver(fake_app(tmp_path, served_session(lambda request: httpx.Response(204))))
    running.run(ready)
    yield running
    running.close()


@pytest.mark.slow
@settings(derandomize=True, max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=COMMANDS, argument=foreign)
def test_typed_commands_show_their_notices_literally(
    toasting_driver: AppDriver, name: str, argument: str
) -> None:
    """A smaller sample typed into the real command bar, toasts on: each toast shows its notice as given."""
    line = f"{name} {argument}"
    if not _runnable(line):
        return

    async def job(pilot: Pilot[Any]) -> None:
        screen = _main_screen(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()
        screen.action_command_bar()
        bar = screen.query_one(CommandBar)
        bar.value = line
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        _main_screen(pilot)
        assert pilot.app.is_running
        _notifications_are_plain(pilot)
        expected = {f"{n.title}\n{n.message}" if n.title else n.message for n in notices(pilot.app)}
        assert set(toast_texts(pilot.app)) <= expected
        assert_no_control_on_screen(pilot.app)

    toasting_driver.run(job)


@pytest.mark.slow
@EXAMPLES
@given(
    status=st.sampled_from([200, 400, 404, 429, 500]),
    content_type=st.sampled_from(["application/json", "text/plain", "application/problem+json"]),
    message=long_foreign,
    header=st.text(st.characters(max_codepoint=0x7FF, exclude_characters="\r\n"), max_size=40),
    raw=st.booleans(),
)
def test_any_response_is_shown_as_text(
    driver: AppDriver, status: int, content_type: str, message: str, header: str, raw: bool
) -> None:
    """Whatever status, headers and body a server sends, the inspector shows them with controls visible."""
    body = (
        message.encode("utf-8", "surrogatepass")
        if raw
        else json.dumps({"code": 20001, "message": message}).encode()
    )
    driver.answer["response"] = httpx.Response(  # type: ignore[attr-defined]
        status,
        content=body,
        # As bytes on the wire: httpx reads them back as UTF-8, so the header arrives as `header`.
        headers={"Content-Type": content_type, "X-Foreign": header.encode(), "Retry-After": header.encode()},
    )

    async def job(pilot: Pilot[Any]) -> None:
        screen = _main_screen(pilot)
        screen.action_send()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = static_text(screen.query_one("#response-text", Static))
        _assert_no_control(text.replace("\t", ""))
        assert visible(header).strip() in text
        if not raw and status >= 400 and status != 429:  # a 429 explains the rate limit instead
            assert visible(message).strip()[:200] in text.replace("\n", "")
        assert pilot.app.is_running
        assert_no_control_on_screen(pilot.app)

    driver.run(job)
