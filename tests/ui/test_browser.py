"""The resource browser: tree, paging table, `/` filter, record view, drill-down and Region marks.

The pane runs in a tiny host app on the real simulator's ASGI application, in process (an httpx
ASGITransport: no sockets, no start-up, fixed seed), so the records, SIDs and links are the simulator's own.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from explorer.model.target import Target
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.browser.record_view import RecordView
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.browser.resource_tree import ResourceTree
from tests.ui.browser_host import BrowserHost, settle, sim_session


def plain(app: App[Any], selector: str) -> str:
    """The text a Static shows, all of it, without styles."""
    content = app.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


def status(app: App[Any]) -> str:
    return plain(app, "#browser-status")


def breadcrumb(app: App[Any]) -> str:
    return plain(app, "#breadcrumb")


async def open_list(pilot: Pilot[Any], name: str) -> BrowserPane:
    pane = pilot.app.query_one(BrowserPane)
    await settle(pilot)
    pane.open_resource(name)
    await settle(pilot)
    return pane


async def test_tree_lists_products_and_opens_applications() -> None:
    """The tree shows products with their resources; Enter on applications fills the table from page one."""
    app = BrowserHost(sim_session())
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        tree = app.query_one(ResourceTree).tree_widget
        products = [str(node.label) for node in tree.root.children]
        assert "api" in products and "conversations" in products
        await pilot.click("#tree-search")
        await pilot.press(*"api:applications", "enter")
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.id == "api:applications"
        await pilot.press("enter")
        await settle(pilot)
        table = app.query_one(ResourceTable)
        assert [str(c.label) for c in table.data_table.columns.values()] == [
            "sid",
            "friendly_name",
            "date_created",
        ]
        assert table.shown == 50
        assert breadcrumb(app).startswith("api:applications")
        assert "more on the server" in status(app)


async def test_next_page_loads_near_the_end_following_only_server_links() -> None:
    """Moving the cursor to the end of page one loads page two, by the server's next_page_uri."""
    app = BrowserHost(sim_session(records=120), Target.preset("ie1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "api:calls")
        table = app.query_one(ResourceTable)
        assert table.shown == 50
        first = app.exchanges[-1][0]
        body = first.json()
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.shown == 100
        second = app.exchanges[-1][0]
        assert second.url == "https://api.dublin.ie1.twilio.com" + body["next_page_uri"]
        assert all(e.url.startswith("https://api.dublin.ie1.twilio.com/") for e, _ in app.exchanges)


async def test_load_all_reads_every_page_and_shows_it() -> None:
    """`a` loads all 120 records, and the status says everything is loaded."""
    app = BrowserHost(sim_session(records=120))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "applications")
        await pilot.press("a")
        await settle(pilot)
        assert app.query_one(ResourceTable).shown == 120
        assert "120 records" in status(app) and "all loaded" in status(app)
        assert len(app.exchanges) == 3


async def test_slash_filters_the_loaded_rows() -> None:
    """`/` then text keeps only the rows containing it; Esc clears the filter and shows them all."""
    app = BrowserHost(sim_session(records=30))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "applications")
        table = app.query_one(ResourceTable)
        assert table.shown == 30
        wanted = str(table.records[7]["sid"])
        await pilot.press("slash", *wanted[-12:])
        await settle(pilot)
        assert table.shown == 1
        assert table.data_table.get_row_at(0)[0] == wanted
        await pilot.press("escape")
        await settle(pilot)
        assert table.shown == 30


async def test_more_columns_on_demand() -> None:
    """`m` shows every field as a column, `m` again only the defaults."""
    app = BrowserHost(sim_session(records=5))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "applications")
        table = app.query_one(ResourceTable)
        assert len(table.data_table.columns) == 3
        await pilot.press("m")
        await settle(pilot)
        names = [str(c.label) for c in table.data_table.columns.values()]
        assert names[:3] == ["sid", "friendly_name", "date_created"] and "voice_url" in names
        await pilot.press("m")
        await settle(pilot)
        assert len(table.data_table.columns) == 3


async def test_record_view_shows_json_and_links() -> None:
    """Enter on a call opens its record (a GET posted for the inspector) with its subresources listed."""
    app = BrowserHost(sim_session(records=5), Target.preset("au1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "api:calls")
        sid = str(app.query_one(ResourceTable).records[0]["sid"])
        await pilot.press("enter")
        await settle(pilot)
        exchange, spec = app.exchanges[-1]
        assert exchange.url.endswith(f"/Calls/{sid}.json") and exchange.status_code == 200
        assert spec.region == "au1"
        view = app.query_one(RecordView)
        names = [link.name for link in view.links]
        assert "recordings" in names
        shown = plain(app, "#record-json")
        assert sid in shown
        await pilot.press("i")
        assert app.inspected[-1] == spec


async def test_drill_down_calls_to_recordings_and_back() -> None:
    """Calls → a call → recordings shows the recordings list, the breadcrumb, and Esc walks back."""
    app = BrowserHost(sim_session(records=5), Target.preset("au1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "api:calls")
        sid = str(app.query_one(ResourceTable).records[0]["sid"])
        await pilot.press("enter")
        await settle(pilot)
        view = app.query_one(RecordView)
        index = [link.name for link in view.links].index("recordings")
        await pilot.press(*["down"] * index, "enter")
        await settle(pilot)
        assert breadcrumb(app).startswith(f"api:calls › {sid} › recordings")
        table = app.query_one(ResourceTable)
        assert table.shown > 0
        assert app.exchanges[-1][0].url.startswith(
            f"https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{app.pane.session.account_sid}/Calls/{sid}/Recordings.json"  # type: ignore[union-attr]
        )
        assert str(table.records[0]["sid"]).startswith("RE")
        await pilot.press("escape")
        await settle(pilot)
        assert breadcrumb(app).startswith(f"api:calls › {sid}")
        assert "recordings" not in breadcrumb(app)
        await pilot.press("escape")
        await settle(pilot)
        assert breadcrumb(app).startswith("api:calls")
        assert app.query_one(ResourceTable).shown == 5


async def test_not_offered_resources_are_marked_in_au1_and_still_open() -> None:
    """In AU1, messages is marked not offered with its source; opening it shows what Twilio answers (404)."""
    app = BrowserHost(sim_session(records=5), Target.preset("au1"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        tree = app.query_one(ResourceTree)
        messages = next(
            leaf
            for product in tree.tree_widget.root.children
            for leaf in product.children
            if leaf.data is not None and leaf.data.id == "api:messages"
        )
        assert str(messages.label).endswith("✗")
        assert messages.parent is not None
        messages.parent.expand()
        await pilot.pause()
        tree.tree_widget.move_cursor(messages)
        await pilot.pause()
        detail = plain(app, "#tree-detail")
        assert "not offered in AU1" in detail and "source:" in detail
        pane = await open_list(pilot, "api:messages")
        assert "not offered in AU1" in breadcrumb(app)
        assert app.exchanges[-1][0].status_code == 404
        assert "20404" in status(app)
        assert pane.query_one(ResourceTable).shown == 0


async def test_switching_region_reopens_the_list_in_the_new_region() -> None:
    """After a switch to IE1 the old list is marked as US1's (nothing sent); R fetches it from the IE1 host."""
    app = BrowserHost(sim_session(records=5))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await open_list(pilot, "applications")
        us1 = [str(r["sid"]) for r in pane.query_one(ResourceTable).records]
        sent = len(app.exchanges)
        pane.target = Target.preset("ie1")
        await settle(pilot)
        assert len(app.exchanges) == sent and pane.stale
        assert "This list is from US1" in status(app)
        pane.action_load_for_target()
        await settle(pilot)
        ie1 = [str(r["sid"]) for r in pane.query_one(ResourceTable).records]
        assert app.exchanges[-1][0].url.startswith("https://api.dublin.ie1.twilio.com/")
        assert ie1 and set(ie1).isdisjoint(us1)


async def test_server_filter_row_sends_the_endpoint_filter() -> None:
    """`f`, then `Status=completed` Enter, lists calls with the Status filter on the request."""
    app = BrowserHost(sim_session(records=5))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "api:calls")
        field = app.query_one("#server-filters", Input)
        assert "Status=" in field.placeholder
        await pilot.press("f", *"Status=completed", "enter")
        await settle(pilot)
        assert "Status=completed" in app.exchanges[-1][0].url


async def test_unknown_resource_is_explained() -> None:
    """Opening a name that is not in the catalogue says so, with a suggestion, and sends nothing."""
    app = BrowserHost(sim_session(records=5))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_list(pilot, "aplications")
        assert "no resource named" in status(app)
        assert app.exchanges == []
