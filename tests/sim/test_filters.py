"""List filters declared in the description are applied to the records and kept in the paging links."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.sim.inprocess import InProcess


@pytest.fixture
async def sim() -> AsyncIterator[InProcess]:
    """A simulator app with 120 records per list."""
    running = InProcess(seed="filters", records=120)
    yield running
    await running.close()


async def test_status_filters_calls_and_stays_in_the_links(sim: InProcess) -> None:
    """`Status=completed` lists only completed calls; the next page link keeps the filter."""
    everything = (await sim.get("us1", sim.api("us1", "Calls.json"), PageSize=1000)).json()["calls"]
    completed = [c["sid"] for c in everything if c["status"] == "completed"]
    assert 0 < len(completed) < len(everything)
    page = (await sim.get("us1", sim.api("us1", "Calls.json"), Status="completed", PageSize=5)).json()
    assert [c["sid"] for c in page["calls"]] == completed[:5]
    assert parse_qs(urlsplit(page["next_page_uri"]).query)["Status"] == ["completed"]
    second = (await sim.get("us1", "https://api.twilio.com" + page["next_page_uri"])).json()
    assert [c["sid"] for c in second["calls"]] == completed[5:10]


async def test_to_and_friendly_name_match_exactly(sim: InProcess) -> None:
    """`To` keeps the calls to that number; `FriendlyName` the applications with that name."""
    calls = (await sim.get("au1", sim.api("au1", "Calls.json"), PageSize=1000)).json()["calls"]
    number = calls[7]["to"]
    found = (await sim.get("au1", sim.api("au1", "Calls.json"), To=number)).json()["calls"]
    assert found and all(c["to"] == number for c in found)
    assert {c["sid"] for c in found} == {c["sid"] for c in calls if c["to"] == number}
    apps = (await sim.get("ie1", sim.api("ie1", "Applications.json"))).json()["applications"]
    named = (
        await sim.get("ie1", sim.api("ie1", "Applications.json"), FriendlyName=apps[2]["friendly_name"])
    ).json()
    assert [a["sid"] for a in named["applications"]] == [apps[2]["sid"]]


async def test_start_time_ranges_include_their_days(sim: InProcess) -> None:
    """`StartTime>=` and `StartTime<=` (dates) keep the calls started within those days, both included."""
    calls = (await sim.get("us1", sim.api("us1", "Calls.json"), PageSize=1000)).json()["calls"]
    starts = sorted(parsedate_to_datetime(c["start_time"]) for c in calls if c["start_time"])
    low, high = starts[10].date(), starts[30].date()
    url = sim.api("us1", "Calls.json") + f"?StartTime>={low}&StartTime<={high}&PageSize=1000"
    found = (await sim.get("us1", url)).json()["calls"]
    expected = [
        c["sid"]
        for c in calls
        if c["start_time"] and low <= parsedate_to_datetime(c["start_time"]).date() <= high
    ]
    assert [c["sid"] for c in found] == expected and expected


async def test_date_created_on_a_day(sim: InProcess) -> None:
    """`DateCreated=YYYY-MM-DD` keeps the recordings created that day (UTC)."""
    url = sim.api("us1", "Recordings.json")
    recordings = (await sim.get("us1", url, PageSize=1000)).json()["recordings"]
    day = parsedate_to_datetime(recordings[4]["date_created"]).astimezone(UTC).date()
    found = (await sim.get("us1", url, DateCreated=str(day), PageSize=1000)).json()["recordings"]
    expected = [r["sid"] for r in recordings if parsedate_to_datetime(r["date_created"]).date() == day]
    assert [r["sid"] for r in found] == expected and len(expected) < len(recordings)


async def test_a_v1_list_filters_too(sim: InProcess) -> None:
    """Conversations filtered by `State` (declared on its GET) hold only that state."""
    url = sim.url("ie1", "conversations", "/v1/Conversations")
    first = (await sim.get("ie1", url, PageSize=100)).json()
    rest = (await sim.get("ie1", first["meta"]["next_page_url"])).json()
    everything = first["conversations"] + rest["conversations"]
    state = everything[0]["state"]
    page = (await sim.get("ie1", url, State=state, PageSize=100)).json()
    assert page["conversations"] and all(c["state"] == state for c in page["conversations"])
    assert len(page["conversations"]) == sum(1 for c in everything if c["state"] == state)


async def test_a_filter_value_the_description_refuses_answers_400(sim: InProcess) -> None:
    """`Status=exploded` is not a call status and `StartTime>=yesterday` not a date: 400, Twilio's body."""
    bad_status = await sim.get("us1", sim.api("us1", "Calls.json"), Status="exploded")
    assert bad_status.status_code == 400 and "Status" in bad_status.json()["message"]
    bad_date = await sim.get("us1", sim.api("us1", "Calls.json") + "?StartTime>=yesterday")
    assert bad_date.status_code == 400 and "StartTime>" in bad_date.json()["message"]


async def test_a_created_record_is_found_by_its_filter(sim: InProcess) -> None:
    """A new Application is listed under its FriendlyName at once."""
    created = (
        await sim.post("au1", sim.api("au1", "Applications.json"), {"FriendlyName": "Night line"})
    ).json()
    found = (await sim.get("au1", sim.api("au1", "Applications.json"), FriendlyName="Night line")).json()
    assert [a["sid"] for a in found["applications"]] == [created["sid"]]
