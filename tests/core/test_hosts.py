"""The helper libraries' hostname rules, reproduced exactly (twilio-facts.md §2.1 and §2.3)."""

from __future__ import annotations

import pytest

from explorer.core.errors import LabelError
from explorer.core.hosts import node_rewrite, plan_host, python_rewrite

# (client region, client edge, input URL, output URL) as observed by running twilio-python 9.13.0 (§2.1).
PYTHON_TABLE = [
    (None, None, "https://api.twilio.com", "https://api.twilio.com"),
    ("au1", None, "https://api.twilio.com", "https://api.au1.twilio.com"),
    ("ie1", None, "https://conversations.twilio.com", "https://conversations.ie1.twilio.com"),
    (None, "sydney", "https://api.twilio.com", "https://api.sydney.us1.twilio.com"),
    ("au1", "sydney", "https://api.twilio.com", "https://api.sydney.au1.twilio.com"),
    ("ie1", "dublin", "https://verify.twilio.com", "https://verify.dublin.ie1.twilio.com"),
    (
        "au1",
        "sydney",
        "https://api.sydney.au1.twilio.com/x?Page=1&PageToken=PA1",
        "https://api.sydney.au1.twilio.com/x?Page=1&PageToken=PA1",
    ),
    ("au1", None, "https://api.dublin.ie1.twilio.com", "https://api.dublin.au1.twilio.com"),
    (None, "sydney", "https://api.ie1.twilio.com", "https://api.sydney.ie1.twilio.com"),
    (None, None, "https://api.dublin.ie1.twilio.com", "https://api.dublin.ie1.twilio.com"),
    ("au1", "sydney", "https://media.twiliocdn.com", "https://media.sydney.au1.twiliocdn.com"),
    ("au1", "sydney", "https://a.b.c.d.e.f.twilio.com", "https://a.sydney.au1.twilio.com"),
    ("au1", "sydney", "https://api.twilio.com:443", "https://api.sydney.au1.twilio.com:443"),
    # Empty settings are falsy in Python: they count as unset.
    ("", "", "https://api.twilio.com", "https://api.twilio.com"),
]


@pytest.mark.parametrize(("region", "edge", "url", "expected"), PYTHON_TABLE)
def test_python_rules_match_twilio_python(
    region: str | None, edge: str | None, url: str, expected: str
) -> None:
    """twilio-python 9.13 sends exactly this URL for these settings."""
    assert python_rewrite(url, region, edge) == expected


@pytest.mark.parametrize(("region", "edge", "url", "expected"), PYTHON_TABLE[:-4])
def test_node_rules_match_python_on_the_documented_cases(
    region: str | None, edge: str | None, url: str, expected: str
) -> None:
    """twilio-node builds the same host as twilio-python for every case in §2.1 (checked by running node)."""
    assert node_rewrite(url, region, edge) == expected


def test_node_keeps_the_port_and_path() -> None:
    """twilio-node rewrites the hostname only, keeping port, path and query."""
    assert (
        node_rewrite("https://api.twilio.com:8443/v1/X?a=1", "au1", "sydney")
        == "https://api.sydney.au1.twilio.com:8443/v1/X?a=1"
    )


def test_node_reads_a_regional_url_without_settings() -> None:
    """With no settings, twilio-node still parses the URL: a three-label prefix is product.edge.region."""
    assert node_rewrite("https://a.b.c.d.e.f.twilio.com", None, None) == "https://a.b.c.twilio.com"


def test_plan_explains_where_each_part_came_from() -> None:
    """An edge alone implies us1, and the plan says so."""
    plan = plan_host("api", None, "sydney")
    assert plan.fqdn == "api.sydney.us1.twilio.com"
    origins = {o.part: (o.value, o.origin) for o in plan.origins}
    assert origins["edge"] == ("sydney", "the edge setting")
    assert origins["region"][0] == "us1"
    assert "implied" in origins["region"][1]


def test_plan_from_a_url_that_already_carries_a_region() -> None:
    """The client's region overrides the URL's, and the URL's edge is kept."""
    plan = plan_host(region="au1", base_url="https://api.dublin.ie1.twilio.com")
    assert plan.fqdn == "api.dublin.au1.twilio.com"
    origins = {o.part: o.origin for o in plan.origins}
    assert origins["edge"] == "the base URL"
    assert origins["region"] == "the region setting"


def test_upper_case_labels_are_normalised() -> None:
    """`--region AU1` is read as au1."""
    assert plan_host("api", "AU1", "Sydney").fqdn == "api.sydney.au1.twilio.com"


HOSTILE = [
    "au1.evil.com",
    "au1#",
    "user@host",
    "a/b",
    "au1:443",
    "au 1",
    "",
    "-au1",
    "au1-",
    "twilio.com.evil",
    "é",
    "a" * 64,
    "au1\n",
]


@pytest.mark.parametrize("label", HOSTILE)
@pytest.mark.parametrize("part", ["product", "region", "edge"])
def test_hostile_labels_are_refused(part: str, label: str) -> None:
    """Anything that is not a DNS label is refused with a clear error naming the part."""
    kwargs = {"product": "api", "region": None, "edge": None, part: label}
    with pytest.raises(LabelError) as caught:
        plan_host(**kwargs)  # type: ignore[arg-type]
    assert part in caught.value.message


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.com",
        "https://api.twilio.com.evil.com",
        "http://api.twilio.com",
        "https://user:pw@api.twilio.com",
        "https://twilio.com",
        "https://api.twiliocdn.com",
        "https://a_b.twilio.com",
    ],
)
def test_base_urls_outside_twilio_are_refused(url: str) -> None:
    """A base URL outside twilio.com (or not https) is refused."""
    with pytest.raises(LabelError):
        plan_host(base_url=url)
