"""Which hostnames the simulator serves, and how the others fail, as in real Twilio."""

from __future__ import annotations

import pytest

from explorer.core.regions import EDGES, PRODUCTS
from explorer.sim.served_hosts import HostFate, host_fate, served_hosts, serving_region


@pytest.mark.parametrize(
    ("host", "region"),
    [
        ("api.twilio.com", "us1"),
        ("conversations.twilio.com", "us1"),
        ("api.us1.twilio.com", "us1"),
        ("api.dublin.ie1.twilio.com", "ie1"),
        ("api.sydney.au1.twilio.com", "au1"),
        ("api.frankfurt.us1.twilio.com", "us1"),
        ("trunking.sydney.au1.twilio.com", "au1"),
        ("conversations.dublin.ie1.twilio.com", "ie1"),
        ("API.Sydney.AU1.twilio.com.", "au1"),
    ],
)
def test_served_hosts_name_the_region_that_processes_them(host: str, region: str) -> None:
    """A served host is processed in the Region its labels name; an edge alone means US1."""
    assert host_fate(host) is HostFate.SERVED
    assert serving_region(host) == region


@pytest.mark.parametrize(
    ("host", "fate"),
    [
        ("api.au1.twilio.com", HostFate.NO_SUCH_HOST),  # retired 2026-04-28
        ("api.ie1.twilio.com", HostFate.NO_SUCH_HOST),
        ("sync.dublin.ie1.twilio.com", HostFate.NO_SUCH_HOST),  # Sync is not offered in IE1
        ("conversations.sydney.au1.twilio.com", HostFate.NO_SUCH_HOST),  # not offered in AU1
        ("api.frankfurt.twilio.com", HostFate.NO_SUCH_HOST),  # an edge without a Region
        ("video.de1.twilio.com", HostFate.NO_SUCH_HOST),
        ("conversations.ie1.twilio.com", HostFate.TLS_MISMATCH),  # a Region without an edge
        ("messaging.ie1.twilio.com", HostFate.TLS_MISMATCH),
        ("api.roaming.ie1.twilio.com", HostFate.TLS_MISMATCH),  # the wrong edge for IE1
        ("example.com", HostFate.NO_SUCH_HOST),
    ],
)
def test_hosts_that_fail_in_real_twilio_fail_the_same_way(host: str, fate: HostFate) -> None:
    """Retired, unoffered and edge-only hosts do not resolve; region-only hosts fail the TLS name check."""
    assert host_fate(host) is fate
    assert serving_region(host) is None


def test_every_product_and_every_edge_is_served_in_us1() -> None:
    """Each product has its plain host and one host per edge with the us1 label."""
    hosts = served_hosts()
    for product in PRODUCTS:
        assert hosts[f"{product}.twilio.com"] == "us1"
        for edge in EDGES:
            assert hosts[f"{product}.{edge}.us1.twilio.com"] == "us1"


def test_au1_serves_only_its_offered_products() -> None:
    """AU1's hosts are exactly api, trunking and voice behind the sydney edge."""
    au1 = sorted(host for host, region in served_hosts().items() if region == "au1")
    assert au1 == [
        "api.sydney.au1.twilio.com",
        "trunking.sydney.au1.twilio.com",
        "voice.sydney.au1.twilio.com",
    ]
