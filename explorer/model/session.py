"""Who the app sends requests as, and through what: the demo simulator or a stored profile.

A `Session` holds the credentials and the connection seam (a proxy and CA for the simulator, or an httpx
transport in tests). Loading one blocks (starting the simulator, reading the keyring), so the app calls a
`SessionLoader` in a thread worker after the first frame. The demo session, which starts the simulator, is
built by `explorer.assembly`: the UI never imports the simulator.
"""

from __future__ import annotations

__all__ = ["Session", "SessionLoader", "profile_session"]

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.core.profiles import Credential

if TYPE_CHECKING:
    from explorer.core.client import AsyncExplorerClient


@dataclass(frozen=True, slots=True)
class Session:
    """The identity and the network path of the app's requests. Its secrets never reach the screen."""

    name: str
    """What the header shows as the profile: `demo` or the profile name."""
    source: str
    """Where the profile comes from: `local simulator`, `keyring`, `environment`."""
    account_sid: str
    """The Account SID (the same in every Region)."""
    credentials: tuple[Credential, ...] = field(repr=False)
    """One credential per Region it can be sent to (the demo has one per Region, a profile has one)."""
    demo: bool = False
    """True for the embedded simulator's demo credentials."""
    proxy: str | None = None
    """The proxy every request goes through (the simulator), or None."""
    ca_pem: str | None = None
    """A CA bundle to trust instead of the system's (the simulator's), or None."""
    transport: Any = None
    """An `httpx.AsyncBaseTransport` to use instead of the network (tests)."""
    clock: Callable[[], float] | None = None
    """The clock that times requests (tests pass a fixed one so timings are deterministic)."""
    stop: Callable[[], None] | None = field(default=None, compare=False)
    """Releases what the session started (the simulator)."""
    env_for: Callable[[str], dict[str, str]] | None = field(default=None, compare=False, repr=False)
    """For the demo: the environment (proxy, CA, that Region's key as TWILIO_API_KEY...) a copied curl needs."""

    def credential_for(self, region: str) -> Credential | None:
        """The credential for `region`, or the profile's only one (its scope check refuses other Regions)."""
        for credential in self.credentials:
            if credential.profile.region == region:
                return credential
        if not self.demo and self.credentials:
            return self.credentials[0]
        return None

    @property
    def regions(self) -> tuple[str, ...]:
        """The Regions this session holds credentials for."""
        return tuple(c.profile.region for c in self.credentials)

    def client(self) -> AsyncExplorerClient:
        """A new async client on this session's network path (the caller closes it).

        Raises:
            TransportError: the CA bundle cannot be loaded or the proxy is unusable.
        """
        from explorer.core.client import AsyncExplorerClient

        # The CA path is passed as is: the client names it in errors, and a missing file (a stopped
        # simulator's) is a TransportError the request pane explains, not a crash.
        verify: str | bool = True if self.ca_pem is None else self.ca_pem
        options: dict[str, Any] = {"transport": self.transport, "proxy": self.proxy, "verify": verify}
        if self.clock is not None:
            options["clock"] = self.clock
        return AsyncExplorerClient(**options)


SessionLoader = Callable[[], Session]
"""Builds a session; may block (simulator start-up, keyring), so it runs in a thread worker."""


def profile_session(name: str) -> Session:
    """A session for stored profile `name` (keyring, environment or session), against real Twilio.

    Raises:
        ProfileNotFoundError: no such profile.
        KeyringUnavailableError: the secret cannot be read.
    """
    from explorer.core.profile_book import ProfileBook

    credential = ProfileBook.default().credential(name)
    return Session(
        name=credential.profile.name,
        source=str(credential.profile.source),
        account_sid=credential.profile.account_sid,
        credentials=(credential,),
    )
