"""Shared fixtures for the catalogue tests: the hand-written description file and the bundled catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.catalog.loader import Catalog, load_catalog

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_dir() -> Path:
    """The folder holding the small description file written for these tests."""
    return FIXTURES


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    """The catalogue shipped in the package (never a run-time override)."""
    monkeypatch.delenv("TWILIO_EXPLORER_OPENAPI", raising=False)
    return load_catalog()
