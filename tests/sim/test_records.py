"""Generated records: shaped by the catalogue, deterministic per seed, different per Region, lazy by index."""

from __future__ import annotations

import re

from explorer.catalog.loader import load_catalog
from explorer.sim.records import ListRef, RecordFactory

ACCOUNT = "AC" + "0" * 32
RFC_2822 = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000"
)
ISO_8601 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _ref(endpoint_id: str, region: str) -> ListRef:
    endpoint = load_catalog().get(endpoint_id)
    return ListRef(endpoint, region, tuple((name, ACCOUNT) for name in endpoint.path_params))


def _factory(seed: str = "demo") -> RecordFactory:
    return RecordFactory(seed, ACCOUNT, load_catalog().endpoints)


def test_2010_records_have_the_schema_fields_prefixed_sids_and_rfc_2822_dates() -> None:
    """An application has every published field, an AP SID, 2010-style dates and a relative uri."""
    ref = _ref("api:applications", "au1")
    record = _factory().record(ref, 3, "api.sydney.au1.twilio.com")
    assert list(record) == [f.name for f in ref.endpoint.fields]
    assert re.fullmatch(r"AP[0-9a-f]{32}", record["sid"])
    assert record["account_sid"] == ACCOUNT
    assert RFC_2822.fullmatch(record["date_created"])
    assert record["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/Applications/{record['sid']}.json"
    assert record["sms_method"] in ("GET", "POST")


def test_v1_records_have_iso_dates_and_absolute_links_on_the_request_host() -> None:
    """A conversation's dates are ISO 8601 and its url and links point at the regional host asked."""
    ref = _ref("conversations:conversations", "ie1")
    record = _factory().record(ref, 0, "conversations.dublin.ie1.twilio.com")
    own = f"https://conversations.dublin.ie1.twilio.com/v1/Conversations/{record['sid']}"
    assert ISO_8601.fullmatch(record["date_created"])
    assert record["url"] == own
    assert record["links"]["messages"] == own + "/Messages"
    assert record["state"] in ("initializing", "inactive", "active", "closed")


def test_records_are_deterministic_for_a_seed_and_differ_between_regions_and_seeds() -> None:
    """The same seed and index give the same record; another Region or seed gives another SID."""
    au1, ie1 = _ref("api:applications", "au1"), _ref("api:applications", "ie1")
    first = _factory().record(au1, 7, "h")
    assert first == _factory().record(au1, 7, "h")
    assert first["sid"] != _factory().record(ie1, 7, "h")["sid"]
    assert first["sid"] != _factory("other").record(au1, 7, "h")["sid"]


def test_a_sid_decodes_to_its_index_only_in_its_own_list() -> None:
    """Looking up a SID finds its record's index in its list, and nothing in another Region's list."""
    factory = _factory()
    au1, ie1 = _ref("api:applications", "au1"), _ref("api:applications", "ie1")
    sid = factory.sid(au1, 9_876)
    assert sid is not None
    assert factory.index_of(au1, sid) == 9_876
    assert factory.index_of(ie1, sid) is None
    assert factory.index_of(au1, "AP" + "f" * 32) is None


def test_a_record_deep_in_a_huge_list_is_made_without_the_ones_before_it() -> None:
    """Record 9,999 of a list exists on its own: nothing before it is generated or stored."""
    factory = _factory()
    ref = _ref("api:applications", "us1")
    record = factory.record(ref, 9_999, "api.twilio.com")
    assert record["friendly_name"] == "US1 application 10000"
    assert factory.index_of(ref, record["sid"]) == 9_999


def test_a_record_handed_out_is_the_callers_own_while_the_cache_keeps_the_original() -> None:
    """Generated records are cached, but changing one (as writes do, at the top level) never changes the next."""
    factory = _factory()
    ref = _ref("api:applications", "au1")
    record = factory.record(ref, 4, "api.sydney.au1.twilio.com")
    original = dict(record)
    record["friendly_name"] = "changed by a write"
    del record["sid"]
    assert factory.record(ref, 4, "api.sydney.au1.twilio.com") == original


def test_cached_records_keep_their_host_and_shape() -> None:
    """The same record asked for on another host has links on that host; asked as an instance, the instance's fields."""
    factory = _factory()
    ref = _ref("conversations:conversations", "ie1")
    dublin = factory.record(ref, 2, "conversations.dublin.ie1.twilio.com")
    other = factory.record(ref, 2, "conversations.ie1.twilio.com")
    assert dublin["url"].startswith("https://conversations.dublin.ie1.twilio.com/")
    assert other["url"].startswith("https://conversations.ie1.twilio.com/")
    notifications = _ref(
        "api:notifications", "us1"
    )  # a fetched notification has more fields than a listed one
    instance = load_catalog().get(notifications.endpoint.instance or "")
    as_item = factory.record(notifications, 1, "api.twilio.com")
    as_instance = factory.record(notifications, 1, "api.twilio.com", shape=instance)
    assert as_item["sid"] == as_instance["sid"]
    assert "response_body" in as_instance and "response_body" not in as_item
