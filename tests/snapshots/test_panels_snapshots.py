"""What the credential panel, the write form and the history look like, at 120x40 and 80x24.

Deterministic: in-memory or failing secret stores, fixed SIDs and times, relative file paths, no network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from explorer.core.credential_store import KeyringStore
from explorer.core.history import History
from explorer.core.profiles import Profile
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS
from tests.ui.helpers import paste
from tests.ui.history_harness import HistoryHarness, sample_history
from tests.ui.panel_harness import ENVIRON, PanelHarness, make_book
from tests.ui.write_form_harness import APP_SID, FormHarness, ie1_form


async def settled(pilot: Pilot[None]) -> None:
    """Wait for thread workers and the frames after them."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


# -- the credential panel --------------------------------------------------------------------------------


def listed_book(tmp_path: Path) -> Any:
    """A saved IE1 key, the AU1 environment profile and a US1 session profile, in memory."""
    book = make_book(tmp_path, environ=ENVIRON)
    book.add(Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    book.add_session(Profile.create("scratch", ACCOUNT_SID, "us1"), SECRETS["us1"])
    return book


def test_panel_profiles(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """The panel lists each profile with its Region, host, credential and source, and names the secret store."""
    assert snap_compare(PanelHarness(listed_book(tmp_path)), terminal_size=size, run_before=settled)


def test_panel_add_form_masks_the_secret(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """a opens the add form; the typed secret shows as dots."""

    async def run(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press("a")
        await paste(pilot, "sydney")
        panel = pilot.app.query_one("#credentials")
        panel.query_one("#cred-account", Input).value = ACCOUNT_SID
        panel.query_one("#cred-region", Select).value = "au1"
        panel.query_one("#cred-key", Input).value = KEYS["au1"]
        panel.query_one("#cred-secret", Input).focus()
        await paste(pilot, SECRETS["au1"])
        await pilot.pause()

    assert snap_compare(PanelHarness(listed_book(tmp_path)), terminal_size=size, run_before=run)


def test_panel_without_a_keyring(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    """With no OS keyring the panel names the fail backend, explains why and what to do, and still lists profiles."""
    book = make_book(tmp_path, KeyringStore(backend=keyring.backends.fail.Keyring()), environ=ENVIRON)
    assert snap_compare(PanelHarness(book), terminal_size=size, run_before=settled)


# -- the write form and its confirmation -----------------------------------------------------------------


def test_write_form_problems(snap_compare: Any, size: tuple[int, int]) -> None:
    """Review with a bad ApplicationSid and no FriendlyName marks both fields with their problems."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#field-2", Input).value = "AP123"
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(FormHarness(ie1_form()), terminal_size=size, run_before=run)


def test_write_confirmation(snap_compare: Any, size: tuple[int, int]) -> None:
    """A valid form leads to the confirmation naming Region IE1, the Dublin host and the Account, with the curl."""

    async def run(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#field-0", Input).value = "Dublin app"
        screen.query_one("#field-1", Select).value = "POST"
        screen.query_one("#field-2", Input).value = APP_SID
        screen.query_one("#field-3", Input).value = "hunter2-secret"
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(FormHarness(ie1_form()), terminal_size=size, run_before=run)


# -- the history -----------------------------------------------------------------------------------------


def test_history_pane(
    snap_compare: Any, size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history lists requests newest first; the selected one says its Password must be entered again."""
    monkeypatch.chdir(tmp_path)
    history = sample_history(Path("history.jsonl"))
    assert isinstance(history, History)

    async def run(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press("down", "space")
        await pilot.press("up")
        await pilot.pause()

    assert snap_compare(HistoryHarness(history), terminal_size=size, run_before=run)
