"""Why Twilio refused a request, in words: error 20003 (authentication failed) and 20404 (not found).

What these two codes usually mean with Twilio Regions is said here once, so that the inspector
(`explorer.model.explain`), the credential check (`explorer.core.verify`) and the command line agree. Each
caller adds only its own way to fix it: `:region` in the app, a `profiles login` command line in the CLI.
"""

from __future__ import annotations

__all__ = ["AUTHENTICATION_FAILED", "NOT_FOUND", "OTHER_AUTH_CAUSES", "credential_refused", "not_found"]

AUTHENTICATION_FAILED = 20003
"""Twilio's error code for a credential it does not accept (HTTP 401)."""
NOT_FOUND = 20404
"""Twilio's error code for a resource it does not have (HTTP 404)."""
OTHER_AUTH_CAUSES = "a wrong or revoked secret, a deleted key, a suspended account"
"""The causes of a 20003 that have nothing to do with Regions."""


def credential_refused(region: str, what: str = "credential") -> str:
    """The most likely reason a `region` host refused a credential (20003), as a clause starting in lower case.

    Outside US1 it is a credential issued in another Region: keys and Auth Tokens are per Region
    (twilio-facts §5.5, §6.1). In US1 a mismatched secret comes first, and the other-Region cause after it.

    Args:
        region: the Region ID of the host that refused it (`au1`).
        what: the credential, as the sentence should name it (`API key SK…`, `Auth Token`).
    """
    label = region.upper()
    if region.lower() != "us1":
        return (
            f"this {what} was not issued in {label}. Credentials are per Region: a key or Auth Token from US1 "
            f"(the Console's default view) is refused by {label} hosts"
        )
    return (
        f"the Account SID and the {what}'s secret do not match in US1: {OTHER_AUTH_CAUSES}, or a credential "
        "issued in IE1 or AU1 (credentials are per Region: those work only in their own)"
    )


def not_found(thing: str, host: str) -> str:
    """Why `host` answered 20404 for `thing` (`Account AC…`, `the resource`), as a clause starting as `thing` does.

    An API key reads only the account that owns it, and a record lives only in the Region that made it.
    """
    return (
        f"{thing} was not found on {host}: a wrong SID (an API key reads only the account that owns it), or a "
        "record made in another Region (each Region keeps its own)"
    )
