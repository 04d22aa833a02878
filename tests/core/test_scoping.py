"""Region scoping: a credential goes only to hosts processed in its Region, on every path through the client."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from explorer.core.client import AsyncExplorerClient, ExplorerClient
from explorer.core.errors import RegionScopeError, TransportError
from explorer.core.exchange import next_page_url
from explorer.core.profiles import Credential, Profile
from explorer.core.request import RequestSpec
from explorer.core.scoping import check_scope, scope_allows

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "Zq8xSecretValue0123456789abcdefX"
AU1 = Profile.create("au1-demo", ACCOUNT, "au1", api_key_sid=KEY)
US1 = Profile.create("main", ACCOUNT, "us1")
CALLS = "/2010-04-01/Accounts/{AccountSid}/Calls.json"
AU1_CALLS = f"https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{ACCOUNT}/Calls.json"


@pytest.mark.parametrize(
    ("profile", "url"),
    [
        (AU1, "https://api.sydney.au1.twilio.com/2010-04-01/Accounts.json"),
        (AU1, "https://API.Sydney.AU1.twilio.com./x"),
        (US1, "https://api.twilio.com/2010-04-01/Accounts.json"),
        (US1, "https://api.us1.twilio.com/x"),
        (US1, "https://api.ashburn.us1.twilio.com/x"),
        (US1, "https://messaging.twilio.com/v1/Services"),
    ],
)
def test_own_region_hosts_are_allowed(profile: Profile, url: str) -> None:
    """Hosts processed in the profile's Region get the credential."""
    check_scope(profile, url)
    assert scope_allows(profile, url)


def test_other_region_is_refused_naming_both_regions() -> None:
    """An AU1 credential for an IE1 host is refused, naming AU1, IE1 and the fix."""
    with pytest.raises(RegionScopeError) as caught:
        check_scope(AU1, "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json")
    assert caught.value.message == (
        "refused to send the AU1 credential of profile 'au1-demo' to 'api.dublin.ie1.twilio.com': "
        "the host is processed in IE1, not AU1; the credential was not sent"
    )
    assert caught.value.hint == (
        "use a profile whose credential was issued in IE1 for api.dublin.ie1.twilio.com, or send the request "
        "to api.sydney.au1.twilio.com, the AU1 host, with this profile"
    )
    assert caught.value.title == "Wrong Region for this credential"


@pytest.mark.parametrize(
    ("profile", "url", "fragment"),
    [
        (AU1, "https://api.twilio.com/x", "processed in US1, not AU1"),
        # Before 2026-04-28 this host was processed in US1 whatever its label said; now it is retired.
        (AU1, "https://api.au1.twilio.com/x", "not processed in any Region (retired;"),
        (AU1, "https://api.sydney.us1.twilio.com/x", "processed in US1, not AU1"),
        (US1, "https://api.sydney.au1.twilio.com/x", "processed in AU1, not US1"),
        (US1, "https://api.twilio.com.evil.example/x", "not processed in any Region (unknown;"),
        (US1, "https://evil.example/api.twilio.com", "not processed in any Region (unknown;"),
        (AU1, "http://api.sydney.au1.twilio.com/x", "the URL's scheme is 'http', not https"),
        (AU1, "https://user:pw@api.sydney.au1.twilio.com/x", "the URL carries its own user name or password"),
        (AU1, "/2010-04-01/Accounts.json", "not https"),
    ],
)
def test_everything_else_is_refused(profile: Profile, url: str, fragment: str) -> None:
    """Other Regions, dead hosts, lookalike hosts, plain http and URLs with user info are refused."""
    with pytest.raises(RegionScopeError) as caught:
        check_scope(profile, url)
    assert fragment in caught.value.message
    assert not scope_allows(profile, url)


# -- through the client ----------------------------------------------------------------------------------


class Recorder:
    """A MockTransport handler that answers from a table and remembers every request it saw."""

    def __init__(self, answers: dict[str, httpx.Response]) -> None:
        self.answers = answers
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        url = str(request.url)
        return self.answers.get(url, httpx.Response(404, json={"code": 20404, "message": "not found"}))

    @property
    def hosts(self) -> list[str]:
        return [request.url.host for request in self.seen]


def credential() -> Credential:
    return Credential(AU1, SECRET)


def spec(region: str | None = "au1", edge: str | None = "sydney") -> RequestSpec:
    return RequestSpec("GET", CALLS, region=region, edge=edge, query=(("PageSize", "2"),))


def test_first_request_to_another_region_never_leaves() -> None:
    """A request built for IE1 with the AU1 profile is refused and the transport is never called."""
    recorder = Recorder({})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client, pytest.raises(RegionScopeError):
        client.send(spec("ie1", "dublin"), credential())
    assert recorder.seen == []


def test_own_region_request_carries_the_credential() -> None:
    """The AU1 request is sent with Basic auth, and the recorded exchange shows it redacted."""
    recorder = Recorder({f"{AU1_CALLS}?PageSize=2": httpx.Response(200, json={"calls": []})})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        exchange = client.send(spec(), credential())
    expected = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    assert recorder.seen[0].headers["authorization"] == expected
    assert exchange.status_code == 200
    assert ("authorization", "Basic [redacted]") in exchange.request_headers
    assert SECRET not in repr(exchange)
    assert exchange.timings.total >= 0


@pytest.mark.parametrize(
    "page",
    [
        {"calls": [], "next_page_uri": None},
        {"calls": [], "next_page_uri": ""},
        {"meta": {"next_page_url": None}, "things": []},
    ],
)
def test_last_page_has_no_next(page: dict[str, object]) -> None:
    """A page without a next link ends the listing."""
    recorder = Recorder({f"{AU1_CALLS}?PageSize=2": httpx.Response(200, json=page)})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        pages = list(client.pages(spec(), credential()))
    assert len(pages) == 1
    assert next_page_url(pages[0]) is None


def test_next_page_uri_in_region_is_followed() -> None:
    """A 2010 next_page_uri is joined to the regional host and fetched with the credential."""
    second = f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json?PageSize=2&Page=1&PageToken=PA1"
    recorder = Recorder(
        {
            f"{AU1_CALLS}?PageSize=2": httpx.Response(200, json={"calls": [1], "next_page_uri": second}),
            f"https://api.sydney.au1.twilio.com{second}": httpx.Response(200, json={"calls": [2]}),
        }
    )
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        pages = list(client.pages(spec(), credential()))
    assert [page.json()["calls"] for page in pages] == [[1], [2]]
    assert recorder.hosts == ["api.sydney.au1.twilio.com", "api.sydney.au1.twilio.com"]


@pytest.mark.parametrize(
    "first_page",
    [
        {
            "calls": [1],
            "next_page_uri": "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/x/Calls.json?Page=1",
        },
        {
            "calls": [1],
            "next_page_uri": "//api.dublin.ie1.twilio.com/2010-04-01/Accounts/x/Calls.json?Page=1",
        },
        {"meta": {"next_page_url": "https://api.dublin.ie1.twilio.com/v1/Things?Page=1"}, "things": [1]},
    ],
)
def test_next_page_link_to_another_region_is_refused(first_page: dict[str, object]) -> None:
    """A next-page link pointing at IE1's host is refused before it is fetched; only the AU1 page was sent."""
    recorder = Recorder({f"{AU1_CALLS}?PageSize=2": httpx.Response(200, json=first_page)})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        first = client.send(spec(), credential())
        with pytest.raises(RegionScopeError) as caught:
            client.next_page(first, credential())
    assert "'api.dublin.ie1.twilio.com': the host is processed in IE1, not AU1" in caught.value.message
    assert recorder.hosts == ["api.sydney.au1.twilio.com"]


def test_get_url_to_another_region_is_refused() -> None:
    """Fetching an arbitrary URL with the AU1 credential checks its host too."""
    recorder = Recorder({})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client, pytest.raises(RegionScopeError):
        client.get_url("https://api.twilio.com/2010-04-01/Accounts.json", credential())
    assert recorder.seen == []


def test_redirect_within_region_is_followed_with_the_credential() -> None:
    """A redirect to another path on the AU1 host is followed and recorded."""
    target = "https://api.sydney.au1.twilio.com/2010-04-01/Moved.json"
    recorder = Recorder(
        {
            f"{AU1_CALLS}?PageSize=2": httpx.Response(301, headers={"Location": "/2010-04-01/Moved.json"}),
            target: httpx.Response(200, json={"moved": True}),
        }
    )
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        exchange = client.send(spec(), credential())
    assert exchange.url == target
    assert exchange.redirects == (f"{AU1_CALLS}?PageSize=2",)
    assert recorder.seen[1].headers["authorization"].startswith("Basic ")


@pytest.mark.parametrize(
    "location",
    [
        "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json",
        "http://api.sydney.au1.twilio.com/2010-04-01/Accounts.json",
        "https://collector.example/steal",
    ],
)
def test_redirect_out_of_region_is_refused(location: str) -> None:
    """A redirect to another Region, plain http or a foreign host is refused; it is never requested."""
    recorder = Recorder({f"{AU1_CALLS}?PageSize=2": httpx.Response(302, headers={"Location": location})})
    with ExplorerClient(transport=httpx.MockTransport(recorder)) as client, pytest.raises(RegionScopeError):
        client.send(spec(), credential())
    assert len(recorder.seen) == 1


def test_redirect_loop_stops() -> None:
    """A host that keeps redirecting to itself gives a network error after five hops."""
    recorder = Recorder({f"{AU1_CALLS}?PageSize=2": httpx.Response(302, headers={"Location": "?PageSize=2"})})
    with (
        ExplorerClient(transport=httpx.MockTransport(recorder)) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(spec(), credential())
    assert caught.value.message == "api.sydney.au1.twilio.com redirected more than 5 times"
    assert len(recorder.seen) == 6


def test_transport_failure_is_a_network_error_without_the_secret() -> None:
    """A connection failure becomes a TransportError naming the host, never the credential."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with (
        ExplorerClient(transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(spec(), credential())
    assert caught.value.message == (
        "GET api.sydney.au1.twilio.com failed: the connection was refused: nothing listens at "
        "api.sydney.au1.twilio.com"
    )
    assert caught.value.title == "Connection refused"
    assert SECRET not in str(caught.value) and caught.value.__cause__ is None


async def test_async_client_refuses_a_cross_region_next_page() -> None:
    """The app's async client applies the same scoping to next-page links."""
    seen: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        body = {
            "calls": [1],
            "next_page_uri": "https://api.twilio.com/2010-04-01/Accounts/x/Calls.json?Page=1",
        }
        return httpx.Response(200, content=json.dumps(body).encode())

    async with AsyncExplorerClient(transport=httpx.MockTransport(handler)) as client:
        first = await client.send(spec(), credential())
        with pytest.raises(RegionScopeError) as caught:
            await client.next_page(first, credential())
    assert "processed in US1, not AU1" in caught.value.message
    assert seen == [f"{AU1_CALLS}?PageSize=2"]


async def test_async_client_refuses_a_cross_region_redirect() -> None:
    """The async client re-checks the scope of a redirect target."""
    seen: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(307, headers={"Location": "https://api.dublin.ie1.twilio.com/x"})

    async with AsyncExplorerClient(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(RegionScopeError):
            await client.send(spec(), credential())
    assert len(seen) == 1


def test_refusal_for_a_product_not_offered_in_the_profiles_region_does_not_invent_a_host() -> None:
    """An AU1 profile refused on a Conversations host is told Conversations is not offered in AU1, not sent to US1."""
    profile = Profile.create("au", "AC" + "1" * 32, "au1", api_key_sid="SK" + "2" * 32)
    with pytest.raises(RegionScopeError) as caught:
        check_scope(profile, "https://conversations.twilio.com/v1/Conversations")
    assert "the AU1 host" not in caught.value.hint
    assert "not documented in AU1" in caught.value.hint
