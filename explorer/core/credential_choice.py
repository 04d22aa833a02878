"""Which credential a request carries: the one issued in the Region its host is processed in, never another's.

Twilio credentials are per Region (twilio-facts §6.1): a key works only on the hosts of the Region it was
issued in. Where a host is processed comes from `verdict.classify_host`, the verdict the app shows and
`scoping.check_scope` enforces, so the choice and the refusal can never disagree. A host processed in no
Region (retired, a TLS mismatch, an unknown edge) gets no credential at all.

This is the one rule: the app's session (`model.session.Session.credential_for`), the command line and the
notebook all ask it, and none works it out on its own.
"""

from __future__ import annotations

__all__ = ["credential_for", "credential_region"]

from collections.abc import Iterable

from explorer.core.profiles import Credential
from explorer.core.verdict import classify_host


def credential_region(fqdn: str) -> str | None:
    """The Region whose credential a request to `fqdn` carries: the Region it is processed in, or None."""
    return classify_host(fqdn).processing_region


def credential_for(credentials: Iterable[Credential], fqdn: str) -> Credential | None:
    """The credential among `credentials` issued in the Region `fqdn` is processed in; None when none is.

    Never another Region's: a profile of AU1 is not offered for an IE1 host, nor any credential for a host
    processed nowhere.
    """
    region = credential_region(fqdn)
    if region is None:
        return None
    return next((c for c in credentials if c.profile.region == region), None)
