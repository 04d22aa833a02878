"""Which products Twilio offers in which Region, each claim with its source and confidence.

US1 offers every product. For IE1 and AU1 Twilio publishes product lists that disagree between page
versions (twilio-facts.md §4); a product absent from every list is "not documented", which the verdicts
treat as "probably not offered" and say so. Claims about a path prefix inside a product (for example the
2010 API's messaging resources in AU1) refine the product claim; the catalogue adds those.
"""

from __future__ import annotations

__all__ = ["Availability", "Claim", "product_claim"]

from dataclasses import dataclass
from enum import StrEnum

from explorer.core import sources as src
from explorer.core.sources import Confidence, Source


class Availability(StrEnum):
    """Whether a product is offered in a Region."""

    GA = "offered"
    BETA = "offered (beta)"
    NOT_OFFERED = "not offered"
    NOT_DOCUMENTED = "not documented"

    @property
    def offered(self) -> bool:
        """True for GA and beta."""
        return self in (Availability.GA, Availability.BETA)


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement about a product (or a path prefix of it) in one Region."""

    product: str
    """The product host label, for example `conversations`."""
    region: str
    """The Region ID."""
    availability: Availability
    """What is claimed."""
    source: Source
    """Where the claim comes from, and how sure it is."""
    note: str = ""
    """A short qualification ("Chat only", "public beta, API only")."""
    path_prefix: str = ""
    """When set, the claim covers only paths starting with this prefix."""


_IE1: tuple[tuple[str, Availability, Source, str], ...] = (
    ("api", Availability.GA, src.DOC_AVAILABILITY, "Programmable Voice, Messaging, SIP, Keys"),
    ("trunking", Availability.GA, src.DOC_AVAILABILITY, "Elastic SIP Trunking"),
    ("serverless", Availability.GA, src.DOC_AVAILABILITY, "Functions and Assets (once beta)"),
    ("conversations", Availability.GA, src.DOC_AVAILABILITY, "Chat channel only"),
    ("lookups", Availability.GA, src.DOC_AVAILABILITY, "Lookup v2"),
    ("messaging", Availability.BETA, src.DOC_AVAILABILITY, "public beta, API only (page version B)"),
    ("studio", Availability.BETA, src.DOC_AVAILABILITY, "public beta"),
    ("taskrouter", Availability.BETA, src.DOC_AVAILABILITY, "public beta"),
    ("voice", Availability.GA, src.INFER_GUESS, "Programmable Voice is listed; the voice v1 host is a guess"),
    ("insights", Availability.GA, src.INFER_GUESS, "partial; an older guide marked it not yet available"),
    ("sync", Availability.NOT_OFFERED, src.ISSUE_SYNC_IE1, "sync.dublin.ie1.twilio.com does not resolve"),
)
_AU1: tuple[tuple[str, Availability, Source, str], ...] = (
    ("api", Availability.GA, src.DOC_AVAILABILITY, "Programmable Voice resources and Keys"),
    ("trunking", Availability.GA, src.DOC_AVAILABILITY, "Elastic SIP Trunking"),
    ("voice", Availability.GA, src.INFER_GUESS, "Programmable Voice is listed; the voice v1 host is a guess"),
    (
        "serverless",
        Availability.NOT_OFFERED,
        Source(
            "https://www.twilio.com/docs/serverless/functions-assets/regional-support-functions-assets",
            Confidence.DOCUMENTED,
        ),
        "Functions and Assets: 'Upcoming' in AU1",
    ),
)

_UNLISTED = Source(
    "https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability "
    "(absent from the Region's product list)",
    Confidence.INFERRED,
)

_CLAIMS: dict[tuple[str, str], Claim] = {
    (product, region): Claim(product, region, availability, source, note)
    for region, rows in (("ie1", _IE1), ("au1", _AU1))
    for product, availability, source, note in rows
}


def product_claim(product: str, region: str) -> Claim:
    """What is known about `product` in `region`.

    US1 offers everything. A product missing from a Region's published lists is `NOT_DOCUMENTED`, with an
    inferred source saying so. An unknown Region gives `NOT_DOCUMENTED` too.
    """
    if region == "us1":
        return Claim(product, region, Availability.GA, src.DOC_REGIONS, "US1 is the default Region")
    claim = _CLAIMS.get((product, region))
    if claim is not None:
        return claim
    return Claim(
        product, region, Availability.NOT_DOCUMENTED, _UNLISTED, f"not in {region.upper()}'s product list"
    )
