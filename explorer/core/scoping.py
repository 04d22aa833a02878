"""Region scoping: a profile's credential is attached only to requests whose host is processed in its Region.

Twilio credentials are per Region (twilio-facts §6.1): an AU1 key sent to an IE1 host fails with 20003 at
best, and at worst a credential lands on a host processed somewhere its owner did not intend. So every send
(first request, redirect, next-page link) asks `check_scope` first, and a refusal happens before any
network I/O. Where a host is processed comes from `classify_host`, the same verdict the app shows.

A secret printed is as good as sent, so the same rule decides whether a curl command may show a credential
inline (`check_scope(..., printed=True)`, asked by `curl.render_curl` itself): only for a host of its Region.
"""

from __future__ import annotations

__all__ = ["check_scope", "scope_allows"]

from urllib.parse import urlsplit

from explorer.core.errors import RegionScopeError
from explorer.core.hosts import parse_twilio_host
from explorer.core.profiles import Profile
from explorer.core.verdict import classify_host, recommend


def scope_allows(profile: Profile, url: str) -> bool:
    """True when `profile`'s credential may be sent to `url` (or printed in a command for it)."""
    try:
        check_scope(profile, url)
    except RegionScopeError:
        return False
    return True


def check_scope(profile: Profile, url: str, *, printed: bool = False) -> None:
    """Refuse, before any I/O, to attach `profile`'s credential to a request for `url` outside its Region.

    Args:
        profile: whose credential would be attached.
        url: the absolute URL of the request (first request, redirect target or next-page link).
        printed: the credential would be written into a command for `url` rather than sent; the rule is the
            same, only the wording of the refusal changes.

    Raises:
        RegionScopeError: the URL is not https, carries its own user info, is not a Twilio host, or is
            processed in another Region (or nowhere). The message names both Regions and the fix.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    mine = profile.region_label
    whose = f"the {mine} credential of profile {profile.name!r}"
    if printed:
        refused = f"refused to write {whose} into a command for {host or url!r}"
        outcome = "nothing secret was printed"
    else:
        refused = f"refused to send {whose} to {host or url!r}"
        outcome = "the credential was not sent"
    if parts.scheme != "https":
        raise RegionScopeError(
            f"{refused}: the URL's scheme is {parts.scheme or 'missing'!r}, not https, so the secret would travel "
            "unencrypted",
            hint=f"use https://{host}" if host else "use an https:// URL on a Twilio host",
        )
    if parts.username is not None or parts.password is not None:
        raise RegionScopeError(
            f"{refused}: the URL carries its own user name or password",
            hint="remove the user info from the URL; the profile supplies the credential",
        )
    verdict = classify_host(host)
    if verdict.processing_region == profile.region:
        return
    product, _, _ = parse_twilio_host(host)
    fix = recommend(product if host.endswith(".twilio.com") else "api", profile.region)
    # recommend() falls back to the US1 host when the product is not offered in the profile's Region; only
    # name a host as "the AU1 host" when it really is processed there.
    if classify_host(fix.fqdn).processing_region == profile.region:
        own = f"send the request to {fix.fqdn}, the {mine} host, with this profile"
    else:
        own = f"this profile cannot reach {product}: {fix.text}"
    if verdict.processing_region is None:
        where = f"not processed in any Region ({verdict.summary}; {verdict.explanation})"
        other_fix = ""
    else:
        other = verdict.processing_region.upper()
        where = f"processed in {other}, not {mine}"
        other_fix = f"use a profile whose credential was issued in {other} for {host}, or "
    raise RegionScopeError(
        f"{refused}: the host is {where}; {outcome}",
        hint=f"{other_fix}{own}",
    )
