"""Credential profiles as values: a name, an Account SID, a Region and its edge, one credential, and a source.

A `Profile` never holds a secret; a `Credential` does, as a `Secret` (explorer.core.secret), whose `repr`,
`str` and format are redacted. Secrets therefore cannot reach a log line, an exception message or a
traceback's locals display by way of these objects.
"""

from __future__ import annotations

__all__ = [
    "ENV_PROFILE_NAME",
    "Credential",
    "CredentialKind",
    "Profile",
    "ProfileSource",
    "validate_account_sid",
    "validate_api_key_sid",
    "validate_profile_name",
]

import re
from dataclasses import dataclass, field
from enum import StrEnum

from explorer.core.errors import InputError, SidError, UnknownNameError
from explorer.core.hosts import TWILIO_DOMAIN, validate_label
from explorer.core.regions import REGIONS, edge_for_region
from explorer.core.request import AuthKind
from explorer.core.secret import Secret

CredentialKind = AuthKind
"""The kind of credential a profile holds: an API key (SID + secret) or the Account's Auth Token."""

ENV_PROFILE_NAME = "env"
"""The name under which the environment-variable profile is shown; reserved for it."""

_HEX32 = "[0-9a-fA-F]{32}"
_ACCOUNT_SID = re.compile(f"AC{_HEX32}")
_API_KEY_SID = re.compile(f"SK{_HEX32}")
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class ProfileSource(StrEnum):
    """Where a profile comes from; shown wherever the profile is shown."""

    KEYRING = "keyring"
    """Saved: the settings in the profiles file, the secret in the OS keyring."""
    ENVIRONMENT = "environment"
    """The TWILIO_* environment variables, as twilio-cli and the helper libraries read them."""
    SESSION = "session"
    """Held in memory for this session only; gone when the program exits."""


def _check_sid(value: str, prefix: str, pattern: re.Pattern[str], what: str) -> str:
    if pattern.fullmatch(value):
        return value
    # The value is echoed only in part: a secret pasted into the SID field by mistake must not be printed.
    shown = repr(value[:4] + "…") if len(value) > 4 else repr(value)
    raise SidError(
        f"the {what} {shown} is not an {what} ({len(value)} characters)",
        hint=f"an {what} is {prefix} followed by 32 hexadecimal digits (34 characters)",
    )


def validate_account_sid(value: str) -> str:
    """Return `value` if it is an Account SID (`AC` + 32 hex digits).

    Raises:
        SidError: anything else; the message shows only the first four characters.
    """
    return _check_sid(value, "AC", _ACCOUNT_SID, "Account SID")


def validate_api_key_sid(value: str) -> str:
    """Return `value` if it is an API key SID (`SK` + 32 hex digits).

    Raises:
        SidError: anything else; the message shows only the first four characters.
    """
    return _check_sid(value, "SK", _API_KEY_SID, "API key SID")


def validate_profile_name(name: str) -> str:
    """Return `name` if it can name a profile: 1-64 of letters, digits, `.`, `_`, `-`, not starting with a sign.

    Raises:
        InputError: for anything else.
    """
    if not _PROFILE_NAME.fullmatch(name):
        raise InputError(
            f"the profile name {name!r} is not usable",
            hint="use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return name


@dataclass(frozen=True, slots=True)
class Profile:
    """A named set of non-secret settings for one Region. The secret lives elsewhere (keyring, env, memory)."""

    name: str
    """The profile's name, as the user typed it."""
    account_sid: str
    """The Account SID (`AC…`); the same in every Region."""
    region: str
    """The Processing Region the credential was issued in (`us1`, `ie1`, `au1`)."""
    edge: str | None
    """The REST edge to use with the Region (`sydney` for au1); None for US1's plain `api.twilio.com`."""
    kind: CredentialKind
    """Whether the credential is an API key or the Auth Token."""
    api_key_sid: str | None = None
    """The API key SID (`SK…`) when `kind` is an API key; None for an Auth Token."""
    source: ProfileSource = ProfileSource.KEYRING
    """Where the profile comes from."""

    def __post_init__(self) -> None:
        validate_profile_name(self.name)
        validate_account_sid(self.account_sid)
        if self.region not in REGIONS:
            raise UnknownNameError(
                f"{self.region!r} is not a Processing Region",
                hint="use one of " + ", ".join(REGIONS),
            )
        if self.edge is not None:
            validate_label(self.edge, "edge")
        if self.kind is CredentialKind.API_KEY:
            if self.api_key_sid is None:
                raise SidError("an API key profile needs its API key SID", hint="pass --api-key SK…")
            validate_api_key_sid(self.api_key_sid)
        elif self.api_key_sid is not None:
            raise InputError(
                "an Auth Token profile has no API key SID", hint="drop --api-key or --auth-token"
            )

    @classmethod
    def create(
        cls,
        name: str,
        account_sid: str,
        region: str,
        *,
        edge: str | None = None,
        api_key_sid: str | None = None,
        source: ProfileSource = ProfileSource.KEYRING,
    ) -> Profile:
        """Build a profile, picking the Region's own REST edge when `edge` is not given.

        Twilio documents exactly one REST edge per Region (ie1 → dublin, au1 → sydney); a Region without its
        edge builds a retired host, so the edge is filled in rather than left for the user to trip over.
        """
        region = region.lower()
        return cls(
            name=name,
            account_sid=account_sid,
            region=region,
            edge=edge.lower() if edge else edge_for_region(region),
            kind=CredentialKind.API_KEY if api_key_sid else CredentialKind.AUTH_TOKEN,
            api_key_sid=api_key_sid,
            source=source,
        )

    @property
    def username(self) -> str:
        """The HTTP Basic user name: the API key SID, or the Account SID for an Auth Token."""
        return self.api_key_sid if self.api_key_sid is not None else self.account_sid

    @property
    def spec_region(self) -> str | None:
        """The region setting for a `RequestSpec`: None for plain US1 so the host is `api.twilio.com`."""
        return None if self.region == "us1" and self.edge is None else self.region

    @property
    def api_host(self) -> str:
        """The REST API host of this profile's Region (`api.sydney.au1.twilio.com`)."""
        labels = ["api", self.edge, self.spec_region, TWILIO_DOMAIN]
        return ".".join(label for label in labels if label)

    @property
    def region_label(self) -> str:
        """The Region in capitals, as people write it: `AU1`."""
        return self.region.upper()

    def describe(self) -> str:
        """One line for people: name, Region, credential and source; never a secret."""
        credential = f"API key {self.api_key_sid}" if self.api_key_sid else "Auth Token"
        return f"{self.name} ({self.region_label}, {credential}, from {self.source})"


@dataclass(frozen=True, slots=True)
class Credential:
    """A profile together with its secret, ready to authenticate. Short-lived: load it, send, drop it."""

    profile: Profile
    """The profile the secret belongs to."""
    secret: Secret = field(repr=False)
    """The API key secret or Auth Token. Never printed: a `Secret`, read only with `reveal()` at the wire."""

    def __post_init__(self) -> None:
        if isinstance(self.secret, str):
            # Convenience for callers holding the text they just read (stdin, a test): wrap it at once.
            object.__setattr__(self, "secret", Secret(self.secret))
        if not isinstance(self.secret, Secret):
            raise TypeError("a Credential's secret is a Secret")
        if self.secret.is_blank_or_padded():
            raise InputError(
                f"the secret for profile {self.profile.name!r} is empty or has surrounding spaces",
                hint="paste the secret alone, without spaces or quotes",
            )

    @property
    def username(self) -> str:
        """The HTTP Basic user name."""
        return self.profile.username

    def __str__(self) -> str:
        return f"credential of {self.profile.describe()}"
