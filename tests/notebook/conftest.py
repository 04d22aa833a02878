"""One demo `Explorer` per module: starting the simulator costs a few tenths of a second."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.notebook import Explorer


@pytest.fixture(scope="module")
def au1() -> Iterator[Explorer]:
    """An explorer aimed at AU1 (api.sydney.au1.twilio.com) with the simulator's demo credentials."""
    with Explorer(region="au1", edge="sydney") as ex:
        yield ex
