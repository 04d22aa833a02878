"""The credential panel: profiles with Region and source, add/edit/import/verify/login/remove, explained failures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
from textual.widgets import DataTable, Input, Select

from explorer.core.credential_store import InMemoryStore, KeyringStore
from explorer.core.errors import ConfigFileError
from explorer.core.profiles import Profile
from explorer.sim.server import Simulator, start_simulator
from explorer.ui.dialogs.confirm import ConfirmScreen
from explorer.ui.profiles.panel import CredentialPanel
from tests.ui.fakes import ACCOUNT_SID, KEYS, SECRETS
from tests.ui.panel_harness import (
    ENVIRON,
    LockedKeyring,
    PanelHarness,
    make_book,
    notifications,
    screen_text,
    settle,
    sim_factory,
    type_into,
)


def rows(panel: CredentialPanel) -> list[list[str]]:
    """The table's rows as text."""
    table = panel.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_profiles_are_listed_with_region_and_source(tmp_path: Path) -> None:
    """Saved, environment and session profiles are listed with Region, host and source; the store is named."""
    book = make_book(tmp_path, environ=ENVIRON)
    book.add(Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    book.add_session(Profile.create("scratch", ACCOUNT_SID, "us1", api_key_sid=KEYS["us1"]), SECRETS["us1"])
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        assert rows(panel) == [
            ["dublin", "IE1", "api.dublin.ie1.twilio.com", f"API key {KEYS['ie1']}", "keyring"],
            ["env", "AU1", "api.sydney.au1.twilio.com", f"API key {KEYS['au1']}", "environment"],
            ["scratch", "US1", "api.twilio.com", f"API key {KEYS['us1']}", "session"],
        ]
        assert (
            str(panel.query_one("#cred-backend").render()) == "Secrets: memory (this session only) · usable"
        )
        assert all(secret not in screen_text(app) for secret in SECRETS.values())


async def test_add_a_profile_with_a_masked_secret(tmp_path: Path) -> None:
    """a opens the form; the secret is typed masked, saved to the store, cleared, and never shown."""
    store = InMemoryStore()
    book = make_book(tmp_path, store)
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("a")
        secret_input = panel.query_one("#cred-secret", Input)
        assert secret_input.password is True
        await type_into(pilot, panel, "cred-name", "dublin")
        await type_into(pilot, panel, "cred-account", ACCOUNT_SID)
        panel.query_one("#cred-region", Select).value = "ie1"
        await type_into(pilot, panel, "cred-key", KEYS["ie1"])
        await type_into(pilot, panel, "cred-secret", SECRETS["ie1"])
        assert SECRETS["ie1"] not in screen_text(app)  # masked while typed
        await pilot.press("enter")
        assert secret_input.value == ""  # cleared the moment it was read
        panel = await settle(app, pilot)
        assert store.get_secret("dublin") == SECRETS["ie1"]
        assert rows(panel)[0][:2] == ["dublin", "IE1"]
        assert panel.status.startswith(f"Saved dublin (IE1, API key {KEYS['ie1']}, from keyring)")
        assert SECRETS["ie1"] not in screen_text(app) + notifications(app) + panel.status


async def test_a_malformed_sid_is_explained_without_echoing_it(tmp_path: Path) -> None:
    """A secret pasted into the API key SID field is refused, shown only by its first four characters."""
    app = PanelHarness(make_book(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("a")
        await type_into(pilot, panel, "cred-name", "oops")
        await type_into(pilot, panel, "cred-account", ACCOUNT_SID)
        await type_into(pilot, panel, "cred-key", SECRETS["us1"])
        await type_into(pilot, panel, "cred-secret", SECRETS["us1"])
        await pilot.press("enter")
        await pilot.pause()
        assert "is not an API key SID" in panel.status
        assert panel.query_one("#cred-status").has_class("-error")
        assert SECRETS["us1"] not in panel.status + screen_text(app)  # the mistaken key field is cleared
        assert panel.query_one("#cred-form").has_class("-open")  # the form stays open to correct it


async def test_no_keyring_backend_is_explained_and_session_profiles_still_work(tmp_path: Path) -> None:
    """With keyring's fail backend the panel says why secrets cannot be saved; a session profile still works."""
    book = make_book(tmp_path, KeyringStore(backend=keyring.backends.fail.Keyring()))
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        backend = str(panel.query_one("#cred-backend").render())
        assert "keyring.backends.fail.Keyring" in backend and "cannot store secrets now" in backend
        assert "no OS keyring is available" in panel.status
        assert "gnome-keyring" in panel.status  # what to do
        await pilot.press("a")
        assert panel.query_one("#cred-save", Select).value == "session"  # the default that can succeed
        await type_into(pilot, panel, "cred-name", "kept")
        await type_into(pilot, panel, "cred-account", ACCOUNT_SID)
        panel.query_one("#cred-save", Select).value = "keyring"  # asked for anyway: explained
        await type_into(pilot, panel, "cred-secret", SECRETS["us1"])
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert "no OS keyring is available" in panel.status and panel.query_one("#cred-status").has_class(
            "-error"
        )
        assert rows(panel) == []
        await pilot.press("a")
        await type_into(pilot, panel, "cred-name", "kept")
        await type_into(pilot, panel, "cred-account", ACCOUNT_SID)
        panel.query_one("#cred-save", Select).value = "session"
        await type_into(pilot, panel, "cred-secret", SECRETS["us1"])
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert [row[0] for row in rows(panel)] == ["kept"] and rows(panel)[0][4] == "session"
        assert panel.status.startswith("Added kept (US1, Auth Token, from session)")


async def test_a_locked_keyring_is_explained(tmp_path: Path) -> None:
    """A locked keyring says it is locked and how to unlock it, when listing and when verifying."""
    book = make_book(tmp_path, KeyringStore(backend=LockedKeyring()))
    with book.file.editing() as saved:
        saved["dublin"] = Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"])
    app = PanelHarness(book, factory=lambda: pytest.fail("no request may be made without a secret"))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        assert "Keyring locked" in panel.status and "unlock the keyring" in panel.status
        await pilot.press("v")
        panel = await settle(app, pilot)
        assert "is locked and could not be unlocked to read the secret for profile 'dublin'" in panel.status
        assert rows(panel)[0][0] == "dublin"  # the panel still lists what it can


async def test_a_missing_keyring_entry_is_explained(tmp_path: Path) -> None:
    """A saved profile whose secret is gone from the store says so when verified."""
    book = make_book(tmp_path)
    with book.file.editing() as saved:
        saved["dublin"] = Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"])
    app = PanelHarness(book, factory=lambda: pytest.fail("no request may be made without a secret"))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("v")
        panel = await settle(app, pilot)
        assert "Secret missing: no secret is held in memory for profile 'dublin'" in panel.status


async def test_a_damaged_profiles_file_is_restored_and_said(tmp_path: Path) -> None:
    """A damaged profiles file is restored from its backup; the panel says so and lists the profiles."""
    book = make_book(tmp_path)
    book.add(Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    book.add(Profile.create("sydney", ACCOUNT_SID, "au1", api_key_sid=KEYS["au1"]), SECRETS["au1"])
    book.file.path.write_text("[[[ not toml")
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        assert "Profiles file restored" in panel.status
        assert panel.query_one("#cred-status").has_class("-warning")
        assert rows(panel)[0][0] == "dublin"


async def test_use_posts_the_profile_name(tmp_path: Path) -> None:
    """Enter on a profile posts UseProfile with its name."""
    book = make_book(tmp_path)
    book.add_session(Profile.create("scratch", ACCOUNT_SID, "us1", api_key_sid=KEYS["us1"]), SECRETS["us1"])
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.used == ["scratch"]


async def test_remove_asks_first(tmp_path: Path) -> None:
    """d asks before removing; Cancel keeps the profile, Remove deletes it and its secret."""
    store = InMemoryStore()
    book = make_book(tmp_path, store)
    book.add(Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-no")
        panel = await settle(app, pilot)
        assert [row[0] for row in rows(panel)] == ["dublin"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        panel = await settle(app, pilot)
        assert rows(panel) == []
        assert store.delete_secret("dublin") is False  # the secret went first
        assert panel.status.startswith("Removed dublin (IE1")


async def test_import_environment(tmp_path: Path) -> None:
    """m saves the TWILIO_* environment profile under a name, secret in the store."""
    store = InMemoryStore()
    app = PanelHarness(make_book(tmp_path, store, environ=ENVIRON))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("m")
        assert panel.query_one("#cred-secret-row").display is False
        await type_into(pilot, panel, "cred-name", "sydney")
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert store.get_secret("sydney") == SECRETS["au1"]
        assert [row[0] for row in rows(panel)] == ["env", "sydney"]
        assert panel.status.startswith("Imported the TWILIO_* environment profile as sydney (AU1")


async def test_edit_keeps_the_secret_when_left_empty(tmp_path: Path) -> None:
    """e changes a profile's settings; an empty secret keeps the stored one, which is never shown."""
    store = InMemoryStore()
    book = make_book(tmp_path, store)
    book.add(Profile.create("dublin", ACCOUNT_SID, "ie1", api_key_sid=KEYS["ie1"]), SECRETS["ie1"])
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("e")
        assert panel.query_one("#cred-name", Input).disabled
        assert panel.query_one("#cred-secret", Input).value == ""
        key = panel.query_one("#cred-key", Input)
        key.value = ""
        await type_into(pilot, panel, "cred-key", KEYS["au1"])
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert book.get("dublin").api_key_sid == KEYS["au1"]
        assert store.get_secret("dublin") == SECRETS["ie1"]
        assert panel.status.startswith("Updated dublin")


# -- against the real simulator ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """The local regional simulator, on loopback."""
    with start_simulator() as simulator:
        yield simulator


async def test_verify_against_the_simulator_shows_the_regional_result(sim: Simulator, tmp_path: Path) -> None:
    """v on an IE1 profile says it works on api.dublin.ie1.twilio.com; a US1 key saved as AU1 is explained."""
    book = make_book(tmp_path)
    ie1, us1 = sim.credentials["ie1"], sim.credentials["us1"]
    book.add(
        Profile.create("dublin", sim.account_sid, "ie1", api_key_sid=ie1.api_key_sid), ie1.api_key_secret
    )
    book.add(Profile.create("wrong", sim.account_sid, "au1", api_key_sid=us1.api_key_sid), us1.api_key_secret)
    app = PanelHarness(book, factory=sim_factory(sim))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("v")
        panel = await settle(app, pilot)
        assert panel.status == (
            "✓ IE1 profile 'dublin' works on api.dublin.ie1.twilio.com: account 'Demo account (simulator)' (active)"
        )
        await pilot.press("down", "v")
        panel = await settle(app, pilot)
        assert panel.status.startswith(
            "✗ AU1 profile 'wrong' was refused by api.sydney.au1.twilio.com: HTTP 401"
        )
        assert "was not issued in AU1" in panel.status
        assert ie1.api_key_secret not in screen_text(app) and us1.api_key_secret not in screen_text(app)


async def test_login_turns_an_auth_token_into_a_saved_key(sim: Simulator, tmp_path: Path) -> None:
    """l with AU1's Auth Token creates an AU1 API key and saves it; the token is not kept anywhere."""
    store = InMemoryStore()
    book = make_book(tmp_path, store)
    token = sim.credentials["au1"].auth_token
    app = PanelHarness(book, factory=sim_factory(sim))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("l")
        assert panel.query_one("#cred-key-row").display is False
        await type_into(pilot, panel, "cred-name", "sydney")
        await type_into(pilot, panel, "cred-account", sim.account_sid)
        panel.query_one("#cred-region", Select).value = "au1"
        await type_into(pilot, panel, "cred-secret", token)
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert panel.status.startswith("Logged in: created API key SK")
        assert rows(panel)[0][:2] == ["sydney", "AU1"] and rows(panel)[0][4] == "keyring"
        assert store.get_secret("sydney") != token
        assert token not in screen_text(app) + notifications(app) + panel.status
        assert token not in (tmp_path / "profiles.toml").read_text()


async def test_a_secret_pasted_into_the_key_field_is_masked_at_once(tmp_path: Path) -> None:
    """Typing something that is no SK… key SID into the API key field masks it; a real key SID stays visible."""
    app = PanelHarness(make_book(tmp_path, InMemoryStore()))
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        await pilot.press("a")
        await type_into(pilot, panel, "cred-key", SECRETS["ie1"])
        await pilot.pause()
        assert panel.query_one("#cred-key", Input).password is True
        assert SECRETS["ie1"] not in screen_text(app)
        panel.query_one("#cred-key", Input).value = ""
        await type_into(pilot, panel, "cred-key", KEYS["ie1"])
        await pilot.pause()
        assert panel.query_one("#cred-key", Input).password is False
        assert KEYS["ie1"] in screen_text(app)


async def test_a_damaged_profiles_file_set_aside_earlier_is_still_named(tmp_path: Path) -> None:
    """On a later run, a damaged copy with no good one to restore from: the view names it and how to deal with it."""
    (tmp_path / "profiles.toml").write_text("[[[ not toml")
    with pytest.raises(ConfigFileError):
        make_book(tmp_path).profiles()  # the first run: reported, set aside
    [kept] = tmp_path.glob("profiles.toml.corrupt-*")
    app = PanelHarness(make_book(tmp_path))  # a later run
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        assert rows(panel) == []
        assert "No profiles yet" not in panel.status
        assert f"a damaged profiles file is kept aside at {kept}" in panel.status
        assert f"mv {kept} {tmp_path / 'profiles.toml'}" in panel.status and f"rm {kept}" in panel.status
        assert panel.query_one("#cred-status").has_class("-warning")
        kept.unlink()  # dealt with: the reminder stops
        panel.reload()
        panel = await settle(app, pilot)
        assert panel.status.startswith("No profiles yet")


async def test_each_button_does_what_its_key_does(tmp_path: Path) -> None:
    """A click on Add, Login or Import env opens that form, Use picks the profile, Remove asks first."""
    book = make_book(tmp_path, environ=ENVIRON)
    book.add_session(Profile.create("scratch", ACCOUNT_SID, "us1", api_key_sid=KEYS["us1"]), SECRETS["us1"])
    app = PanelHarness(book)
    async with app.run_test(size=(120, 30)) as pilot:
        panel = await settle(app, pilot)
        for button, title in (("#cred-add", "Add a profile"), ("#cred-login", "Log in"),
                              ("#cred-import-env", "Import the TWILIO_* environment")):  # fmt: skip
            await pilot.click(button)
            await pilot.pause()
            assert panel.query_one("#cred-form").has_class("-open")
            assert str(panel.query_one("#cred-form-title").render()).startswith(title)
            await pilot.press("escape")
            await pilot.pause()
            assert not panel.query_one("#cred-form").has_class("-open")
        await pilot.click("#cred-use")
        await pilot.pause()
        assert app.used == ["env"]
        panel.query_one(DataTable).move_cursor(row=1)  # scratch: the environment profile is not removable
        await pilot.click("#cred-remove")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
