"""The loader: lazy loading, overrides, lookups by id and name, path matching and availability."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explorer.catalog.loader import ENV_OPENAPI, Catalog, load_catalog
from explorer.core.availability import Availability
from explorer.core.errors import CatalogError

AC = "AC" + "0" * 32
AP = "AP" + "1" * 32
CH = "CH" + "2" * 32


def test_importing_the_loader_reads_nothing() -> None:
    """Importing the loader parses no data and pulls in no converter: the first command pays, not the import."""
    code = (
        "import sys, explorer.catalog.loader as l; "
        "assert l._load.cache_info().currsize == 0; "
        "assert 'explorer.catalog.convert' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_is_cached(bundled: Catalog) -> None:
    """Loading twice returns the same catalogue object."""
    assert load_catalog() is bundled


def test_openapi_directory_overrides_the_bundled_data(fixture_dir: Path, bundled: Catalog) -> None:
    """`--openapi DIR` loads the files in DIR instead of the shipped catalogue."""
    catalog = load_catalog(fixture_dir)
    assert catalog is not bundled
    assert [e.id for e in catalog.lists()] == ["api:widgets", "conversations:gadgets"]
    assert str(fixture_dir.resolve()) in catalog.source


def test_environment_variable_overrides_the_bundled_data(
    fixture_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TWILIO_EXPLORER_OPENAPI points the loader at other description files."""
    monkeypatch.setenv(ENV_OPENAPI, str(fixture_dir))
    assert load_catalog().get("conversations:gadgets").max_page_size == 50


def test_find_resolves_ids_and_short_names(bundled: Catalog) -> None:
    """`applications`, `api:applications` and `conversations:conversations` each name one list."""
    assert bundled.find("applications").id == "api:applications"
    assert bundled.find("api:applications").id == "api:applications"
    assert bundled.find("API:Applications").id == "api:applications"
    assert bundled.find("conversations:conversations").path == "/v1/Conversations"
    assert bundled.find("api:calls:recordings").path.endswith("/Calls/{CallSid}/Recordings.json")


def test_ambiguous_name_lists_the_candidates(bundled: Catalog) -> None:
    """A name used by several products (`recordings`) is refused with every candidate id."""
    with pytest.raises(CatalogError, match="ambiguous") as info:
        bundled.find("recordings")
    assert "api:recordings" in info.value.message and "video:recordings" in info.value.message


def test_unknown_id_suggests_close_ones(bundled: Catalog) -> None:
    """A typo gets a 'did you mean' hint."""
    with pytest.raises(CatalogError) as info:
        bundled.get("api:aplications")
    assert "api:applications" in info.value.hint
    with pytest.raises(CatalogError):
        bundled.find("no-such-thing")


def test_children_are_the_endpoints_below(bundled: Catalog) -> None:
    """A call's child lists include its recordings and notifications."""
    children = {e.id for e in bundled.children("api:calls:instance")}
    assert {"api:calls:recordings", "api:calls:notifications"} <= children
    assert bundled.children("api:applications") == ()


def test_match_finds_the_template_and_parameters(bundled: Catalog) -> None:
    """A concrete request path maps to its endpoint and the values of its path parameters."""
    found = bundled.match("api", f"/2010-04-01/Accounts/{AC}/Applications/{AP}.json")
    assert found is not None
    endpoint, params = found
    assert endpoint.id == "api:applications:instance"
    assert params == {"AccountSid": AC, "Sid": AP}
    listed = bundled.match("api", f"/2010-04-01/Accounts/{AC}/Applications.json?PageSize=20&Page=1")
    assert listed is not None and listed[0].id == "api:applications"
    conversation = bundled.match("conversations", f"/v1/Conversations/{CH}")
    assert conversation is not None
    assert conversation[0].id == "conversations:conversations:instance" and conversation[1] == {"Sid": CH}


def test_match_prefers_literal_segments_and_rejects_strangers(bundled: Catalog) -> None:
    """`/v2/Operators/PreBuilt` is the PreBuilt list, not an operator called PreBuilt; unknown paths give None."""
    found = bundled.match("intelligence", "/v2/Operators/PreBuilt")
    assert found is not None and found[0].path == "/v2/Operators/PreBuilt"
    assert bundled.match("api", "/2010-04-01/Nothing/Here.json") is None
    assert bundled.match("nope", "/v1/Conversations") is None


def test_match_accepts_a_2010_path_without_json(bundled: Catalog) -> None:
    """A 2010 path typed without `.json` still finds its resource."""
    found = bundled.match("api", f"/2010-04-01/Accounts/{AC}/Calls")
    assert found is not None and found[0].id == "api:calls"


def test_claims_answer_is_it_offered_and_how_sure(bundled: Catalog) -> None:
    """In AU1, calls are offered and messages are not; each answer carries its source."""
    calls = bundled.claim("api:calls", "au1")
    assert calls.availability is Availability.GA and calls.source.ref.startswith("https://")
    messages = bundled.claim(bundled.get("api:messages"), "au1")
    assert messages.availability is Availability.NOT_OFFERED
    assert messages.path_prefix.endswith("/Messages")
    assert bundled.claim("api:media", "au1").availability is Availability.NOT_OFFERED
    assert bundled.claim("trunking:trunks", "au1").availability is Availability.GA
    assert bundled.claim("verify:services", "au1").availability is Availability.NOT_DOCUMENTED
    assert bundled.claim("api:messages", "ie1").availability is Availability.BETA
    assert bundled.claim("verify:services", "us1").availability is Availability.GA


def test_offered_lists_answers_what_can_i_list(bundled: Catalog) -> None:
    """ "What can I list in AU1?" includes calls and trunks, never messages or Verify."""
    offered = {e.id for e in bundled.offered_lists("au1")}
    assert {"api:calls", "api:applications", "trunking:trunks"} <= offered
    assert not {"api:messages", "verify:services"} & offered
