"""Who the resource browser's requests go as, and where: a target, a session, and what they give a request.

A `Requester` answers the three questions every browser fetch asks: which Region processes the target's
requests (its credential is used, its catalogue claims shown), which credential that is, and which HTTP client
carries the request. The client is the session's own: the session builds it once and closes it when it is
replaced, so the browser never closes a client the request view may be using.
"""

from __future__ import annotations

__all__ = ["Requester"]

from collections.abc import Mapping
from dataclasses import replace

from explorer.core.client import AsyncExplorerClient
from explorer.core.endpoint import Endpoint, EndpointKind
from explorer.core.errors import InputError
from explorer.core.exchange import Exchange
from explorer.core.listing import Listing, list_spec
from explorer.core.profiles import Credential
from explorer.core.request import ACCOUNT_SID_PARAM, RequestSpec
from explorer.model.session import Session
from explorer.model.target import Target


class Requester:
    """The target and session the browser's requests go to and as, with the session's HTTP client."""

    def __init__(self, target: Target | None = None, session: Session | None = None) -> None:
        self._target = target or Target()
        self._session = session

    @property
    def target(self) -> Target:
        """Where requests go."""
        return self._target

    @property
    def session(self) -> Session | None:
        """Who requests are sent as; None while it loads."""
        return self._session

    @property
    def region(self) -> str:
        """The Region that processes the target's requests."""
        return self._target.verdict.processing_region or self._target.region_id

    @property
    def account_sid(self) -> str:
        """The session's Account SID, or its placeholder while the session loads."""
        return self._session.account_sid if self._session is not None else "$TWILIO_ACCOUNT_SID"

    def point(self, target: Target, session: Session | None) -> None:
        """Send to `target` as `session` from now on."""
        self._target, self._session = target, session

    def credential(self) -> Credential:
        """The session's credential for the Region the target's host is processed in (the session's one rule).

        Raises:
            InputError: the session is still loading.
            ExplorerError: the session has no credential for that Region (`Session.missing_credential` says why).
        """
        session = self._session
        if session is None:
            raise InputError("the session is still loading", hint="try again in a moment")
        credential = session.credential_for(self._target)
        if credential is None:
            raise session.missing_credential(self._target, f"https://{self._target.fqdn}/")
        return credential

    def client(self) -> AsyncExplorerClient:
        """The session's HTTP client (built once by the session, closed by it).

        Raises:
            InputError: the session is still loading.
            TransportError: the session's CA bundle cannot be loaded or its proxy is unusable.
        """
        if self._session is None:
            raise InputError("the session is still loading", hint="try again in a moment")
        return self._session.client()

    def listing(
        self, endpoint: Endpoint, *, filters: Mapping[str, str] | None = None, spec: RequestSpec | None = None
    ) -> Listing:
        """A listing of `endpoint` by `spec` (a link's request), or else by its first request in the target
        with `filters`; nothing is sent yet.

        Raises:
            InputError: not a list, the path needs a parent record, a filter is invalid, or no credential.
            TransportError: the client cannot be made (the CA bundle is gone).
        """
        if spec is None:
            first = self.first_request(endpoint, filters or {})
            credential = self.credential()
            spec = replace(first, auth=credential.profile.kind)  # sent as the kind of credential it is
        else:
            credential = self.credential()
        return Listing(self.client(), credential, spec, endpoint)

    def first_request(self, endpoint: Endpoint, filters: Mapping[str, str]) -> RequestSpec:
        """The first request of `endpoint`'s list in the target, with `filters`.

        Raises:
            InputError: not a list, the path needs a parent record, or a filter is invalid.
        """
        if endpoint.kind is not EndpointKind.LIST:
            raise InputError(f"{endpoint.id} is a single record", hint="open its list and choose a record")
        missing = [p for p in endpoint.path_params if p != ACCOUNT_SID_PARAM]
        if missing:
            raise InputError(
                f"{endpoint.id} belongs to a parent record ({', '.join(missing)})",
                hint="open the parent list, choose a record, and pick this list among its links",
            )
        return list_spec(endpoint, region=self._target.region, edge=self._target.edge, filters=filters)

    async def send(self, spec: RequestSpec) -> Exchange:
        """Send `spec` with the Region's credential.

        Raises:
            InputError: no credential for the Region.
            TransportError: the request did not complete.
        """
        return await self.client().send(spec, self.credential())
