"""The verdict on a host: where a request to it is processed, or how it fails, and the fix.

Every verdict names its basis (a `Source` with its confidence) so the user can tell a documented fact from
an inference. The fix always names the recommended host and the region/edge settings that make the helper
libraries produce it.
"""

from __future__ import annotations

__all__ = ["Fix", "Verdict", "VerdictKind", "classify_host", "recommend"]

from dataclasses import dataclass
from enum import StrEnum

from explorer.core import sources as src
from explorer.core.availability import product_claim
from explorer.core.hosts import TWILIO_DOMAIN, parse_twilio_host
from explorer.core.regions import (
    EDGES,
    LEGACY_IDS,
    PRODUCTS,
    REGIONS,
    RETIRED_HOSTS,
    RETIREMENT_DATE,
    EdgeKind,
)
from explorer.core.regions import region_for_rest_edge as _region_for_rest_edge
from explorer.core.sources import Confidence, Source


class VerdictKind(StrEnum):
    """What happens to a request sent to a host."""

    VALID = "valid"
    """A regional host that Twilio documents: processed in IE1 or AU1."""
    US1 = "us1"
    """Processed in US1, as intended."""
    EDGE_IGNORED = "edge-ignored"
    """An edge with us1 (or no region): the edge is ignored and the request is processed in US1."""
    RETIRED = "retired"
    """A region-only REST host retired on 2026-04-28."""
    TLS_MISMATCH = "tls-mismatch"
    """The name resolves but Twilio's certificate does not cover it."""
    NOT_OFFERED = "not-offered"
    """The product is not offered (or not documented) in that Region; the host does not resolve."""
    UNKNOWN = "unknown"
    """An unknown product, edge or region, or a shape Twilio does not serve."""

    @property
    def works(self) -> bool:
        """True when a request to the host reaches Twilio's API."""
        return self in (VerdictKind.VALID, VerdictKind.US1, VerdictKind.EDGE_IGNORED)


@dataclass(frozen=True, slots=True)
class Fix:
    """How to reach the intended Region."""

    fqdn: str
    """The recommended host."""
    region: str | None
    """The region setting that makes the helper libraries build it (None: leave unset)."""
    edge: str | None
    """The edge setting that makes the helper libraries build it (None: leave unset)."""
    text: str
    """One sentence for people."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict on one host."""

    fqdn: str
    """The host judged."""
    kind: VerdictKind
    """What happens to requests sent to it."""
    processing_region: str | None
    """The Region that processes requests to this host, or None when they fail."""
    explanation: str
    """Why, in one or two sentences."""
    fix: Fix
    """The recommended host for the Region the host seems to aim at."""
    source: Source
    """The basis of the verdict, with its confidence."""

    @property
    def summary(self) -> str:
        """A short label for a badge: `valid · AU1`, `retired`, `TLS mismatch`."""
        labels = {
            VerdictKind.VALID: "valid",
            VerdictKind.US1: "US1",
            VerdictKind.EDGE_IGNORED: "edge ignored → US1",
            VerdictKind.RETIRED: "retired",
            VerdictKind.TLS_MISMATCH: "TLS mismatch",
            VerdictKind.NOT_OFFERED: "not offered",
            VerdictKind.UNKNOWN: "unknown",
        }
        label = labels[self.kind]
        if self.kind is VerdictKind.VALID and self.processing_region:
            label += f" · {self.processing_region.upper()}"
        return label


def recommend(product: str, region: str | None) -> Fix:
    """The host to use for `product` processed in `region` (None or us1: US1), and the settings for it."""
    if region in (None, "us1") or region not in REGIONS:
        return Fix(
            f"{product}.{TWILIO_DOMAIN}",
            None,
            None,
            f"use {product}.{TWILIO_DOMAIN} (leave region and edge unset) to be processed in US1",
        )
    edge = REGIONS[region].rest_edge
    fqdn = f"{product}.{edge}.{region}.{TWILIO_DOMAIN}"
    claim = product_claim(product, region)
    if not claim.availability.offered:
        return Fix(
            f"{product}.{TWILIO_DOMAIN}",
            None,
            None,
            f"{product} is {claim.availability} in {region.upper()} ({claim.source.confidence}); "
            f"use {product}.{TWILIO_DOMAIN} (US1), or keep {region.upper()} data in products offered there",
        )
    return Fix(fqdn, region, edge, f"set region={region} and edge={edge} (both) to get {fqdn}")


def classify_host(fqdn: str) -> Verdict:
    """Judge a host: where it is processed or how it fails, why, and the fix."""
    host = fqdn.lower().rstrip(".")
    if not host.endswith("." + TWILIO_DOMAIN):
        return Verdict(
            host, VerdictKind.UNKNOWN, None, "not a host inside twilio.com",
            recommend("api", None), Source("explorer", Confidence.INFERRED),
        )  # fmt: skip
    labels = host.split(".")
    product, edge, region = parse_twilio_host(host)
    if product not in PRODUCTS:
        return _unknown(host, product, region, f"{product!r} is not a product host of Twilio's published API")
    if len(labels) == 3:
        return Verdict(host, VerdictKind.US1, "us1", "the default host: processed in US1", recommend(product, None),
                       src.DOC_REGIONS)  # fmt: skip
    if len(labels) == 4:
        return _region_only(host, product, labels[1])
    if len(labels) == 5:
        assert edge is not None and region is not None
        return _edge_and_region(host, product, edge, region)
    return _unknown(
        host, product, None, "Twilio hosts have at most five labels: product.edge.region.twilio.com"
    )


def _unknown(host: str, product: str, region: str | None, why: str) -> Verdict:
    intended = region if region in REGIONS else None
    fix_product = product if product in PRODUCTS else "api"
    return Verdict(host, VerdictKind.UNKNOWN, None, why, recommend(fix_product, intended), src.DOC_EDGES)


def _region_only(host: str, product: str, label: str) -> Verdict:
    if label == "us1" and product == "api":
        return Verdict(host, VerdictKind.US1, "us1", "api.us1.twilio.com stays valid after the April 2026 change",
                       recommend(product, None), src.DOC_RETIREMENT)  # fmt: skip
    if host in RETIRED_HOSTS:
        intended = label if label in REGIONS and REGIONS[label].confirmed else None
        legacy = LEGACY_IDS.get(label)
        explanation = (
            f"region without edge: this host was retired on {RETIREMENT_DATE.isoformat()} "
            f"(before that it was silently processed in US1, whatever the region label said)"
        )
        if legacy is not None and not legacy.is_region:
            explanation += f"; {label} is a legacy ID of the {legacy.edge} edge, not a processing Region"
        return Verdict(host, VerdictKind.RETIRED, None, explanation, recommend(product, intended),
                       RETIRED_HOSTS[host])  # fmt: skip
    if label in REGIONS:
        if product == "api":
            # api.jp1.twilio.com is in RETIRED_HOSTS; api.us1 was handled above. Nothing else reaches here.
            return _unknown(host, product, label, "no such REST host")
        documented = label == "ie1"
        return Verdict(
            host,
            VerdictKind.TLS_MISMATCH,
            None,
            f"region without edge on a non-api product: {host} resolves but Twilio's certificate does not "
            "cover it, so clients fail with a TLS hostname mismatch",
            recommend(product, label),
            src.ISSUE_TLS_MISMATCH
            if documented
            else Source(f"{src.ISSUE_TLS_MISMATCH.ref} (seen for ie1; assumed here)", Confidence.INFERRED),
        )
    if label in EDGES:
        intended = _region_for_rest_edge(label)
        return Verdict(
            host, VerdictKind.UNKNOWN, None,
            f"edge without region: {host} does not resolve (the helper libraries add us1 for you: "
            f"{product}.{label}.us1.twilio.com)",
            recommend(product, intended), src.ISSUE_EDGE_ONLY,
        )  # fmt: skip
    if label in LEGACY_IDS:
        legacy = LEGACY_IDS[label]
        return _unknown(
            host, product, None, f"{label} is a legacy ID of the {legacy.edge} edge; no such host"
        )
    return _unknown(host, product, None, f"unknown region or edge {label!r}")


def _edge_and_region(host: str, product: str, edge: str, region: str) -> Verdict:
    if region not in REGIONS:
        legacy = LEGACY_IDS.get(region)
        why = f"unknown region {region!r}"
        if legacy is not None:
            why = f"{region!r} is a legacy ID of the {legacy.edge} edge, not a processing Region; {host} does not resolve"
        return _unknown(host, product, None, why)
    if edge not in EDGES:
        legacy = LEGACY_IDS.get(edge)
        why = f"unknown edge {edge!r}"
        if legacy is not None:
            why += f" (it is a legacy ID: use the edge name {legacy.edge!r})"
        return _unknown(host, product, region, why)
    known = REGIONS[region]
    edge_info = EDGES[edge]
    if region == "us1":
        if edge in ("ashburn", "ashburn-ix"):
            return Verdict(host, VerdictKind.US1, "us1", f"processed in US1 through the {edge} edge",
                           recommend(product, None), src.DOC_INTERCONNECT)  # fmt: skip
        intended = _region_for_rest_edge(edge)
        return Verdict(
            host,
            VerdictKind.EDGE_IGNORED,
            "us1",
            f"edge ignored, processed in US1: the {edge} edge with us1 is still US1"
            + (f"; to be processed in {intended.upper()} set region={intended} too" if intended else ""),
            recommend(product, intended),
            src.ISSUE_EDGE_ONLY,
        )
    if not known.confirmed:
        return Verdict(
            host, VerdictKind.UNKNOWN, None,
            f"{region.upper()} is named as a Region only in twilio-cli's docs; unconfirmed",
            recommend(product, None), known.source,
        )  # fmt: skip
    if edge != known.rest_edge:
        reason = (
            "roaming is not a REST edge" if edge_info.kind is EdgeKind.ROAMING else "one REST edge per Region"
        )
        return Verdict(
            host,
            VerdictKind.TLS_MISMATCH,
            None,
            f"{edge} does not pair with {region} for the REST API ({reason}: {region} → {known.rest_edge}); "
            "expect a TLS hostname mismatch or a name that does not resolve",
            recommend(product, region),
            src.ISSUE_ROAMING_IE1
            if edge == "roaming"
            else Source(src.ISSUE_ONE_EDGE.ref, Confidence.INFERRED),
        )
    claim = product_claim(product, region)
    if not claim.availability.offered:
        return Verdict(
            host,
            VerdictKind.NOT_OFFERED,
            None,
            f"product not offered in this Region: {product} is {claim.availability} in {region.upper()} "
            f"({claim.source.confidence}: {claim.note}); the host does not resolve",
            recommend(product, region),
            claim.source,
        )
    beta = " (beta)" if claim.availability.value.endswith("(beta)") else ""
    return Verdict(host, VerdictKind.VALID, region, f"processed in {region.upper()}{beta}",
                   recommend(product, region), claim.source)  # fmt: skip
