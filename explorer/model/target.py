"""The target the app points at: a product, a region and an edge, and everything derived from them."""

from __future__ import annotations

__all__ = ["DEFAULT_PATH", "PRESETS", "Target"]

from dataclasses import dataclass, replace

from explorer.core.errors import ExplorerError
from explorer.core.hosts import HostPlan, plan_host
from explorer.core.regions import edge_for_region
from explorer.core.verdict import Verdict, classify_host

DEFAULT_PATH = "/2010-04-01/Accounts/{AccountSid}/Applications.json"
"""The request the app starts with: the Applications list of the current Region."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where requests go: the helper libraries' product, region and edge settings. Everything else is derived."""

    product: str = "api"
    """The product host label (`api`, `messaging`)."""
    region: str | None = None
    """The region setting (None: unset, US1)."""
    edge: str | None = None
    """The edge setting (None: unset)."""

    @classmethod
    def preset(cls, region: str, product: str = "api") -> Target:
        """The documented pairing for a Region: us1 → no settings, ie1 → dublin, au1 → sydney."""
        if region == "us1":
            return cls(product, None, None)
        return cls(product, region, edge_for_region(region))

    def with_region(self, region: str | None) -> Target:
        """The same target in another Region, moving the edge to that Region's own REST edge."""
        if region in (None, "us1"):
            return replace(self, region=None, edge=None)
        return replace(self, region=region, edge=edge_for_region(region) or self.edge)

    @property
    def plan(self) -> HostPlan:
        """The host the helper libraries build.

        Raises:
            LabelError: a label is not a DNS label.
        """
        return plan_host(self.product, self.region, self.edge)

    @property
    def fqdn(self) -> str:
        """The host, or a short description of why there is none."""
        try:
            return self.plan.fqdn
        except ExplorerError as error:
            return f"(invalid: {error.message})"

    @property
    def verdict(self) -> Verdict:
        """The verdict on the host."""
        return classify_host(self.fqdn)

    @property
    def region_id(self) -> str:
        """The Region that should process requests: the region setting, or us1."""
        return self.region or "us1"

    def describe(self) -> str:
        """`product · region · edge` for people."""
        return f"{self.product} · region {self.region or 'unset'} · edge {self.edge or 'unset'}"


PRESETS: tuple[tuple[str, str], ...] = (("us1", "US1"), ("ie1", "IE1 Dublin"), ("au1", "AU1 Sydney"))
"""The preset Regions: (region id, button label)."""
