"""No secret of the simulator's demo credentials appears on any screen, snapshot or copied file by default."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from explorer.assembly import demo_session
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import make_app
from tests.ui.fakes import KEYS, SECRETS
from tests.ui.helpers import command, ready
from tests.ui.notices import notices

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "__snapshots__"


def _secrets(session: Session) -> list[str]:
    values: list[str] = []
    for credential in session.credentials:
        values.append(credential.secret.reveal())
        values.append(
            base64.b64encode(f"{credential.username}:{credential.secret.reveal()}".encode()).decode()
        )
    assert session.env_for is not None
    for region in session.regions:
        env = session.env_for(region)
        values += [env["TWILIO_AUTH_TOKEN"], env["TWILIO_API_SECRET"]]
    return values


@pytest.mark.slow
async def test_no_demo_secret_on_any_screen_or_copied_file(tmp_path: Path) -> None:
    """Against the real simulator, every view and Region, and the copied curl, show no demo secret."""
    holder: list[Session] = []

    def load() -> Session:
        holder.append(demo_session(seed="no-secrets"))
        return holder[-1]

    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh"), session_loader=load, profile_loader=lambda name: load()
    )
    screens: list[str] = []
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        for region in ("us1", "ie1", "au1"):
            await command(pilot, f"region {region}")
            for key in ("c", "s"):
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
                screens.append(app.export_screenshot())
            for tab in ("tab-request", "tab-python", "tab-node"):
                app.screen.action_show_tab(tab)  # type: ignore[attr-defined]
                await pilot.pause()
                screens.append(app.export_screenshot())
            await pilot.press("y")
            await pilot.pause()
            screens.append(app.export_screenshot())
        await pilot.press("question_mark")
        await pilot.pause()
        screens.append(app.export_screenshot())
        notes = [n.message for n in notices(app)]
    secrets = _secrets(holder[0])
    copied = (tmp_path / "last-curl.sh").read_text()
    assert "api.sydney.au1.twilio.com" in copied
    assert "200" in "".join(screens)
    for secret in secrets:
        assert all(secret not in screen for screen in screens)
        assert secret not in copied
        assert all(secret not in note for note in notes)


def test_no_secret_in_any_snapshot() -> None:
    """The committed snapshot SVGs hold neither the fake secrets nor their Basic tokens."""
    svgs = list(SNAPSHOTS.rglob("*.svg"))
    assert svgs, "no snapshots found"
    tokens = [base64.b64encode(f"{KEYS[r]}:{SECRETS[r]}".encode()).decode() for r in SECRETS]
    for svg in svgs:
        text = svg.read_text()
        for secret in (*SECRETS.values(), *tokens):
            assert secret not in text, svg.name
