"""The resource browser's paging: only server links, Region-scoped, cancellable, with filters and drill-down."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.client import AsyncExplorerClient
from explorer.core.errors import RegionScopeError
from explorer.core.forms import FormError
from explorer.core.listing import (
    Listing,
    ListingError,
    LoadProgress,
    filter_params,
    list_spec,
    record_links,
)
from explorer.core.profiles import Credential, Profile
from explorer.core.request import RequestSpec
from explorer.sim.server import Simulator, start_simulator

ACCOUNT = "AC" + "a1" * 16
KEY = "SK" + "b2" * 16
AU1 = Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY)
AU1_HOST = "https://api.sydney.au1.twilio.com"
CALLS_PATH = f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json"
CATALOG = load_catalog()
Handler = Callable[[httpx.Request], httpx.Response]


def credential() -> Credential:
    return Credential(AU1, "fake-secret")


def calls_spec() -> RequestSpec:
    return list_spec(CATALOG.get("api:calls"), region="au1", edge="sydney", page_size=2)


def pages_2010(count: int, *, next_uri: Callable[[int], str] | None = None) -> tuple[list[str], Handler]:
    """A server with `count` pages of two calls each, whose links carry a token no client could guess."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        page = int(request.url.params.get("Page", "0"))
        body: dict[str, Any] = {"calls": [{"sid": f"CA{page}-{n}"} for n in range(2)], "page": page}
        if page + 1 < count:
            link = (
                next_uri(page + 1)
                if next_uri
                else f"{CALLS_PATH}?PageSize=2&Page={page + 1}&PageToken=PAx{page}"
            )
            body["next_page_uri"] = link
        else:
            body["next_page_uri"] = None
        return httpx.Response(200, content=json.dumps(body).encode())

    return seen, handler


@pytest.fixture
async def client_for() -> AsyncIterator[Callable[[Handler], AsyncExplorerClient]]:
    clients: list[AsyncExplorerClient] = []

    def make(handler: Handler) -> AsyncExplorerClient:
        clients.append(AsyncExplorerClient(transport=httpx.MockTransport(handler)))
        return clients[-1]

    yield make
    for client in clients:
        await client.aclose()


async def test_pages_follow_only_the_returned_links(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """Paging a 2010 list GETs exactly the relative links the server returned, on the same host, to the end."""
    seen, handler = pages_2010(3)
    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    assert listing.has_more and listing.records == []
    first = await listing.fetch_next()
    assert first is not None and [r["sid"] for r in first.records] == ["CA0-0", "CA0-1"]
    assert first.next_url == f"{AU1_HOST}{CALLS_PATH}?PageSize=2&Page=1&PageToken=PAx0"
    while listing.has_more:
        await listing.fetch_next()
    assert seen == [
        f"{AU1_HOST}{CALLS_PATH}?PageSize=2",
        f"{AU1_HOST}{CALLS_PATH}?PageSize=2&Page=1&PageToken=PAx0",
        f"{AU1_HOST}{CALLS_PATH}?PageSize=2&Page=2&PageToken=PAx1",
    ]
    assert [r["sid"] for r in listing.records] == ["CA0-0", "CA0-1", "CA1-0", "CA1-1", "CA2-0", "CA2-1"]
    assert listing.pages == 3
    assert await listing.fetch_next() is None


async def test_each_page_is_parsed_once(
    client_for: Callable[[Handler], AsyncExplorerClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading 10 pages parses 10 bodies: the records and the next link come from the same parse."""
    import explorer.core.exchange as client_module

    parsed: list[int] = []
    real_loads = json.loads

    def counting_loads(body: Any, **kwargs: Any) -> Any:
        parsed.append(len(body))
        return real_loads(body, **kwargs)

    _, handler = pages_2010(10)
    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    monkeypatch.setattr(client_module.json, "loads", counting_loads)
    await listing.load_all()
    assert listing.pages == 10 and len(listing.records) == 20
    assert len(parsed) == 10


def test_the_sync_pages_and_the_caller_share_one_parse_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ExplorerClient.pages` finds each next link in the parse the caller reads the records from: 5 pages, 5 parses."""
    import explorer.core.exchange as client_module
    from explorer.core.client import ExplorerClient

    parsed: list[int] = []
    real_loads = json.loads

    def counting_loads(body: Any, **kwargs: Any) -> Any:
        parsed.append(len(body))
        return real_loads(body, **kwargs)

    _, handler = pages_2010(5)
    monkeypatch.setattr(client_module.json, "loads", counting_loads)
    with ExplorerClient(transport=httpx.MockTransport(handler)) as client:
        sids = [
            r["sid"] for ex in client.pages(calls_spec(), credential(), limit=100) for r in ex.json()["calls"]
        ]
    assert len(sids) == 10
    assert len(parsed) == 5


async def test_meta_lists_follow_the_absolute_next_page_url(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """A v1 list follows meta.next_page_url and reads the records from meta.key."""
    base = "https://conversations.dublin.ie1.twilio.com/v1/Conversations"
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        last = "PageToken" in request.url.params
        meta = {"key": "conversations", "next_page_url": None if last else f"{base}?PageSize=2&PageToken=PT9"}
        return httpx.Response(200, json={"conversations": [{"sid": "CH" + str(len(seen))}], "meta": meta})

    ie1 = Credential(Profile.create("ie1-demo", ACCOUNT, "ie1", api_key_sid=KEY), "fake-secret")
    spec = list_spec(CATALOG.get("conversations:conversations"), region="ie1", edge="dublin", page_size=2)
    listing = Listing(client_for(handler), ie1, spec, CATALOG.get("conversations:conversations"))
    final = await listing.load_all()
    assert seen == [f"{base}?PageSize=2", f"{base}?PageSize=2&PageToken=PT9"]
    assert [r["sid"] for r in listing.records] == ["CH1", "CH2"]
    assert final.done and final.pages == 2 and final.records == 2


async def test_a_next_link_to_another_region_is_refused_before_io(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """A next link to the IE1 host is refused for an AU1 profile without being sent; the listing stops there."""
    seen, handler = pages_2010(
        3, next_uri=lambda page: f"https://api.dublin.ie1.twilio.com{CALLS_PATH}?Page={page}"
    )
    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    await listing.fetch_next()
    with pytest.raises(RegionScopeError) as caught:
        await listing.fetch_next()
    assert "processed in IE1, not AU1" in caught.value.message
    assert seen == [f"{AU1_HOST}{CALLS_PATH}?PageSize=2"]
    assert not listing.has_more
    assert len(listing.records) == 2


async def test_an_error_page_can_be_retried(client_for: Callable[[Handler], AsyncExplorerClient]) -> None:
    """A 429 on page two shows Twilio's error with the exchange; fetching again retries the same link."""
    seen, pages = pages_2010(2)
    failures = [1]

    def handler(request: httpx.Request) -> httpx.Response:
        if "Page=1" in str(request.url) and failures:
            failures.pop()
            seen.append(str(request.url))
            return httpx.Response(429, json={"code": 20429, "message": "Too Many Requests"})
        return pages(request)

    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    await listing.fetch_next()
    with pytest.raises(ListingError) as caught:
        await listing.fetch_next()
    assert caught.value.message == "api:calls answered HTTP 429: Twilio error 20429, Too Many Requests"
    assert caught.value.exchange.status_code == 429
    assert listing.has_more and len(listing.records) == 2
    await listing.fetch_next()
    assert seen[1] == seen[2] == f"{AU1_HOST}{CALLS_PATH}?PageSize=2&Page=1&PageToken=PAx0"
    assert len(listing.records) == 4 and not listing.has_more


async def test_a_response_without_the_list_is_explained(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """A 200 that holds no `calls` array is an error naming the missing key, not an empty list."""
    listing = Listing(
        client_for(lambda request: httpx.Response(200, json={"oops": []})),
        credential(),
        calls_spec(),
        CATALOG.get("api:calls"),
    )
    with pytest.raises(ListingError) as caught:
        await listing.fetch_next()
    assert caught.value.message == "api:calls answered HTTP 200 without a 'calls' list"


async def test_load_all_reports_progress_and_stops_when_cancelled(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """Load all reports each page; setting the cancel event after two pages stops it with two pages kept."""
    seen, handler = pages_2010(5)
    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    cancel = asyncio.Event()
    reports: list[LoadProgress] = []

    def progress(report: LoadProgress) -> None:
        reports.append(report)
        if report.pages == 2:
            cancel.set()

    final = await listing.load_all(progress, cancel=cancel)
    assert [(r.pages, r.records, r.done) for r in reports] == [(1, 2, False), (2, 4, False)]
    assert (final.pages, final.records, final.done) == (2, 4, False)
    assert len(seen) == 2 and listing.has_more


async def test_cancelling_the_task_keeps_the_pages_loaded() -> None:
    """Cancelling the load-all task mid-page keeps the pages already loaded and the link to resume from."""
    _, pages = pages_2010(5)
    second_page_started = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if "Page=1" in str(request.url):
            second_page_started.set()
            await asyncio.sleep(30)
        return pages(request)

    async with AsyncExplorerClient(transport=httpx.MockTransport(handler)) as client:
        listing = Listing(client, credential(), calls_spec(), CATALOG.get("api:calls"))
        task = asyncio.create_task(listing.load_all())
        await asyncio.wait_for(second_page_started.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert listing.pages == 1 and len(listing.records) == 2
    assert listing.next_url == f"{AU1_HOST}{CALLS_PATH}?PageSize=2&Page=1&PageToken=PAx0"


async def test_concurrent_fetches_never_load_a_page_twice(
    client_for: Callable[[Handler], AsyncExplorerClient],
) -> None:
    """The table asking for more while another fetch runs gets the following page, not the same one again."""
    seen, handler = pages_2010(3)
    listing = Listing(client_for(handler), credential(), calls_spec(), CATALOG.get("api:calls"))
    await asyncio.gather(listing.fetch_next(), listing.fetch_next(), listing.fetch_next())
    assert len(set(seen)) == 3
    assert [r["sid"] for r in listing.records] == ["CA0-0", "CA0-1", "CA1-0", "CA1-1", "CA2-0", "CA2-1"]


def test_filters_are_the_list_query_params_without_paging() -> None:
    """The Calls list offers To, From, Status, dates... as server-side filters, but not PageSize or Page."""
    names = [param.name for param in filter_params(CATALOG.get("api:calls"))]
    assert names == ["To", "From", "ParentCallSid", "Status", "StartTime", "StartTime<", "StartTime>",
                     "EndTime", "EndTime<", "EndTime>"]  # fmt: skip
    assert filter_params(CATALOG.get("api:calls:instance")) == ()


def test_the_first_request_carries_valid_filters() -> None:
    """A filtered list sends the filter and page size; a bad Status value names the allowed ones."""
    calls = CATALOG.get("api:calls")
    spec = list_spec(
        calls, region="ie1", edge="dublin", filters={"Status": "completed", "To": ""}, page_size=50
    )
    assert spec.query == (("Status", "completed"), ("PageSize", "50"))
    assert spec.fqdn == "api.dublin.ie1.twilio.com"
    with pytest.raises(FormError) as caught:
        list_spec(calls, region="ie1", edge="dublin", filters={"Status": "done", "PageSize": "5"})
    assert [p.name for p in caught.value.problems] == ["Status", "PageSize"]


def test_record_links_map_to_child_lists() -> None:
    """A call's subresource_uris and a conversation's links open their child lists in the same Region."""
    call_sid = "CA" + "d4" * 16
    call = {
        "sid": call_sid,
        "subresource_uris": {
            "recordings": f"/2010-04-01/Accounts/{ACCOUNT}/Calls/{call_sid}/Recordings.json",
            "nowhere": "/2010-04-01/NotAThing.json",
        },
    }
    links = record_links(call, base_url=f"{AU1_HOST}{CALLS_PATH}?PageSize=2", catalog=CATALOG)
    assert [(link.name, link.endpoint.id if link.endpoint else None) for link in links] == [
        ("recordings", "api:calls:recordings"),
        ("nowhere", None),
    ]
    recordings = links[0]
    assert recordings.url == f"{AU1_HOST}/2010-04-01/Accounts/{ACCOUNT}/Calls/{call_sid}/Recordings.json"
    assert recordings.path_params == (("CallSid", call_sid),)
    child = recordings.to_spec(calls_spec(), ACCOUNT)
    assert child is not None and child.url(ACCOUNT) == recordings.url
    assert (
        recordings.to_spec(calls_spec(), "AC" + "0" * 32) is None
    )  # another Account's link is not rewritten
    assert links[1].to_spec(calls_spec(), ACCOUNT) is None

    conversation = {
        "links": {
            "participants": "https://conversations.dublin.ie1.twilio.com/v1/Conversations/CH1/Participants"
        }
    }
    [participants] = record_links(conversation, base_url="https://x.invalid/", catalog=CATALOG)
    assert (
        participants.endpoint is not None
        and participants.endpoint.id == "conversations:conversations:participants"
    )
    assert participants.path_params == (("ConversationSid", "CH1"),)


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator(seed="listing", records=120) as simulator:
        yield simulator


async def test_a_real_list_pages_to_the_end(sim: Simulator) -> None:
    """Against the simulator, IE1 applications page 50 at a time to all 120, each page on the IE1 host."""
    key = sim.credentials["ie1"]
    profile = Profile.create("ie1-demo", sim.account_sid, "ie1", api_key_sid=key.api_key_sid)
    applications = CATALOG.get("api:applications")
    spec = list_spec(applications, region="ie1", edge="dublin", page_size=50)
    async with AsyncExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as client:
        listing = Listing(client, Credential(profile, key.api_key_secret), spec, applications)
        reports: list[LoadProgress] = []
        final = await listing.load_all(reports.append)
        assert [(r.pages, r.records) for r in reports] == [(1, 50), (2, 100), (3, 120)]
        assert final.done and not listing.has_more
        sids = [record["sid"] for record in listing.records]
        assert len(set(sids)) == 120 and all(sid.startswith("AP") for sid in sids)
        assert all(r.last is not None and r.last.exchange.url.startswith("https://api.dublin.ie1.twilio.com/")
                   for r in reports)  # fmt: skip

        # Drill down: a call's recordings, from the link the server put in the record.
        calls = CATALOG.get("api:calls")
        call_list = Listing(client, Credential(profile, key.api_key_secret),
                            list_spec(calls, region="ie1", edge="dublin", page_size=1), calls)  # fmt: skip
        page = await call_list.fetch_next()
        assert page is not None
        [link] = [
            link
            for link in record_links(page.records[0], base_url=page.exchange.url, catalog=CATALOG)
            if link.name == "recordings"
        ]
        child_spec = link.to_spec(call_list.spec, sim.account_sid)
        assert link.endpoint is not None and child_spec is not None
        recordings = Listing(client, Credential(profile, key.api_key_secret), child_spec, link.endpoint)
        await recordings.load_all()
        assert recordings.pages >= 1
        assert all(r.get("call_sid") == page.records[0]["sid"] for r in recordings.records)
