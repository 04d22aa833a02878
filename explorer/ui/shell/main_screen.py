"""The main screen: it owns the target and the session, switches views and runs the `:` commands.

The views are panes that receive `target` and `session` as attributes and post messages up: the request
view (picker and inspector), the resource browser, the credential panel and the history. Each is mounted the
first time it is shown; the first frame holds the header and the request view, and the session loads after it.
Keys typed before the body has mounted are held by the app and replayed (`ui/key_hold.py`). Which action a
`:` command runs is `command_routing`'s; the write keys' forms are `write_flow`'s.
"""

from __future__ import annotations

__all__ = ["MainScreen", "ProfileLoader"]

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from explorer.core.errors import ExplorerError
from explorer.model.options import Options
from explorer.model.session import Session, SessionLoader
from explorer.model.target import Target
from explorer.ui.errors import notify_error
from explorer.ui.history.recorder import HistoryRecorder
from explorer.ui.shell.keys import MAIN_BINDINGS, key_acts
from explorer.ui.shell.session_loading import SessionLoading
from explorer.ui.shell.session_loading import close as close_session
from explorer.ui.shell.status_header import StatusHeader
from explorer.ui.shell.views import Views

if TYPE_CHECKING:
    from explorer.core.history import History
    from explorer.model.outcome import Outcome
    from explorer.model.reveal import RevealScope
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.history.pane import HistoryPane
    from explorer.ui.profiles.panel import CredentialPanel
    from explorer.ui.request.pane import RequestPane
    from explorer.ui.request.region_picker import RegionPicker
    from explorer.ui.shell.command_bar import CommandBar

# Only the header and the footer are imported above. The request view is imported as it mounts (in the first
# frame); the other views, the renderers and the explanations when they are first used.

ProfileLoader = Callable[[str], Session]
"""Builds the session for `:profile NAME`; may block, so it runs in a thread worker."""


class MainScreen(Screen[None]):
    """Header, the current view, command bar and footer; the owner of the target and the session."""

    class BodyReady(Message):
        """Posted once the body has mounted and focused: the app then replays the keys typed before it."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as; None until the session has loaded."""
    revealed: reactive[RevealScope | None] = reactive(None, init=False)
    """The request the user agreed to show the secret inline for, or None; any change of target ends it."""

    def __init__(
        self, options: Options, *, session_loader: SessionLoader, profile_loader: ProfileLoader
    ) -> None:
        super().__init__()
        self.options = options
        """The app's settings (read here, and handed to the part that uses each)."""
        self._session_loader = session_loader
        self._profile_loader = profile_loader
        self.set_reactive(MainScreen.target, options.target)
        self._body_ready = False
        self._history = HistoryRecorder(self, opened=self._history_ready)
        self._sessions = SessionLoading(self, loaded=self._session_ready, failed=self._session_failed)

    def compose(self) -> ComposeResult:
        header = StatusHeader(id="header")
        # The first frame draws the target already; the binding keeps it current from then on.
        header.set_reactive(StatusHeader.target, self.target)
        header.read_only = self.options.read_only
        yield header.data_bind(MainScreen.target)
        # The views (many widgets to style) are mounted after the first frame, which therefore shows the
        # header, with the exact host and its verdict, as early as a minimal app would.
        views = Views(
            profile_book=self.options.profile_book,
            catalog_loader=self.options.load_catalog,
            copy_path=self.options.copy_path,
            id="views",
        )
        views.set_reactive(Views.target, self.target)
        yield views.data_bind(MainScreen.target, MainScreen.session)
        # Compact, and ^p left to the help: every key of the browser fits at 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    async def on_mount(self) -> None:
        # The body is in the first frame: a screen that shows the header first and the picker a frame later
        # is not usable any sooner, and keys typed in between had nothing to act on them.
        await self._mount_body()

    def on_status_header_painted(self, event: StatusHeader.Painted) -> None:
        # The session (the simulator, httpx, the keyring) loads once the first frame is on the terminal, so
        # that its thread does not compete with the first paint for the interpreter.
        event.stop()
        self.call_after_refresh(self._load_session, self._session_loader, "starting the local simulator…")

    async def _mount_body(self) -> None:
        from explorer.ui.request.pane import RequestPane
        from explorer.ui.shell.command_bar import CommandBar

        options = self.options
        pane = RequestPane(
            method=options.method, path=options.path, params=options.params, read_only=options.read_only,
            id="view-request",
        )  # fmt: skip
        await self._views.mount_request(pane)
        bar = CommandBar(id="command-bar")
        bar.display = False
        await self.mount(bar, before=self.query_one(Footer))
        self._body_ready = True
        self.query_one("#preset-us1").focus()
        self.call_after_refresh(self.post_message, self.BodyReady())
        if options.history is not None:
            self._history.open(options.history)

    @property
    def outcome(self) -> Outcome | None:
        """The outcome the inspector shows (always for the current target and session)."""
        return self._request_pane.outcome if self._body_ready else None

    @property
    def view(self) -> str:
        """The view shown: one of `VIEWS`."""
        return self._views.view

    @view.setter
    def view(self, view: str) -> None:
        self._views.view = view

    @property
    def request_pane(self) -> RequestPane | None:
        """The request view's pane; None until the body has mounted."""
        return self._views.request_pane if self._body_ready else None

    @property
    def browser(self) -> BrowserPane | None:
        """The resource browser, if it has been shown."""
        return self._views.browser()

    @property
    def _views(self) -> Views:
        return self.query_one(Views)

    @property
    def _request_pane(self) -> RequestPane:
        return self._views.request_pane

    @property
    def _command_bar(self) -> CommandBar:
        from explorer.ui.shell.command_bar import CommandBar

        return self.query_one(CommandBar)

    async def on_unmount(self) -> None:
        await close_session(self.session)

    # -- session ----------------------------------------------------------------------------------------

    def _load_session(self, loader: SessionLoader, status: str) -> None:
        self.query_one(StatusHeader).source = status
        self._sessions.load(loader)

    def _session_ready(self, session: Session) -> None:
        old = self.session
        self.session = session
        self._sessions.replaced(old, session)
        notice = self.options.start_notice
        if old is None and notice is not None:
            self.notify(notice, title="Demo", timeout=15)

    def _session_failed(self, error: ExplorerError) -> None:
        self.query_one(StatusHeader).source = f"not loaded: {error.message}"
        notify_error(self, error, timeout=10)

    def watch_session(self, session: Session | None) -> None:
        if session is not None:
            self.query_one(StatusHeader).show_session(session)
        self.revealed = None

    # -- target -----------------------------------------------------------------------------------------

    def watch_target(self, target: Target) -> None:
        # A secret revealed for one host is never left on screen for another (the pane checks this too).
        self.revealed = None

    def watch_revealed(self, revealed: RevealScope | None) -> None:
        if self._body_ready:
            self._request_pane.revealed = revealed

    def on_region_picker_changed(self, event: RegionPicker.Changed) -> None:
        self.target = event.target

    def action_preset(self, region: str) -> None:
        """Switch to a Region preset."""
        self.target = Target.preset(region, self.target.product)

    # -- views ------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys act (and the footer lists them) where they mean something: see `keys.key_acts`."""
        # Keys typed at start-up are kept for the request view (see BodyReady).
        return not self._body_ready or key_acts(action, parameters, view=self.view)

    async def action_view(self, view: str) -> None:
        """Show a view, mounting its pane the first time."""
        if self._body_ready:
            await self._views.show(view)

    # -- messages from the views ------------------------------------------------------------------------

    def on_request_pane_sent(self, event: RequestPane.Sent) -> None:
        from explorer.ui.request.pane import is_write

        # Every request that left is recorded, answered or not, so the history and the server agree.
        entry = event.entry
        self._history.append(entry)
        if is_write(entry.method) and (entry.status is None or entry.status < 400):
            # A write changed what the browser lists (or may have: one cancelled or cut off in transit): a
            # created record would otherwise be missing from the list the user goes back to.
            self._views.mark_browser_stale()

    def on_browser_pane_exchanged(self, event: BrowserPane.Exchanged) -> None:
        # With its request: the inspector's curl and URL must be the browser's, not the last one typed.
        self._request_pane.show_exchange(event.exchange, event.spec)
        # Kept in the history as a request sent (its description and profile, never the credential).
        credential = self.session.credential_for(self.target) if self.session is not None else None
        self._history.record(event.spec, credential, event.exchange)

    def on_browser_pane_open_in_inspector(self, event: BrowserPane.OpenInInspector) -> None:
        self._request_pane.load(event.spec)
        self.view = "request"

    def on_history_pane_send_again(self, event: HistoryPane.SendAgain) -> None:
        pane = self._request_pane
        if not pane.refuse_while_writing():  # before `load`: else the one in flight would be replaced
            pane.load(event.spec)
            self.view = "request"
            pane.send(event.spec)

    def on_credential_panel_use_profile(self, event: CredentialPanel.UseProfile) -> None:
        self.run_command(f"profile {event.name}")

    # -- history ----------------------------------------------------------------------------------------

    def _history_ready(self, history: History) -> None:
        self._views.history = history

    # -- writes -----------------------------------------------------------------------------------------

    def action_write(self, kind: str) -> None:
        """Create in the open list, or update or delete the open record, behind a form and a confirmation."""
        from explorer.ui.shell.write_flow import start_write

        start_write(self, kind)

    # -- the request ------------------------------------------------------------------------------------

    def action_send(self) -> None:
        """Send the current request (refused, with a notice, while a write is in flight)."""
        if not self._body_ready or self._sessions.held is not None:
            return
        # The first session loads once the first frame is painted: `s` typed before that, or while it loads, is
        # held, and sent when it has loaded (keys typed at start-up count).
        if self.session is None and self._sessions.hold(self.action_send):
            self.notify("It is sent as soon as the session has loaded.", title="Sending shortly")
        else:
            self._request_pane.send()

    def action_cancel_sending(self) -> None:
        """Cancel the request in flight, a write included; the history records it as cancelled."""
        if self._body_ready:
            self._request_pane.cancel_sending()

    def action_copy_curl(self) -> None:
        """Copy the curl command via OSC 52 and write it to a file; the notice names the file, never a secret."""
        from explorer.ui.copying import copy_request

        view = self._request_pane.inspector.request if self._body_ready else None
        path, region = self.options.copy_path, self.target.region_id
        copy_request(self.app, view, path=path, session=self.session, region=region)

    def action_reveal(self) -> None:
        """Show the secret inline in the curl command, after a warning; hide it again without one.

        Only for a host processed in the credential's Region (the wire's rule), and only for the request the
        user agreed to: the pane hides it again on any change of target.
        """
        from explorer.ui.request.reveal_flow import ask_to_reveal

        if self.revealed is not None:
            self.revealed = None
        elif self._body_ready:
            ask_to_reveal(self, self._request_pane, self.target.fqdn, partial(setattr, self, "revealed"))

    def on_inspector_reveal_requested(self) -> None:
        self.action_reveal()

    def on_request_pane_reveal_ended(self, event: RequestPane.RevealEnded) -> None:
        event.stop()
        self.revealed = None

    # -- commands ---------------------------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        """Show one of the inspector's tabs."""
        from textual.widgets import TabbedContent

        if not self._body_ready:
            return
        self._views.view = "request"
        self.query_one("#tabs", TabbedContent).active = tab

    def action_command_bar(self) -> None:
        """Open the `:` command bar (a `:` typed into a text field stays there)."""
        from textual.actions import SkipAction
        from textual.widgets import Input, TextArea

        if isinstance(self.focused, Input | TextArea):
            raise SkipAction
        if self._body_ready:
            self._command_bar.open()

    def action_help(self) -> None:
        """Show the help screen."""
        from explorer.ui.shell.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.active_bindings))

    def action_back(self) -> None:
        """Esc: close the command bar, or go back to the request view, or leave the focused field."""
        if self._body_ready and self._command_bar.display:
            self._command_bar.action_close()
        elif self.view != "request":
            self._views.view = "request"
        else:
            self.set_focus(None)

    def on_command_bar_entered(self, event: CommandBar.Entered) -> None:
        self.set_focus(None)
        self.run_command(event.text)

    def on_command_bar_closed(self, event: CommandBar.Closed) -> None:
        self.set_focus(None)

    def run_command(self, text: str) -> None:
        """Run one `:` command; errors are shown as notifications."""
        from explorer.ui.shell.command_routing import run_command

        run_command(self, text)

    def load_profile(self, name: str) -> None:
        """Send as profile `name` from now on: the request in flight is cancelled and its session loads."""
        loader = self._profile_loader
        if self._body_ready:
            self._request_pane.cancel()
        self._load_session(lambda: loader(name), f"loading profile {name}…")

    async def open_resource(self, name: str, *, bare: bool = False) -> None:
        """Show the browser with the list `name` open (`applications`, `api:calls`); `bare`: typed as `:name`."""
        await self.action_view("browse")
        if (browser := self.browser) is not None:
            browser.open_resource(name, bare=bare)

    def restyle(self, pygments_style: str) -> None:
        """Use another pygments style for response bodies (after a theme switch)."""
        self._views.set_pygments_style(pygments_style)
