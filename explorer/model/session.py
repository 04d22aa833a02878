"""Who the app sends requests as, and through what: the demo simulator or a stored profile.

A `Session` holds the credentials and the connection seam (a proxy and CA for the simulator, or an httpx
transport in tests). Loading one blocks (starting the simulator, reading the keyring), so the app calls a
`SessionLoader` in a thread worker after the first frame. The demo session, which starts the simulator, is
built by `explorer.assembly`: the UI never imports the simulator.

The session owns its HTTP clients for its lifetime: each is built on first use (an SSL context costs tens
of milliseconds, so never one per request), shared by every request, and closed by `aclose` when the session
is replaced or the app exits. A request in flight at that moment (a write that must not be cut off) holds
its client open until it is done (`in_use`, `sync_client`).

Which credential a target uses is answered here for the whole app, by the one rule of
`core.credential_choice`: the credential of the Region the target's host is processed in, never another's.
"""

from __future__ import annotations

__all__ = ["Session", "SessionLoader", "profile_session"]

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.core.credential_choice import credential_for
from explorer.core.errors import ExplorerError, InputError, RegionScopeError, TransportError
from explorer.core.profiles import Credential
from explorer.core.scoping import check_scope
from explorer.model.target import Target

if TYPE_CHECKING:
    from explorer.core.client import AsyncExplorerClient, ExplorerClient
    from explorer.core.profile_book import ProfileBook


class _Clients:
    """The session's clients and who is using them; the only mutable part of a session."""

    __slots__ = ("async_client", "async_users", "closed", "lock", "sync_client", "sync_users")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        """Guards the rest: the sync client is used from thread workers, the async one from the loop."""
        self.async_client: AsyncExplorerClient | None = None
        self.sync_client: ExplorerClient | None = None
        self.async_users = 0
        self.sync_users = 0
        self.closed = False


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
    sync_transport: Any = None
    """An `httpx.BaseTransport` for the synchronous client (tests); None: `transport`, so that a test session
    never falls through to the network."""
    clock: Callable[[], float] | None = None
    """The clock that times requests (tests pass a fixed one so timings are deterministic)."""
    stop: Callable[[], None] | None = field(default=None, compare=False)
    """Releases what the session started (the simulator)."""
    env_for: Callable[[str], dict[str, str]] | None = field(default=None, compare=False, repr=False)
    """For the demo: the environment (proxy, CA, that Region's key as TWILIO_API_KEY...) a copied curl needs."""
    _clients: _Clients = field(default_factory=_Clients, init=False, repr=False, compare=False)
    """The clients built so far (each session, `replace`d ones included, has its own)."""

    # -- the credential ---------------------------------------------------------------------------------

    def credential_for(self, target: Target) -> Credential | None:
        """The credential of the Region `target`'s host is processed in; None when the session has none.

        Never another Region's: a profile of AU1 has no credential for an IE1 host, and no session has one
        for a host processed nowhere (retired, a TLS mismatch). `missing_credential` says why.
        """
        return credential_for(self.credentials, target.fqdn)

    def missing_credential(self, target: Target, url: str, *, printed: bool = False) -> ExplorerError:
        """Why `credential_for(target)` is None, as the error to show.

        When the session holds the credential the user meant (the one of the target's region setting, or a
        profile's only one), the scoping rule's refusal says which Regions and the fix; otherwise, that the
        session has no credential there.

        Args:
            target: the target without a credential.
            url: the request's URL.
            printed: the secret would be shown in a command rather than sent (the reveal).
        """
        meant = next((c for c in self.credentials if c.profile.region == target.region_id), None)
        if meant is None and len(self.credentials) == 1:
            meant = self.credentials[0]
        if meant is not None:
            try:
                check_scope(meant.profile, url, printed=printed)
            except RegionScopeError as refusal:
                return refusal
        region, hint = target.region_id.upper(), "use :profile NAME with a profile of that Region"
        if printed:
            return RegionScopeError(
                f"the session {self.name!r} has no credential for {region}, so there is no secret to show",
                hint=hint,
            )
        return InputError(f"the session {self.name!r} has no credential for {region}", hint=hint)

    @property
    def regions(self) -> tuple[str, ...]:
        """The Regions this session holds credentials for."""
        return tuple(c.profile.region for c in self.credentials)

    # -- the clients ------------------------------------------------------------------------------------

    def client(self) -> AsyncExplorerClient:
        """The session's async client, built on first use; the session closes it (never the caller).

        Raises:
            TransportError: the CA bundle cannot be loaded or the proxy is unusable (tried again on the next
                call), or the session has been closed.
        """
        clients = self._clients
        with clients.lock:
            self._check_open(clients)
            if clients.async_client is None:
                from explorer.core.client import AsyncExplorerClient

                clients.async_client = AsyncExplorerClient(transport=self.transport, **self._options())
            return clients.async_client

    @asynccontextmanager
    async def in_use(self) -> AsyncIterator[AsyncExplorerClient]:
        """The async client, kept open until the block ends even if the session is closed meanwhile.

        For a request that must finish once it has left (a write): replacing the session then closes the
        client only after it.

        Raises:
            TransportError: as `client`.
        """
        clients = self._clients
        client = self.client()
        with clients.lock:
            clients.async_users += 1
        try:
            yield client
        finally:
            with clients.lock:
                clients.async_users -= 1
                last = clients.closed and clients.async_users == 0 and clients.async_client is client
                if last:
                    clients.async_client = None
            if last:
                await client.aclose()

    @contextmanager
    def sync_client(self) -> Iterator[ExplorerClient]:
        """The session's synchronous client (for thread workers), kept open until the block ends.

        Raises:
            TransportError: the CA bundle cannot be loaded or the proxy is unusable, or the session is closed.
        """
        clients = self._clients
        with clients.lock:
            self._check_open(clients)
            if clients.sync_client is None:
                from explorer.core.client import ExplorerClient

                transport = self.sync_transport if self.sync_transport is not None else self.transport
                clients.sync_client = ExplorerClient(transport=transport, **self._options())
            client = clients.sync_client
            clients.sync_users += 1
        try:
            yield client
        finally:
            with clients.lock:
                clients.sync_users -= 1
                last = clients.closed and clients.sync_users == 0 and clients.sync_client is client
                if last:
                    clients.sync_client = None
            if last:
                client.close()

    async def aclose(self) -> None:
        """Close the clients (each once its last user is done) and release what the session started."""
        clients = self._clients
        with clients.lock:
            clients.closed = True
            idle_async = clients.async_client if clients.async_users == 0 else None
            idle_sync = clients.sync_client if clients.sync_users == 0 else None
            if idle_async is not None:
                clients.async_client = None
            if idle_sync is not None:
                clients.sync_client = None
        try:
            if idle_sync is not None:
                idle_sync.close()
            if idle_async is not None:
                await idle_async.aclose()
        finally:
            if self.stop is not None:
                self.stop()

    def _options(self) -> dict[str, Any]:
        # The CA path is passed as is: the client names it in errors, and a missing file (a stopped
        # simulator's) is a TransportError the request pane explains, not a crash.
        verify: str | bool = True if self.ca_pem is None else self.ca_pem
        options: dict[str, Any] = {"proxy": self.proxy, "verify": verify}
        if self.clock is not None:
            options["clock"] = self.clock
        return options

    def _check_open(self, clients: _Clients) -> None:
        if clients.closed:
            raise TransportError(
                f"the session {self.name!r} has ended (another profile was loaded)",
                hint="send the request again: it goes out with the current session",
                title="Session ended",
            )


SessionLoader = Callable[[], Session]
"""Builds a session; may block (simulator start-up, keyring), so it runs in a thread worker."""


def profile_session(name: str, *, book: ProfileBook | None = None) -> Session:
    """A session for profile `name` of `book` (default: the user's), against real Twilio.

    The app passes its one book: session profiles live only in its memory.

    Raises:
        ProfileNotFoundError: no such profile.
        KeyringUnavailableError: the secret cannot be read.
    """
    from explorer.core.profile_book import ProfileBook

    credential = (book or ProfileBook.default()).credential(name)
    return Session(
        name=credential.profile.name,
        source=str(credential.profile.source),
        account_sid=credential.profile.account_sid,
        credentials=(credential,),
    )
