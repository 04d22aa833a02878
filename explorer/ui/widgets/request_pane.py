"""The request view: the region/edge picker beside the inspector, and the worker that sends the request.

The screen sets `target`, `session` and `revealed` (attributes down); the pane builds the request, shows it,
sends it in an exclusive worker and posts `Sent` up with what came back. Anything else that fetches (the
resource browser, the history) hands its exchange to `show_exchange`, so every request is one key away.
"""

from __future__ import annotations

__all__ = ["RequestPane", "parse_params"]

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive

from explorer.core.errors import ExplorerError, InputError
from explorer.core.request import AuthKind, RequestSpec
from explorer.ui.session import Session
from explorer.ui.target import DEFAULT_PATH, Target
from explorer.ui.views import Outcome, RequestView
from explorer.ui.widgets.inspector import Inspector
from explorer.ui.widgets.region_picker import RegionPicker

if TYPE_CHECKING:
    from explorer.core.client import Exchange
    from explorer.core.profiles import Credential


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


def format_params(pairs: tuple[tuple[str, str], ...]) -> str:
    """The inverse of `parse_params` for display in the parameter field."""
    return "&".join(f"{name}={value}" for name, value in pairs)


class RequestPane(Horizontal):
    """Picker and inspector; owns the current request and sends it."""

    class Sent(Message):
        """A request went out (or was refused before it could); for the history."""

        def __init__(self, pane: RequestPane, spec: RequestSpec, outcome: Outcome) -> None:
            super().__init__()
            self.pane = pane
            self.spec = spec
            self.outcome = outcome

        @property
        def control(self) -> RequestPane:
            return self.pane

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go (set by the screen)."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as (set by the screen); None while it loads."""
    revealed: reactive[bool] = reactive(False, init=False)
    """True when the curl command shows the secret inline (set by the screen after it asked)."""

    def __init__(
        self,
        *,
        method: str = "GET",
        path: str = DEFAULT_PATH,
        params: str = "",
        read_only: bool = False,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self.read_only = read_only
        self._method, self._path, self._params = method, path, params
        self.outcome: Outcome | None = None
        """The outcome shown, always for the current target and session."""

    def compose(self) -> ComposeResult:
        picker = RegionPicker(id="picker")
        picker.set_reactive(RegionPicker.target, self.target)
        inspector = Inspector(self._method, self._path, self._params, id="inspector")
        ui_theme = getattr(self.app, "ui_theme", None)
        if ui_theme is not None:
            inspector.set_reactive(Inspector.pygments_style, ui_theme.pygments_style)
        yield picker
        yield inspector

    def on_mount(self) -> None:
        self._refresh_request()

    @property
    def inspector(self) -> Inspector:
        """The inspector (for the screen's tab switching and restyling)."""
        return self.query_one(Inspector)

    # -- attributes from the screen ---------------------------------------------------------------------

    def watch_target(self, target: Target) -> None:
        self.cancel()
        self.query_one(RegionPicker).target = target
        self._refresh_request()

    def watch_session(self) -> None:
        self.cancel()
        self._refresh_request()

    def watch_revealed(self) -> None:
        self._refresh_request()

    def cancel(self) -> None:
        """Cancel the request in flight and forget the last outcome: it belongs to the old target."""
        self.workers.cancel_group(self, "request")
        self.outcome = None
        inspector = self.query_one(Inspector)
        inspector.sending = False
        inspector.outcome = None

    # -- the request ------------------------------------------------------------------------------------

    def spec(self) -> RequestSpec:
        """The current request.

        Raises:
            ExplorerError: the method, path or parameters cannot make a request.
        """
        pairs = parse_params(self._params)
        query, form = (pairs, ()) if self._method in ("GET", "DELETE") else ((), pairs)
        credential = self.credential()
        auth = credential.profile.kind if credential is not None else AuthKind.API_KEY
        return RequestSpec(
            self._method, self._path, self.target.product, self.target.region, self.target.edge,
            query=query, form=form, auth=auth,
        )  # fmt: skip

    def credential(self) -> Credential | None:
        """The session's credential for the Region the target is processed in, if it has one."""
        if self.session is None:
            return None
        region = self.target.verdict.processing_region or self.target.region_id
        return self.session.credential_for(region)

    def load(self, spec: RequestSpec) -> None:
        """Make `spec` the current request (from the browser or the history), keeping the target."""
        self._method = spec.method
        # Path parameters are written into the path; {AccountSid} stays a parameter the session fills.
        self._path = spec.encoded_path("{AccountSid}")
        self._params = format_params(spec.form if spec.form else spec.query)
        self.query_one(Inspector).set_request_fields(self._method, self._path, self._params)
        self._refresh_request()

    def _refresh_request(self) -> None:
        from explorer.core.curl import Credentials, render_curl
        from explorer.core.snippets import render_node, render_python

        inspector = self.query_one(Inspector)
        try:
            spec = self.spec()
        except ExplorerError as error:
            inspector.request = RequestView(
                "", "", "", "", (), (), (), "", "", "", error=f"{error.message} — {error.hint}"
            )
            return
        account_sid = self.session.account_sid if self.session else "$TWILIO_ACCOUNT_SID"
        credential = self.credential()
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
        event.stop()
        self._method, self._path, self._params = event.method, event.path, event.params
        self._refresh_request()

    def on_inspector_send_requested(self, event: Inspector.SendRequested) -> None:
        event.stop()
        self.send()

    def send(self, spec: RequestSpec | None = None) -> None:
        """Send `spec` (default: the current request) in an exclusive worker; a new send cancels the last."""
        from explorer.ui.explain import explain_error

        if self.session is None:
            self.notify("The session is still loading; try again in a moment.", title="Not ready")
            return
        try:
            spec = spec or self.spec()
        except ExplorerError as error:
            self.notify(f"{error.message} {error.hint}".strip(), title=error.title, severity="error")
            return
        if self.read_only and spec.method != "GET":
            self.notify(f"{spec.method} is a write, and the app was started with --read-only.",
                        title="Read-only", severity="warning")  # fmt: skip
            return
        credential = self.credential()
        target, session = self.target, self.session
        url = spec.url(session.account_sid)
        if credential is None:
            self._show(Outcome(target, url, None, explain_error(InputError(
                f"the session {session.name!r} has no credential for {target.region_id.upper()}",
                hint="use :profile NAME with a profile of that Region"), target)))  # fmt: skip
            return
        self.query_one(Inspector).sending = True
        self._send_worker(spec, credential, target, session, url)

    @work(exclusive=True, group="request")
    async def _send_worker(
        self, spec: RequestSpec, credential: Credential, target: Target, session: Session, url: str
    ) -> None:
        from explorer.ui.explain import explain_error, explain_exchange

        client = None
        try:
            client = session.client()  # a missing CA file fails here: explained like any failed send
            exchange = await client.send(spec, credential)
            outcome = Outcome(target, exchange.url, exchange, explain_exchange(exchange, target))
        except ExplorerError as error:
            outcome = Outcome(target, url, None, explain_error(error, target))
        finally:
            if client is not None:
                await client.aclose()
        if target != self.target or session is not self.session:
            return  # a stale response is never shown against another target
        self._show(outcome)
        self.post_message(self.Sent(self, spec, outcome))

    def show_exchange(self, exchange: Exchange, spec: RequestSpec | None) -> None:
        """Show an exchange made elsewhere (the browser) as the current request and its response."""
        from explorer.ui.explain import explain_exchange

        if spec is not None:
            self.load(spec)
        self._show(Outcome(self.target, exchange.url, exchange, explain_exchange(exchange, self.target)))

    def _show(self, outcome: Outcome) -> None:
        self.outcome = outcome
        inspector = self.query_one(Inspector)
        inspector.sending = False
        inspector.outcome = outcome

    def restyle(self, pygments_style: str) -> None:
        """Use another pygments style for response bodies (after a theme switch)."""
        inspector = self.query_one(Inspector)
        inspector.pygments_style = pygments_style
        inspector.outcome = None
        inspector.outcome = self.outcome
