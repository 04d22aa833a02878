"""Showing the secret in the curl command: for the one request the user agreed to, and only inside its Region.

A secret on screen is as good as sent: it can be read off a screenshot, copied with `y` or pasted into a
chat. So the wire's scoping rule (`scoping.check_scope`) decides whether it may be shown at all, and the
agreement is a `RevealScope`, the exact request it was given for. Anything that changes where the command
would send the credential (the session, the profile, the product, Region, edge or host, the method or the
path) makes the scope differ, and the secret is hidden again. Parameters are not part of it: they change
what is asked, not who is asked.
"""

from __future__ import annotations

__all__ = ["RevealScope", "reveal_question", "reveal_scope"]

from dataclasses import dataclass, field

from explorer.core.errors import InputError
from explorer.core.profiles import Profile
from explorer.core.request import RequestSpec
from explorer.core.scoping import check_scope
from explorer.model.session import Session
from explorer.model.target import Target


@dataclass(frozen=True, slots=True)
class RevealScope:
    """The request the user agreed to show the secret for. Holds no secret."""

    session: Session = field(compare=False, repr=False)
    """The session that was current (compared by identity: loading the same profile again is a new one)."""
    target: Target
    """The product, Region and edge, and so the host."""
    method: str
    """The HTTP method."""
    path: str
    """The path template, path parameters written in."""
    profile: Profile
    """Whose secret is shown."""

    def covers(self, other: RevealScope | None) -> bool:
        """True when `other` is the very same request, so the secret may stay shown."""
        return other is not None and other.session is self.session and other == self


def reveal_scope(session: Session | None, target: Target, spec: RequestSpec) -> RevealScope:
    """The scope a reveal of the secret in the curl command for `spec` would have.

    The secret is the session's credential for the target (`Session.credential_for`: its host's Region's).

    Raises:
        InputError: there is no session yet.
        RegionScopeError: there is no credential for the target, or the host is outside its Region (the
            message says which Regions, and the fix).
    """
    if session is None:
        raise InputError("the session is still loading", hint="try again in a moment")
    url = spec.url(session.account_sid)
    credential = session.credential_for(target)
    if credential is None:
        raise session.missing_credential(target, url, printed=True)
    check_scope(credential.profile, url, printed=True)
    return RevealScope(session, target, spec.method, spec.path, credential.profile)


def reveal_question(scope: RevealScope, host: str) -> str:
    """The question asked before the secret is shown: whose secret, for which host, and the risk."""
    profile = scope.profile
    what = f"API key secret of {profile.api_key_sid}" if profile.api_key_sid else "Auth Token"
    return (
        f"Show the {profile.region_label} {what} (profile {profile.name}) inline in the curl command for "
        f"{host}?\n\nAnyone who sees the screen, a screenshot or a copied command can then use the credential. "
        "The default (shell variables) is safe to share. Changing the target hides the secret again."
    )
