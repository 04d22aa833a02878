"""Response schemas kept in the catalogue (facts only) and the role that tells lists from the rest."""

from __future__ import annotations

from pathlib import Path

from explorer.catalog.codec import decode, encode
from explorer.catalog.convert import convert_directory
from explorer.catalog.loader import Catalog
from explorer.core.endpoint import Role


def test_a_record_schema_keeps_its_constraints_with_references_resolved(fixture_dir: Path) -> None:
    """The instance's response schema: `$ref`s followed, prose dropped, every constraint kept."""
    endpoints = {e.id: e for e in convert_directory(fixture_dir)}
    assert endpoints["api:widgets:instance"].response == {
        "type": "object",
        "properties": {
            "sid": {
                "type": "string",
                "pattern": "^WD[0-9a-fA-F]{32}$",
                "nullable": True,
                "minLength": 34,
                "maxLength": 34,
            },
            "date_created": {"type": "string", "format": "date-time-rfc-2822", "nullable": True},
            "status": {"type": "string", "enum": ["on", "off"], "nullable": True},
            "tags": {"type": "array", "nullable": True, "items": {"type": "string"}},
            "extra": {"nullable": True},
        },
    }


def test_a_list_keeps_its_whole_envelope_schema(fixture_dir: Path) -> None:
    """A v1 list's schema is the page: the records' array and `meta`, with its nullable links."""
    gadgets = next(e for e in convert_directory(fixture_dir) if e.id == "conversations:gadgets")
    assert gadgets.response is not None
    properties = gadgets.response["properties"]
    assert set(properties) == {"gadgets", "meta"}
    assert properties["gadgets"]["items"]["properties"]["size"] == {"type": "integer"}
    assert properties["meta"]["properties"]["next_page_url"] == {
        "type": "string",
        "format": "uri",
        "nullable": True,
    }


def test_roles_tell_lists_from_create_only_resources(fixture_dir: Path) -> None:
    """A list path with GET and an envelope is a list; one with only POST is create-only."""
    roles = {e.id: e.role for e in convert_directory(fixture_dir)}
    assert roles["api:widgets"] is Role.LIST
    assert roles["conversations:gadgets"] is Role.LIST
    assert roles["api:calls:widgets"] is Role.CREATE
    assert roles["api:widgets:instance"] is Role.INSTANCE


def test_the_bundled_catalogue_tells_each_kind_of_resource_apart(bundled: Catalog) -> None:
    """Calls is a list, Tokens and Verifications are create-only, Balance one object, SIP only a group."""
    assert bundled.get("api:calls").role is Role.LIST
    assert bundled.get("api:tokens").role is Role.CREATE
    assert bundled.get("verify:verifications").role is Role.CREATE
    assert bundled.get("api:balance").role is Role.SINGLETON
    assert bundled.get("api:sip").role is Role.GROUP
    assert "api:tokens" not in {e.id for e in bundled.lists()}
    assert bundled.find("tokens").id == "api:tokens"


def test_a_prose_limit_becomes_a_number(bundled: Catalog) -> None:
    """An Application's FriendlyName "can be up to 64 characters long": the catalogue says max_length 64."""
    create = bundled.get("api:applications").operation("POST")
    assert create is not None
    friendly = next(p for p in create.params if p.name == "FriendlyName")
    assert friendly.max_length == 64


def test_a_discriminated_union_keeps_which_option_each_value_selects(bundled: Catalog) -> None:
    """`discriminator.mapping` survives as option positions, since the references are resolved away."""
    response = bundled.get("intelligence:operator_results:instance").response
    assert response is not None
    assert response["discriminator"]["propertyName"] == "outputFormat"
    mapping = response["discriminator"]["mapping"]
    assert sorted(mapping) == ["CLASSIFICATION", "EXTRACTION", "JSON", "TEXT"]
    assert sorted(mapping.values()) == list(range(len(response["oneOf"])))


def test_the_schemas_survive_the_file_format_and_share_their_parts(bundled: Catalog) -> None:
    """Encoding and decoding keeps every response schema; equal parts come back as one shared object."""
    decoded, _ = decode(encode(bundled.endpoints, "test"))
    assert [e.response for e in decoded] == [e.response for e in bundled.endpoints]
    calls = next(e for e in decoded if e.id == "api:calls")
    call = next(e for e in decoded if e.id == "api:calls:instance")
    assert calls.response is not None and call.response is not None
    assert calls.response["properties"]["calls"]["items"] is call.response


def test_a_prose_default_becomes_the_parameters_default(bundled: Catalog) -> None:
    """Conversations' State "defaults to `active`": the catalogue keeps `active` as the default."""
    create = bundled.get("conversations:conversations").operation("POST")
    assert create is not None
    assert next(p for p in create.params if p.name == "State").default == "active"
