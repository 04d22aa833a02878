"""The main screen: it owns the target, the session and the request, and runs the workers that send."""

from __future__ import annotations

__all__ = ["MainScreen", "ScreenConfig"]

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from explorer.core.errors import ExplorerError, InputError
from explorer.core.hosts import validate_label
from explorer.core.request import AuthKind, RequestSpec
from explorer.ui.commands import parse_command
from explorer.ui.session import Session, SessionLoader
from explorer.ui.target import DEFAULT_PATH, Target
from explorer.ui.widgets.status_header import StatusHeader

if TYPE_CHECKING:
    from explorer.core.profiles import Credential
    from explorer.ui.views import Outcome
    from explorer.ui.widgets.command_bar import CommandBar
    from explorer.ui.widgets.inspector import Inspector
    from explorer.ui.widgets.region_picker import RegionPicker

# Only what the first frame needs (the header and the footer) is imported above. The body's widgets, the
# curl and snippet renderers and the explanations are imported when the body mounts, right after the first
# frame: a terminal app that shows its host a few hundred milliseconds sooner is worth the indirection.

ProfileLoader = Callable[[str], Session]
"""Builds the session for `:profile NAME`; may block, so it runs in a thread worker."""


@dataclass(frozen=True, slots=True)
class ScreenConfig:
    """What the main screen starts from; the app builds it from the command line."""

    session_loader: SessionLoader
    """Builds the session at start-up (in a thread worker, after the first frame)."""
    profile_loader: ProfileLoader
    """Builds a session for `:profile NAME` (`demo` included)."""
    copy_path: Path
    """Where `y` writes the curl command."""
    target: Target = field(default_factory=Target)
    """The initial target."""
    read_only: bool = False
    """True disables every write (anything but GET)."""
    method: str = "GET"
    """The initial method."""
    path: str = DEFAULT_PATH
    """The initial path template."""
    params: str = ""
    """The initial parameters, `Name=value&...`."""


def parse_params(text: str) -> tuple[tuple[str, str], ...]:
    """`A=1&B=two` → (("A", "1"), ("B", "two")); values are taken literally (the request encodes them).

    Raises:
        InputError: a piece has no `=`.
    """
    pairs: list[tuple[str, str]] = []
    for piece in text.split("&"):
        if not piece.strip():
            continue
        name, sep, value = piece.partition("=")
        if not sep:
            raise InputError(f"the parameter {piece!r} has no '='", hint="write Name=value&Other=value")
        pairs.append((name.strip(), value))
    return tuple(pairs)


class MainScreen(Screen[None]):
    """Header, picker, inspector, command bar and footer; the owner of all request state."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("colon", "command_bar", "Command", id="command-bar", tooltip="Open the : command bar"),
        Binding("s", "send", "Send", id="send", tooltip="Send the current request"),
        Binding("y", "copy_curl", "Copy curl", id="copy-curl", tooltip="Copy the curl command and save it to a file"),
        Binding("r", "reveal", "Reveal", id="reveal", show=False, tooltip="Reveal or hide the secret in curl (asks first)"),
        Binding("1", "preset('us1')", "US1", id="preset-us1", show=False, tooltip="Switch to US1"),
        Binding("2", "preset('ie1')", "IE1", id="preset-ie1", show=False, tooltip="Switch to IE1 (Dublin)"),
        Binding("3", "preset('au1')", "AU1", id="preset-au1", show=False, tooltip="Switch to AU1 (Sydney)"),
        Binding("c", "show_tab('tab-curl')", "curl", id="show-curl", tooltip="Show the curl command"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show keys and commands"),
        Binding("escape", "back", "Back", id="back", show=False, tooltip="Close the command bar; leave a field"),
    ]  # fmt: skip

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as; None until the session has loaded."""
    revealed: reactive[bool] = reactive(False, init=False)
    """True when the curl command shows the secret inline."""

    def __init__(self, config: ScreenConfig) -> None:
        super().__init__()
        self.config = config
        self.set_reactive(MainScreen.target, config.target)
        self._method = config.method
        self._path = config.path
        self._params = config.params
        self.outcome: Outcome | None = None
        """The last outcome shown (always for the current target and session)."""
        self._body_ready = False

    def compose(self) -> ComposeResult:
        header = StatusHeader(id="header")
        header.set_reactive(StatusHeader.target, self.target)
        header.read_only = self.config.read_only
        yield header
        # The body (picker and inspector: many widgets to style) is mounted after the first frame, which
        # therefore shows the header, with the exact host and its verdict, as early as a minimal app would.
        yield Horizontal(id="body")
        yield Footer()

    def on_status_header_painted(self, event: StatusHeader.Painted) -> None:
        # Everything else mounts once the header (the exact host and its verdict) is on the terminal:
        # `call_after_refresh` alone would run before the frame is written and delay it.
        event.stop()
        self.call_after_refresh(self._mount_body)

    async def _mount_body(self) -> None:
        from explorer.ui.widgets.command_bar import CommandBar
        from explorer.ui.widgets.inspector import Inspector
        from explorer.ui.widgets.region_picker import RegionPicker

        picker = RegionPicker(id="picker")
        picker.set_reactive(RegionPicker.target, self.target)
        inspector = Inspector(self._method, self._path, self._params, id="inspector")
        ui_theme = getattr(self.app, "ui_theme", None)
        if ui_theme is not None:
            inspector.set_reactive(Inspector.pygments_style, ui_theme.pygments_style)
        await self.query_one("#body", Horizontal).mount(picker, inspector)
        bar = CommandBar(id="command-bar")
        bar.display = False
        await self.mount(bar, before=self.query_one(Footer))
        self._body_ready = True
        self._picker.target = self.target
        self.query_one("#preset-us1").focus()
        self._refresh_request()
        # The first frame must not wait for the simulator, httpx or the keyring.
        self.call_after_refresh(
            self._load_session, self.config.session_loader, "starting the local simulator…"
        )

    @property
    def _inspector(self) -> Inspector:
        from explorer.ui.widgets.inspector import Inspector

        return self.query_one(Inspector)

    @property
    def _picker(self) -> RegionPicker:
        from explorer.ui.widgets.region_picker import RegionPicker

        return self.query_one(RegionPicker)

    @property
    def _command_bar(self) -> CommandBar:
        from explorer.ui.widgets.command_bar import CommandBar

        return self.query_one(CommandBar)

    def on_unmount(self) -> None:
        self._stop_session(self.session)

    # -- session ----------------------------------------------------------------------------------------

    def _load_session(self, loader: SessionLoader, status: str) -> None:
        self.query_one(StatusHeader).source = status
        self._session_worker(loader)

    @work(thread=True, exclusive=True, group="session")
    def _session_worker(self, loader: SessionLoader) -> None:
        try:
            session = loader()
            import httpx  # noqa: F401 - warm the import here, off the event loop
        except ExplorerError as error:
            self.app.call_from_thread(self._session_failed, error)
            return
        self.app.call_from_thread(self._session_ready, session)

    def _session_ready(self, session: Session) -> None:
        old = self.session
        self._cancel_requests()
        self.session = session
        self._stop_session(old)

    def _session_failed(self, error: ExplorerError) -> None:
        self.query_one(StatusHeader).source = f"not loaded: {error.message}"
        self.notify(f"{error.message} {error.hint}".strip(), title=error.title, severity="error", timeout=10)

    @staticmethod
    def _stop_session(session: Session | None) -> None:
        if session is not None and session.stop is not None:
            session.stop()

    def watch_session(self, session: Session | None) -> None:
        header = self.query_one(StatusHeader)
        if session is not None:
            header.profile = session.name
            header.source = session.source
            header.account_sid = session.account_sid
            header.demo = session.demo
        self.revealed = False
        self._refresh_request()

    # -- target -----------------------------------------------------------------------------------------

    def watch_target(self, target: Target) -> None:
        self._cancel_requests()
        self.query_one(StatusHeader).target = target
        if self._body_ready:
            self._picker.target = target
            self._refresh_request()

    def _cancel_requests(self) -> None:
        """Cancel requests in flight and forget the last outcome: it belongs to the old target."""
        self.workers.cancel_group(self, "request")
        self.outcome = None
        if not self._body_ready:
            return
        inspector = self._inspector
        inspector.sending = False
        inspector.outcome = None

    def on_region_picker_changed(self, event: RegionPicker.Changed) -> None:
        self.target = event.target

    def action_preset(self, region: str) -> None:
        """Switch to a Region preset."""
        self.target = Target.preset(region, self.target.product)

    # -- the request ------------------------------------------------------------------------------------

    def _spec(self) -> RequestSpec:
        pairs = parse_params(self._params)
        query, form = (pairs, ()) if self._method in ("GET", "DELETE") else ((), pairs)
        credential = self._credential()
        auth = credential.profile.kind if credential is not None else AuthKind.API_KEY
        return RequestSpec(
            self._method, self._path, self.target.product, self.target.region, self.target.edge,
            query=query, form=form, auth=auth,
        )  # fmt: skip

    def _credential(self) -> Credential | None:
        if self.session is None:
            return None
        region = self.target.verdict.processing_region or self.target.region_id
        return self.session.credential_for(region)

    def _refresh_request(self) -> None:
        from explorer.core.curl import Credentials, render_curl
        from explorer.core.snippets import render_node, render_python
        from explorer.ui.views import RequestView

        if not self._body_ready:
            return
        inspector = self._inspector
        try:
            spec = self._spec()
        except ExplorerError as error:
            inspector.request = RequestView(
                "", "", "", "", (), (), (), "", "", "", error=f"{error.message} — {error.hint}"
            )
            return
        account_sid = self.session.account_sid if self.session else "$TWILIO_ACCOUNT_SID"
        credential = self._credential()
        who = (
            f"{credential.profile.username} of {credential.profile.name}"
            if credential
            else "no credential for this Region"
        )
        headers = [("Accept", "application/json"), ("Authorization", f"Basic [redacted] ({who})")]
        if spec.form:
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        inline = None
        if self.revealed and credential is not None:
            inline = Credentials(credential.profile.account_sid, credential.username, credential.secret)
        verdict = self.target.verdict
        inspector.request = RequestView(
            method=spec.method,
            url=spec.url(account_sid),
            verdict=verdict.summary,
            explanation=verdict.explanation,
            headers=tuple(headers),
            query=spec.query,
            form=spec.form,
            curl=render_curl(spec, inline=inline, multiline=True),
            python=render_python(spec),
            node=render_node(spec),
            revealed=inline is not None,
        )

    def on_inspector_edited(self, event: Inspector.Edited) -> None:
        self._method, self._path, self._params = event.method, event.path, event.params
        self._refresh_request()

    def on_inspector_send_requested(self, event: Inspector.SendRequested) -> None:
        self.action_send()

    def action_send(self) -> None:
        """Send the current request in an exclusive worker (a new send cancels the one in flight)."""
        from explorer.ui.explain import explain_error
        from explorer.ui.views import Outcome

        if not self._body_ready:
            return
        if self.session is None:
            self.notify("The session is still loading; try again in a moment.", title="Not ready")
            return
        if self.config.read_only and self._method != "GET":
            self.notify(f"{self._method} is a write, and the app was started with --read-only.",
                        title="Read-only", severity="warning")  # fmt: skip
            return
        try:
            spec = self._spec()
        except ExplorerError as error:
            self.notify(f"{error.message} {error.hint}".strip(), title=error.title, severity="error")
            return
        credential = self._credential()
        target, session = self.target, self.session
        url = spec.url(session.account_sid)
        if credential is None:
            self._inspector.outcome = Outcome(target, url, None, explain_error(InputError(
                f"the session {session.name!r} has no credential for {target.region_id.upper()}",
                hint="use :profile NAME with a profile of that Region"), target))  # fmt: skip
            return
        self._inspector.sending = True
        self._send_worker(spec, credential, target, session, url)

    @work(exclusive=True, group="request")
    async def _send_worker(
        self, spec: RequestSpec, credential: Credential, target: Target, session: Session, url: str
    ) -> None:
        from explorer.ui.explain import explain_error, explain_exchange
        from explorer.ui.views import Outcome

        client = session.client()
        try:
            exchange = await client.send(spec, credential)
            outcome = Outcome(target, exchange.url, exchange, explain_exchange(exchange, target))
        except ExplorerError as error:
            outcome = Outcome(target, url, None, explain_error(error, target))
        finally:
            await client.aclose()
        if target != self.target or session is not self.session:
            return  # a stale response is never shown against another target
        self.outcome = outcome
        inspector = self._inspector
        inspector.sending = False
        inspector.outcome = outcome

    # -- copy and reveal --------------------------------------------------------------------------------

    def action_copy_curl(self) -> None:
        """Copy the curl command via OSC 52 and write it to a file; the notice names the file, never a secret."""
        from explorer.ui.copying import copy_curl

        view = self._inspector.request if self._body_ready else None
        if view is None or view.error:
            self.notify("There is no valid request to copy.", title="Nothing copied", severity="warning")
            return
        copy_curl(
            self.app,
            view.curl,
            path=self.config.copy_path,
            session=self.session,
            region=self.target.region_id,
            revealed=view.revealed,
        )

    def action_reveal(self) -> None:
        """Show the secret inline in the curl command, after a warning; hide it again without one."""
        from explorer.ui.screens.confirm import ConfirmScreen

        if self.revealed:
            self.revealed = False
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.revealed = True

        self.app.push_screen(
            ConfirmScreen(
                "Show the secret inline in the curl command?\n\nAnyone who sees the screen, a screenshot or a "
                "copied command can then use the credential. The default (shell variables) is safe to share."
            ),
            answer,
        )

    def watch_revealed(self) -> None:
        self._refresh_request()

    def on_inspector_reveal_requested(self, event: Inspector.RevealRequested) -> None:
        self.action_reveal()

    # -- commands ---------------------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        """Show one of the inspector's tabs."""
        from textual.widgets import TabbedContent

        if not self._body_ready:
            return
        self.query_one("#tabs", TabbedContent).active = tab

    def action_command_bar(self) -> None:
        """Open the `:` command bar."""
        if self._body_ready:
            self._command_bar.open()

    def action_help(self) -> None:
        """Show the help screen."""
        from explorer.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_back(self) -> None:
        """Esc: close the command bar, or leave the focused field so single keys work again."""
        if self._body_ready and self._command_bar.display:
            self._command_bar.action_close()
        else:
            self.set_focus(None)

    def on_command_bar_entered(self, event: CommandBar.Entered) -> None:
        self.set_focus(None)
        self.run_command(event.text)

    def on_command_bar_closed(self, event: CommandBar.Closed) -> None:
        self.set_focus(None)

    def run_command(self, text: str) -> None:
        """Run one `:` command; errors are shown as notifications."""
        try:
            self._run(text)
        except ExplorerError as error:
            self.notify(f"{error.message} {error.hint}".strip(), title=error.title, severity="error")

    def _run(self, text: str) -> None:
        command = parse_command(text)
        value = command.argument
        unset = value.lower() in ("none", "unset", "-")
        if command.name == "region":
            self.target = self.target.with_region(None if unset else validate_label(value, "region"))
        elif command.name == "edge":
            self.target = replace(self.target, edge=None if unset else validate_label(value, "edge"))
        elif command.name == "product":
            self.target = replace(self.target, product=validate_label(value, "product"))
        elif command.name == "profile":
            loader = self.config.profile_loader
            self._cancel_requests()
            self._load_session(lambda: loader(value), f"loading profile {value}…")
        elif command.name == "theme":
            set_theme = getattr(self.app, "set_ui_theme", None)
            if set_theme is not None:
                set_theme(value)
        elif command.name == "send":
            self.action_send()
        elif command.name == "copy":
            self.action_copy_curl()
        elif command.name == "help":
            self.action_help()
        elif command.name == "quit":
            self.app.exit()

    def restyle(self, pygments_style: str) -> None:
        """Use another pygments style for response bodies (after a theme switch)."""
        if not self._body_ready:
            return
        inspector = self._inspector
        inspector.pygments_style = pygments_style
        inspector.outcome = None
        inspector.outcome = self.outcome
