"""`:doctor`: the doctor's rows for the current target and session, shown one by one as each step finishes.

The steps run in a thread worker (they block on sockets and on the credential's GET); each row is posted to
the screen as it comes. Esc closes the screen and cancels the worker: the run stops after the step in hand
(each is bounded by the checkup's timeout), closes its client and tunnel, and leaves nothing behind.
"""

from __future__ import annotations

__all__ = ["DoctorScreen"]

import os
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from explorer.core.errors import ExplorerError
from explorer.model.doctor import STEPS, Checkup, Step, StepVerdict, run_doctor, session_checkup
from explorer.model.session import Session
from explorer.model.target import Target
from explorer.ui.text import append_plain, plain


class DoctorScreen(ModalScreen[None]):
    """The doctor's report for one target and session."""

    DEFAULT_CSS = """
    DoctorScreen { align: center middle; }
    DoctorScreen #doctor-box {
        width: 90%; height: 80%; border: thick $primary; background: $surface; padding: 0 1;
    }
    DoctorScreen #doctor-title { text-style: bold; margin-bottom: 1; }
    DoctorScreen #doctor-status { color: $text-muted; margin-top: 1; }
    DoctorScreen .doctor-row { height: auto; margin-bottom: 1; }
    DoctorScreen .verdict { width: 6; text-style: bold; }
    DoctorScreen .verdict.pass { color: $success; }
    DoctorScreen .verdict.warn { color: $warning; }
    DoctorScreen .verdict.fail { color: $error; }
    DoctorScreen .verdict.skip { color: $text-muted; }
    DoctorScreen .finding { width: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="doctor.close", tooltip="Stop the checks and close"),
    ]

    def __init__(self, target: Target, session: Session | None) -> None:
        super().__init__()
        self._target = target
        self._session = session
        self.steps: list[Step] = []
        """The rows shown so far (tests read them)."""
        self.finished = False
        """True once every step has run (or the run could not start)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="doctor-box"):
            yield Static(plain(f"doctor: {self._target.fqdn}"), id="doctor-title")
            yield VerticalScroll(id="doctor-rows")
            yield Static(plain("starting…"), id="doctor-status")

    def on_mount(self) -> None:
        if self._session is None:
            self._finish("no session yet: wait for it to load, then run :doctor again")
            return
        try:
            checkup = session_checkup(self._session, self._target, os.environ)
        except ExplorerError as error:
            self._finish(error.text())
            return
        self._status(f"checking {STEPS[0][1]}…")
        self._run(checkup)

    @work(thread=True, exclusive=True, group="doctor")
    def _run(self, checkup: Checkup) -> None:
        worker = get_current_worker()
        running = run_doctor(checkup)
        try:
            for step in running:
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._add, step)
        finally:
            running.close()  # closes the client and any tunnel, whether it ended or was cancelled
        if not worker.is_cancelled:
            failed = [s.title for s in self.steps if s.verdict is StepVerdict.FAIL]
            self.app.call_from_thread(
                self._finish, f"failed: {', '.join(failed)}" if failed else "every step passed"
            )

    def _add(self, step: Step) -> None:
        self.steps.append(step)
        text = plain(f"{step.title:<16} ", "bold")
        # Rows quote proxies' reason phrases and Twilio's messages: text, never markup.
        append_plain(text, step.detail, multiline=True)
        for number, fix in enumerate(step.fix.splitlines()):
            append_plain(text, f"\n{'fix:' if number == 0 else '    '} {fix}", "italic", multiline=True)
        verdict = Static(step.verdict.upper(), classes=f"verdict {step.verdict}")
        row = Horizontal(verdict, Static(text, classes="finding"), classes="doctor-row")
        self.query_one("#doctor-rows", VerticalScroll).mount(row)
        following = len(self.steps)
        if following < len(STEPS):
            self._status(f"checking {STEPS[following][1]}…")

    def _status(self, text: str) -> None:
        self.query_one("#doctor-status", Static).update(plain(text))

    def _finish(self, text: str) -> None:
        self.finished = True
        self._status(text + " (Esc closes)")

    def action_close(self) -> None:
        """Stop the run (after the step in hand) and close."""
        self.workers.cancel_group(self, "doctor")
        self.dismiss(None)
