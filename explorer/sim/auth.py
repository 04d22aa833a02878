"""Demo credentials per Region, and HTTP Basic authentication the way Twilio's regional API does it.

One Account SID for every Region; each Region has its own Auth Token and its own API keys
(twilio-facts.md §6.1). A credential of another Region gets `401` with error 20003, as real Twilio does.

The demo values are valid in format (`AC`/`SK` + 32 hex, a 32-hex Auth Token and key secret) and obviously
fake: every one starts with eight zeros. They are derived from the seed, so a seed gives the same
credentials on every run. Secrets never appear in a repr, a log line or an error message.
"""

from __future__ import annotations

__all__ = ["DEMO_MARK", "KeyRing", "RegionCredentials", "demo_credentials", "demo_hex", "parse_basic_auth"]

import base64
import binascii
import hashlib
import hmac
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.profiles import Credential

DEMO_MARK = "00000000"
"""The prefix of every demo SID and secret, so nobody mistakes them for real ones."""


def demo_hex(seed: str, *parts: str) -> str:
    """32 hex digits derived from the seed and `parts`, starting with `DEMO_MARK`."""
    digest = hashlib.blake2b("\x1f".join((seed, *parts)).encode(), digest_size=12).hexdigest()
    return DEMO_MARK + digest


@dataclass(frozen=True, slots=True)
class RegionCredentials:
    """The demo credentials of one Region."""

    region: str
    """The Region ID (`au1`)."""
    account_sid: str
    """The Account SID, the same in every Region."""
    api_key_sid: str
    """This Region's demo API key SID (`SK...`)."""
    api_key_secret: str = field(repr=False)
    """The key's secret."""
    auth_token: str = field(repr=False)
    """This Region's Auth Token."""

    def credential(self, *, auth_token: bool = False) -> Credential:
        """A session profile `demo-<region>` with this Region's demo API key (or its Auth Token).

        The one place a demo credential is made: the app's demo session and the Python API both use it.
        """
        from explorer.core.profiles import Credential, Profile, ProfileSource
        from explorer.core.secret import Secret

        profile = Profile.create(
            f"demo-{self.region}",
            self.account_sid,
            self.region,
            api_key_sid=None if auth_token else self.api_key_sid,
            source=ProfileSource.SESSION,
        )
        return Credential(profile, Secret(self.auth_token if auth_token else self.api_key_secret))


def demo_credentials(seed: str, regions: tuple[str, ...]) -> dict[str, RegionCredentials]:
    """The demo credentials for each Region, deterministic for `seed`."""
    account_sid = "AC" + demo_hex(seed, "account")
    return {
        region: RegionCredentials(
            region=region,
            account_sid=account_sid,
            api_key_sid="SK" + demo_hex(seed, region, "key"),
            api_key_secret=demo_hex(seed, region, "key-secret"),
            auth_token=demo_hex(seed, region, "auth-token"),
        )
        for region in regions
    }


def parse_basic_auth(header: bytes | None) -> tuple[str, str] | None:
    """The (username, password) of an `Authorization: Basic ...` header, or None."""
    if not header or header[:6].lower() != b"basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


class KeyRing:
    """The live credentials of every Region: the Auth Tokens and the API keys, which writes can change.

    Thread-safe: tests read it from their own thread while the server runs in another.
    """

    def __init__(self, credentials: dict[str, RegionCredentials]) -> None:
        self._lock = threading.Lock()
        self._tokens = {region: creds.auth_token for region, creds in credentials.items()}
        self._account_sid = next(iter(credentials.values())).account_sid
        # (region, key SID) -> secret
        self._keys: dict[tuple[str, str], str] = {
            (region, creds.api_key_sid): creds.api_key_secret for region, creds in credentials.items()
        }

    @property
    def account_sid(self) -> str:
        """The one Account SID."""
        return self._account_sid

    def add_key(self, region: str, sid: str, secret: str) -> None:
        """Make a new API key valid in `region` only."""
        with self._lock:
            self._keys[(region, sid)] = secret

    def revoke_key(self, region: str, sid: str) -> None:
        """Make an API key invalid (deleting it in its Region)."""
        with self._lock:
            self._keys.pop((region, sid), None)

    def authenticates(self, region: str, username: str, password: str) -> bool:
        """True when (username, password) is a credential of `region`.

        The comparison is constant-time so the simulator does not teach timing attacks by example.
        """
        with self._lock:
            if username == self._account_sid:
                expected = self._tokens.get(region)
            else:
                expected = self._keys.get((region, username))
        return expected is not None and hmac.compare_digest(expected.encode(), password.encode())
