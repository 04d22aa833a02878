"""Where a command's region and edge come from: flags, then a profile, then TWILIO_REGION / TWILIO_EDGE.

    --region/--edge  beat  --profile (its region and edge go together)  beat  TWILIO_REGION / TWILIO_EDGE

The environment is read one variable at a time, as twilio-python, node, php and go read it, so
`TWILIO_EDGE=sydney … --region au1` gives region au1 from --region and edge sydney from TWILIO_EDGE. A profile
is a credential's Region: once one is named, the environment's region and edge are not mixed in (they would
send its secret to another Region's host).
"""

from __future__ import annotations

__all__ = ["PRECEDENCE_HELP", "Sourced", "TargetSource", "resolve_target"]

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.core.hosts import validate_label
from explorer.core.libraries.setup import ENV_EDGE, ENV_REGION, Setup

PRECEDENCE_HELP = (
    "Region and edge come from --region/--edge, else --profile (its region and edge together), else "
    "TWILIO_REGION/TWILIO_EDGE (each on its own, as the helper libraries read them)."
)
"""One sentence for every command's --help."""


@dataclass(frozen=True, slots=True)
class Sourced:
    """One setting and where it came from."""

    value: str | None
    """The value (lower-cased label), or None when not set."""
    source: str
    """`--region`, `profile au1-prod`, `TWILIO_REGION`, or `` when not set."""

    def describe(self, part: str) -> str:
        """`region au1 from TWILIO_REGION`, or `region not set`."""
        return f"{part} {self.value} from {self.source}" if self.value else f"{part} not set"


@dataclass(frozen=True, slots=True)
class TargetSource:
    """A command's region and edge, each with its source, and the environment as the libraries see it."""

    region: Sourced = Sourced(None, "")
    """The region used and its source."""
    edge: Sourced = Sourced(None, "")
    """The edge used and its source."""
    env_region: str | None = None
    """TWILIO_REGION as exported (None: unset or empty), whether or not it was used."""
    env_edge: str | None = None
    """TWILIO_EDGE as exported (None: unset or empty), whether or not it was used."""
    env_credentials: bool = False
    """True when TWILIO_ACCOUNT_SID and a token or key pair are exported (twilio-cli reads TWILIO_REGION then)."""

    @property
    def environment_in_play(self) -> bool:
        """True when TWILIO_REGION or TWILIO_EDGE is exported (used here or not, the libraries read it)."""
        return self.env_region is not None or self.env_edge is not None

    @property
    def from_environment(self) -> bool:
        """True when the region or the edge used here came from the environment."""
        return ENV_REGION in (self.region.source, self.edge.source) or self.edge.source == ENV_EDGE

    def describe(self) -> str:
        """`region au1 from TWILIO_REGION, edge sydney from TWILIO_EDGE`."""
        return f"{self.region.describe('region')}, {self.edge.describe('edge')}"

    def setup(self, product: str) -> Setup:
        """The setup the helper libraries see: the flags or profile as code, the environment as exported."""
        in_code: dict[str, str | None] = {"region": None, "edge": None}
        for part, sourced in (("region", self.region), ("edge", self.edge)):
            if sourced.source not in ("", ENV_REGION, ENV_EDGE):
                in_code[part] = sourced.value
        return Setup(
            product=product,
            region=in_code["region"],
            edge=in_code["edge"],
            env_region=self.env_region,
            env_edge=self.env_edge,
            env_credentials=self.env_credentials,
        )


def _env(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def resolve_target(
    environ: Mapping[str, str],
    *,
    region: str | None = None,
    edge: str | None = None,
    profile: tuple[str, str | None, str | None] | None = None,
) -> TargetSource:
    """Settle region and edge by the precedence above; every label is checked and lower-cased.

    Args:
        environ: the environment (normally `os.environ`).
        region: `--region`, or None.
        edge: `--edge`, or None.
        profile: (name, region, edge) of a named profile, or None.

    Raises:
        LabelError: a value (from any source, named in the message) is not a DNS label.
    """
    env_region, env_edge = _env(environ, ENV_REGION), _env(environ, ENV_EDGE)
    setup = Setup.from_environ(environ)
    base = TargetSource(env_region=env_region, env_edge=env_edge, env_credentials=setup.env_credentials)

    def sourced(value: str | None, source: str, what: str) -> Sourced:
        if value is None:
            return Sourced(None, "")
        return Sourced(validate_label(value, f"{what} ({source})"), source)

    if region is not None or edge is not None or profile is None:
        chosen_region = sourced(region, "--region", "region") if region is not None else None
        chosen_edge = sourced(edge, "--edge", "edge") if edge is not None else None
        if profile is None:
            chosen_region = chosen_region or sourced(env_region, ENV_REGION, "region")
            chosen_edge = chosen_edge or sourced(env_edge, ENV_EDGE, "edge")
        return TargetSource(
            chosen_region or Sourced(None, ""), chosen_edge or Sourced(None, ""),
            base.env_region, base.env_edge, base.env_credentials,
        )  # fmt: skip
    name, profile_region, profile_edge = profile
    return TargetSource(
        sourced(profile_region, f"profile {name}", "region"),
        sourced(profile_edge, f"profile {name}", "edge"),
        base.env_region, base.env_edge, base.env_credentials,
    )  # fmt: skip
