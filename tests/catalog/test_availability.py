"""Every regional availability claim has a source, and every path prefix names real resources."""

from __future__ import annotations

from explorer.catalog.loader import Catalog
from explorer.catalog.path_availability import PREFIX_CLAIMS, claim_for_path
from explorer.core.availability import Availability, product_claim
from explorer.core.regions import REGIONS
from explorer.core.sources import Confidence


def test_every_prefix_claim_has_a_source() -> None:
    """Each path-prefix claim cites where it comes from and how sure it is."""
    assert PREFIX_CLAIMS
    for claim in PREFIX_CLAIMS:
        assert claim.source.ref.strip(), claim
        assert isinstance(claim.source.confidence, Confidence)
        assert claim.note and claim.path_prefix.startswith("/"), claim


def test_every_claim_the_catalogue_gives_has_a_source(bundled: Catalog) -> None:
    """Whatever resource and Region is asked about, the answer names its source."""
    for endpoint in bundled.endpoints:
        for region in REGIONS:
            claim = bundled.claim(endpoint, region)
            assert claim.source.ref.strip() and claim.region == region, (endpoint.id, region)


def test_every_prefix_names_at_least_one_resource(bundled: Catalog) -> None:
    """No prefix claim is a typo: each one changes the answer for at least one endpoint."""
    for claim in PREFIX_CLAIMS:
        covered = [
            e
            for e in bundled.endpoints
            if e.product == claim.product and claim_for_path(e.product, e.path, claim.region) is claim
        ]
        assert covered, claim.path_prefix


def test_prefix_matches_at_segment_boundaries_only() -> None:
    """`/Messages` covers `/Messages.json` and `/Messages/{Sid}/Media.json`, not `/MessagesArchive.json`."""
    root = "/2010-04-01/Accounts/{AccountSid}"
    assert claim_for_path("api", f"{root}/Messages.json", "au1").availability is Availability.NOT_OFFERED
    assert claim_for_path("api", f"{root}/Messages/{{Sid}}/Media.json", "au1").path_prefix
    assert claim_for_path("api", f"{root}/MessagesArchive.json", "au1") == product_claim("api", "au1")
