"""The verdict on every row of the host cheat-sheet (twilio-facts.md §1.6), with the fix."""

from __future__ import annotations

import pytest

from explorer.core.hosts import plan_host
from explorer.core.sources import Confidence
from explorer.core.verdict import VerdictKind, classify_host

# host, kind, processing region, recommended host
CHEAT_SHEET = [
    ("api.twilio.com", VerdictKind.US1, "us1", "api.twilio.com"),
    ("conversations.twilio.com", VerdictKind.US1, "us1", "conversations.twilio.com"),
    ("api.us1.twilio.com", VerdictKind.US1, "us1", "api.twilio.com"),
    ("api.dublin.ie1.twilio.com", VerdictKind.VALID, "ie1", "api.dublin.ie1.twilio.com"),
    ("api.sydney.au1.twilio.com", VerdictKind.VALID, "au1", "api.sydney.au1.twilio.com"),
    ("api.ie1.twilio.com", VerdictKind.RETIRED, None, "api.dublin.ie1.twilio.com"),
    ("api.au1.twilio.com", VerdictKind.RETIRED, None, "api.sydney.au1.twilio.com"),
    ("api.br1.twilio.com", VerdictKind.RETIRED, None, "api.twilio.com"),
    ("api.de1.twilio.com", VerdictKind.RETIRED, None, "api.twilio.com"),
    ("api.jp1.twilio.com", VerdictKind.RETIRED, None, "api.twilio.com"),
    ("api.sg1.twilio.com", VerdictKind.RETIRED, None, "api.twilio.com"),
    ("api.us2.twilio.com", VerdictKind.RETIRED, None, "api.twilio.com"),
    ("conversations.ie1.twilio.com", VerdictKind.TLS_MISMATCH, None, "conversations.dublin.ie1.twilio.com"),
    ("messaging.ie1.twilio.com", VerdictKind.TLS_MISMATCH, None, "messaging.dublin.ie1.twilio.com"),
    ("trunking.ie1.twilio.com", VerdictKind.TLS_MISMATCH, None, "trunking.dublin.ie1.twilio.com"),
    ("video.de1.twilio.com", VerdictKind.UNKNOWN, None, "video.twilio.com"),
    ("sync.dublin.ie1.twilio.com", VerdictKind.NOT_OFFERED, None, "sync.twilio.com"),
    ("conversations.roaming.gll.twilio.com", VerdictKind.UNKNOWN, None, "conversations.twilio.com"),
    ("api.roaming.ie1.twilio.com", VerdictKind.TLS_MISMATCH, None, "api.dublin.ie1.twilio.com"),
    ("api.frankfurt.us1.twilio.com", VerdictKind.EDGE_IGNORED, "us1", "api.twilio.com"),
    ("api.sydney.us1.twilio.com", VerdictKind.EDGE_IGNORED, "us1", "api.sydney.au1.twilio.com"),
    ("api.frankfurt.twilio.com", VerdictKind.UNKNOWN, None, "api.twilio.com"),
    ("verify.dublin.ie1.twilio.com", VerdictKind.NOT_OFFERED, None, "verify.twilio.com"),
    ("conversations.sydney.au1.twilio.com", VerdictKind.NOT_OFFERED, None, "conversations.twilio.com"),
    ("api.ashburn-ix.us1.twilio.com", VerdictKind.US1, "us1", "api.twilio.com"),
    ("api.tokyo.jp1.twilio.com", VerdictKind.UNKNOWN, None, "api.twilio.com"),
    ("nosuchproduct.twilio.com", VerdictKind.UNKNOWN, None, "api.twilio.com"),
    ("api.mars.ie1.twilio.com", VerdictKind.UNKNOWN, None, "api.dublin.ie1.twilio.com"),
]


@pytest.mark.parametrize(("host", "kind", "region", "recommended"), CHEAT_SHEET)
def test_cheat_sheet_row(host: str, kind: VerdictKind, region: str | None, recommended: str) -> None:
    """Each host gets the verdict, processing Region and recommended host the facts give."""
    verdict = classify_host(host)
    assert verdict.kind is kind
    assert verdict.processing_region == region
    assert verdict.fix.fqdn == recommended
    assert verdict.explanation
    assert verdict.source.ref


def test_retired_host_says_when_and_what_happened_before() -> None:
    """The retired verdict names the date and the silent US1 processing before it."""
    verdict = classify_host("api.au1.twilio.com")
    assert "2026-04-28" in verdict.explanation
    assert "US1" in verdict.explanation
    assert (verdict.fix.region, verdict.fix.edge) == ("au1", "sydney")


def test_not_offered_says_whether_documented_or_inferred() -> None:
    """A product missing from IE1's list is inferred; Sync in IE1 is reported by users."""
    inferred = classify_host("verify.dublin.ie1.twilio.com")
    reported = classify_host("sync.dublin.ie1.twilio.com")
    assert inferred.source.confidence is Confidence.INFERRED
    assert "inferred" in inferred.explanation
    assert reported.source.confidence is Confidence.REPORTED


def test_the_fix_settings_make_the_libraries_build_the_recommended_host() -> None:
    """For every row, the recommended region and edge, fed to the library rules, give the recommended host."""
    for host, *_ in CHEAT_SHEET:
        verdict = classify_host(host)
        product = verdict.fix.fqdn.split(".")[0]
        plan = plan_host(product, verdict.fix.region, verdict.fix.edge)
        assert plan.fqdn == verdict.fix.fqdn, host
        assert classify_host(plan.fqdn).kind.works, host


def test_the_three_acceptance_settings() -> None:
    """au1+sydney is valid, au1 alone is retired, sydney alone is processed in US1."""
    assert classify_host(plan_host("api", "au1", "sydney").fqdn).kind is VerdictKind.VALID
    assert classify_host(plan_host("api", "au1", None).fqdn).kind is VerdictKind.RETIRED
    assert classify_host(plan_host("api", None, "sydney").fqdn).kind is VerdictKind.EDGE_IGNORED
