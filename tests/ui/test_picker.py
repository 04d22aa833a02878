"""The region/edge picker: presets, advanced settings, and the live host, verdict and fix."""

from __future__ import annotations

from textual.widgets import Select

from explorer.model.target import Target
from explorer.ui.app import ExplorerApp
from explorer.ui.shell.status_header import StatusHeader
from tests.ui.helpers import ready, shown


async def test_preset_au1_moves_host_to_sydney(app: ExplorerApp) -> None:
    """Clicking the AU1 preset shows api.sydney.au1.twilio.com, valid · AU1, in the picker and the header."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.click("#preset-au1")
        await pilot.pause()
        assert screen.target == Target("api", "au1", "sydney")
        live = shown(app, "#live")
        assert "api.sydney.au1.twilio.com" in live
        assert "valid · AU1" in live
        # The recommended host is this one: nothing to fix, so no "Fix" heading.
        assert "Fix" not in live and "region=au1 and edge=sydney" in live
        header = str(screen.query_one(StatusHeader).render())
        assert "api.sydney.au1.twilio.com" in header and "AU1" in header


async def test_number_keys_pick_presets(app: ExplorerApp) -> None:
    """Pressing 2 switches to IE1 Dublin and the header accent changes from US1's."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        header = screen.query_one(StatusHeader)
        assert header.has_class("-region-us1")
        await pilot.press("2")
        await pilot.pause()
        assert screen.target.fqdn == "api.dublin.ie1.twilio.com"
        assert header.has_class("-region-ie1") and not header.has_class("-region-us1")


async def test_advanced_region_without_edge_shows_retired_and_fix(app: ExplorerApp) -> None:
    """Choosing region ie1 with no edge shows the retired host api.ie1.twilio.com and the fix with dublin."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#region", Select).value = "ie1"
        await pilot.pause()
        assert screen.target == Target("api", "ie1", None)
        live = shown(app, "#live")
        assert "api.ie1.twilio.com" in live
        assert "retired" in live
        assert "api.dublin.ie1.twilio.com" in live
        assert "region=ie1 and edge=dublin" in live
        assert "Fix api.dublin.ie1.twilio.com" in live


async def test_legacy_edge_shows_origin_and_edge_ignored(app: ExplorerApp) -> None:
    """Picking the roaming edge with no region builds api.roaming.us1.twilio.com and says the edge is ignored."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        screen.query_one("#edge", Select).value = "roaming"
        await pilot.pause()
        live = shown(app, "#live")
        assert "api.roaming.us1.twilio.com" in live
        assert "implied: an edge without a region means us1" in live
        assert "edge ignored" in live
