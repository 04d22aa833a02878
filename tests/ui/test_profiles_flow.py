"""Profiles as a user meets them in the app: session profiles usable, the profile opened at start, the panel's form.

The app is built by `explorer.assembly.build_app`, as `twilio-explorer` builds it: the demo is the real local
simulator, and the profiles are one book in a temporary directory with an in-memory secret store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from explorer.assembly import NO_PROFILE_HINT, build_app, start_profile
from explorer.core.errors import ProfileNotFoundError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile
from explorer.model.options import Options
from explorer.ui.app import ExplorerApp
from explorer.ui.profiles.form import SAVE_KEYRING, SAVE_SESSION
from explorer.ui.profiles.panel import CredentialPanel
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS
from tests.ui.helpers import command, ready
from tests.ui.notices import notices
from tests.ui.panel_harness import LockedKeyring, PanelHarness, make_book, settle


def _app(tmp_path: Path, book: ProfileBook, **options: object) -> ExplorerApp:
    return build_app(Options(copy_path=tmp_path / "last-curl.sh", profile_book=lambda: book, **options))  # type: ignore[arg-type]


async def _session_named(pilot: Pilot[int], name: str) -> MainScreen:
    screen = await ready(pilot)
    for _ in range(200):
        await pilot.pause(0.02)
        if screen.session is not None and screen.session.name == name:
            return screen
    raise AssertionError(f"the session never became {name!r}: {screen.session and screen.session.name}")


async def _profiles_view(pilot: Pilot[int]) -> CredentialPanel:
    """Press p and wait until the panel has listed the profiles."""
    await pilot.press("p")
    for _ in range(100):
        await pilot.pause(0.02)
        found = pilot.app.screen.query(CredentialPanel)
        if found and found.first().book is not None:
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one(CredentialPanel)


async def _add_session_profile(pilot: Pilot[int], name: str) -> CredentialPanel:
    """In Profiles: `a`, the fields typed in one burst, "for this session only", Save."""
    panel = await _profiles_view(pilot)
    await pilot.press("a", *name, "tab", *ACCOUNT_SID, "tab")
    panel.query_one("#cred-region", Select).value = "au1"
    panel.query_one("#cred-key", Input).value = KEYS["au1"]
    panel.query_one("#cred-secret", Input).value = SECRETS["au1"]
    panel.query_one("#cred-save", Select).value = SAVE_SESSION
    panel.query_one("#cred-secret", Input).focus()
    await pilot.press("enter")
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return panel


async def test_a_session_profile_is_used_by_u_and_by_colon_profile(tmp_path: Path) -> None:
    """a, "for this session only", Save, then u: requests go as that profile; `:profile sess1` finds it too."""
    book = make_book(tmp_path)
    app = _app(tmp_path, book)
    async with app.run_test(size=(120, 30)) as pilot:
        await _session_named(pilot, "demo")
        panel = await _add_session_profile(pilot, "sess1")
        assert panel.status.startswith("Added sess1 (AU1"), panel.status
        table = panel.query_one(DataTable)
        table.focus()
        table.move_cursor(row=[p.name for p in panel.profiles].index("sess1") + 1)  # the demo's row is first
        await pilot.press("u")
        screen = await _session_named(pilot, "sess1")
        assert screen.session is not None and screen.session.source == "session"
        assert "not loaded" not in str(screen.query_one("#header").render())
        await command(pilot, "profile demo")
        await _session_named(pilot, "demo")
        await command(pilot, "profile sess1")
        screen = await _session_named(pilot, "sess1")
        assert [n.title for n in notices(app) if n.severity == "error"] == []


def burst(app: ExplorerApp, *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's or a paste's: all queued before the first is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_in_one_burst_land_in_their_fields(tmp_path: Path) -> None:
    """`a` `mytest` Tab `AC…` with no pause: the name and the Account SID each in their own field."""
    app = _app(tmp_path, make_book(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await _session_named(pilot, "demo")
        panel = await _profiles_view(pilot)
        burst(app, "a", *"mytest", "tab", *ACCOUNT_SID)
        for _ in range(5):
            await pilot.pause()
        assert panel.query_one("#cred-name", Input).value == "mytest"
        assert panel.query_one("#cred-account", Input).value == ACCOUNT_SID


async def test_the_form_keeps_it_for_the_session_when_the_keyring_cannot(tmp_path: Path) -> None:
    """With the keyring shown as unusable, the Add form's "Keep it" starts on "for this session only"."""
    from explorer.core.credential_store import KeyringStore

    usable = PanelHarness(make_book(tmp_path / "a"))
    async with usable.run_test(size=(120, 30)) as pilot:
        panel = await settle(usable, pilot)
        await pilot.press("a")
        assert panel.query_one("#cred-save", Select).value == SAVE_KEYRING
    locked = PanelHarness(make_book(tmp_path / "b", KeyringStore(backend=LockedKeyring())))
    async with locked.run_test(size=(120, 30)) as pilot:
        panel = await settle(locked, pilot)
        assert panel.query_one("#cred-backend").has_class("-unusable")
        await pilot.press("a")
        assert panel.query_one("#cred-save", Select).value == SAVE_SESSION


async def test_a_malformed_sid_error_clears_once_the_field_is_fixed(tmp_path: Path) -> None:
    """Save with a bad Account SID: the error shows; correct the field and the old error goes."""
    app = PanelHarness(make_book(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("a", *"fixme", "tab", *"AC123")
        panel.query_one("#cred-secret", Input).value = SECRETS["us1"]
        panel.query_one("#cred-secret", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "is not an Account SID" in panel.status
        assert panel.query_one("#cred-status").has_class("-error")
        account = panel.query_one("#cred-account", Input)
        account.focus()
        account.value = ACCOUNT_SID
        await pilot.pause()
        assert "is not an Account SID" not in panel.status
        assert not panel.query_one("#cred-status").has_class("-error")


async def test_the_demo_in_use_is_listed_and_marked(tmp_path: Path) -> None:
    """The Profiles list shows the demo (the session in use, marked) above the stored profiles."""
    book = make_book(tmp_path)
    book.add_session(Profile.create("other", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    app = _app(tmp_path, book)
    async with app.run_test(size=(120, 30)) as pilot:
        await _session_named(pilot, "demo")
        panel = await _profiles_view(pilot)
        table = panel.query_one(DataTable)
        names = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert names == ["● demo", "other"]


def test_start_profile_default_then_demo(tmp_path: Path) -> None:
    """No --profile: the default profile if set, else the demo with how to add one; --demo forces the demo."""
    book = make_book(tmp_path)
    assert start_profile(Options(), book) == ("demo", NO_PROFILE_HINT)
    book.add(Profile.create("work", ACCOUNT_SID, "au1", api_key_sid=KEYS["au1"]), SECRETS["au1"])
    book.use("work")
    assert start_profile(Options(), book) == ("work", None)
    assert start_profile(Options(force_demo=True), book) == ("demo", None)
    assert start_profile(Options(profile="demo"), book) == ("demo", None)
    book.remove("work")
    assert book.default_name() is None  # removing the default forgets it
    with pytest.raises(ProfileNotFoundError, match="no profile named 'nosuch'"):
        start_profile(Options(profile="nosuch"), book)


async def test_the_demo_opened_for_want_of_a_profile_says_how_to_add_one(tmp_path: Path) -> None:
    """With no profile and no default, the demo opens and a notice says how to add one."""
    app = _app(tmp_path, make_book(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await _session_named(pilot, "demo")
        assert any("profiles use NAME" in n.message for n in notices(app))
