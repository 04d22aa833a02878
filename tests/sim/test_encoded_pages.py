"""List pages are spliced from cached record bytes, and a write still shows on the very next page read."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

from explorer.sim.encoded import EncodedRecords, encode_page
from tests.sim.inprocess import InProcess


@pytest.fixture
async def sim() -> AsyncIterator[InProcess]:
    """A simulator app of its own (writes change its data), 12 records per list."""
    app = InProcess(seed="encoded", records=12)
    yield app
    await app.close()


async def _page(sim: InProcess, region: str = "au1", **params: Any) -> list[dict[str, Any]]:
    response = await sim.get(region, sim.api(region, "Applications.json"), PageSize="5", **params)
    assert response.status_code == 200
    records: list[dict[str, Any]] = response.json()["applications"]
    return records


async def test_an_update_shows_on_a_page_read_before_it(sim: InProcess) -> None:
    """Rename an Application listed on page one: the next read of page one shows the new name, the rest unchanged."""
    before = await _page(sim)
    target = before[2]["sid"]
    updated = await sim.post(
        "au1", sim.api("au1", f"Applications/{target}.json"), {"FriendlyName": "Renamed"}
    )
    assert updated.status_code == 200
    after = await _page(sim)
    assert after[2]["friendly_name"] == "Renamed" and after[2]["sid"] == target
    assert after[2]["date_updated"] != before[2]["date_updated"]
    assert [r for n, r in enumerate(after) if n != 2] == [r for n, r in enumerate(before) if n != 2]


async def test_a_create_and_a_delete_show_on_a_page_read_before_them(sim: InProcess) -> None:
    """A new Application tops page one; a deleted one leaves it and the next record moves up."""
    before = await _page(sim)
    created = await sim.post("au1", sim.api("au1", "Applications.json"), {"FriendlyName": "Fresh"})
    assert created.status_code == 201
    after_create = await _page(sim)
    assert after_create[0]["sid"] == created.json()["sid"]
    assert [r["sid"] for r in after_create[1:]] == [r["sid"] for r in before[:4]]
    gone = await sim.http.delete(
        sim.api("au1", f"Applications/{before[0]['sid']}.json"), auth=sim.auth("au1")
    )
    assert gone.status_code == 204
    after_delete = await _page(sim)
    assert [r["sid"] for r in after_delete] == [created.json()["sid"], *(r["sid"] for r in before[1:5])]


async def test_a_record_read_on_one_host_keeps_its_links_on_another(sim: InProcess) -> None:
    """The same Conversation listed on the plain and on an edge host of US1 links to the host each page was asked on."""
    hosts = ("conversations.twilio.com", "conversations.ashburn.us1.twilio.com")
    urls = []
    for host in (*hosts, hosts[0]):
        response = await sim.http.get(f"https://{host}/v1/Conversations?PageSize=3", auth=sim.auth("us1"))
        assert response.status_code == 200
        urls.append(response.json()["conversations"][0]["url"])
    assert [url.split("/")[2] for url in urls] == [*hosts, hosts[0]]
    assert urls[0].split("/", 3)[3] == urls[1].split("/", 3)[3]


async def test_a_page_is_its_records_in_compact_json_cold_and_warm(sim: InProcess) -> None:
    """Page two, made and then served from cached bytes, is byte for byte the compact JSON of what it holds."""
    url = sim.api("us1", "Calls.json")
    bodies = [(await sim.get("us1", url, PageSize="4", Page="1")).content for _ in range(2)]
    assert bodies[0] == bodies[1]
    parsed = json.loads(bodies[0])
    assert len(parsed["calls"]) == 4
    assert bodies[0] == json.dumps(parsed, separators=(",", ":")).encode()


def test_encode_page_puts_the_record_bytes_under_the_list_key_in_key_order() -> None:
    """The envelope's keys keep their order; the records go under the list's key as given."""
    envelope = {"first_page_uri": "/x?Page=0", "items": None, "page": 0, "meta": {"key": "items"}}
    body = encode_page(envelope, "items", [b'{"a":1}', b'{"b":"\\u00e9"}'])
    assert (
        body
        == b'{"first_page_uri":"/x?Page=0","items":[{"a":1},{"b":"\\u00e9"}],"page":0,"meta":{"key":"items"}}'
    )
    assert json.loads(body)["items"] == [{"a": 1}, {"b": "é"}]


def test_the_record_cache_stays_within_its_budget_dropping_the_oldest_first() -> None:
    """Past its byte budget the cache drops the records kept first, and keeps the newest."""
    cache = EncodedRecords(budget=100)
    keys = [(("au1", "api:applications", ()), n, "h") for n in range(6)]
    for key in keys:
        assert cache.keep(key, b"x" * 30) == b"x" * 30
    assert cache.size <= 100 and len(cache) == 3
    assert cache.peek(keys[0]) is None and cache.peek(keys[5]) == b"x" * 30
