"""What `doctor` checks: the product, region and edge, each with where it came from, and what each library builds.

Precedence, value by value: a flag (`--region`), then the profile's stored setting, then the environment
(`TWILIO_REGION`, `TWILIO_EDGE`), which is how twilio-python and twilio-node combine a constructor argument
with the environment. The host doctor probes is the one that results; `library_step` then shows what every
official helper library would build from the same code settings and environment (`core.libraries`).
"""

from __future__ import annotations

__all__ = ["DoctorSettings", "Setting", "library_rows", "resolve_settings"]

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.core.hosts import HostPlan, plan_host
from explorer.core.libraries import LibraryHost, Setup, all_library_hosts
from explorer.core.libraries.setup import ENV_EDGE, ENV_REGION
from explorer.core.profiles import Profile, ProfileSource


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting and where it came from."""

    value: str | None
    """The value (None: unset)."""
    origin: str
    """`--region`, `profile 'au1'`, `TWILIO_REGION`, `default` or `not set`."""

    def describe(self, name: str) -> str:
        """`region au1 (from TWILIO_REGION)` or `edge unset`."""
        if self.value is None:
            return f"{name} unset"
        if self.origin == "default":
            return f"{name} {self.value} (default)"
        return f"{name} {self.value} (from {self.origin})"


@dataclass(frozen=True, slots=True)
class DoctorSettings:
    """The settings doctor checks; everything else (the host, its verdict) is derived."""

    product: Setting
    """The product host label."""
    region: Setting
    """The region setting."""
    edge: Setting
    """The edge setting."""
    code_region: str | None = None
    """The region given in code terms (a flag or the profile), before the environment: for the libraries row."""
    code_edge: str | None = None
    """The edge given in code terms (a flag or the profile), before the environment."""
    environ: Mapping[str, str] | None = None
    """The environment the settings were read from (only TWILIO_REGION/TWILIO_EDGE and credentials matter)."""

    @property
    def plan(self) -> HostPlan:
        """The host twilio-python builds from these settings.

        Raises:
            LabelError: a setting is not a DNS label.
        """
        return plan_host(self.product.value or "api", self.region.value, self.edge.value)

    def describe(self) -> str:
        """`product api (default), region au1 (from TWILIO_REGION), edge unset`."""
        return ", ".join(
            (self.product.describe("product"), self.region.describe("region"), self.edge.describe("edge"))
        )

    def setup(self) -> Setup:
        """The same settings as `core.libraries` takes them: code values apart from the environment."""
        return Setup.from_environ(
            self.environ or {},
            product=self.product.value or "api",
            region=self.code_region,
            edge=self.code_edge,
        )


def _pick(flag: str | None, flag_name: str, stored: str | None, profile: Profile | None, env: str | None,
          env_name: str) -> Setting:  # fmt: skip
    if flag:
        return Setting(flag.lower(), flag_name)
    if stored and profile is not None:
        return Setting(stored, f"profile {profile.name!r}")
    if env:
        return Setting(env.lower(), env_name)
    return Setting(None, "not set")


def resolve_settings(
    *,
    product: str | None = None,
    region: str | None = None,
    edge: str | None = None,
    profile: Profile | None = None,
    environ: Mapping[str, str],
    given_as: str = "--{name}",
) -> DoctorSettings:
    """The settings from flags, then `profile`, then `environ`, each value with its origin.

    Args:
        given_as: how the first three were given, for their origin (`--region`; the app says `:region`).

    Raises:
        LabelError: a value (a flag or a variable) is not a DNS label.
    """
    env_region = environ.get(ENV_REGION, "").strip() or None
    env_edge = environ.get(ENV_EDGE, "").strip() or None
    stored_region = stored_edge = None
    # The environment profile's Region and edge are TWILIO_REGION / TWILIO_EDGE themselves (with the edge the
    # explorer fills in): read the variables as the libraries do instead, so a missing TWILIO_EDGE shows.
    if profile is not None and profile.source is not ProfileSource.ENVIRONMENT:
        stored_region, stored_edge = profile.spec_region, profile.edge
    settings = DoctorSettings(
        product=Setting(product.lower(), given_as.format(name="product"))
        if product
        else Setting("api", "default"),
        region=_pick(region, given_as.format(name="region"), stored_region, profile, env_region, ENV_REGION),
        edge=_pick(edge, given_as.format(name="edge"), stored_edge, profile, env_edge, ENV_EDGE),
        code_region=(region.lower() if region else None) or stored_region,
        code_edge=(edge.lower() if edge else None) or stored_edge,
        environ=environ,
    )
    settings.plan  # noqa: B018 - raises LabelError for a bad label now, before any step runs
    return settings


def library_rows(settings: DoctorSettings) -> tuple[LibraryHost, ...]:
    """What each official helper library (newest version) builds from the settings and the environment."""
    return all_library_hosts(settings.setup())
