"""Check a decoded Access Token against the stored profiles: its Region header, its signing key, its lifetime.

The failure this catches (helper-libraries.md §4, twilio-ruby#628): a token signed with an IE1 or AU1 key but
minted without `region`, so its header has no `twr` and the SDK connects to US1, where the key does not exist.
Each finding carries the fix in every helper library's own terms (`LIBRARY_FIXES`).
"""

from __future__ import annotations

__all__ = ["LIBRARY_FIXES", "Finding", "check_token", "library_fixes"]

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from explorer.core.access_token import CONTENT_TYPE, DecodedToken
from explorer.core.profiles import Profile
from explorer.core.regions import REGIONS

# helper-libraries.md §4 [code]: where each library takes the token's region, and since which version.
LIBRARY_FIXES: tuple[tuple[str, str, str], ...] = (
    ("python", 'AccessToken(account_sid, key_sid, key_secret, identity=identity, region="{region}")', "6.49.0"),
    ("node", 'new AccessToken(accountSid, keySid, keySecret, {{ identity, region: "{region}" }})', "3.51.0"),
    ("csharp", 'new Token(accountSid, keySid, keySecret, identity, region: "{region}")', "5.50.0"),
    ("java", 'new AccessToken.Builder(accountSid, keySid, keySecret).identity(identity).region("{region}").build()',
     "8.4.0"),
    ("ruby", 'Twilio::JWT::AccessToken.new(account_sid, key_sid, key_secret, [], identity: identity, region: "{region}")',
     "5.42.0"),
    ("php", '$token = new AccessToken($accountSid, $keySid, $keySecret, 3600, $identity); $token->setRegion("{region}")',
     "6.12.0"),
    ("go", 'jwt.CreateAccessToken(jwt.AccessTokenParams{{AccountSid: sid, SigningKeySid: keySid, Secret: secret, '
     'Identity: identity, Region: "{region}"}})', "v0.15.0"),
)  # fmt: skip
"""(library, how to mint with a region, the first version that supports it). twilio-cli mints no tokens."""


def library_fixes(region: str | None) -> tuple[str, ...]:
    """One line per helper library: how to mint the token for `region` (None or us1: leave region out)."""
    if region in (None, "us1"):
        return tuple(f"{name}: leave region out (no twr: US1)" for name, _, _ in LIBRARY_FIXES)
    return tuple(f"{name} (>= {since}): {code.format(region=region)}" for name, code, since in LIBRARY_FIXES)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the check found about a token."""

    ok: bool
    """False for a problem that makes the SDK fail (or a warning that may)."""
    text: str
    """What was found, in one sentence."""
    fixes: tuple[str, ...] = ()
    """What to change: one line per helper library, or one sentence."""
    warning: bool = False
    """True when it may be fine (an unknown key, a missing `cty`): reported, not failed."""


def _region_of(token: DecodedToken) -> str:
    return (token.region or "us1").lower()


def _key_findings(token: DecodedToken, profiles: Iterable[Profile]) -> list[Finding]:
    key = token.issuer
    connects = _region_of(token)
    if key is None:
        return [
            Finding(False, "the token has no issuer (iss): it names no API key, so Twilio cannot check it")
        ]
    owners = [p for p in profiles if p.api_key_sid == key]
    if not owners:
        return [
            Finding(
                True,
                f"signed by {key}, which no stored profile holds: its Region cannot be checked here (the SDK "
                f"connects to {connects.upper()}, so the key must have been created in {connects.upper()})",
                warning=True,
            )
        ]
    findings: list[Finding] = []
    for owner in owners:
        region = owner.region
        where = f"signed by {key}, which is an {owner.region_label} key (profile {owner.name!r})"
        if region == connects:
            findings.append(Finding(True, f"{where}, and the header sends the SDK to {connects.upper()}"))
        elif token.region is None:
            findings.append(
                Finding(
                    False,
                    f"{where}, but the header has no `twr`: the SDK will connect to US1 and fail (the key does "
                    "not exist there)",
                    library_fixes(region),
                )
            )
        else:
            findings.append(
                Finding(
                    False,
                    f"{where}, but the header's `twr` is {token.region!r}: the SDK will connect to "
                    f"{connects.upper()} and fail",
                    library_fixes(region),
                )
            )
        if token.account_sid is not None and token.account_sid != owner.account_sid:
            findings.append(
                Finding(
                    False,
                    f"the token's account (sub) {token.account_sid} is not profile {owner.name!r}'s account "
                    f"{owner.account_sid}",
                    ("mint it with the Account SID the key belongs to",),
                )
            )
    return findings


def _time_findings(token: DecodedToken, now: datetime) -> list[Finding]:
    findings: list[Finding] = []
    expires = token.time_claim("exp")
    if expires is None:
        findings.append(Finding(False, "the token has no expiry (exp): Twilio refuses it"))
    elif expires <= now:
        ago = int((now - expires).total_seconds())
        findings.append(
            Finding(
                False,
                f"expired at {expires:%Y-%m-%d %H:%M:%S} UTC ({_duration(ago)} ago)",
                ("mint a new token; SDKs refresh it before `exp` (tokenWillExpire / updateToken)",),
            )
        )
    else:
        left = int((expires - now).total_seconds())
        findings.append(
            Finding(True, f"valid until {expires:%Y-%m-%d %H:%M:%S} UTC ({_duration(left)} left)")
        )
    not_before = token.time_claim("nbf")
    if not_before is not None and not_before > now:
        findings.append(
            Finding(
                False,
                f"not valid before {not_before:%Y-%m-%d %H:%M:%S} UTC: the minting machine's clock is ahead, or "
                "nbf was set in the future",
                ("check the clock of the machine that mints tokens (twilio-explorer doctor shows the skew)",),
            )
        )
    return findings


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def check_token(token: DecodedToken, profiles: Iterable[Profile], now: datetime) -> list[Finding]:
    """Every finding about `token`, problems first in the order the SDK would meet them.

    Args:
        token: the decoded token.
        profiles: the stored profiles, to find the Region of the key that signed it (no secret is read).
        now: the current time (UTC, aware).
    """
    findings: list[Finding] = []
    if token.region is not None and token.region.lower() not in REGIONS:
        findings.append(
            Finding(
                False,
                f"the header's `twr` is {token.region!r}, which is not a Processing Region",
                ("use one of " + ", ".join(REGIONS),),
            )
        )
    if token.content_type != CONTENT_TYPE:
        findings.append(
            Finding(
                True,
                f"the header's `cty` is {token.content_type!r}, not {CONTENT_TYPE!r} (every helper library writes it)",
                warning=True,
            )
        )
    findings += _key_findings(token, list(profiles))
    findings += _time_findings(token, now)
    if token.identity is None:
        findings.append(Finding(False, "the grants carry no identity: the SDK cannot register a client"))
    if not token.granted:
        findings.append(Finding(False, "the token grants nothing (no voice, video or chat grant)"))
    return sorted(findings, key=lambda finding: finding.ok)
