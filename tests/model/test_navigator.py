"""The resource browser's navigator, without a terminal: the stack, paging, load-all, records, drill-down, filters.

Plain async tests: the navigator talks to a small Twilio stand-in behind an httpx MockTransport (Calls in AU1
and IE1, in pages of two, each call with its recordings), which can hold a request at a gate or fail one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.errors import InputError
from explorer.core.listing import ListingError, RecordLink
from explorer.core.profiles import Credential, Profile, ProfileSource
from explorer.core.secret import Secret
from explorer.model.fetches import Fetched
from explorer.model.levels import ListLevel, RecordLevel
from explorer.model.navigator import Navigator
from explorer.model.session import Session
from explorer.model.target import Target

ACCOUNT = "AC" + "a1" * 16
KEY = "SK" + "b2" * 16
CALLS = f"/2010-04-01/Accounts/{ACCOUNT}/Calls"
AU1_HOST = "https://api.sydney.au1.twilio.com"
IE1_HOST = "https://api.dublin.ie1.twilio.com"
CATALOG = load_catalog()


def call_sid(page: int, n: int) -> str:
    return f"CA{page:02d}{n:02d}" + "0" * 28


class FakeTwilio:
    """Calls in pages of two, linked by tokens no client could guess; a call's record and its recordings."""

    def __init__(self, pages: int = 3) -> None:
        self.pages = pages
        self.seen: list[str] = []
        """Every URL requested, in order."""
        self.failing: set[int] = set()
        """Pages that answer 500 (once each)."""
        self.missing: set[str] = set()
        """Call SIDs whose record answers 404."""
        self.hold: Callable[[httpx.Request], bool] = lambda request: False
        """Which requests wait for `gate` before answering."""
        self.gate = asyncio.Event()
        self.waiting = asyncio.Event()
        """Set when a held page has arrived."""

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(str(request.url))
        if self.hold(request):
            self.waiting.set()
            await self.gate.wait()
        path = request.url.path
        if path == f"{CALLS}.json":
            return await self._page(int(request.url.params.get("Page", "0")))
        sid = path.removeprefix(f"{CALLS}/").split("/")[0].removesuffix(".json")
        if path.endswith("/Recordings.json"):
            return httpx.Response(200, json={"recordings": [{"sid": "RE" + sid[2:]}], "next_page_uri": None})
        if sid in self.missing:
            body = {"code": 20404, "message": "The requested resource was not found", "status": 404}
            return httpx.Response(404, json=body)
        return httpx.Response(200, json=self._call(sid) | {"duration": "42"})

    async def _page(self, page: int) -> httpx.Response:
        if page in self.failing:
            self.failing.discard(page)
            return httpx.Response(
                500, json={"code": 20500, "message": "Internal Server Error", "status": 500}
            )
        more = page + 1 < self.pages
        body: dict[str, Any] = {
            "calls": [self._call(call_sid(page, n)) for n in range(2)],
            "next_page_uri": f"{CALLS}.json?Page={page + 1}&PageToken=PT{page}x9" if more else None,
        }
        return httpx.Response(200, json=body)

    @staticmethod
    def _call(sid: str) -> dict[str, Any]:
        return {
            "sid": sid,
            "status": "completed",
            "uri": f"{CALLS}/{sid}.json",
            "subresource_uris": {
                "recordings": f"{CALLS}/{sid}/Recordings.json",
                "elsewhere": "https://example.invalid/somewhere",
            },
        }


def session_on(server: FakeTwilio, regions: tuple[str, ...] = ("au1", "ie1")) -> Session:
    """A demo-like session with one credential per Region, whose requests reach `server` in process."""
    credentials = tuple(
        Credential(
            Profile.create(f"demo-{r}", ACCOUNT, r, api_key_sid=KEY, source=ProfileSource.SESSION),
            Secret("fake-secret"),
        )
        for r in regions
    )
    return Session(
        name="demo",
        source="tests",
        account_sid=ACCOUNT,
        credentials=credentials,
        demo=True,
        transport=httpx.MockTransport(server),
    )


@pytest.fixture
async def server() -> FakeTwilio:
    return FakeTwilio()


@pytest.fixture
async def navigator(server: FakeTwilio) -> AsyncIterator[Navigator]:
    """A navigator on AU1 with the catalogue and a session on `server`; its client is closed afterwards."""
    navigator = Navigator(Target.preset("au1"), session_on(server), CATALOG)
    yield navigator
    await navigator.aclose()


def page(n: int) -> Callable[[httpx.Request], bool]:
    """Holds page `n` of the calls (0 is the first)."""
    return lambda request: (
        request.url.path == f"{CALLS}.json" and request.url.params.get("Page", "0") == str(n)
    )


def sids(navigator: Navigator) -> list[str]:
    top = navigator.top
    assert isinstance(top, ListLevel) and top.listing is not None
    return [str(r["sid"]) for r in top.listing.records]


async def settle_until(event: asyncio.Event) -> None:
    await asyncio.wait_for(event.wait(), timeout=5)


async def test_pages_follow_only_the_server_links_to_the_end(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """Opening api:calls fetches nothing; each fetch_next adds one page, by the link the server named."""
    level = navigator.open_named("calls")
    assert isinstance(level, ListLevel) and level.title == "api:calls" and server.seen == []
    answers = [await navigator.fetch_next() for _ in range(3)]
    assert all(a is not None and a.error is None and len(a.records) == 2 for a in answers)
    assert server.seen == [
        f"{AU1_HOST}{CALLS}.json",
        f"{AU1_HOST}{CALLS}.json?Page=1&PageToken=PT0x9",
        f"{AU1_HOST}{CALLS}.json?Page=2&PageToken=PT1x9",
    ]
    assert sids(navigator) == [call_sid(p, n) for p in range(3) for n in range(2)]
    assert answers[0] is not None and answers[0].exchange is not None
    assert answers[0].exchange.status_code == 200 and answers[0].spec == navigator.request
    assert not navigator.can_fetch and await navigator.fetch_next() is None
    assert len(server.seen) == 3


async def test_asking_for_the_next_page_twice_fetches_it_once(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """The table asks again while page one is on its way: nothing more is sent, and it is added once."""
    server.hold = page(0)
    navigator.open_named("api:calls")
    first = asyncio.create_task(navigator.fetch_next())
    await settle_until(server.waiting)
    assert navigator.fetching and not navigator.can_fetch
    assert await navigator.fetch_next() is None
    server.gate.set()
    answer = await asyncio.wait_for(first, timeout=5)
    assert answer is not None and len(answer.records) == 2 and not navigator.fetching
    assert server.seen.count(f"{AU1_HOST}{CALLS}.json") == 1


async def test_load_all_while_a_page_is_on_its_way_fetches_every_page_once(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """`a` pressed while page one loads: both answers are reported, and each page is asked for once, in order."""
    server.hold = page(0)
    navigator.open_named("api:calls")
    first = asyncio.create_task(navigator.fetch_next())
    await settle_until(server.waiting)
    pages: list[Fetched] = []
    loading = asyncio.create_task(navigator.load_all(pages.append))
    await asyncio.sleep(0)
    server.gate.set()
    answer = await asyncio.wait_for(first, timeout=5)
    final = await asyncio.wait_for(loading, timeout=5)
    assert answer is not None and final is not None and final.error is None
    assert [len(p.records) for p in pages] == [2, 2] and len(answer.records) == 2
    assert len(server.seen) == len(set(server.seen)) == 3
    assert sids(navigator) == [call_sid(p, n) for p in range(3) for n in range(2)]


async def test_the_stack_pushes_records_and_lists_and_pops_back(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """Calls → a call (its own GET) → its recordings, with the breadcrumb; back() walks down to the root."""
    navigator.open_named("api:calls")
    await navigator.fetch_next()
    root = navigator.top
    chosen = navigator.choose({"sid": call_sid(0, 1), "uri": f"{CALLS}/{call_sid(0, 1)}.json"})
    assert isinstance(chosen, RecordLevel) and chosen.record is None
    assert chosen.note == f"GET {AU1_HOST}{CALLS}/{call_sid(0, 1)}.json"
    answer = await navigator.fetch_record()
    assert answer is not None and answer.error is None and answer.level is chosen
    assert chosen.record is not None and chosen.record["duration"] == "42"
    recordings = next(link for link in chosen.links if link.name == "recordings")
    opened = navigator.follow(recordings)
    assert isinstance(opened, ListLevel) and opened.endpoint.id == "api:calls:recordings"
    page = await navigator.fetch_next()
    assert page is not None and [r["sid"] for r in page.records] == ["RE" + call_sid(0, 1)[2:]]
    assert server.seen[-1] == f"{AU1_HOST}{CALLS}/{call_sid(0, 1)}/Recordings.json"
    assert navigator.breadcrumb().titles == ("api:calls", call_sid(0, 1), "recordings")
    assert navigator.filter_params() == ()  # filters belong to the root list only
    assert navigator.back() is chosen
    assert navigator.back() is root and sids(navigator) == [call_sid(0, 0), call_sid(0, 1)]
    assert navigator.back() is None and navigator.top is root
    assert "Status" in {p.name for p in navigator.filter_params()}


async def test_a_link_outside_the_catalogue_is_listed_but_not_opened(navigator: Navigator) -> None:
    """A record's link to a host that is no Twilio API is refused; the record stays on top."""
    navigator.open_named("api:calls")
    await navigator.fetch_next()
    chosen = navigator.choose(FakeTwilio._call(call_sid(0, 0)))
    await navigator.fetch_record()
    assert chosen is not None
    elsewhere = next(link for link in chosen.links if link.name == "elsewhere")
    assert elsewhere.endpoint is None
    with pytest.raises(InputError, match="is not a resource of the catalogue in this Region"):
        navigator.follow(elsewhere)
    with pytest.raises(InputError):
        navigator.follow(RecordLink("nothing", "https://api.twilio.com/x", None))
    assert navigator.top is chosen and len(navigator.levels) == 2


async def test_a_page_held_across_a_region_change_is_dropped(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """A first page still on its way when the target moves to IE1 is never reported; IE1 is listed afresh."""
    session = navigator.session
    server.hold = page(0)
    navigator.open_named("api:calls")
    old = navigator.top
    pending = asyncio.create_task(navigator.fetch_next())
    await settle_until(server.waiting)
    reopened = navigator.point(Target.preset("ie1"), session)
    server.gate.set()
    assert await asyncio.wait_for(pending, timeout=5) is None
    assert isinstance(old, ListLevel) and old.listing is not None and old.listing.records == []
    assert isinstance(reopened, ListLevel) and reopened is navigator.top and reopened is not old
    answer = await navigator.fetch_next()
    assert answer is not None and answer.exchange is not None
    assert answer.exchange.url.startswith(f"{IE1_HOST}/")
    assert navigator.region == "ie1" and len(sids(navigator)) == 2


async def test_a_record_answered_after_going_back_is_dropped(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """Esc while a record loads: its answer is not reported and the list is on top with its records."""
    navigator.open_named("api:calls")
    await navigator.fetch_next()
    server.hold = lambda request: request.url.path.startswith(f"{CALLS}/")
    navigator.choose(FakeTwilio._call(call_sid(0, 0)))
    pending = asyncio.create_task(navigator.fetch_record())
    await settle_until(server.waiting)
    root = navigator.back()
    server.gate.set()
    assert await asyncio.wait_for(pending, timeout=5) is None
    assert isinstance(root, ListLevel) and navigator.top is root and len(navigator.levels) == 1


async def test_load_all_reports_each_page_and_a_cancel_keeps_them(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """Load all with progress; cancelled after two pages it stops there, and fetch_next carries on at page three."""
    server.pages = 5
    navigator.open_named("api:calls")
    seen: list[Fetched] = []

    def progress(fetched: Fetched) -> None:
        seen.append(fetched)
        assert navigator.loading_all
        if len(seen) == 2:
            assert navigator.cancel_load_all()

    final = await navigator.load_all(progress)
    assert [len(f.records) for f in seen] == [2, 2] and all(f.exchange is not None for f in seen)
    assert final is not None and final.error is None and final.records == ()
    assert not navigator.loading_all and not navigator.cancel_load_all()
    top = navigator.top
    assert isinstance(top, ListLevel) and top.listing is not None
    assert top.listing.pages == 2 and top.listing.has_more
    assert sids(navigator) == [call_sid(p, n) for p in range(2) for n in range(2)]
    await navigator.fetch_next()
    assert sids(navigator) == [call_sid(p, n) for p in range(3) for n in range(2)]
    assert len(server.seen) == len(set(server.seen)) == 3  # no page asked for twice


async def test_cancelling_load_all_mid_page_keeps_the_pages_consistent(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """Cancelled while page three is in flight: it returns at once, page three is not half added, and is asked
    for again by the next fetch."""
    server.pages, server.hold = 5, page(2)
    navigator.open_named("api:calls")
    seen: list[Fetched] = []
    loading = asyncio.create_task(navigator.load_all(seen.append))
    await settle_until(server.waiting)
    assert navigator.loading_all and navigator.cancel_load_all()
    assert await asyncio.wait_for(loading, timeout=5) is None
    assert len(seen) == 2 and not navigator.loading_all
    assert sids(navigator) == [call_sid(p, n) for p in range(2) for n in range(2)]
    server.hold, server.seen = (lambda request: False), []
    final = await navigator.load_all()
    assert final is not None and final.error is None
    assert sids(navigator) == [call_sid(p, n) for p in range(5) for n in range(2)]
    assert server.seen[0] == f"{AU1_HOST}{CALLS}.json?Page=2&PageToken=PT1x9" and len(server.seen) == 3


async def test_a_view_change_while_drawing_a_page_ends_load_all_and_drops_its_answer(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """A progress callback that moves the target to IE1: no further page is fetched, and no last word comes."""
    server.pages = 5
    navigator.open_named("api:calls")
    moved: list[Fetched] = []

    def progress(fetched: Fetched) -> None:
        moved.append(fetched)
        navigator.point(Target.preset("ie1"), navigator.session)

    assert await navigator.load_all(progress) is None
    assert len(moved) == 1 and len(server.seen) == 1 and not navigator.loading_all
    top = navigator.top
    assert isinstance(top, ListLevel) and top.listing is not None and top.listing.records == []


async def test_a_failed_page_is_reported_and_retried(navigator: Navigator, server: FakeTwilio) -> None:
    """Page two answers 500: the error is on the level with its exchange; the next fetch asks again and clears it."""
    server.failing = {1}
    navigator.open_named("api:calls")
    await navigator.fetch_next()
    failed = await navigator.fetch_next()
    assert failed is not None and isinstance(failed.error, ListingError)
    assert failed.exchange is not None and failed.exchange.status_code == 500 and failed.records == ()
    top = navigator.top
    assert isinstance(top, ListLevel) and "HTTP 500: Twilio error 20500" in top.error
    assert len(sids(navigator)) == 2 and navigator.can_fetch
    again = await navigator.fetch_next()
    assert again is not None and again.error is None and top.error == ""
    assert server.seen[1] == server.seen[2] and len(sids(navigator)) == 4


async def test_load_all_stops_at_a_failed_page_and_says_why(navigator: Navigator, server: FakeTwilio) -> None:
    """Load all meets a 500 on page three: the two pages before are kept, the answer is the failure."""
    server.failing = {2}
    navigator.open_named("api:calls")
    final = await navigator.load_all()
    assert final is not None and isinstance(final.error, ListingError)
    assert final.exchange is not None and final.exchange.status_code == 500
    assert len(sids(navigator)) == 4 and not navigator.loading_all


async def test_a_record_that_answers_404_is_an_error_with_its_exchange(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """A call the server no longer has: the record level says HTTP 404 with Twilio's code, and has no fields."""
    server.missing = {call_sid(0, 0)}
    navigator.open_named("api:calls")
    await navigator.fetch_next()
    chosen = navigator.choose(FakeTwilio._call(call_sid(0, 0)))
    answer = await navigator.fetch_record()
    assert answer is not None and answer.error is not None
    assert answer.exchange is not None and answer.exchange.status_code == 404
    assert chosen is not None and chosen.record is None
    assert chosen.error.startswith("HTTP 404: Twilio error 20404, The requested resource was not found")


async def test_server_filters_reopen_the_root_list_with_them(
    navigator: Navigator, server: FakeTwilio
) -> None:
    """`Status=completed` reopens calls with the filter on its first request; bad text changes nothing."""
    navigator.open_named("api:calls")
    level = navigator.set_filters("Status=completed&")
    assert isinstance(level, ListLevel) and navigator.filters_text == "Status=completed"
    await navigator.fetch_next()
    assert server.seen == [f"{AU1_HOST}{CALLS}.json?Status=completed"]
    with pytest.raises(InputError, match="has no '='"):
        navigator.set_filters("Status")
    with pytest.raises(InputError):
        navigator.set_filters("NoSuchFilter=1")
    assert navigator.top is level and navigator.filters_text == "Status=completed"
    navigator.set_filters("")
    assert navigator.filters_text == "" and navigator.request is not None and navigator.request.query == ()


async def test_lists_that_cannot_be_opened_say_why(navigator: Navigator, server: FakeTwilio) -> None:
    """A single record, a list under a parent record, a Region without a credential: an error level, no request."""
    call = CATALOG.get("api:calls").instance
    assert call is not None
    single = navigator.open(CATALOG.get(call))
    assert single is not None and single.listing is None and "is a single record" in single.error
    child = navigator.open(CATALOG.get("api:calls:recordings"))
    assert child is not None and "belongs to a parent record (CallSid)" in child.error
    navigator.point(Target.preset("us1"), navigator.session)
    none = navigator.open_named("api:calls")
    assert none is not None and none.listing is None and "has no credential for US1" in none.error
    assert navigator.breadcrumb().titles == ("api:calls",) and server.seen == []


async def test_a_list_asked_for_before_the_catalogue_and_session_opens_once_they_are_in(
    server: FakeTwilio,
) -> None:
    """Before the catalogue: the name is kept and handed back; before the session: it opens when one comes."""
    navigator = Navigator(Target.preset("au1"))
    try:
        assert navigator.open_named("applications") is None
        assert navigator.use_catalog(CATALOG) == "applications"
        assert navigator.use_catalog(CATALOG) is None
        assert navigator.open_named("applications") is None  # the session is still loading
        assert navigator.root is not None and navigator.root.id == "api:applications"
        level = navigator.point(navigator.target, session_on(server))
        assert isinstance(level, ListLevel) and level.listing is not None
        assert navigator.breadcrumb().titles == ("api:applications",)
    finally:
        await navigator.aclose()


async def test_the_breadcrumb_marks_a_list_the_region_does_not_offer(navigator: Navigator) -> None:
    """api:messages in AU1 carries the catalogue's claim beside its title."""
    navigator.open_named("api:messages")
    crumb = navigator.breadcrumb()
    assert crumb.titles == ("api:messages",) and crumb.availability == "not offered in AU1"
    navigator.open_named("api:calls")
    assert navigator.breadcrumb().availability == ""


async def test_requests_go_through_the_sessions_own_client_which_the_navigator_never_closes(
    server: FakeTwilio,
) -> None:
    """The navigator sends with the session's client and follows a new session; the sessions close clients."""
    first, second = session_on(server), session_on(server)
    navigator = Navigator(Target.preset("au1"), first, CATALOG)
    try:
        navigator.open_named("api:calls")
        assert (await navigator.fetch_next()) is not None
        navigator.point(navigator.target, second)
        navigator.open_named("api:calls")
        assert (await navigator.fetch_next()) is not None
        await navigator.aclose()
        for session in (first, second):
            exchange = await session.client().get_url(f"{AU1_HOST}{CALLS}.json", session.credentials[0])
            assert exchange.status_code == 200
    finally:
        await first.aclose()
        await second.aclose()


def test_the_navigator_is_usable_without_an_event_loop() -> None:
    """Changing the view is plain code: no loop needed to open, choose or go back."""
    navigator = Navigator(Target.preset("au1"), session_on(FakeTwilio()), CATALOG)
    level = navigator.open_named("api:calls")
    assert isinstance(level, ListLevel) and level is navigator.top and navigator.can_fetch
    chosen = navigator.choose(FakeTwilio._call(call_sid(0, 0)))
    assert isinstance(chosen, RecordLevel) and navigator.levels[-1] is chosen and not navigator.can_fetch
    assert navigator.back() is level and navigator.back() is None
