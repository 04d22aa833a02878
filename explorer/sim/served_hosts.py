"""Which Twilio hostnames the simulator serves, which fail TLS, and which do not resolve at all.

This is the simulator's own authoritative list, derived from `explorer.core.regions` and
`explorer.core.availability`, so that a request fails here the way it fails against real Twilio
(twilio-facts.md §1.5, §1.6):

- **served** (in the certificate): `{product}.twilio.com` (US1), `api.us1.twilio.com` (US1),
  `{product}.{edge}.us1.twilio.com` for every edge (the edge is ignored, processed in US1), and
  `{product}.{rest_edge}.{region}.twilio.com` for each product offered in that Region
  (`api.dublin.ie1.twilio.com`, `api.sydney.au1.twilio.com`, `trunking.sydney.au1.twilio.com`, ...);
- **TLS mismatch** (the name resolves, but the server's certificate does not cover it): a product with a
  Region and no edge (`conversations.ie1.twilio.com`), or an offered product with the wrong edge for a
  non-US1 Region (`api.roaming.ie1.twilio.com`);
- **no such host** (DNS failure): the region-only REST hosts retired on 2026-04-28 (`api.au1.twilio.com`),
  a product not offered in a Region (`sync.dublin.ie1.twilio.com`), an edge without a Region
  (`api.frankfurt.twilio.com`), and anything else.
"""

from __future__ import annotations

__all__ = ["HostFate", "host_fate", "served_hosts", "serving_region"]

from enum import StrEnum
from functools import cache

from explorer.core.availability import product_claim
from explorer.core.regions import EDGES, PRODUCTS, REGIONS, RETIRED_HOSTS, confirmed_regions

_SUFFIX = ".twilio.com"


class HostFate(StrEnum):
    """What happens to a connection to a hostname, in real Twilio and therefore in the simulator."""

    SERVED = "served"
    """The name is in the certificate and a Region processes the request."""
    TLS_MISMATCH = "tls-mismatch"
    """The name resolves, but the certificate presented does not list it."""
    NO_SUCH_HOST = "no-such-host"
    """The name does not resolve."""


@cache
def served_hosts() -> dict[str, str]:
    """Every hostname the simulator answers for, mapped to the Region ID that processes its requests.

    The certificate lists exactly these names (a wildcard would cover one label only).
    """
    hosts: dict[str, str] = {}
    for product in PRODUCTS:
        hosts[f"{product}.twilio.com"] = "us1"
        for edge in EDGES:
            # An edge with the us1 label is processed in US1 whatever the edge (twilio-java#936).
            hosts[f"{product}.{edge}.us1.twilio.com"] = "us1"
    hosts["api.us1.twilio.com"] = "us1"  # explicitly kept valid by the 2026-04-28 change
    # JP1 is unconfirmed (only one document names it), so it serves nothing, as in twilio-facts.md §8.
    for region_id in confirmed_regions():
        rest_edge = REGIONS[region_id].rest_edge
        if rest_edge is None:
            continue
        for product in PRODUCTS:
            if product_claim(product, region_id).availability.offered:
                hosts[f"{product}.{rest_edge}.{region_id}.twilio.com"] = region_id
    return hosts


def _normalise(host: str) -> str:
    return host.strip().rstrip(".").lower()


def serving_region(host: str) -> str | None:
    """The Region ID that processes requests to `host`, or None when the simulator does not serve it."""
    return served_hosts().get(_normalise(host))


def host_fate(host: str) -> HostFate:
    """Whether a connection to `host` is served, fails the TLS name check, or fails to resolve."""
    name = _normalise(host)
    if name in served_hosts():
        return HostFate.SERVED
    if name in RETIRED_HOSTS or not name.endswith(_SUFFIX):
        return HostFate.NO_SUCH_HOST
    labels = name.removesuffix(_SUFFIX).split(".")
    if labels[0] not in PRODUCTS:
        return HostFate.NO_SUCH_HOST
    live = confirmed_regions()
    if len(labels) == 2:
        # product.region: Twilio's DNS answers for the Region, but its certificate only covers the console
        # names (twilio-cli#655, twilio-node#1012). product.edge (no region) does not resolve (twilio-java#936).
        return HostFate.TLS_MISMATCH if labels[1] in live else HostFate.NO_SUCH_HOST
    if len(labels) == 3:
        product, edge, region = labels
        if region in live and edge in EDGES and product_claim(product, region).availability.offered:
            # An offered product behind the wrong edge: api.roaming.ie1 gives a certificate mismatch
            # (twilio-csharp#798). A product that is not offered has no DNS record (dev-phone#198).
            return HostFate.TLS_MISMATCH
    return HostFate.NO_SUCH_HOST
