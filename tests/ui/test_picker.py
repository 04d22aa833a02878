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


async def test_the_region_list_opens_on_the_current_value_and_picks(app: ExplorerApp) -> None:
    """Enter on the Region setting opens its list on the current choice; Down, Enter picks the next one."""
    from textual.widgets._select import SelectOverlay

    from explorer.ui.request.region_picker import region_options

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        select = screen.query_one("#region", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        overlay = select.query_one(SelectOverlay)
        assert select.expanded and overlay.display and overlay.has_focus
        values = [value for _, value in region_options()]
        assert overlay.highlighted == values.index(select.value)
        assert overlay.option_count == len(values)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not select.expanded
        assert select.value == values[values.index("unset") + 1]
        assert screen.target.region == select.value


async def test_the_method_list_opens_with_a_click(app: ExplorerApp) -> None:
    """Clicking the method opens its list; picking POST makes the request a POST."""
    from textual.widgets._select import SelectOverlay

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.click("#method")
        await pilot.pause()
        select = screen.query_one("#method", Select)
        overlay = select.query_one(SelectOverlay)
        assert select.expanded and overlay.display
        await pilot.press("down", "enter")
        await pilot.pause()
        assert select.value == "POST"
        view = screen.request_pane.inspector.request if screen.request_pane else None
        assert view is not None and view.method == "POST"
