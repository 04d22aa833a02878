"""A setup to explain: what the code (or twilio-cli profile) sets, and what the environment holds.

Only what the helper libraries read is kept: TWILIO_REGION, TWILIO_EDGE, and whether credentials are exported
(twilio-cli reads TWILIO_REGION only then). The credentials themselves are never copied out of the environment.
"""

from __future__ import annotations

__all__ = ["ENV_EDGE", "ENV_REGION", "Setup"]

from collections.abc import Mapping
from dataclasses import dataclass

ENV_REGION = "TWILIO_REGION"
ENV_EDGE = "TWILIO_EDGE"


def _env_value(environ: Mapping[str, str], name: str) -> str | None:
    # Every library treats an empty variable as unset (Python's `or`, Node's `||` after `??`, Go's `!= ""`).
    value = environ.get(name, "").strip()
    return value or None


def _has_env_credentials(environ: Mapping[str, str]) -> bool:
    # twilio-cli-core config.js getProfileFromEnvironment: an Account SID plus an Auth Token or a key pair.
    if not environ.get("TWILIO_ACCOUNT_SID"):
        return False
    if environ.get("TWILIO_AUTH_TOKEN"):
        return True
    return bool(environ.get("TWILIO_API_KEY") and environ.get("TWILIO_API_SECRET"))


@dataclass(frozen=True, slots=True)
class Setup:
    """What a program gives its helper library, and what its environment holds.

    `region` and `edge` are the values written in code: the constructor arguments, `Twilio.configure`,
    `setEdge()`, a Builder's `.region()`, or for twilio-cli the profile's stored region and edge. None means
    "not set"; an empty string is kept as given, because twilio-csharp (and twilio-node's `??`) treat it as set.
    """

    product: str = "api"
    """The product host label the request goes to (`api`, `conversations`)."""
    region: str | None = None
    """The region set in code (or in the twilio-cli profile)."""
    edge: str | None = None
    """The edge set in code (or in the twilio-cli profile, or `twilio config:set --edge`)."""
    env_region: str | None = None
    """TWILIO_REGION, None when unset or empty."""
    env_edge: str | None = None
    """TWILIO_EDGE, None when unset or empty."""
    env_credentials: bool = False
    """True when TWILIO_ACCOUNT_SID and a token or key pair are exported (twilio-cli's environment profile)."""
    java_builder: bool = False
    """twilio-java only: the client is built with `TwilioRestClient.Builder` instead of the static
    `Twilio.init` (the Builder never reads the environment)."""

    @classmethod
    def from_environ(
        cls,
        environ: Mapping[str, str],
        product: str = "api",
        region: str | None = None,
        edge: str | None = None,
        *,
        java_builder: bool = False,
    ) -> Setup:
        """A setup whose environment half is read from `environ` (normally `os.environ`)."""
        return cls(
            product=product,
            region=region,
            edge=edge,
            env_region=_env_value(environ, ENV_REGION),
            env_edge=_env_value(environ, ENV_EDGE),
            env_credentials=_has_env_credentials(environ),
            java_builder=java_builder,
        )

    @property
    def environment_in_play(self) -> bool:
        """True when TWILIO_REGION or TWILIO_EDGE is set."""
        return self.env_region is not None or self.env_edge is not None

    @property
    def intended_region(self) -> str | None:
        """The Region the person seems to aim at: the code's region, else TWILIO_REGION (lower-cased)."""
        for value in (self.region, self.env_region):
            if value:
                return value.lower()
        return None

    @property
    def intended_edge(self) -> str | None:
        """The edge the person seems to aim at: the code's edge, else TWILIO_EDGE (lower-cased)."""
        for value in (self.edge, self.env_edge):
            if value:
                return value.lower()
        return None
