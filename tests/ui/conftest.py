"""Fixtures for the app's Pilot tests: an app wired to the fake Twilio, never to the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.model.options import Options
from explorer.ui.app import ExplorerApp, make_app
from tests.ui import notices
from tests.ui.fakes import FakeTwilio, fake_session


@pytest.fixture
def twilio() -> FakeTwilio:
    """The fake regional API."""
    return FakeTwilio()


@pytest.fixture
def app(twilio: FakeTwilio, tmp_path: Path) -> ExplorerApp:
    """The app with the demo-like fake session, saving copied curl under tmp_path."""
    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh"),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )


@pytest.fixture(autouse=True)
def _record_notices(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every notification an app shows is recorded; a test reads them with `notices(app)`."""
    yield from notices.record(monkeypatch)
