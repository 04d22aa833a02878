"""`credential_auth`: the httpx.Auth that turns a `Credential` into an Authorization header at the last moment.

Building the header earlier (a `Basic …` string in a dict of headers, a password argument) leaves the secret
in plain `str` variables of every frame between the caller and the socket, where a crash report or a
debugger prints them. Here the only place the plain text exists is inside `auth_flow`, for the time httpx
takes to copy it into the request, and the same step checks the credential's Region scope once more, so a
request that reached the transport by any path still cannot carry a credential outside its Region.

The class is built on first use: importing httpx costs ~0.25 s (and loads rich through httpx's own command
line), which the fast commands and the core's import must not pay.
"""

from __future__ import annotations

__all__ = ["basic_token", "credential_auth"]

import base64
import functools
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from explorer.core.profiles import Credential
from explorer.core.scoping import check_scope
from explorer.core.secret import Secret

if TYPE_CHECKING:
    import httpx


def basic_token(username: str, secret: Secret) -> Secret:
    """The base64 `username:secret` of an HTTP Basic header, itself kept as a `Secret`."""
    return Secret(base64.b64encode(f"{username}:{secret.reveal()}".encode()).decode("ascii"))


def credential_auth(credential: Credential) -> httpx.Auth:
    """HTTP Basic with `credential`, scope-checked and written into each request as httpx sends it."""
    auth_class: Callable[[Credential], httpx.Auth] = _auth_class()
    return auth_class(credential)


@functools.cache
def _auth_class() -> Callable[[Credential], httpx.Auth]:
    import httpx

    class CredentialAuth(httpx.Auth):
        """HTTP Basic with a profile's credential; its `repr` names the profile, never the secret."""

        def __init__(self, credential: Credential) -> None:
            self._credential = credential
            self._token = basic_token(credential.username, credential.secret)  # a Secret too

        def __repr__(self) -> str:
            profile = self._credential.profile
            return f"CredentialAuth({profile.name!r}, {profile.region_label})"

        def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
            """Refuse a host outside the credential's Region, then add `Authorization: Basic …`."""
            check_scope(self._credential.profile, str(request.url))
            request.headers["Authorization"] = "Basic " + self._token.reveal()
            yield request

    return CredentialAuth
