"""The generator, on a small description file written for the tests, checked field by field."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from explorer.catalog.codec import decode, encode
from explorer.catalog.convert import convert_directory, convert_documents
from explorer.core.endpoint import Endpoint, EndpointKind, Envelope, Field, Operation, Param, Role
from explorer.core.errors import CatalogError

ROOT = Path(__file__).resolve().parents[2]
AC = Param(
    "AccountSid", "path", "string", required=True, pattern="^AC[0-9a-fA-F]{32}$", min_length=34, max_length=34
)
WIDGET_FIELDS = (
    Field("sid", "string", pattern="^WD[0-9a-fA-F]{32}$", nullable=True),
    Field("date_created", "string", format="date-time-rfc-2822", nullable=True),
    Field("status", "string", nullable=True, enum=("on", "off")),
    Field("tags", "array", nullable=True, items_type="string"),
    Field("extra", "any", nullable=True),
)
GADGET_FIELDS = (
    Field("sid", "string", pattern="^GD[0-9a-fA-F]{32}$"),
    Field("date_created", "string", format="date-time", nullable=True),
    Field("size", "integer"),
)


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog", ROOT / "tools" / "build_catalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def endpoints(fixture_dir: Path) -> dict[str, Endpoint]:
    """The fixture's endpoints by id."""
    return {e.id: e for e in convert_directory(fixture_dir)}


def test_fixture_yields_lists_and_instances_only(endpoints: dict[str, Endpoint]) -> None:
    """A description file's list and instance paths become endpoints; a path without a pathType does not."""
    assert sorted(endpoints) == [
        "api:accounts:instance",
        "api:calls:widgets",
        "api:widgets",
        "api:widgets:instance",
        "conversations:gadgets",
        "conversations:gadgets:instance",
    ]


def test_2010_list_endpoint_field_by_field(endpoints: dict[str, Endpoint]) -> None:
    """A 2010 list shows its host, path, envelope, exact keys, PageSize limit, operations and fields."""
    assert endpoints["api:widgets"] == Endpoint(
        id="api:widgets",
        name="widgets",
        product="api",
        version="2010-04-01",
        path="/2010-04-01/Accounts/{AccountSid}/Widgets.json",
        kind=EndpointKind.LIST,
        parent="api:accounts:instance",
        list_key="widgets",
        envelope=Envelope.V2010,
        default_columns=("sid", "status"),
        operations=(
            Operation(
                "GET",
                (
                    AC,
                    Param("PageSize", "query", "integer", minimum=1, maximum=1000, format="int64"),
                    Param("Page", "query", "integer", minimum=0),
                    Param("PageToken", "query", "string"),
                ),
            ),
            Operation(
                "POST",
                (
                    AC,
                    # The limit stated only in prose ("It can be up to 64 characters long.") becomes a number.
                    Param("FriendlyName", "form", "string", required=True, max_length=64),
                    Param("Status", "form", "string", enum=("on", "off")),
                    Param("Size", "form", "integer", minimum=1, maximum=9),
                ),
            ),
        ),
        max_page_size=1000,
        fields=WIDGET_FIELDS,
        envelope_keys=(
            "widgets",
            "end",
            "first_page_uri",
            "next_page_uri",
            "page",
            "page_size",
            "previous_page_uri",
            "start",
            "uri",
        ),
        meta_keys=(),
        instance="api:widgets:instance",
    )


def test_2010_instance_endpoint_field_by_field(endpoints: dict[str, Endpoint]) -> None:
    """A 2010 instance shows its methods, its record fields and its parent; it has no envelope."""
    sid = Param("Sid", "path", "string", required=True, pattern="^WD[0-9a-fA-F]{32}$")
    assert endpoints["api:widgets:instance"] == Endpoint(
        id="api:widgets:instance",
        name="widgets",
        product="api",
        version="2010-04-01",
        path="/2010-04-01/Accounts/{AccountSid}/Widgets/{Sid}.json",
        kind=EndpointKind.INSTANCE,
        parent="api:accounts:instance",
        list_key=None,
        envelope=None,
        default_columns=("sid",),
        operations=(Operation("GET", (AC, sid)), Operation("DELETE", (AC, sid))),
        max_page_size=None,
        fields=WIDGET_FIELDS,
    )


def test_meta_list_endpoint_field_by_field(endpoints: dict[str, Endpoint]) -> None:
    """A v1 list shows the meta envelope, its meta keys, a referenced PageSize limit and a JSON body."""
    assert endpoints["conversations:gadgets"] == Endpoint(
        id="conversations:gadgets",
        name="gadgets",
        product="conversations",
        version="v1",
        path="/v1/Gadgets",
        kind=EndpointKind.LIST,
        parent=None,
        list_key="gadgets",
        envelope=Envelope.META,
        default_columns=("sid", "size"),
        operations=(
            Operation("GET", (Param("PageSize", "query", "integer", minimum=1, maximum=50, format="int64"),)),
            Operation("POST", (Param("size", "json", "integer", required=True, minimum=1),)),
        ),
        max_page_size=50,
        fields=GADGET_FIELDS,
        envelope_keys=("gadgets", "meta"),
        meta_keys=("first_page_url", "key", "next_page_url", "page", "page_size", "previous_page_url", "url"),
        instance="conversations:gadgets:instance",
    )


def test_path_level_parameters_and_inferred_parent(endpoints: dict[str, Endpoint]) -> None:
    """Path-level parameters reach every method; without x-twilio.parent the nearest instance above is none."""
    gadget = endpoints["conversations:gadgets:instance"]
    assert gadget.operations == (
        Operation("GET", (Param("Sid", "path", "string", required=True, pattern="^GD[0-9a-fA-F]{32}$"),)),
    )
    assert gadget.fields == GADGET_FIELDS
    assert gadget.parent is None


def test_colliding_names_take_their_parent_chain(endpoints: dict[str, Endpoint]) -> None:
    """A second `widgets` list under Calls is `api:calls:widgets`; a missing parent path falls back upward."""
    call_widgets = endpoints["api:calls:widgets"]
    assert call_widgets.parent == "api:accounts:instance"
    assert (call_widgets.list_key, call_widgets.envelope, call_widgets.max_page_size) == (None, None, None)


def test_no_prose_reaches_the_catalogue(fixture_dir: Path) -> None:
    """Descriptions and summaries in the files never appear in the generated bytes."""
    data = encode(convert_directory(fixture_dir), "fixture")
    assert b"PROSE-MARKER" not in data
    assert (fixture_dir / "twilio_fixture_v1.json").read_bytes().count(b"PROSE-MARKER") > 10


def test_generator_twice_gives_identical_bytes(fixture_dir: Path, tmp_path: Path) -> None:
    """Running the generator twice on the same files writes byte-identical catalogues and licence files."""
    build = _build_module()
    counts = {Role.LIST: 2, Role.CREATE: 1, Role.SINGLETON: 0, Role.INSTANCE: 3, Role.GROUP: 0}
    assert build.build(fixture_dir, tmp_path / "one") == counts
    assert build.build(fixture_dir, tmp_path / "two") == counts
    for name in ("catalog.json", "LICENSE"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_encoded_catalogue_round_trips(fixture_dir: Path) -> None:
    """What the generator writes, the loader reads back to the very same endpoints."""
    endpoints = convert_directory(fixture_dir)
    assert decode(encode(endpoints, "fixture")) == (endpoints, "fixture")


def test_canonical_file_wins_over_a_duplicate(fixture_dir: Path) -> None:
    """When two files describe the same path, the versioned file (`_v1.json`) is the one kept."""
    document = json.loads((fixture_dir / "twilio_fixture_v1.json").read_text())
    copy = json.loads(json.dumps(document))
    copy["paths"]["/v1/Gadgets"]["x-twilio"]["defaultOutputProperties"] = ["other"]
    endpoints = {
        e.id: e
        for e in convert_documents([("twilio_fixture_sdk.json", copy), ("twilio_x_v1.json", document)])
    }
    assert endpoints["conversations:gadgets"].default_columns == ("sid", "size")


def test_missing_directory_is_a_catalog_error(tmp_path: Path) -> None:
    """Pointing --openapi at a missing or empty folder says so, with a hint."""
    with pytest.raises(CatalogError, match="does not exist"):
        convert_directory(tmp_path / "nope")
    with pytest.raises(CatalogError, match="no OpenAPI description files") as info:
        convert_directory(tmp_path)
    assert info.value.hint


def test_broken_reference_is_a_catalog_error(tmp_path: Path) -> None:
    """A description file with a dangling $ref fails with a catalogue error, not a traceback."""
    document = json.loads(
        (FIXTURE := Path(__file__).parent / "fixtures" / "twilio_fixture_v1.json").read_text()
    )
    del document["components"]["schemas"]["conversations.v1.gadget"]
    (tmp_path / FIXTURE.name).write_text(json.dumps(document))
    with pytest.raises(CatalogError, match="unresolvable reference"):
        convert_directory(tmp_path)
