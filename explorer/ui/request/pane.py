"""The request view: the region/edge picker beside the inspector, and the worker that sends the request.

The screen sets `target`, `session` and `revealed` (attributes down); the pane builds the request, shows it,
sends it in an exclusive worker and posts `Sent` up with what came back. The secret is shown only while the
current request is the one `revealed` was agreed for (`reveal.RevealScope`); the pane hides it as soon as
they differ and posts `RevealEnded` up. Anything else that fetches (the
resource browser, the history) hands its exchange to `show_exchange`, so every request is one key away.

Nothing is sent twice, nothing is lost. A read (GET) in flight is cancelled by the next send, a change of
target or session. A write (POST, PUT, PATCH, DELETE) is not: cancelling it here would not undo it on the
server, so while one is in flight every send is refused with a notice (wait, or cancel it with `x`), and a
change of target lets it finish unseen. Every request that left the machine is posted as `Sent` with its
history entry, answered or not (`cancelled`, `reset`, `timeout`, `failed`), so the history and the server
agree; a request refused before any I/O (scope, invalid input) did not leave and is not posted.
"""

from __future__ import annotations

__all__ = ["RequestPane", "is_write"]

import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker

from explorer.core.errors import ExplorerError, RegionScopeError, as_explorer_error
from explorer.core.history_entry import HistoryEntry
from explorer.core.param_text import format_params, parse_params
from explorer.core.request import AuthKind, RequestSpec
from explorer.model.outcome import Outcome, RequestView
from explorer.model.reveal import RevealScope, reveal_scope
from explorer.model.session import Session
from explorer.model.target import DEFAULT_PATH, Target
from explorer.ui.errors import error_text, notify_error
from explorer.ui.request.inspector import Inspector
from explorer.ui.request.region_picker import RegionPicker
from explorer.ui.throttled import Throttled

if TYPE_CHECKING:
    from explorer.core.exchange import Exchange
    from explorer.core.profiles import Credential

_READS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing on the server; every other one is a write and is never sent twice."""


def is_write(method: str) -> bool:
    """True for POST, PUT, PATCH, DELETE (anything but a read)."""
    return method.upper() not in _READS


class RequestPane(Horizontal):
    """Picker and inspector; owns the current request and sends it."""

    @dataclass
    class Sent(Message):
        """A request left the machine, answered or not; for the history."""

        pane: RequestPane
        """The pane that sent it."""
        spec: RequestSpec
        """The request as sent."""
        entry: HistoryEntry
        """Its history entry: the status, or why none came back (`cancelled`, `reset`, ...)."""

        @property
        def control(self) -> RequestPane:
            """The pane that sent it."""
            return self.pane

    @dataclass
    class RevealEnded(Message):
        """The request changed, so the secret it was revealed for is hidden again."""

        pane: RequestPane
        """The pane whose request changed."""

        @property
        def control(self) -> RequestPane:
            """The pane whose request changed."""
            return self.pane

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go (set by the screen)."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as (set by the screen); None while it loads."""
    revealed: reactive[RevealScope | None] = reactive(None, init=False)
    """The request the user agreed to show the secret for (set by the screen after it asked), or None."""

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
        self._write: tuple[Worker[None], RequestSpec] | None = None
        """The last write sent and its worker (in flight until the worker finishes)."""
        self._shown_elsewhere = Throttled(self, 0.25, self._show_exchange_now)

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
        """Cancel a read in flight and forget the last outcome: it belongs to the old target.

        A write in flight is left to finish (cancelling it here would not undo it on the server): its answer
        goes to the history, never onto the new target's screen.
        """
        write = self.write_in_flight
        for worker in self._request_workers():
            if write is None or worker is not write[0]:
                worker.cancel()
        self.outcome = None
        inspector = self.query_one(Inspector)
        inspector.sending = False
        inspector.outcome = None

    def cancel_sending(self) -> None:
        """Cancel whatever is in flight, a write included (the user asked: `x`); say what that means."""
        write = self.write_in_flight
        workers = self._request_workers()
        if not workers:
            self.notify("Nothing is being sent.", title="Nothing to cancel")
            return
        for worker in workers:
            worker.cancel()
        self.query_one(Inspector).sending = False
        if write is not None:
            spec = write[1]
            self.notify(
                f"Stopped waiting for the {spec.method}. The server may still have done it: check before "
                "sending it again. The history records it as cancelled.",
                title="Write cancelled here",
                severity="warning",
                timeout=10,
            )

    def _request_workers(self) -> list[Worker[None]]:
        return [w for w in self.workers if w.node is self and w.group == "request" and not w.is_finished]

    @property
    def write_in_flight(self) -> tuple[Worker[None], RequestSpec] | None:
        """The write being sent and its worker, or None when no write is in flight."""
        if self._write is not None and self._write[0].is_finished:
            self._write = None
        return self._write

    def refuse_while_writing(self) -> bool:
        """True, after saying so, when a write is in flight: nothing else may be sent until it is done."""
        write = self.write_in_flight
        if write is None:
            return False
        spec = write[1]
        self.notify(
            f"A write is in flight ({spec.method} to {spec.fqdn}): wait for its answer, or press x to cancel "
            "it. Nothing else is sent meanwhile, so it is never sent twice.",
            title="A write is in flight",
            severity="warning",
        )
        return True

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
        """The session's credential for the target (`Session.credential_for`), if it has one."""
        return self.session.credential_for(self.target) if self.session is not None else None

    def reveal_scope(self) -> RevealScope:
        """The scope a reveal of the secret would have for the current request.

        Raises:
            ExplorerError: no session or credential, an invalid request, or a host outside the credential's
                Region (`RegionScopeError`, saying why).
        """
        return reveal_scope(self.session, self.target, self.spec())

    def _end_reveal(self) -> None:
        # Quietly here (no watcher runs again), and up to the screen, which owns the agreement.
        self.set_reactive(RequestPane.revealed, None)
        self.post_message(self.RevealEnded(self))

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

        inspector = self.query_one(Inspector)
        try:
            spec = self.spec()
        except ExplorerError as error:
            inspector.request = RequestView.invalid(error_text(error).plain)
            return
        credential = self.credential()
        inline = None
        if self.revealed is not None:
            try:
                current: RevealScope | None = self.reveal_scope()
            except ExplorerError:
                current = None
            if credential is not None and self.revealed.covers(current):
                inline = Credentials.of(credential)
            else:
                self._end_reveal()
        try:
            curl = render_curl(spec, inline=inline, multiline=True)
        except RegionScopeError as error:
            # The scope above already holds the rule; the core applies it again, and its refusal wins.
            self._end_reveal()
            notify_error(self, error)
            inline, curl = None, render_curl(spec, multiline=True)
        account_sid = self.session.account_sid if self.session else "$TWILIO_ACCOUNT_SID"
        inspector.request = RequestView.of(
            spec, self.target, account_sid=account_sid, credential=credential, curl=curl,
            revealed=inline is not None,
        )  # fmt: skip

    def on_inspector_edited(self, event: Inspector.Edited) -> None:
        event.stop()
        self._method, self._path, self._params = event.method, event.path, event.params
        self._refresh_request()

    def on_inspector_send_requested(self, event: Inspector.SendRequested) -> None:
        event.stop()
        self.send()

    def send(self, spec: RequestSpec | None = None) -> None:
        """Send `spec` (default: the current request) in an exclusive worker; a new send cancels a read.

        While a write is in flight nothing is sent (a notice says why): the server may be doing it already.
        """
        from explorer.core.scoping import check_scope
        from explorer.model.explain import explain_error

        if self.session is None:
            self.notify("The session is still loading; try again in a moment.", title="Not ready")
            return
        if self.refuse_while_writing():
            return
        try:
            spec = spec or self.spec()
        except ExplorerError as error:
            notify_error(self, error)
            return
        if self.read_only and spec.method != "GET":
            self.notify(f"{spec.method} is a write, and the app was started with --read-only.",
                        title="Read-only", severity="warning")  # fmt: skip
            return
        credential = self.credential()
        target, session = self.target, self.session
        url = spec.url(session.account_sid)
        try:
            if credential is None:
                raise session.missing_credential(target, url)
            # The client checks this too; checked here so that a refusal is known to have happened before
            # any I/O. Such a request never left the machine, so it is shown but not recorded in the history.
            check_scope(credential.profile, url)
        except ExplorerError as error:
            self._show(Outcome(target, url, None, explain_error(error, target)))
            return
        self.query_one(Inspector).sending = True
        worker = self._send_worker(spec, credential, target, session, url)
        if is_write(spec.method):
            self._write = (worker, spec)

    @work(exclusive=True, group="request")
    async def _send_worker(
        self, spec: RequestSpec, credential: Credential, target: Target, session: Session, url: str
    ) -> None:
        from explorer.model.explain import explain_error
        from explorer.model.sending import send_recorded

        clock = session.clock or time.perf_counter
        sent_at, started = datetime.now(UTC), clock()

        def record(entry: HistoryEntry) -> None:
            # Posted at once, before the client is let go: a cancel arriving while it closes must not lose it.
            self.post_message(self.Sent(self, spec, entry))

        # The session's client, held open until this request is done: a write goes on to its answer even if
        # the session is replaced meanwhile.
        async with AsyncExitStack() as held:
            try:
                # Building the client reads the CA bundle, which may be gone (SSL_CERT_FILE). Nothing has left
                # the machine yet, so the failure is shown and not recorded.
                client = await held.enter_async_context(session.in_use())
            except Exception as error:  # noqa: BLE001 - a bug must still end as a failed request, not a crash
                if target == self.target and session is self.session:
                    failure = as_explorer_error(error, "opening the connection")
                    self._show(Outcome(target, url, None, explain_error(failure, target)))
                return
            sent, outcome = await send_recorded(
                client, spec, credential, target, url=url, clock=clock, sent_at=sent_at, started=started,
                record=record,
            )  # fmt: skip
        if target != self.target or session is not self.session:
            # A stale response is never shown against another target; a write's result is still announced.
            if sent is not None and is_write(spec.method):
                self.notify(
                    f"The {spec.method} sent to {spec.fqdn} before the switch finished: {sent.outcome}. "
                    "It is in the history (h).",
                    title="Earlier write finished",
                )
            return
        self._show(outcome)

    def show_exchange(self, exchange: Exchange, spec: RequestSpec | None) -> None:
        """Show an exchange made elsewhere (the browser) as the current request and its response; a load-all's
        pages at most 4 times a second, the last one always (see `ui/throttled.py`)."""
        self._shown_elsewhere((exchange, spec))

    def _show_exchange_now(self, shown: tuple[Exchange, RequestSpec | None]) -> None:
        from explorer.model.explain import explain_exchange

        exchange, spec = shown
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
        # The inspector re-draws its body itself when the style changes.
        inspector.pygments_style = pygments_style
