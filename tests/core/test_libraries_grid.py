"""The library model against the grid of ../shared/helper-libraries.md §2, cell by cell, and its quirks.

For csharp, java, ruby, php and go nothing can be run here (no .NET, JVM, Ruby, PHP or Go toolchain), so these
rows are tied to the cited source lines instead: each expected host is the grid's, whose evidence is the
library's own host function (`Library.code`: file, line and tag). Python, Node and twilio-cli are also run for
real in tests/parity/.
"""

from __future__ import annotations

import pytest

from explorer.core.errors import InputError, UnknownNameError
from explorer.core.libraries import LIBRARIES, Setup, all_library_hosts, library_host
from explorer.core.libraries.table import find_library, parse_library_spec
from explorer.core.verdict import VerdictKind

B, R, ES = "api.twilio.com", "api.au1.twilio.com", "api.sydney.us1.twilio.com"
F, D, U = "api.sydney.au1.twilio.com", "api.dublin.ie1.twilio.com", "api.us1.twilio.com"
RM, ASH = "api.roaming.us1.twilio.com", "api.ashburn.us1.twilio.com"
ORDER = ("python", "node", "csharp", "java", "ruby", "php", "go", "twilio-cli")

# (setup, current hosts in ORDER, hosts inside each library's auto-map window in ORDER)
GRID: list[tuple[str, Setup, tuple[str, ...], tuple[str, ...]]] = [
    ("neither", Setup(), (B,) * 8, (B,) * 8),
    ("region=au1", Setup(region="au1"), (R,) * 8, (F,) * 8),
    ("edge=sydney", Setup(edge="sydney"), (ES,) * 8, (ES,) * 8),
    ("au1+sydney", Setup(region="au1", edge="sydney"), (F,) * 8, (F,) * 8),
    ("ie1+dublin", Setup(region="ie1", edge="dublin"), (D,) * 8, (D,) * 8),
    ("region=us1", Setup(region="us1"), (U,) * 8, (ASH,) * 8),
    ("edge=roaming", Setup(edge="roaming"), (RM,) * 8, (RM,) * 8),
    # Python's window maps the constructor argument only; csharp and ruby read no variable; the CLI reads
    # TWILIO_REGION only with exported credentials (none here).
    ("env TWILIO_REGION=au1", Setup(env_region="au1"), (R, R, B, R, B, R, R, B), (R, F, B, F, B, F, F, B)),
    ("env TWILIO_EDGE=sydney", Setup(env_edge="sydney"), (ES, ES, B, ES, B, ES, ES, ES), (ES, ES, B, ES, B, ES, ES, ES)),
]  # fmt: skip

WINDOW = {lib.name: lib.window.first for lib in LIBRARIES.values()}


@pytest.mark.parametrize(("label", "setup", "current", "window"), GRID, ids=[row[0] for row in GRID])
def test_every_library_builds_the_grid_host(
    label: str, setup: Setup, current: tuple[str, ...], window: tuple[str, ...]
) -> None:
    assert tuple(LIBRARIES) == ORDER
    assert tuple(h.fqdn for h in all_library_hosts(setup)) == current, label
    assert tuple(h.fqdn for h in all_library_hosts(setup, WINDOW)) == window, label


@pytest.mark.parametrize("name", ORDER)
def test_window_edges_and_the_release_after(name: str) -> None:
    lib = LIBRARIES[name]
    setup = Setup(region="au1")
    assert library_host(lib, lib.window.last, setup).fqdn == F
    assert library_host(lib, lib.window.removed_in, setup).fqdn == R
    before = {"python": "9.8.7", "node": "5.10.6", "csharp": "7.13.7", "java": "11.1.0", "ruby": "7.8.7",
              "php": "8.8.0", "go": "v1.28.7", "twilio-cli": "8.2.3"}[name]  # fmt: skip
    assert library_host(lib, before, setup).fqdn == R


@pytest.mark.parametrize("name", ORDER)
def test_before_region_support_every_setting_is_ignored(name: str) -> None:
    lib = LIBRARIES[name]
    older = {"python": "6.39.0", "node": "3.42.0", "csharp": "5.40.0", "java": "7.51.0", "ruby": "5.34.0",
             "php": "6.4.0", "go": "v0.5.0", "twilio-cli": "5.0.0"}[name]  # fmt: skip
    host = library_host(lib, older, Setup(region="au1", edge="sydney", env_region="ie1"))
    assert host.fqdn == B
    assert host.built.inputs and not any(use.used for use in host.built.inputs)


def test_python_window_raises_key_error_for_unmapped_constructor_region_only() -> None:
    raised = library_host("python", "9.9.0", Setup(region="in1"))
    assert raised.fqdn is None and raised.verdict is None
    assert raised.built.error is not None and raised.built.error.startswith("KeyError: 'in1'")
    assert raised.fix is not None and "9.10.1+" in raised.fix
    assert library_host("python", "9.9.0", Setup(region="IE1")).built.error is not None
    # The same value from TWILIO_REGION is never looked up, so nothing raises.
    assert library_host("python", "9.9.0", Setup(env_region="in1")).fqdn == "api.in1.twilio.com"
    assert library_host("python", "9.10.1", Setup(region="in1")).fqdn == "api.in1.twilio.com"


def test_csharp_empty_region_counts_as_set() -> None:
    assert library_host("csharp", None, Setup(region="", edge="sydney")).fqdn == "api.sydney.twilio.com"
    # Python and Go treat the empty string as unset: us1 is implied.
    assert library_host("python", None, Setup(region="", edge="sydney")).fqdn == ES
    assert library_host("go", None, Setup(region="", edge="sydney")).fqdn == ES


def test_java_builder_ignores_the_environment_and_static_init_reads_it() -> None:
    env = {"env_region": "au1", "env_edge": "sydney"}
    static = library_host("java", None, Setup(**env))  # type: ignore[arg-type]
    builder = library_host("java", None, Setup(java_builder=True, **env))  # type: ignore[arg-type]
    assert static.fqdn == F and builder.fqdn == B
    assert {use.name for use in builder.ignored} == {"TWILIO_REGION", "TWILIO_EDGE"}
    assert library_host("java", "11.3.0", Setup(env_region="au1")).fqdn == F


def test_twilio_cli_reads_region_from_environment_only_with_env_credentials() -> None:
    assert library_host("twilio-cli", None, Setup(env_region="au1")).fqdn == B
    assert library_host("twilio-cli", None, Setup(env_region="au1", env_credentials=True)).fqdn == R
    with_creds = Setup.from_environ(
        {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "x", "TWILIO_REGION": "ie1", "TWILIO_EDGE": "dublin"},
        region="au1",
    )  # fmt: skip
    assert with_creds.env_credentials
    host = library_host("twilio-cli", None, with_creds)
    assert host.fqdn == D
    # TWILIO_EDGE beats the profile's edge.
    assert library_host("twilio-cli", None, Setup(region="au1", edge="dublin", env_edge="sydney")).fqdn == F


def test_other_products_keep_the_same_rule() -> None:
    hosts = all_library_hosts(Setup(product="lookups", region="ie1"))
    assert {h.fqdn for h in hosts} == {"lookups.ie1.twilio.com"}
    assert all(h.verdict is not None and h.verdict.kind is VerdictKind.TLS_MISMATCH for h in hosts)
    assert all(h.fix is not None and "lookups.dublin.ie1.twilio.com" in h.fix for h in hosts)


def test_fix_is_in_each_librarys_terms() -> None:
    fixes = {h.library.name: h.fix for h in all_library_hosts(Setup(region="au1"))}
    assert (
        fixes["python"] is not None and 'Client(sid, token, region="au1", edge="sydney")' in fixes["python"]
    )
    assert fixes["ruby"] is not None and "Twilio.configure" in fixes["ruby"]
    assert fixes["php"] is not None and '$client->setEdge("sydney")' in fixes["php"]
    assert (
        fixes["twilio-cli"] is not None
        and "twilio profiles:create --region au1 --edge sydney" in fixes["twilio-cli"]
    )
    assert fixes["csharp"] is not None and "TWILIO_REGION" not in fixes["csharp"]
    assert all(h.fix is None for h in all_library_hosts(Setup(region="au1", edge="sydney")))


def test_names_and_versions_are_checked() -> None:
    assert find_library("twilio-python").name == "python"
    assert find_library("cli-core").name == "twilio-cli"
    assert parse_library_spec("go==v1.29.0")[1] == "v1.29.0"
    with pytest.raises(UnknownNameError, match="unknown library"):
        find_library("perl")
    with pytest.raises(InputError, match="not a version"):
        parse_library_spec("python==nine")
