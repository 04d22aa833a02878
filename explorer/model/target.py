"""The target the app points at: a product, a region and an edge, and everything derived from them."""

from __future__ import annotations

__all__ = ["DEFAULT_PATH", "PRESETS", "Target"]

from dataclasses import dataclass, field, replace

from explorer.core.errors import ExplorerError
from explorer.core.hosts import HostPlan, plan_host
from explorer.core.libraries import Setup
from explorer.core.regions import edge_for_region
from explorer.core.target_source import TargetSource
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
    origin: TargetSource | None = field(default=None, compare=False)
    """Where the app's starting region and edge came from (TWILIO_REGION, …) and the environment the helper
    libraries would read; kept across changes, but `source_text` speaks only while the values still match."""

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

    @property
    def source_text(self) -> str | None:
        """`region au1 from TWILIO_REGION, edge sydney from TWILIO_EDGE` while the target still holds the values
        it started with; None once they were changed in the app (or when nothing was read)."""
        origin = self.origin
        if origin is None or (origin.region.value, origin.edge.value) != (self.region, self.edge):
            return None
        if origin.region.value is None and origin.edge.value is None:
            return None
        return origin.describe()

    def library_setup(self) -> Setup:
        """What the helper libraries see for this target: its region and edge as code settings, unless they
        came from the environment, and the environment the app started in."""
        origin = self.origin
        if origin is not None and self.source_text is not None:
            return origin.setup(self.product)
        if origin is None:
            return Setup(self.product, self.region, self.edge)
        return Setup(
            self.product, self.region, self.edge, origin.env_region, origin.env_edge, origin.env_credentials
        )

    def describe(self) -> str:
        """`product · region · edge` for people."""
        return f"{self.product} · region {self.region or 'unset'} · edge {self.edge or 'unset'}"


PRESETS: tuple[tuple[str, str], ...] = (("us1", "US1"), ("ie1", "IE1 Dublin"), ("au1", "AU1 Sydney"))
"""The preset Regions: (region id, button label)."""
