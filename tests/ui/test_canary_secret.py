"""The canary: an AU1 profile whose secret is a unique string, and a fake Twilio that fails every way it can.

Every worker is driven as a user drives it (send, a list page, a record, a write, history's send-again and
export, the Profiles view's verify and login) while the transport raises a bug quoting the Authorization
header, the connection resets, the server answers 500 or names a next page that is no URL; then again with a
real client through a dead proxy and with SSL_CERT_FILE naming a file that is gone; and a profile whose loader
fails with the secret in its message. After each step everything a user can see (the screen, every widget's whole
text, every notification, the clipboard) is searched for the canary, its base64 and its Basic tokens; at the
end so is every file under HOME and the XDG directories. The app must still be running.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
import pytest
from rich.console import Console
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import WorkerFailed

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import InMemoryStore
from explorer.core.history import History
from explorer.core.paths import config_dir, state_dir
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Credential, Profile
from explorer.core.secret import Secret
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.browser.confirm_write import ConfirmWriteScreen
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.write_form import WriteFormScreen
from explorer.ui.history.pane import HistoryPane
from explorer.ui.profiles.panel import CredentialPanel
from explorer.ui.shell.main_screen import MainScreen
from tests.canary import Canary, new_canary
from tests.ui.fakes import ACCOUNT_SID, KEYS, ticking_clock
from tests.ui.helpers import ready

KEY = KEYS["au1"]
HOST = "api.sydney.au1.twilio.com"
APPLICATIONS = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Applications"
DEAD_PROXY = "http://127.0.0.1:1"  # nothing listens on port 1: a connection there is refused at once


@dataclass
class FailingTwilio:
    """Twilio's AU1 API for Applications and the Account, failing the way `mode` says.

    Modes: `ok`; `bug` (the transport raises a RuntimeError quoting the Authorization header, as a careless
    library might); `reset` (the connection reset mid-request); `500` (a Twilio error body).
    """

    secret: str
    mode: str = "ok"
    next_link: str | None = None
    """The `next_page_uri` of every list page (None: one page)."""
    next_mode: str | None = None
    """The mode for next pages (requests with a PageToken); None: `mode`."""
    credentials_seen: list[str] = field(default_factory=list)
    """The user name of every request that carried the canary."""

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        return self.answer(request)

    def answer(self, request: httpx.Request) -> httpx.Response:
        """The answer, for the synchronous client too (the Profiles view's verify and login)."""
        authorization = request.headers.get("authorization", "")
        mode = self.mode
        if self.next_mode is not None and "PageToken" in request.url.params:
            mode = self.next_mode
        if mode == "bug":
            raise RuntimeError(f"forced bug: sent {authorization!r} for {request.url}")
        if mode == "reset":
            raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
        import base64

        user, _, secret = base64.b64decode(authorization.removeprefix("Basic ")).decode().partition(":")
        if secret == self.secret:
            self.credentials_seen.append(user)
        if mode == "500":
            return _json(
                500, {"code": 20500, "message": "An internal server error has occurred", "status": 500}
            )
        if secret != self.secret:
            return _json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        path = request.url.path
        if path == f"{APPLICATIONS}.json" and request.method == "GET":
            apps = [
                {
                    "sid": f"AP{n:032x}",
                    "friendly_name": f"canary app {n}",
                    "uri": f"{APPLICATIONS}/AP{n:032x}.json",
                }
                for n in (1, 2)
            ]
            return _json(200, {"applications": apps, "page": 0, "next_page_uri": self.next_link})
        if path == f"{APPLICATIONS}.json":
            return _json(201, {"sid": "AP" + "9" * 32, "friendly_name": "created"})
        if path.startswith(f"{APPLICATIONS}/AP"):
            return _json(200, {"sid": path.rsplit("/", 1)[-1][:34], "friendly_name": "canary app"})
        return _json(404, {"code": 20404, "message": "The requested resource was not found", "status": 404})


def _json(status: int, body: object) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )


# -- what a user can see ------------------------------------------------------------------------------------


def _text_of(static: Static) -> str:
    """A Static's whole content as plain text, however much of it is on screen."""
    content = static.content
    if isinstance(content, str):
        return content
    if isinstance(content, Content):
        return content.plain
    console = Console(width=400, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content)
    return capture.get()


def visible(app: ExplorerApp, notices: list[str]) -> str:
    """Everything on screen and behind it: the screenshot, each widget's whole text, notifications, clipboard.

    A widget's whole text includes what is scrolled out of view or in a tab not shown; inputs are included
    unless masked (a masked input holds a typed secret, and shows only bullets).
    """
    parts = [app.export_screenshot(), app.clipboard, *notices]
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=True):
            if isinstance(widget, Static):
                parts.append(_text_of(widget))
            elif isinstance(widget, Input) and not widget.password:
                parts += [widget.value, widget.placeholder]
            elif isinstance(widget, DataTable):
                for row in range(widget.row_count):
                    parts.append(" ".join(str(cell) for cell in widget.get_row_at(row)))
            elif isinstance(widget, Select):
                parts.append(str(widget.value))
    return "\n".join(parts)


class Watch:
    """Drives the app and checks, after every step, that no form of the canary is visible."""

    def __init__(self, app: ExplorerApp, pilot: Pilot[int], canary: Canary) -> None:
        self.app, self.pilot, self.canary = app, pilot, canary
        self.notices: list[str] = []
        """Every notification's title and message, as the app was asked to show them."""
        original = app.notify

        def notify(message: str, *, title: str = "", **kwargs: object) -> None:
            self.notices.append(f"{title}: {message}")
            original(message, title=title, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]

    async def settle(self) -> None:
        """Wait until no worker runs (a worker's result may start another) and the screen has caught up."""
        for _ in range(10):
            with contextlib.suppress(WorkerFailed):  # the app shows it; the test checks what it shows
                await self.app.workers.wait_for_complete()
            await self.pilot.pause()
            if all(worker.is_finished for worker in self.app.workers):
                break
        await self.pilot.pause()

    async def check(self, step: str) -> str:
        """Settle, then fail if the canary is visible; return the visible text for further assertions."""
        await self.settle()
        assert self.app.is_running and self.app.return_code is None, f"the app ended at: {step}"
        seen = visible(self.app, self.notices)
        leaks = self.canary.leaks(seen)
        assert not leaks, f"{step}: {', '.join(leaks)} visible"
        return seen


# -- the fixture: an isolated HOME, a profile holding the canary ----------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME and every XDG directory in tmp_path, none of the explorer's own overrides."""
    root = tmp_path / "home"
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_STATE_HOME", ".local/state"), ("XDG_CACHE_HOME", ".cache")):  # fmt: skip
        path = root / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    for name in ("TWILIO_EXPLORER_CONFIG_DIR", "TWILIO_EXPLORER_DATA_DIR", "TWILIO_EXPLORER_STATE_DIR",
                 "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    yield root


@pytest.mark.slow
async def test_the_canary_secret_is_never_shown_or_written_whatever_fails(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unexpected_errors: list[Exception]
) -> None:
    """Every worker fails in every way while an AU1 canary secret is in use; the canary is never seen or saved."""
    secret = new_canary()
    canary = Canary(secret, usernames=(KEY, ACCOUNT_SID))
    profile = Profile.create("canary", ACCOUNT_SID, "au1", api_key_sid=KEY)
    twilio = FailingTwilio(secret)
    session = Session(
        name="canary", source="keyring", account_sid=ACCOUNT_SID,
        credentials=(Credential(profile, Secret(secret)),),
        transport=httpx.MockTransport(twilio), sync_transport=httpx.MockTransport(twilio.answer),
        clock=ticking_clock(),
    )  # fmt: skip
    # The dead-proxy session goes to loopback port 1 with the system CA store: what a real profile does.
    dead = Session(name="canary", source="keyring", account_sid=ACCOUNT_SID,
                   credentials=session.credentials, proxy=DEAD_PROXY)  # fmt: skip

    def load(name: str) -> Session:
        if name == "broken":
            # As a keyring backend might: its own message quotes what it read.
            raise RuntimeError(f"backend failed after reading password={secret!r}")
        return replace(dead)

    book = ProfileBook(ProfilesFile(config_dir() / "profiles.toml"), InMemoryStore(), environ={})
    book.add(profile, Secret(secret))
    app = make_app(
        Options(copy_path=state_dir() / "last-curl.sh", history=History, profile_book=lambda: book),
        session_loader=lambda: session,
        profile_loader=lambda name: load(name),
    )
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        watch = Watch(app, pilot, canary)
        await pilot.press("3")  # AU1 Sydney, the profile's Region
        await watch.check("start")
        assert screen.target == Target.preset("au1")

        # -- send in the request view, and copy its curl ---------------------------------------------------
        for mode in ("bug", "reset", "500"):  # a refused connection: the dead proxy below
            twilio.mode = mode
            await pilot.press("s")
            seen = await watch.check(f"send ({mode})")
            outcome = screen.outcome
            assert outcome is not None and outcome.explanation is not None, mode
            if mode == "bug":
                assert "RuntimeError" in outcome.explanation.cause
                assert "[hidden]" in outcome.explanation.cause  # the quoted header, not the token
            assert "Sending…" not in seen
        await pilot.press("c", "y")  # the curl tab, and the curl copied to a file
        await watch.check("copy curl")
        assert (state_dir() / "last-curl.sh").is_file()

        # -- a list page: the first page loads, the next fails ---------------------------------------------
        bad_links = {
            "a next page link with a control character": f"{APPLICATIONS}.json?Page=1&PageToken=PT\x07x",
            "a next page link with a bad port": f"https://{HOST}:99x{APPLICATIONS}.json?Page=1&PageToken=PT1",
        }
        for what, link in bad_links.items():
            twilio.mode, twilio.next_link = "ok", link
            await run(pilot, "applications")
            # The table asks for the next page at once: two rows do not fill it.
            await watch.check(f"the next page after {what}")
            assert screen.query_one(ResourceTable).shown == 2
            assert screen.query_one("#browser-status", Static).has_class("-error"), what
        twilio.next_link = f"{APPLICATIONS}.json?Page=1&PageToken=PT1"
        for mode in ("reset", "500"):  # a bug: in the record and the send
            twilio.next_mode = mode
            await run(pilot, "applications")
            await watch.check(f"next page ({mode})")
            assert screen.query_one(ResourceTable).shown == 2
            assert screen.query_one("#browser-status", Static).has_class("-error"), mode
        await pilot.press("a")  # load all: the failed page again
        await watch.check("load all after a failed next page")
        assert screen.query_one("#browser-status", Static).has_class("-error")
        twilio.next_mode = twilio.next_link = None

        # -- a record ----------------------------------------------------------------------------------------
        for mode in ("bug", "500"):
            twilio.mode = mode
            screen.query_one(ResourceTable).data_table.focus()
            await pilot.press("enter")
            await watch.check(f"record ({mode})")
            assert screen.query_one("#browser-status", Static).has_class("-error"), mode
            await pilot.press("escape")

        # -- a write: the create form, the confirmation, the send (a 500 is the send's own) ------------------
        twilio.mode = "bug"
        screen.query_one(ResourceTable).data_table.focus()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WriteFormScreen)
        form.query_one("#field-0", Input).post_message(events.Paste("canary write"))  # FriendlyName
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWriteScreen)
        await watch.check("write confirmation")
        await pilot.click("#confirm-write-yes")
        await watch.check("write sent")
        assert screen.outcome is not None and screen.outcome.explanation is not None
        assert (
            screen.outcome.url.endswith("/Applications.json")
            and "RuntimeError" in screen.outcome.explanation.cause
        )

        # -- history: send again, export, a failed export --------------------------------------------------------
        await pilot.press("h")
        await watch.check("history")
        pane = screen.query_one(HistoryPane)
        assert pane.entries, "the failed sends that reached the server are in the history"
        twilio.mode = "reset"
        await pilot.press("enter")
        await watch.check("history send again (reset)")
        assert screen.view == "request" and screen.outcome is not None
        await pilot.press("h", "m")
        await watch.check("history export")
        assert pane.history is not None
        exported = pane.history.path.with_name("history-snippet.md")
        assert exported.is_file()
        exported.unlink()
        exported.mkdir()  # the next export cannot write its file
        await pilot.press("m")
        seen = await watch.check("history export that fails")
        assert "cannot write the Markdown snippet" in seen

        # -- the Profiles view: verify and login ------------------------------------------------------------------
        await pilot.press("p")
        await watch.check("profiles")
        panel = screen.query_one(CredentialPanel)
        assert [p.name for p in panel.profiles] == ["canary"]
        for mode in ("bug", "500"):  # a connection that fails: the dead proxy below
            twilio.mode = mode
            screen.query_one("#cred-profiles", DataTable).focus()
            await pilot.press("v")
            await watch.check(f"verify ({mode})")
            assert panel.query_one("#cred-status").has_class("-error"), (mode, panel.status)
            if mode == "bug":
                assert "unexpected RuntimeError while verifying canary" in panel.status
            await login(pilot, panel, secret)
            await watch.check(f"login ({mode})")
            assert panel.query_one("#cred-status").has_class("-error"), (mode, panel.status)
            if mode == "bug":
                assert "unexpected RuntimeError while working on the profiles" in panel.status
                assert "[hidden]" in panel.status  # the Basic token the bug quoted
        assert [p.name for p in panel.profiles] == ["canary"]

        # -- a real client: a dead proxy, then also a CA file that is gone (a stopped simulator's) ------------
        for where, ca in (
            ("a dead proxy", None),
            ("a missing SSL_CERT_FILE", tmp_path / "stopped-sim" / "ca.pem"),
        ):
            if ca is not None:
                monkeypatch.setenv("SSL_CERT_FILE", str(ca))
            await run(pilot, "profile dead-proxy")  # a new session: every view builds new clients
            await watch.check(f"profile with {where}")
            assert screen.session is not None and screen.session.proxy == DEAD_PROXY
            await run(pilot, "request")
            await pilot.press("s")
            seen = await watch.check(f"send with {where}")
            assert screen.outcome is not None and screen.outcome.explanation is not None, where
            assert "Sending…" not in seen
            if ca is not None:  # through the dead proxy, a list fails like the reset above
                await run(pilot, "applications")
                await watch.check(f"browse with {where}")
                assert screen.query_one("#browser-status", Static).has_class("-error"), where
            await run(pilot, "profiles")
            screen.query_one("#cred-profiles", DataTable).focus()
            await pilot.press("v")
            await watch.check(f"verify with {where}")
            assert panel.query_one("#cred-status").has_class("-error"), (where, panel.status)
            await login(pilot, panel, secret)
            await watch.check(f"login with {where}")
            assert panel.query_one("#cred-status").has_class("-error"), (where, panel.status)

        # -- the safety net: a session loader that fails with the secret in its message -----------------------
        await run(pilot, "profile broken")
        seen = await watch.check("a profile that fails to load")
        assert [type(error) for error in unexpected_errors] == [RuntimeError]
        assert "Unexpected error" in seen and "[hidden]" in seen
        unexpected_errors.clear()

        assert app.is_running and isinstance(app.screen, MainScreen)
    assert KEY in twilio.credentials_seen and ACCOUNT_SID in twilio.credentials_seen  # the canary was in play
    assert canary.files_leaking(home) == {}, "the canary was written to a file"
    assert (home / ".local" / "share" / "twilio-region-explorer" / "history.jsonl").is_file()


async def run(pilot: Pilot[int], text: str) -> None:
    """Run the `:` command `text` (the command bar's own typing is tested elsewhere; here it costs time)."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.run_command(text)


async def login(pilot: Pilot[int], panel: CredentialPanel, token: str) -> None:
    """l, then the login form filled in by pasting, as a user would, with `token` as the AU1 Auth Token; Enter."""
    await pilot.press("l")
    for widget_id, text in (
        ("cred-name", "canary-login"),
        ("cred-account", ACCOUNT_SID),
        ("cred-secret", token),
    ):
        panel.query_one(f"#{widget_id}", Input).post_message(events.Paste(text))
    panel.query_one("#cred-region", Select).value = "au1"
    panel.query_one("#cred-secret", Input).focus()
    await pilot.pause()
    assert panel.query_one("#cred-secret", Input).value == token
    await pilot.press("enter")
