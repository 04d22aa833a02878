"""The credential panel in a tiny host app, and what its tests share: a book in a temp dir, typing, settling.

Used by the panel's Pilot tests, its snapshots and the end-to-end test on a real Secret Service.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked
from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from explorer.core.client import ExplorerClient
from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import CredentialStore, InMemoryStore
from explorer.core.profile_book import ProfileBook
from explorer.sim.server import Simulator
from explorer.ui.profiles.panel import CredentialPanel
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS
from tests.ui.helpers import paste
from tests.ui.notices import notices

ENVIRON = {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_API_KEY": KEYS["au1"], "TWILIO_API_SECRET": SECRETS["au1"],
           "TWILIO_REGION": "au1"}  # fmt: skip


class LockedKeyring(KeyringBackend):
    """A keyring whose collection stays locked, as a Secret Service does after a wrong unlock password."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("Failed to unlock the collection!")


def make_book(
    tmp_path: Path, store: CredentialStore | None = None, environ: dict[str, str] | None = None
) -> ProfileBook:
    """A book in tmp_path with an in-memory store (or `store`) and no environment profile (or `environ`)."""
    return ProfileBook(
        ProfilesFile(tmp_path / "profiles.toml"), store or InMemoryStore(), environ=environ or {}
    )


class PanelHarness(App[None]):
    """The panel alone, with its owner's attributes set; records the messages it posts."""

    def __init__(self, book: ProfileBook, factory: Callable[[], ExplorerClient] | None = None) -> None:
        super().__init__()
        self._book = book
        self._factory = factory
        self.used: list[str] = []

    def compose(self) -> ComposeResult:
        yield CredentialPanel(id="credentials")

    def on_mount(self) -> None:
        panel = self.query_one(CredentialPanel)
        panel.client_factory = self._factory
        panel.book = self._book
        panel.query_one(DataTable).focus()

    @on(CredentialPanel.UseProfile)
    def _use(self, event: CredentialPanel.UseProfile) -> None:
        self.used.append(event.name)


async def settle(app: App[None], pilot: Pilot[None]) -> CredentialPanel:
    """Wait for the panel's thread workers (an operation, then the reload it starts)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    return app.query_one(CredentialPanel)


def screen_text(app: App[None]) -> str:
    """Everything the terminal shows, as an SVG's text."""
    return app.export_screenshot()


def notifications(app: App[None]) -> str:
    """Every notification's title and message."""
    return " ".join(f"{n.title} {n.message}" for n in notices(app))


async def type_into(pilot: Pilot[None], panel: CredentialPanel, widget_id: str, text: str) -> None:
    """Focus an input of the panel's form and paste `text` into it (the tmux end-to-end test types)."""
    panel.query_one(f"#{widget_id}", Input).focus()
    await paste(pilot, text)


def sim_factory(sim: Simulator) -> Callable[[], ExplorerClient]:
    """Clients that reach the simulator through its proxy, trusting its CA."""
    return lambda: ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context())
