"""The main screen: it owns the target and the session, switches views and routes the `:` commands.

The views are panes that receive `target` and `session` as attributes and post messages up: the request
view (picker and inspector), the resource browser, the credential panel and the history. Each is mounted the
first time it is shown; only the header is in the first frame.
"""

from __future__ import annotations

__all__ = ["MainScreen", "ProfileLoader"]

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer

from explorer.core.errors import ExplorerError
from explorer.core.hosts import validate_label
from explorer.core.request import AuthKind
from explorer.model.commands import parse_command
from explorer.model.options import Options
from explorer.model.session import Session, SessionLoader
from explorer.model.target import Target
from explorer.ui.errors import notify_error
from explorer.ui.shell.status_header import StatusHeader
from explorer.ui.shell.views import VIEWS, Views

if TYPE_CHECKING:
    from explorer.core.client import Exchange
    from explorer.core.history import History, HistoryEntry
    from explorer.core.request import RequestSpec
    from explorer.model.outcome import Outcome
    from explorer.model.reveal import RevealScope
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.history.pane import HistoryPane
    from explorer.ui.profiles.panel import CredentialPanel
    from explorer.ui.request.pane import RequestPane
    from explorer.ui.request.region_picker import RegionPicker
    from explorer.ui.shell.command_bar import CommandBar

# Only what the first frame needs (the header and the footer) is imported above. The views, the renderers
# and the explanations are imported when they mount, after the first frame: a terminal app that shows its
# host a few hundred milliseconds sooner is worth the indirection.

ProfileLoader = Callable[[str], Session]
"""Builds the session for `:profile NAME`; may block, so it runs in a thread worker."""


class MainScreen(Screen[None]):
    """Header, the current view, command bar and footer; the owner of the target and the session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("colon", "command_bar", "Command", id="command-bar", tooltip="Open the : command bar"),
        Binding("s", "send", "Send", id="send", tooltip="Send the current request"),
        Binding("x", "cancel_sending", "Cancel", id="cancel-send", show=False, tooltip="Cancel the request in flight, a write included"),
        Binding("y", "copy_curl", "Copy curl", id="copy-curl", tooltip="Copy the curl command and save it to a file"),
        Binding("r", "reveal", "Reveal", id="reveal", show=False, tooltip="Reveal or hide the secret in curl (asks first)"),
        Binding("1", "preset('us1')", "US1", id="preset-us1", show=False, tooltip="Switch to US1"),
        Binding("2", "preset('ie1')", "IE1", id="preset-ie1", show=False, tooltip="Switch to IE1 (Dublin)"),
        Binding("3", "preset('au1')", "AU1", id="preset-au1", show=False, tooltip="Switch to AU1 (Sydney)"),
        Binding("c", "show_tab('tab-curl')", "curl", id="show-curl", show=False, tooltip="Show the curl command"),
        Binding("i", "view('request')", "Inspector", id="view-request", tooltip="The request: picker and inspector"),
        Binding("b", "view('browse')", "Browse", id="view-browse", tooltip="Browse every list resource in this Region"),
        Binding("p", "view('profiles')", "Profiles", id="view-profiles", tooltip="Profiles and the OS keyring"),
        Binding("h", "view('history')", "History", id="view-history", tooltip="Requests sent, to send again or export"),
        Binding("n", "write('create')", "New", id="write-create", show=False, tooltip="Create a record in the open list (asks first)"),
        Binding("e", "write('update')", "Edit", id="write-update", show=False, tooltip="Update the open record (asks first)"),
        Binding("d", "write('delete')", "Delete", id="write-delete", show=False, tooltip="Delete the open record (asks first)"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show keys and commands"),
        Binding("escape", "back", "Back", id="back", show=False, tooltip="Close the command bar; back to the request"),
    ]  # fmt: skip

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
        self._history: History | None = None

    def compose(self) -> ComposeResult:
        header = StatusHeader(id="header")
        header.set_reactive(StatusHeader.target, self.target)
        header.read_only = self.options.read_only
        yield header
        # The views (many widgets to style) are mounted after the first frame, which therefore shows the
        # header, with the exact host and its verdict, as early as a minimal app would.
        views = Views(
            profile_book=self.options.profile_book,
            catalog_loader=self.options.load_catalog,
            copy_path=self.options.copy_path,
            id="views",
        )
        views.set_reactive(Views.target, self.target)
        yield views
        yield Footer()

    def on_status_header_painted(self, event: StatusHeader.Painted) -> None:
        # Everything else mounts once the header (the exact host and its verdict) is on the terminal:
        # `call_after_refresh` alone would run before the frame is written and delay it.
        event.stop()
        self.call_after_refresh(self._mount_body)

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
        # The first frame must not wait for the simulator, httpx or the keyring.
        self.call_after_refresh(self._load_session, self._session_loader, "starting the local simulator…")
        if options.history is not None:
            self._open_history(options.history)

    @property
    def outcome(self) -> Outcome | None:
        """The outcome the inspector shows (always for the current target and session)."""
        return self._request_pane.outcome if self._body_ready else None

    @property
    def view(self) -> str:
        """The view shown: one of `VIEWS`."""
        return self._views.view

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
        await self._close_session(self.session)

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
        self.session = session
        if old is not None and old is not session:  # a loader may hand back the session in use
            self.run_worker(self._close_session(old), group="session-close")

    def _session_failed(self, error: ExplorerError) -> None:
        self.query_one(StatusHeader).source = f"not loaded: {error.message}"
        notify_error(self, error, timeout=10)

    @staticmethod
    async def _close_session(session: Session | None) -> None:
        # Its clients (once a write in flight is done) and what it started (the simulator).
        if session is not None:
            await session.aclose()

    def watch_session(self, session: Session | None) -> None:
        header = self.query_one(StatusHeader)
        if session is not None:
            header.profile = session.name
            header.source = session.source
            header.account_sid = session.account_sid
            header.demo = session.demo
        self.revealed = None
        self._views.session = session

    # -- target -----------------------------------------------------------------------------------------

    def watch_target(self, target: Target) -> None:
        # A secret revealed for one host is never left on screen for another (the pane checks this too).
        self.revealed = None
        self.query_one(StatusHeader).target = target
        self._views.target = target

    def watch_revealed(self, revealed: RevealScope | None) -> None:
        if self._body_ready:
            self._request_pane.revealed = revealed

    def on_region_picker_changed(self, event: RegionPicker.Changed) -> None:
        self.target = event.target

    def action_preset(self, region: str) -> None:
        """Switch to a Region preset."""
        self.target = Target.preset(region, self.target.product)

    # -- views ------------------------------------------------------------------------------------------

    async def action_view(self, view: str) -> None:
        """Show a view, mounting its pane the first time."""
        if self._body_ready:
            await self._views.show(view)

    # -- messages from the views ------------------------------------------------------------------------

    def on_request_pane_sent(self, event: RequestPane.Sent) -> None:
        from explorer.ui.request.pane import is_write

        # Every request that left is recorded, answered or not, so the history and the server agree.
        entry = event.entry
        if self._history is not None:
            self._append_history(self._history, entry)
        if is_write(entry.method) and (entry.status is None or entry.status < 400):
            # A write changed what the browser lists (or may have: one cancelled or cut off in transit): a
            # created record would otherwise be missing from the list the user goes back to.
            self._views.mark_browser_stale()

    def on_browser_pane_exchanged(self, event: BrowserPane.Exchanged) -> None:
        # With its request: the inspector's curl and URL must be the browser's, not the last one typed.
        self._request_pane.show_exchange(event.exchange, event.spec)
        self._record(event.spec, event.exchange)

    def on_browser_pane_open_in_inspector(self, event: BrowserPane.OpenInInspector) -> None:
        self._request_pane.load(event.spec)
        self._views.view = "request"

    def on_history_pane_send_again(self, event: HistoryPane.SendAgain) -> None:
        pane = self._request_pane
        if pane.refuse_while_writing():
            return  # before `load`: the request shown stays the one in flight
        pane.load(event.spec)
        self._views.view = "request"
        pane.send(event.spec)

    def on_credential_panel_use_profile(self, event: CredentialPanel.UseProfile) -> None:
        self.run_command(f"profile {event.name}")

    # -- history ----------------------------------------------------------------------------------------

    @work(thread=True, group="history-open")
    def _open_history(self, opener: Callable[[], History]) -> None:
        try:
            history = opener()
        except ExplorerError as error:
            self.app.call_from_thread(notify_error, self, error, severity="warning")
            return
        self.app.call_from_thread(self._history_ready, history)

    def _history_ready(self, history: History) -> None:
        self._history = history
        self._views.history = history

    def _record(self, spec: RequestSpec, exchange: Exchange) -> None:
        """Keep a sent request in the history (its description, never the credential)."""
        from explorer.core.history import HistoryEntry

        session = self.session
        if self._history is None or session is None:
            return
        credential = session.credential_for(self.target)
        if credential is not None:
            self._append_history(
                self._history, HistoryEntry.from_exchange(spec, credential.profile, exchange)
            )

    @work(thread=True, group="history")
    def _append_history(self, history: History, entry: HistoryEntry) -> None:
        try:
            history.append(entry)
        except ExplorerError as error:
            self.app.call_from_thread(notify_error, self, error, severity="warning")

    # -- writes -----------------------------------------------------------------------------------------

    def action_write(self, kind: str) -> None:
        """Create in the open list, or update or delete the open record, behind a form and a confirmation."""
        from explorer.ui.browser.write_form import WriteFormScreen

        if self.options.read_only:
            self.notify("The app was started with --read-only: writes are off.", title="Read-only")
            return
        if self._body_ready and self._request_pane.refuse_while_writing():
            return
        browser = self._views.browser()
        if self.view != "browse" or browser is None or self.session is None:
            self.notify("Open a list or a record in the browser (b) first.", title="Nothing to write to")
            return
        context = browser.write_context(record=kind != "create")
        if context is None:
            what = "a list" if kind == "create" else "a record"
            self.notify(f"Open {what} in the browser first.", title="Nothing to write to")
            return
        endpoint, path_values, record = context
        method = "DELETE" if kind == "delete" else "POST"
        if endpoint.operation(method) is None:
            self.notify(f"{endpoint.id} has no {method} in Twilio's API description.", title="Not writable")
            return
        credential = self._request_pane.credential()
        try:
            form = WriteFormScreen(
                endpoint, method, target=self.target, account_sid=self.session.account_sid,
                auth=credential.profile.kind if credential else AuthKind.API_KEY,
                path_values=path_values, initial=_initial_values(record) if kind == "update" else None,
            )  # fmt: skip
        except ExplorerError as error:
            notify_error(self, error)
            return

        def send(spec: RequestSpec | None) -> None:
            if spec is not None and not self._request_pane.refuse_while_writing():
                self._views.view = "request"
                self._request_pane.load(spec)
                self._request_pane.send(spec)

        self.app.push_screen(form, send)

    # -- the request ------------------------------------------------------------------------------------

    def action_send(self) -> None:
        """Send the current request (refused, with a notice, while a write is in flight)."""
        if self._body_ready:
            self._request_pane.send()

    def action_cancel_sending(self) -> None:
        """Cancel the request in flight, a write included; the history records it as cancelled."""
        if self._body_ready:
            self._request_pane.cancel_sending()

    def action_copy_curl(self) -> None:
        """Copy the curl command via OSC 52 and write it to a file; the notice names the file, never a secret."""
        from explorer.ui.copying import copy_curl

        view = self._request_pane.inspector.request if self._body_ready else None
        if view is None or view.error:
            self.notify("There is no valid request to copy.", title="Nothing copied", severity="warning")
            return
        copy_curl(
            self.app,
            view.curl,
            path=self.options.copy_path,
            session=self.session,
            region=self.target.region_id,
            revealed=view.revealed,
        )

    def action_reveal(self) -> None:
        """Show the secret inline in the curl command, after a warning; hide it again without one.

        Only for a host processed in the credential's Region (the wire's rule), and only for the request the
        user agreed to: the pane hides it again on any change of target.
        """
        from explorer.model.reveal import reveal_question
        from explorer.ui.dialogs.confirm import ConfirmScreen

        if self.revealed is not None:
            self.revealed = None
            return
        if not self._body_ready:
            return
        pane = self._request_pane
        try:
            scope = pane.reveal_scope()
        except ExplorerError as error:
            notify_error(self, error)
            return

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                same = scope.covers(pane.reveal_scope())
            except ExplorerError:
                same = False
            if not same:
                # The session or target changed while the question was open (a profile finished loading).
                self.notify("The request changed while you were asked, so the secret stays hidden. Press r to "
                            "ask again.", title="Secret not shown", severity="warning")  # fmt: skip
                return
            self.revealed = scope

        self.app.push_screen(ConfirmScreen(reveal_question(scope, self.target.fqdn)), answer)

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
        """Open the `:` command bar."""
        if self._body_ready:
            bar = self._command_bar
            bar.open()
            # At once: `Widget.focus` waits for the next turn of the loop, and keys typed right after `:`
            # (`:applications`, quickly or pasted) went to the view meanwhile, where `s` sent and `a` added.
            self.set_focus(bar)

    def action_help(self) -> None:
        """Show the help screen."""
        from explorer.ui.shell.help_screen import HelpScreen

        self.app.push_screen(HelpScreen())

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
        try:
            self._run(text)
        except ExplorerError as error:
            notify_error(self, error)

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
            loader = self._profile_loader
            if self._body_ready:
                self._request_pane.cancel()
            self._load_session(lambda: loader(value), f"loading profile {value}…")
        elif command.name == "theme":
            set_theme = getattr(self.app, "set_ui_theme", None)
            if set_theme is not None:
                set_theme(value)
        elif command.name == "open":
            self.run_worker(self._open_resource(value), group="open")
        elif command.name in VIEWS:
            self.run_worker(self.action_view(command.name), group="open")
        elif command.name == "send":
            self.action_send()
        elif command.name == "copy":
            self.action_copy_curl()
        elif command.name == "scan":
            self._scan(value or ".")
        elif command.name == "help":
            self.action_help()
        elif command.name == "quit":
            self.app.exit()

    def _scan(self, path: str) -> None:
        from pathlib import Path

        from explorer.model.scan_hits import target_for_hit
        from explorer.scan.model import Hit
        from explorer.ui.scan.screen import ScanScreen

        def opened(hit: Hit | None) -> None:
            if hit is not None:
                try:
                    self.target = target_for_hit(hit)
                except ExplorerError as error:
                    notify_error(self, error)
                    return
                self._views.view = "request"

        self.app.push_screen(ScanScreen(Path(path).expanduser()), callback=opened)

    async def _open_resource(self, name: str) -> None:
        await self.action_view("browse")
        browser = self._views.browser()
        if browser is not None:
            browser.open_resource(name)

    def restyle(self, pygments_style: str) -> None:
        """Use another pygments style for response bodies (after a theme switch)."""
        self._views.set_pygments_style(pygments_style)


def _initial_values(record: dict[str, object] | None) -> dict[str, str] | None:
    """A record's fields as form values (`friendly_name` → `FriendlyName`), for an update."""
    if not record:
        return None
    values: dict[str, str] = {}
    for key, value in record.items():
        if isinstance(value, str | int | float | bool):
            name = "".join(part.capitalize() for part in key.split("_"))
            values[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return values
