"""Snapshot fixtures: every view at each of the two terminal sizes."""

from __future__ import annotations

import pytest

from tests.snapshots.snapshot_apps import SIZES


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    """Each terminal size in turn."""
    return SIZES[request.param]
