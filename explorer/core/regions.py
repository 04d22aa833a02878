"""Twilio's Processing Regions, Edge Locations, legacy IDs, retired hosts and product hosts, as sourced data."""

from __future__ import annotations

__all__ = [
    "EDGES",
    "LEGACY_IDS",
    "PRODUCTS",
    "REGIONS",
    "RETIRED_HOSTS",
    "RETIREMENT_DATE",
    "Edge",
    "EdgeKind",
    "LegacyId",
    "Region",
    "confirmed_regions",
    "edge_for_region",
    "region_for_rest_edge",
    "require_region",
]

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from explorer.core import sources as src
from explorer.core.sources import Source


@dataclass(frozen=True, slots=True)
class Region:
    """A Processing Region (also called a Home Region): where a request's data is processed and stored."""

    id: str
    """The region label in hostnames, for example `au1`."""
    location: str
    """Where it is."""
    rest_edge: str | None
    """The one Edge Location that pairs with it for the REST API (`None` for US1, which needs no edge)."""
    confirmed: bool
    """False when only one document names it as a Region (JP1)."""
    source: Source
    """Where this comes from."""

    @property
    def label(self) -> str:
        """The upper-case name people use: `AU1`."""
        return self.id.upper()


REGIONS: dict[str, Region] = {
    r.id: r
    for r in (
        Region("us1", "Ashburn, Virginia, US", None, True, src.DOC_REGIONS),
        Region("ie1", "Dublin, Ireland", "dublin", True, src.DOC_AVAILABILITY),
        Region("au1", "Sydney, Australia", "sydney", True, src.DOC_AVAILABILITY),
        # Only twilio-cli's "Regional" page lists jp1 (with --edge tokyo); the legacy-IDs page maps jp1 to
        # plain api.twilio.com. Kept, marked unconfirmed, so the picker can explain it instead of rejecting it.
        Region("jp1", "Tokyo, Japan (unconfirmed)", "tokyo", False, src.DOC_CLI_REGIONAL),
    )
}


class EdgeKind(StrEnum):
    """The kinds of Edge Location."""

    PUBLIC = "public"
    INTERCONNECT = "interconnect"
    ROAMING = "roaming"


@dataclass(frozen=True, slots=True)
class Edge:
    """An Edge Location: where traffic enters Twilio's network."""

    id: str
    """The edge label in hostnames, for example `sydney` or `ashburn-ix`."""
    location: str
    """Where it is."""
    kind: EdgeKind
    """Public, private Interconnect (`-ix`), or the Global Low Latency `roaming` edge."""
    legacy_id: str | None
    """The old region-style ID that named this edge (`au1` for sydney), if any."""
    source: Source
    """Where this comes from."""


# fmt: off
EDGES: dict[str, Edge] = {
    e.id: e
    for e in (
        Edge("sydney", "Australia", EdgeKind.PUBLIC, "au1", src.DOC_LEGACY),
        Edge("dublin", "Ireland", EdgeKind.PUBLIC, "ie1", src.DOC_LEGACY),
        Edge("ashburn", "US East (Virginia)", EdgeKind.PUBLIC, "us1", src.DOC_LEGACY),
        Edge("umatilla", "US West (Oregon)", EdgeKind.PUBLIC, "us2", src.DOC_LEGACY),
        Edge("frankfurt", "Frankfurt, Germany", EdgeKind.PUBLIC, "de1", src.DOC_LEGACY),
        Edge("tokyo", "Tokyo, Japan", EdgeKind.PUBLIC, "jp1", src.DOC_LEGACY),
        Edge("singapore", "Singapore", EdgeKind.PUBLIC, "sg1", src.DOC_LEGACY),
        Edge("sao-paulo", "São Paulo, Brazil", EdgeKind.PUBLIC, "br1", src.DOC_LEGACY),
        Edge("roaming", "Global Low Latency (nearest data centre)", EdgeKind.ROAMING, "gll", src.DOC_LEGACY),
        Edge("ashburn-ix", "US East, Interconnect in Virginia", EdgeKind.INTERCONNECT, "us1-ix", src.DOC_INTERCONNECT),
        Edge("san-jose-ix", "US West, Interconnect in San Jose", EdgeKind.INTERCONNECT, "us2-ix", src.DOC_INTERCONNECT),
        Edge("london-ix", "Ireland, Interconnect in London", EdgeKind.INTERCONNECT, "ie1-ix", src.DOC_INTERCONNECT),
        Edge("frankfurt-ix", "Frankfurt, Interconnect", EdgeKind.INTERCONNECT, "de1-ix", src.DOC_INTERCONNECT),
        Edge("singapore-ix", "Singapore, Interconnect", EdgeKind.INTERCONNECT, "sg1-ix", src.DOC_INTERCONNECT),
        Edge("tokyo-ix", "Tokyo, Interconnect", EdgeKind.INTERCONNECT, "jp1-ix", src.DOC_INTERCONNECT),
        Edge("sydney-ix", "Sydney, Interconnect", EdgeKind.INTERCONNECT, "au1-ix", src.DOC_INTERCONNECT),
        Edge("sao-paulo-ix", "São Paulo, Interconnect", EdgeKind.INTERCONNECT, None, src.DOC_INTERCONNECT),
    )
}
# fmt: on


@dataclass(frozen=True, slots=True)
class LegacyId:
    """An old region-style ID once used to select an edge (`de1`, `gll`, `au1-ix`)."""

    id: str
    """The legacy ID."""
    edge: str
    """The Edge Location it now means."""
    old_host: str | None
    """The REST host it used to build (`api.de1.twilio.com`), if any."""
    current_host: str | None
    """The REST host to use instead, per Twilio's legacy-IDs table."""
    is_region: bool
    """True when the same label is also a Processing Region ID (`ie1`, `au1`, `us1`)."""
    source: Source
    """Where this comes from."""


LEGACY_IDS: dict[str, LegacyId] = {
    legacy.id: legacy
    for legacy in (
        LegacyId("au1", "sydney", "api.au1.twilio.com", "api.sydney.au1.twilio.com", True, src.DOC_LEGACY),
        LegacyId("ie1", "dublin", "api.ie1.twilio.com", "api.dublin.ie1.twilio.com", True, src.DOC_LEGACY),
        LegacyId("us1", "ashburn", "api.us1.twilio.com", "api.twilio.com", True, src.DOC_LEGACY),
        LegacyId("us2", "umatilla", "api.us2.twilio.com", "api.twilio.com", False, src.DOC_LEGACY),
        LegacyId("de1", "frankfurt", "api.de1.twilio.com", "api.twilio.com", False, src.DOC_LEGACY),
        LegacyId("jp1", "tokyo", "api.jp1.twilio.com", "api.twilio.com", False, src.DOC_LEGACY),
        LegacyId("sg1", "singapore", "api.sg1.twilio.com", "api.twilio.com", False, src.DOC_LEGACY),
        LegacyId("br1", "sao-paulo", "api.br1.twilio.com", "api.twilio.com", False, src.DOC_LEGACY),
        LegacyId("gll", "roaming", None, None, False, src.DOC_LEGACY),
        LegacyId("us1-ix", "ashburn-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("us2-ix", "san-jose-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("ie1-ix", "london-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("de1-ix", "frankfurt-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("sg1-ix", "singapore-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("jp1-ix", "tokyo-ix", None, None, False, src.DOC_LEGACY),
        LegacyId("au1-ix", "sydney-ix", None, None, False, src.DOC_LEGACY),
    )
}

RETIREMENT_DATE = date(2026, 4, 28)
"""The day the region-only REST hosts stopped accepting requests."""

# Region-only REST hosts retired on 2026-04-28. Until then they processed every request in US1 whatever the
# region label said. api.us1.twilio.com was explicitly kept.
RETIRED_HOSTS: dict[str, Source] = {
    f"api.{label}.twilio.com": src.DOC_RETIREMENT
    for label in ("ie1", "au1", "br1", "de1", "jp1", "sg1", "us2")
}

# Every product host in the OpenAPI description files of @twilio/cli-core 9.0.0 (the `servers` of each path),
# plus `webhooks`, which twilio-python 9.13.0 has and cli-core does not.
PRODUCTS: tuple[str, ...] = (
    "accounts", "api", "assistants", "autopilot", "bulkexports", "chat", "content", "conversations",
    "events", "fax", "flex-api", "frontline-api", "iam", "insights", "intelligence", "ip-messaging",
    "knowledge", "lookups", "marketplace", "media", "memory", "messaging", "microvisor", "monitor",
    "notify", "numbers", "oauth", "preview", "preview-iam", "pricing", "proxy", "routes", "serverless",
    "studio", "supersim", "sync", "taskrouter", "trunking", "trusthub", "verify", "video", "voice",
    "webhooks", "wireless",
)  # fmt: skip


def confirmed_regions() -> tuple[str, ...]:
    """The Region IDs more than one document confirms, in table order (`us1`, `ie1`, `au1`).

    They are the Regions the simulator serves (hosts, certificate names, demo credentials, env file) and the
    presets the app offers. Read at call time, so that everything follows `REGIONS`.
    """
    return tuple(region.id for region in REGIONS.values() if region.confirmed)


def edge_for_region(region: str) -> str | None:
    """The REST edge that pairs with a Region (`au1` → `sydney`); `None` for US1 or an unknown Region."""
    known = REGIONS.get(region)
    return known.rest_edge if known else None


def region_for_rest_edge(edge: str) -> str | None:
    """The Region whose REST edge this is (`sydney` → `au1`), or `None`."""
    for region in REGIONS.values():
        if region.rest_edge == edge and region.confirmed:
            return region.id
    return None


def require_region(value: str, where: str = "--region") -> str:
    """`value` lower-cased when it is a known Region; anything else is an error listing the known ones.

    Every command and the app's `:region` use this one rule; only `fqdn`, whose job is to explain any host,
    takes an unknown Region (its verdict is "unknown").

    Raises:
        UnknownNameError: not a Region; a legacy edge ID (`de1`) is named as such, with its edge.
    """
    from explorer.core.errors import UnknownNameError

    region = value.strip().lower()
    if region in REGIONS:
        return region
    known = ", ".join(REGIONS)
    legacy = LEGACY_IDS.get(region)
    hint = f"one of: {known}"
    if legacy is not None:
        hint += f" ({region} is a legacy ID of the {legacy.edge} edge, not a Region: to use that edge, set edge {legacy.edge})"
    raise UnknownNameError(f"unknown Region {value!r} (from {where})", hint=hint)
