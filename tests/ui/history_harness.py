"""The history pane in a tiny host app, and a sample history of three requests (shared with the snapshots)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from explorer.core.history import History, HistoryEntry
from explorer.core.profiles import Profile
from explorer.core.request import RequestSpec
from explorer.model.session import Session
from explorer.ui.history.pane import HistoryPane
from tests.ui.fakes import ACCOUNT_SID, KEYS

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
IE1 = Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"])
AU1 = Profile.create("sydney", ACCOUNT_SID, "au1", api_key_sid=KEYS["au1"])
SIP_PASSWORD = "Sup3r-secret-SIP-pw"


def sample_history(path: Path) -> History:
    """A history with three requests: an IE1 list, an AU1 create, and an IE1 write with a SIP password."""
    history = History(path)
    ie1_list = RequestSpec(
        "GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="ie1", edge="dublin"
    )
    au1_create = RequestSpec(
        "POST", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney",
        form=(("FriendlyName", "Sydney app"),),
    )  # fmt: skip
    ie1_credential = RequestSpec(
        "POST", "/2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists/{CredentialListSid}/Credentials.json",
        region="ie1", edge="dublin", path_params=(("CredentialListSid", "CL" + "1" * 32),),
        form=(("Username", "alice"), ("Password", SIP_PASSWORD)),
    )  # fmt: skip
    for number, (spec, profile, status) in enumerate(
        ((ie1_list, IE1, 200), (au1_create, AU1, 201), (ie1_credential, IE1, 201))
    ):
        entry = HistoryEntry.from_outcome(
            spec,
            profile,
            host=spec.fqdn,
            status=status,
            duration=0.1,
            sent_at=WHEN + timedelta(minutes=number),
        )
        history.append(entry)
    return history


class HistoryHarness(App[None]):
    """The pane alone, owned the way the main screen owns it; records the messages it posts."""

    def __init__(
        self,
        history: History | None,
        export_path: Path | None = None,
        copy_path: Path | None = None,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        self._history = history
        self._export_path = export_path
        self._copy_path = copy_path
        self._session = session
        self.sent: list[HistoryPane.SendAgain] = []
        self.clipboard_text = ""

    def compose(self) -> ComposeResult:
        yield HistoryPane(id="history")

    def on_mount(self) -> None:
        pane = self.query_one(HistoryPane)
        pane.export_path = self._export_path
        pane.copy_path = self._copy_path
        pane.session = self._session
        pane.history = self._history
        self.query_one(DataTable).focus()

    def copy_to_clipboard(self, text: str) -> None:
        self.clipboard_text = text

    @on(HistoryPane.SendAgain)
    def _send_again(self, event: HistoryPane.SendAgain) -> None:
        self.sent.append(event)
