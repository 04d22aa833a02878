"""The credential panel on a real Secret Service: add the simulator's IE1 key, verify it, remove it.

gnome-keyring runs unlocked on a private D-Bus session bus (tests/support/secret_service.py); the simulator answers
on loopback. The secret must end up in the keyring and in no file, and never on screen.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Select

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import SERVICE_NAME, KeyringStore
from explorer.core.profile_book import ProfileBook
from explorer.sim.server import Simulator, start_simulator
from explorer.ui.profiles.panel import CredentialPanel
from tests.support.files import files_containing
from tests.support.secret_service import SecretService
from tests.ui.panel_harness import PanelHarness, screen_text, settle, sim_factory, type_into

pytestmark = [pytest.mark.keyring, pytest.mark.e2e]


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """The local regional simulator."""
    with start_simulator() as simulator:
        yield simulator


async def test_panel_saves_the_ie1_key_in_gnome_keyring_only(
    real_keyring: SecretService,
    sim: Simulator,
    tmp_path: Path,
) -> None:
    """Adding the IE1 key in the panel puts its secret in gnome-keyring, in no file, on no screen; it verifies."""
    import keyring

    ie1 = sim.credentials["ie1"]
    name = f"dublin-{secrets.token_hex(3)}"  # the keyring may be shared with other tests of the session
    book = ProfileBook(ProfilesFile(tmp_path / "cfg" / "profiles.toml"), KeyringStore(), environ={})
    app = PanelHarness(book, factory=sim_factory(sim))
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await settle(app, pilot)
        backend = str(panel.query_one("#cred-backend").render())
        assert backend == "Secrets: OS keyring (keyring.backends.SecretService.Keyring) · usable"
        await pilot.press("a")
        await type_into(pilot, panel, "cred-name", name)
        await type_into(pilot, panel, "cred-account", sim.account_sid)
        panel.query_one("#cred-region", Select).value = "ie1"
        await type_into(pilot, panel, "cred-key", ie1.api_key_sid)
        await type_into(pilot, panel, "cred-secret", ie1.api_key_secret)
        await pilot.press("enter")
        panel = await settle(app, pilot)
        assert panel.status.startswith(f"Saved {name} (IE1, API key {ie1.api_key_sid}, from keyring)")
        try:
            assert keyring.get_password(SERVICE_NAME, name) == ie1.api_key_secret
            assert files_containing(ie1.api_key_secret, tmp_path, *real_keyring.private_dirs) == []
            await pilot.press("v")
            panel = await settle(app, pilot)
            assert panel.status.startswith(f"✓ IE1 profile '{name}' works on api.dublin.ie1.twilio.com")
            assert ie1.api_key_secret not in screen_text(app) + panel.status
        finally:
            await pilot.press("d")
            await pilot.pause()
            await pilot.click("#confirm-yes")
            panel = await settle(app, pilot)
        assert keyring.get_password(SERVICE_NAME, name) is None
        assert [p.name for p in panel.profiles] == []
        assert isinstance(panel, CredentialPanel)
