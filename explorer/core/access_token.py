"""Twilio Access Tokens (JWTs for the Voice, Video and Conversations SDKs): decode one unverified, or mint one.

A client SDK connects to the Region named in the token's JWT header, `twr`; with no `twr` it connects to US1.
Every helper library writes `twr` only in the header (never a payload claim), next to `cty: twilio-fpa;v=1`,
and only when a region was given (helper-libraries.md §4). The token must also be signed with an API key issued
in that same Region, because keys are per Region.

`decode_token` reads the header and claims without checking the signature (the explorer does not hold the
key's secret for a token pasted from elsewhere) and keeps nothing of the signature. `mint_token` signs with
PyJWT, for testing only: the result is a `Secret`, printed once by the command line and never stored.
"""

from __future__ import annotations

__all__ = [
    "CONTENT_TYPE",
    "GRANTS",
    "DecodedToken",
    "decode_token",
    "mint_token",
]

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from explorer.core.errors import InputError
from explorer.core.profiles import Credential, CredentialKind
from explorer.core.secret import Secret

CONTENT_TYPE = "twilio-fpa;v=1"
"""The `cty` header every helper library writes on an Access Token."""

GRANTS: Mapping[str, str] = {
    "voice": "Programmable Voice: incoming calls allowed (add an outgoing TwiML App in code if needed)",
    "video": "Programmable Video: any room",
    "chat": "Conversations / Chat (no service SID: for testing a connection only)",
}
"""The grants `mint_token` can add, by the name the command line takes, with what each allows."""

_GRANT_BODIES: Mapping[str, Mapping[str, Any]] = {
    "voice": {"incoming": {"allow": True}},
    "video": {},
    "chat": {},
}
_MAX_TTL = 24 * 3600
"""Twilio refuses Access Tokens valid for more than 24 hours."""


@dataclass(frozen=True, slots=True)
class DecodedToken:
    """What an Access Token says about itself, read without checking its signature. Holds no signature."""

    header: Mapping[str, Any]
    """The JWT header (`alg`, `typ`, `cty`, `twr`)."""
    claims: Mapping[str, Any] = field(repr=False)
    """The payload (`jti`, `iss`, `sub`, `iat`, `nbf`, `exp`, `grants`)."""

    @property
    def region(self) -> str | None:
        """The `twr` header: the Region the SDK connects to (None: US1)."""
        value = self.header.get("twr")
        return value if isinstance(value, str) and value else None

    @property
    def content_type(self) -> str | None:
        """The `cty` header (`twilio-fpa;v=1` on every Twilio Access Token)."""
        value = self.header.get("cty")
        return value if isinstance(value, str) else None

    @property
    def issuer(self) -> str | None:
        """`iss`: the API key SID that signed the token."""
        value = self.claims.get("iss")
        return value if isinstance(value, str) else None

    @property
    def account_sid(self) -> str | None:
        """`sub`: the Account SID."""
        value = self.claims.get("sub")
        return value if isinstance(value, str) else None

    @property
    def grants(self) -> Mapping[str, Any]:
        """The `grants` claim (`identity` plus one entry per product granted)."""
        value = self.claims.get("grants")
        return value if isinstance(value, dict) else {}

    @property
    def identity(self) -> str | None:
        """The grants' `identity`: who the SDK client is."""
        value = self.grants.get("identity")
        return value if isinstance(value, str) else None

    @property
    def granted(self) -> tuple[str, ...]:
        """The products granted (`voice`, `video`, `chat`...), in the token's order."""
        return tuple(name for name in self.grants if name != "identity")

    def time_claim(self, name: str) -> datetime | None:
        """`exp`, `nbf` or `iat` as a UTC time, or None when absent or not a number."""
        value = self.claims.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None


def decode_token(token: Secret) -> DecodedToken:
    """Read an Access Token's header and claims without verifying its signature.

    Raises:
        InputError: not a JWT (three base64url parts whose first two are JSON objects); the message never
            repeats the token.
    """
    import jwt

    text = token.reveal().strip()
    if text.count(".") != 2:
        raise InputError(
            f"this is not an Access Token: a JWT has three parts separated by dots, this has {text.count('.') + 1}",
            hint="paste the whole token (it starts with eyJ), or pipe it: twilio-explorer token inspect -",
            title="Not a token",
        )
    try:
        header = jwt.get_unverified_header(text)
        claims = jwt.decode(text, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise InputError(
            f"this is not a readable Access Token: {type(error).__name__}",
            hint="paste the whole token (it starts with eyJ), without quotes or line breaks",
            title="Not a token",
        ) from None
    if not isinstance(claims, dict):
        raise InputError("this token's payload is not a JSON object", title="Not a token")
    return DecodedToken(dict(header), claims)


def mint_token(
    credential: Credential,
    identity: str,
    grants: Sequence[str],
    *,
    ttl_seconds: int = 3600,
    now: float | None = None,
) -> Secret:
    """Sign an Access Token for `identity` with `credential`'s API key, carrying `twr` for its Region.

    For testing only. US1 gets no `twr` (what every helper library writes when no region is given);
    other Regions get `twr` set to the profile's Region.

    Args:
        credential: an API key profile and its secret (an Auth Token cannot sign Access Tokens).
        identity: the SDK client's identity.
        grants: names from `GRANTS`, at least one.
        ttl_seconds: how long the token is valid, 1 second to 24 hours.
        now: the issue time (seconds since the epoch); the clock when None.

    Raises:
        InputError: not an API key profile, an empty identity, an unknown or missing grant, a bad lifetime.
    """
    import jwt

    profile = credential.profile
    if profile.kind is not CredentialKind.API_KEY or profile.api_key_sid is None:
        raise InputError(
            f"profile {profile.name!r} holds an Auth Token; Access Tokens are signed with an API key",
            hint=f"use a profile with an API key created in {profile.region_label} (twilio-explorer profiles login)",
        )
    if not identity.strip() or not identity.isprintable():
        raise InputError("the identity is empty or holds control characters", hint="pass --identity alice")
    unknown = [name for name in grants if name not in GRANTS]
    if unknown or not grants:
        raise InputError(
            f"unknown grant {unknown[0]!r}" if unknown else "no grant given",
            hint="pass --grant with one of " + ", ".join(GRANTS) + " (repeat it for several)",
        )
    if not 0 < ttl_seconds <= _MAX_TTL:
        raise InputError(
            f"the lifetime {ttl_seconds} s is out of range", hint=f"give 1 to {_MAX_TTL} seconds (24 hours)"
        )
    issued = int(time.time() if now is None else now)
    header: dict[str, str] = {"cty": CONTENT_TYPE}
    if profile.region != "us1":
        header["twr"] = profile.region
    payload = {
        "jti": f"{profile.api_key_sid}-{issued}",
        "iss": profile.api_key_sid,
        "sub": profile.account_sid,
        "iat": issued,
        "exp": issued + ttl_seconds,
        "grants": {
            "identity": identity,
            **{name: dict(_GRANT_BODIES[name]) for name in dict.fromkeys(grants)},
        },
    }
    return Secret(jwt.encode(payload, credential.secret.reveal(), algorithm="HS256", headers=header))
