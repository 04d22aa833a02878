"""The write form in a tiny host app, and the Applications endpoints it is tested on (shared with the snapshots)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from explorer.core.endpoint import Endpoint, EndpointKind, Operation, Param
from explorer.core.request import RequestSpec
from explorer.model.target import Target
from explorer.ui.browser.write_form import WriteFormScreen
from tests.ui.fakes import ACCOUNT_SID

APP_SID = "AP" + "a" * 32
CREATE = Operation(
    "POST",
    (
        Param("AccountSid", "path", "string", required=True),
        Param("FriendlyName", "form", "string", required=True),
        Param("VoiceMethod", "form", "string", enum=("GET", "POST")),
        Param("ApplicationSid", "form", "string", pattern="^AP[0-9a-fA-F]{32}$"),
        Param("Password", "form", "string"),
    ),
)
APPLICATIONS = Endpoint(
    id="api:applications", name="applications", product="api", version="2010-04-01",
    path="/2010-04-01/Accounts/{AccountSid}/Applications.json", kind=EndpointKind.LIST, parent=None,
    list_key="applications", envelope=None, default_columns=(), operations=(CREATE,), max_page_size=None,
    fields=(),
)  # fmt: skip
DELETE_ONE = Endpoint(
    id="api:applications:instance", name="applications", product="api", version="2010-04-01",
    path="/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json", kind=EndpointKind.INSTANCE, parent=None,
    list_key=None, envelope=None, default_columns=(), operations=(Operation("DELETE"),), max_page_size=None,
    fields=(),
)  # fmt: skip


class FormHarness(App[None]):
    """An app that opens the write form at once and keeps what it returns."""

    def __init__(self, screen: WriteFormScreen) -> None:
        super().__init__()
        self.form = screen
        self.results: list[RequestSpec | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def text_of(widget: Static) -> str:
    """What a Static shows."""
    return str(widget.render())


def ie1_form() -> WriteFormScreen:
    """The create form for IE1 (Dublin)."""
    return WriteFormScreen(APPLICATIONS, "POST", target=Target.preset("ie1"), account_sid=ACCOUNT_SID)
