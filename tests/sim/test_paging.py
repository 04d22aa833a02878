"""Paging like Twilio: follow only the returned links to the end; envelopes with exactly the published keys."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.catalog.loader import load_catalog
from explorer.sim.server import start_simulator
from tests.sim.sim_client import SimClient


def _follow_2010(client: SimClient, region: str, first_url: str) -> Iterator[dict[str, object]]:
    host = first_url.split("/2010-04-01", 1)[0]
    url: str | None = first_url
    while url is not None:
        page = client.http.get(url, auth=client.auth(region)).json()
        yield page
        url = host + page["next_page_uri"] if page["next_page_uri"] else None


def test_a_2010_list_pages_to_its_end_through_relative_links_with_page_tokens(client: SimClient) -> None:
    """60 AU1 applications at PageSize 7 arrive in 9 pages of unique records; links are relative with a token."""
    pages = list(_follow_2010(client, "au1", client.api_url("au1", "Applications.json?PageSize=7")))
    sids = [app["sid"] for page in pages for app in page["applications"]]  # type: ignore[attr-defined]
    assert len(pages) == 9
    assert len(sids) == len(set(sids)) == 60
    second = pages[1]
    assert str(pages[0]["next_page_uri"]).startswith(f"/2010-04-01/Accounts/{client.sim.account_sid}/")
    assert "PageToken=PA" in str(pages[0]["next_page_uri"])
    assert (second["page"], second["start"], second["end"], second["page_size"]) == (1, 7, 13, 7)
    assert pages[-1]["next_page_uri"] is None
    assert pages[0]["previous_page_uri"] is None


def test_a_previous_page_link_leads_back_to_the_same_records(client: SimClient) -> None:
    """Following next then previous returns the first page's records."""
    first = client.get(client.api_url("ie1", "Applications.json"), "ie1", PageSize=5).json()
    second = client.http.get(
        "https://api.dublin.ie1.twilio.com" + first["next_page_uri"], auth=client.auth("ie1")
    ).json()
    back = client.http.get(
        "https://api.dublin.ie1.twilio.com" + second["previous_page_uri"], auth=client.auth("ie1")
    ).json()
    assert [a["sid"] for a in back["applications"]] == [a["sid"] for a in first["applications"]]


def test_a_v1_list_pages_with_meta_and_absolute_urls_on_the_regional_host(client: SimClient) -> None:
    """IE1 conversations page through meta.next_page_url, each an absolute URL on the IE1 host."""
    url: str | None = "https://conversations.dublin.ie1.twilio.com/v1/Conversations?PageSize=25"
    seen: list[str] = []
    pages = 0
    while url is not None:
        page = client.http.get(url, auth=client.auth("ie1")).json()
        assert list(page) == ["conversations", "meta"]
        assert page["meta"]["key"] == "conversations"
        assert page["meta"]["url"].startswith("https://conversations.dublin.ie1.twilio.com/v1/Conversations?")
        seen += [c["sid"] for c in page["conversations"]]
        url = page["meta"]["next_page_url"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 60


def test_page_size_is_honoured_up_to_the_endpoints_maximum(client: SimClient) -> None:
    """PageSize 500 gives 100 conversations (their maximum) but 60 of 60 applications (maximum 1000)."""
    conversations = client.http.get(
        "https://conversations.twilio.com/v1/Conversations?PageSize=500", auth=client.auth("us1")
    ).json()
    applications = client.get(client.api_url("us1", "Applications.json"), "us1", PageSize=500).json()
    assert conversations["meta"]["page_size"] == 100
    assert applications["page_size"] == 500
    assert len(applications["applications"]) == 60


def test_a_page_token_of_another_list_is_rejected_with_21481(client: SimClient) -> None:
    """A PageToken taken from the AU1 list is invalid on the IE1 list."""
    au1 = client.get(client.api_url("au1", "Applications.json"), "au1", PageSize=5).json()
    token = au1["next_page_uri"].split("PageToken=")[1]
    response = client.get(
        client.api_url("ie1", "Applications.json"), "ie1", PageSize=5, Page=1, PageToken=token
    )
    assert response.status_code == 400
    assert response.json()["code"] == 21481


def test_ten_thousand_applications_page_to_the_end() -> None:
    """With --records 10000, the AU1 Applications list pages in 10 pages of 1,000 distinct records."""
    with start_simulator(seed="big", records=10_000) as sim:
        client = SimClient(sim)
        try:
            pages = list(
                _follow_2010(client, "au1", client.api_url("au1", "Applications.json?PageSize=1000"))
            )
        finally:
            client.close()
    sids = {app["sid"] for page in pages for app in page["applications"]}  # type: ignore[attr-defined]
    assert len(pages) == 10
    assert len(sids) == 10_000
    assert pages[-1]["end"] == 9_999


def _sample_lists() -> list[str]:
    # The first paged list of every product with one: a sample that covers every product.
    chosen: dict[str, str] = {}
    for endpoint in load_catalog().lists():
        if endpoint.envelope and "{" not in endpoint.path.replace("{AccountSid}", ""):
            chosen.setdefault(endpoint.product, endpoint.id)
    return sorted(chosen.values())


@pytest.mark.parametrize("endpoint_id", _sample_lists())
def test_envelope_keys_match_the_published_schema(client: SimClient, endpoint_id: str) -> None:
    """A list's top-level keys (and meta keys) are exactly those of its published response schema."""
    endpoint = load_catalog().get(endpoint_id)
    path = endpoint.path.replace("{AccountSid}", client.sim.account_sid)
    response = client.http.get(f"https://{endpoint.product}.twilio.com{path}", auth=client.auth("us1"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(body) == sorted(endpoint.envelope_keys)
    if endpoint.meta_keys:
        assert sorted(body["meta"]) == sorted(endpoint.meta_keys)
