"""Where each regional fact comes from: the documents and threads cited by the data modules."""

from __future__ import annotations

__all__ = ["Confidence", "Source"]

from dataclasses import dataclass
from enum import StrEnum


class Confidence(StrEnum):
    """How sure a fact is, from the kind of its source."""

    DOCUMENTED = "documented"
    """Twilio's own documentation or changelog says so."""
    REPORTED = "reported"
    """Seen by users in a GitHub issue or pull request thread."""
    CODE = "code"
    """Read in, or run from, an official helper library's source."""
    INFERRED = "inferred"
    """Our own conclusion from the other facts; unverified."""


@dataclass(frozen=True, slots=True)
class Source:
    """A citation for one fact."""

    ref: str
    """A URL, or `repo#number`, or `repo path`."""
    confidence: Confidence
    """How sure the fact is."""

    def __str__(self) -> str:
        return f"{self.ref} [{self.confidence}]"


# The documents cited more than once.
DOC_REGIONS = Source(
    "https://www.twilio.com/docs/global-infrastructure/understanding-twilio-regions", Confidence.DOCUMENTED
)
DOC_AVAILABILITY = Source(
    "https://www.twilio.com/docs/global-infrastructure/regional-product-and-feature-availability",
    Confidence.DOCUMENTED,
)
DOC_EDGES = Source("https://www.twilio.com/docs/global-infrastructure/edge-locations", Confidence.DOCUMENTED)
DOC_LEGACY = Source(
    "https://www.twilio.com/docs/global-infrastructure/edge-locations/legacy-regions", Confidence.DOCUMENTED
)
DOC_INTERCONNECT = Source(
    "https://www.twilio.com/docs/interconnect/configure-your-application", Confidence.DOCUMENTED
)
DOC_CLI_REGIONAL = Source(
    "https://www.twilio.com/docs/twilio-cli/general-usage/regional", Confidence.DOCUMENTED
)
DOC_RETIREMENT = Source(
    "https://www.twilio.com/en-us/changelog/deprecation-of-region-specific-twilio-api-domain-patterns",
    Confidence.DOCUMENTED,
)
DOC_MIGRATION = Source(
    "https://www.twilio.com/docs/global-infrastructure/api-domain-migration-guide", Confidence.DOCUMENTED
)
ISSUE_EDGE_ONLY = Source("https://github.com/twilio/twilio-java/pull/936", Confidence.REPORTED)
ISSUE_ONE_EDGE = Source("https://github.com/twilio/twilio-java/pull/928", Confidence.REPORTED)
ISSUE_TLS_MISMATCH = Source(
    "twilio/twilio-cli#655, twilio/twilio-cli#663, twilio/twilio-node#1012, twilio/twilio-python#547",
    Confidence.REPORTED,
)
ISSUE_ROAMING_IE1 = Source("https://github.com/twilio/twilio-csharp/issues/798", Confidence.REPORTED)
ISSUE_SYNC_IE1 = Source("https://github.com/twilio-labs/dev-phone/issues/198", Confidence.REPORTED)
CODE_PYTHON = Source("twilio/twilio-python 9.13.0 twilio/base/client_base.py get_hostname", Confidence.CODE)
CODE_NODE = Source("twilio/twilio-node 6.0.2 src/base/BaseTwilio.ts getHostname", Confidence.CODE)
INFER_GUESS = Source("twilio-facts.md §4.3 (our guess from the availability pages)", Confidence.INFERRED)
