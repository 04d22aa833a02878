"""Availability claims for path prefixes inside a product, refining `explorer.core.availability`.

The product lists (core) say "api is offered in AU1"; Twilio's regional pages then carve out resources
that are not, for example the 2010 API's messaging resources in AU1 or the Verified Caller IDs in IE1.
Each claim here names the product, the Region, a path prefix (a template prefix, matched at a segment
boundary) and its source; the most specific (longest) matching prefix wins over the product claim.
"""

from __future__ import annotations

__all__ = ["PREFIX_CLAIMS", "claim_for_path", "prefix_claims"]

from explorer.catalog.naming import normalize_template
from explorer.core.availability import Availability, Claim, product_claim
from explorer.core.sources import DOC_AVAILABILITY, Confidence, Source

_ACCOUNT = "/2010-04-01/Accounts/{AccountSid}"

_AU1_PRODUCTS = Source(
    "https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability "
    "(AU1 lists Programmable Voice and Elastic SIP Trunking only)",
    Confidence.INFERRED,
)
_IE1_NOT_YET = Source(
    "https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability "
    "('Not yet supported in IE1')",
    Confidence.DOCUMENTED,
)
_IE1_MESSAGING = Source(
    "https://www.twilio.com/docs/global-infrastructure/messaging-api-with-twilio-regions",
    Confidence.DOCUMENTED,
)
_IE1_CONVERSATIONS = Source(
    "https://www.twilio.com/docs/global-infrastructure/conversations-api-with-twilio-regions",
    Confidence.DOCUMENTED,
)

PREFIX_CLAIMS: tuple[Claim, ...] = (
    # AU1: the 2010 API is there for voice; messaging is absent from AU1's product list.
    Claim("api", "au1", Availability.NOT_OFFERED, _AU1_PRODUCTS, "Messaging is not in AU1", f"{_ACCOUNT}/Messages"),
    Claim("api", "au1", Availability.NOT_OFFERED, _AU1_PRODUCTS, "Messaging is not in AU1", f"{_ACCOUNT}/SMS"),
    Claim("api", "au1", Availability.GA, DOC_AVAILABILITY, "Programmable Voice", f"{_ACCOUNT}/Calls"),
    Claim("api", "au1", Availability.GA, DOC_AVAILABILITY, "Programmable Voice", f"{_ACCOUNT}/Conferences"),
    Claim("api", "au1", Availability.GA, DOC_AVAILABILITY, "Programmable Voice", f"{_ACCOUNT}/Recordings"),
    Claim("api", "au1", Availability.GA, DOC_AVAILABILITY, "Programmable Voice", f"{_ACCOUNT}/Queues"),
    Claim("api", "au1", Availability.GA, DOC_AVAILABILITY, "Programmable Voice (SIP)", f"{_ACCOUNT}/SIP"),
    # IE1: messaging over the 2010 API is public beta and API-only.
    Claim("api", "ie1", Availability.BETA, _IE1_MESSAGING, "public beta, API only", f"{_ACCOUNT}/Messages"),
    Claim("api", "ie1", Availability.NOT_OFFERED, _IE1_NOT_YET, "Verified Caller IDs", f"{_ACCOUNT}/OutgoingCallerIds"),
    Claim(
        "trunking", "ie1", Availability.NOT_OFFERED, _IE1_NOT_YET, "SIP Trunk Phone Number subresource",
        "/v1/Trunks/{TrunkSid}/PhoneNumbers",
    ),
    Claim("bulkexports", "ie1", Availability.NOT_OFFERED, _IE1_NOT_YET, "Bulk Exports API", "/v1"),
    Claim(
        "insights", "ie1", Availability.NOT_OFFERED, _IE1_NOT_YET, "Voice Insights Call Annotation (page version A)",
        "/v1/Voice/{CallSid}/Annotation",
    ),
    Claim(
        "conversations", "ie1", Availability.NOT_OFFERED, _IE1_CONVERSATIONS, "delivery receipts",
        "/v1/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts",
    ),
    Claim(
        "conversations", "ie1", Availability.NOT_OFFERED, _IE1_CONVERSATIONS, "delivery receipts",
        "/v1/Services/{ChatServiceSid}/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts",
    ),
)  # fmt: skip
"""Every path-prefix claim, each with its source."""


def _covers(prefix: str, path: str) -> bool:
    # A prefix ends at a segment boundary: `/Messages` covers `/Messages.json` and `/Messages/{Sid}.json`,
    # never `/MessagesArchive`. Parameter names are erased: `{Sid}` and `{CallSid}` mean the same place.
    prefix, path = normalize_template(prefix), normalize_template(path)
    return path.startswith(prefix) and path[len(prefix) : len(prefix) + 1] in ("", "/", ".")


def prefix_claims(product: str, region: str) -> tuple[Claim, ...]:
    """The path-prefix claims for one product in one Region."""
    return tuple(c for c in PREFIX_CLAIMS if c.product == product and c.region == region)


def claim_for_path(product: str, path: str, region: str) -> Claim:
    """The most specific claim for a path template: its longest matching prefix claim, else the product's."""
    best: Claim | None = None
    for claim in prefix_claims(product, region):
        if _covers(claim.path_prefix, path) and (
            best is None or len(claim.path_prefix) > len(best.path_prefix)
        ):
            best = claim
    return best if best is not None else product_claim(product, region)
