"""Integrity of the bundled catalogue: what every command and the simulator rely on."""

from __future__ import annotations

import json

from explorer.catalog.codec import decode, encode
from explorer.catalog.loader import Catalog, bundled_data
from explorer.core.endpoint import EndpointKind, Envelope, Role


def test_covers_every_list_in_the_description_set(bundled: Catalog) -> None:
    """At least 380 real lists across the product hosts, the create-only resources, and instances below them."""
    assert len(bundled.lists()) >= 380
    assert len(bundled.with_role(Role.CREATE)) >= 60
    assert len(bundled.instances()) >= 400
    assert {"api", "conversations", "trunking", "messaging", "verify", "video"} <= set(bundled.products)


def test_ids_are_unique_and_sorted(bundled: Catalog) -> None:
    """Every resource id appears once, and the endpoints come sorted by id."""
    ids = [e.id for e in bundled.endpoints]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_every_path_parameter_is_named_in_its_template(bundled: Catalog) -> None:
    """Each operation's path parameters are exactly the `{Params}` of the endpoint's template."""
    for endpoint in bundled.endpoints:
        for operation in endpoint.operations:
            names = {p.name for p in operation.params if p.location == "path"}
            assert names == set(endpoint.path_params), (endpoint.id, operation.method)


def test_every_parent_and_instance_link_resolves(bundled: Catalog) -> None:
    """A parent id names an endpoint of the same product; a list's instance id names an instance."""
    for endpoint in bundled.endpoints:
        if endpoint.parent is not None:
            assert bundled.get(endpoint.parent).product == endpoint.product
        if endpoint.instance is not None:
            instance = bundled.get(endpoint.instance)
            assert instance.kind is EndpointKind.INSTANCE
            assert instance.path.startswith(endpoint.path.removesuffix(".json") + "/")


def test_every_paged_list_has_a_list_key_and_envelope(bundled: Catalog) -> None:
    """Every list whose GET pages (takes PageSize) names its list key, envelope kind and PageSize limit."""
    paged = 0
    for endpoint in bundled.lists():
        get = endpoint.operation("GET")
        if get is None or not any(p.name in ("PageSize", "pageSize") for p in get.params):
            continue
        paged += 1
        assert endpoint.list_key in endpoint.envelope_keys, endpoint.id
        assert endpoint.envelope is not None, endpoint.id
        assert endpoint.max_page_size is not None and endpoint.max_page_size >= 1, endpoint.id
        if endpoint.envelope is Envelope.META:
            assert "meta" in endpoint.envelope_keys and endpoint.meta_keys, endpoint.id
    assert paged >= 370


def test_the_main_resources_have_their_documented_shape(bundled: Catalog) -> None:
    """The ids people type resolve to the paths, keys and limits Twilio documents (twilio-facts.md §3)."""
    expected = {
        "api:applications": ("/2010-04-01/Accounts/{AccountSid}/Applications.json", "applications", 1000),
        "api:calls": ("/2010-04-01/Accounts/{AccountSid}/Calls.json", "calls", 1000),
        "api:keys": ("/2010-04-01/Accounts/{AccountSid}/Keys.json", "keys", 1000),
        "api:messages": ("/2010-04-01/Accounts/{AccountSid}/Messages.json", "messages", 1000),
        "conversations:conversations": ("/v1/Conversations", "conversations", 100),
        "conversations:users": ("/v1/Users", "users", 50),
        "video:recordings": ("/v1/Recordings", "recordings", 100),
        "trunking:trunks": ("/v1/Trunks", "trunks", 1000),
    }
    for endpoint_id, (path, key, page_size) in expected.items():
        endpoint = bundled.get(endpoint_id)
        assert (endpoint.path, endpoint.list_key, endpoint.max_page_size) == (path, key, page_size)
    applications = bundled.get("api:applications")
    assert applications.envelope is Envelope.V2010
    assert applications.envelope_keys == (
        "end", "first_page_uri", "next_page_uri", "page", "page_size", "previous_page_uri", "start", "uri",
        "applications",
    )  # fmt: skip
    conversations = bundled.get("conversations:conversations")
    assert conversations.envelope is Envelope.META
    assert conversations.envelope_keys == ("conversations", "meta")
    assert set(conversations.meta_keys) == {
        "first_page_url", "key", "next_page_url", "page", "page_size", "previous_page_url", "url",
    }  # fmt: skip


def test_record_fields_carry_formats_patterns_and_nullability(bundled: Catalog) -> None:
    """2010 dates are RFC 2822, v1 dates are ISO date-time, SIDs carry their prefix pattern."""
    applications = {f.name: f for f in bundled.get("api:applications").fields}
    assert applications["date_created"].format == "date-time-rfc-2822"
    assert applications["date_created"].nullable
    assert applications["sid"].pattern == "^AP[0-9a-fA-F]{32}$"
    conversations = {f.name: f for f in bundled.get("conversations:conversations").fields}
    assert conversations["date_created"].format == "date-time"
    assert conversations["sid"].pattern == "^CH[0-9a-fA-F]{32}$"


def test_bundled_data_round_trips_byte_for_byte(bundled: Catalog) -> None:
    """Re-encoding the bundled catalogue gives back exactly the shipped bytes (deterministic output)."""
    data = bundled_data()
    endpoints, source = decode(data)
    assert encode(endpoints, source) == data
    assert source.startswith("@twilio/cli-core@")


def test_no_prose_in_the_bundled_data() -> None:
    """The shipped catalogue holds facts only: apart from the source note, no value reads like a sentence."""
    document = json.loads(bundled_data())

    def strings(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [s for item in node for s in strings(item)]
        if isinstance(node, dict):
            return [s for key, value in node.items() if key != "source" for s in [key, *strings(value)]]
        return []

    # Patterns such as `^[a-zA-Z0-9 _.-]+$` may hold a space; a description would hold several words.
    assert not [s for s in strings(document) if len(s.split()) > 2]
