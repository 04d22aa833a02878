"""Verify a profile against its Region, and log in the way twilio-cli does (an Auth Token in, an API key out).

`verify_credential` fetches `/2010-04-01/Accounts/{AccountSid}.json` on the profile's regional host and
explains the answer. A 401 / 20003 outside US1 names the usual cause first: the credential was issued in
another Region (keys and Auth Tokens are per Region, twilio-facts §5.5, §6.1).

`login` takes a Region's Auth Token once, checks it, creates a Standard API key in that Region with
`POST /2010-04-01/Accounts/{AccountSid}/Keys.json` on the regional host, saves the key and its secret, and
forgets the token unless asked to keep it (as its own Auth Token profile).
"""

from __future__ import annotations

__all__ = ["LoginOutcome", "VerifyOutcome", "login", "verify_credential"]

import getpass
import socket
from dataclasses import dataclass

from explorer.core.client import ExplorerClient
from explorer.core.errors import CredentialError, ExplorerError, TransportError
from explorer.core.exchange import Exchange
from explorer.core.failures import is_service_failure, service_failure
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Credential, Profile, ProfileSource, validate_api_key_sid
from explorer.core.refusals import (
    AUTHENTICATION_FAILED,
    NOT_FOUND,
    OTHER_AUTH_CAUSES,
    credential_refused,
    not_found,
)
from explorer.core.request import RequestSpec
from explorer.core.secret import Secret

ACCOUNT_PATH = "/2010-04-01/Accounts/{AccountSid}.json"
KEYS_PATH = "/2010-04-01/Accounts/{AccountSid}/Keys.json"
KEY_PATH = "/2010-04-01/Accounts/{AccountSid}/Keys/{Sid}.json"


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """What verifying a profile found."""

    profile: Profile
    """The profile verified."""
    ok: bool
    """True when Twilio accepted the credential."""
    summary: str
    """One line: what happened."""
    explanation: str
    """What it means and what to do; empty on success."""
    exchange: Exchange
    """The request (secret redacted) and response, for the inspector."""
    account_name: str | None = None
    """The Account's friendly name, on success."""
    account_status: str | None = None
    """The Account's status (`active`, `suspended`), on success."""

    @property
    def service_failed(self) -> bool:
        """True when the service failed (429, 5xx): the answer says nothing about the credential."""
        return not self.ok and is_service_failure(self.exchange.status_code)


def _spec(profile: Profile, method: str, path: str, **extra: tuple[tuple[str, str], ...]) -> RequestSpec:
    return RequestSpec(
        method=method,
        path=path,
        product="api",
        region=profile.spec_region,
        edge=profile.edge,
        auth=profile.kind,
        **extra,
    )


def explain_failure(profile: Profile, status: int, code: int | None, message: str) -> str:
    """Why Twilio refused `profile`'s credential, most likely cause first, and the fix."""
    region = profile.region_label
    what = f"API key {profile.api_key_sid}" if profile.api_key_sid else "Auth Token"
    if code == AUTHENTICATION_FAILED or status == 401:
        cause = credential_refused(profile.region, what)
        if profile.region != "us1":
            return (
                f"Likely cause: {cause}. Switch the Console's region selector to {region}, create the API key "
                f"there (or copy {region}'s own Auth Token), and save it with: twilio-explorer profiles login "
                f"{profile.name} --account-sid {profile.account_sid} --region {profile.region}. Other causes: "
                f"{OTHER_AUTH_CAUSES}."
            )
        return cause[0].upper() + cause[1:] + "."
    if code == NOT_FOUND or status == 404:
        return f"{not_found(f'Account {profile.account_sid}', profile.api_host)}. Check the Account SID."
    return f"Twilio answered {status}" + (f" / {code}" if code else "") + (f": {message}" if message else "")


def verify_credential(
    client: ExplorerClient, credential: Credential, *, host: str | None = None
) -> VerifyOutcome:
    """Fetch the credential's own Account on its regional host (or `host`) and say what the answer means.

    Args:
        client: the client to send with (its transport or proxy decides where requests really go).
        credential: the profile and its secret.
        host: try another host instead of the profile's own; scoping refuses one outside the profile's Region.

    Raises:
        RegionScopeError: `host` is not processed in the profile's Region; nothing was sent.
        TransportError: the host could not be reached.
    """
    profile = credential.profile
    if host is None:
        host = profile.api_host
        exchange = client.send(_spec(profile, "GET", ACCOUNT_PATH), credential)
    else:
        url = f"https://{host}" + ACCOUNT_PATH.replace("{AccountSid}", profile.account_sid)
        exchange = client.get_url(url, credential)
    if exchange.status_code == 200:
        data = exchange.json()
        data = data if isinstance(data, dict) else {}
        name = data.get("friendly_name") if isinstance(data.get("friendly_name"), str) else None
        status = data.get("status") if isinstance(data.get("status"), str) else None
        return VerifyOutcome(
            profile,
            True,
            f"{profile.region_label} profile {profile.name!r} works on {host}: account "
            f"{name or profile.account_sid!r} ({status or 'status unknown'})",
            "",
            exchange,
            name,
            status,
        )
    code, message = exchange.twilio_error
    answer = (
        f"HTTP {exchange.status_code}"
        + (f", Twilio error {code}" if code else "")
        + (f" ({message})" if message else "")
    )
    if is_service_failure(exchange.status_code):
        return VerifyOutcome(
            profile,
            False,
            f"{profile.region_label} profile {profile.name!r} could not be checked: {host} failed with {answer}",
            service_failure(exchange.status_code, exchange.response_headers),
            exchange,
        )
    return VerifyOutcome(
        profile,
        False,
        f"{profile.region_label} profile {profile.name!r} was refused by {host}: {answer}",
        explain_failure(profile, exchange.status_code, code, message),
        exchange,
    )


@dataclass(frozen=True, slots=True)
class LoginOutcome:
    """What `login` saved."""

    profile: Profile
    """The new API key profile."""
    key_friendly_name: str
    """The FriendlyName the key was created with (find it in the Console under API keys)."""
    token_profile: Profile | None = None
    """The Auth Token profile, when the token was kept on request."""


def default_key_name() -> str:
    """`twilio-region-explorer for USER on HOST`, cut to Twilio's 64-character FriendlyName limit."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "unknown user"
    return f"twilio-region-explorer for {user} on {socket.gethostname()}"[:64]


def login(
    client: ExplorerClient,
    book: ProfileBook,
    name: str,
    *,
    account_sid: str,
    region: str,
    auth_token: Secret | str,
    edge: str | None = None,
    friendly_name: str | None = None,
    keep_auth_token_as: str | None = None,
) -> LoginOutcome:
    """Turn a Region's Auth Token into a saved Standard API key profile called `name`.

    Raises:
        KeyringUnavailableError: checked before any network call, so no key is created that cannot be saved.
        CredentialError: Twilio refused the token (the message explains, Region first) or the key.
        TransportError: the regional host could not be reached.
    """
    token_profile = Profile.create(name, account_sid, region, edge=edge, source=ProfileSource.SESSION)
    token = Credential(token_profile, Secret(auth_token))
    book.store.check_available()
    if keep_auth_token_as is not None:
        Profile.create(keep_auth_token_as, account_sid, region, edge=edge)  # validate the name before I/O
    if name in {p.name for p in book.profiles()}:
        raise CredentialError(
            f"a profile named {name!r} already exists",
            hint=f"remove it first (twilio-explorer profiles remove {name}) or pick another name",
        )
    checked = verify_credential(client, token)
    if checked.service_failed:
        # Not a refusal: nothing is known about the token yet, and nothing was created.
        raise TransportError(checked.summary, hint=checked.explanation, title="Service failed")
    if not checked.ok:
        raise CredentialError(f"{checked.summary}. {checked.explanation}", title="Login refused")
    key_name = friendly_name or default_key_name()
    created = client.send(_spec(token_profile, "POST", KEYS_PATH, form=(("FriendlyName", key_name),)), token)
    data = created.json()
    key_sid = data.get("sid") if isinstance(data, dict) else None
    secret = data.get("secret") if isinstance(data, dict) else None
    if is_service_failure(created.status_code):
        raise TransportError(
            f"{token_profile.api_host} failed to create the API key: HTTP {created.status_code}",
            hint=service_failure(created.status_code, created.response_headers),
            title="Service failed",
        )
    if created.status_code not in (200, 201) or not isinstance(key_sid, str) or not isinstance(secret, str):
        code, message = created.twilio_error
        raise CredentialError(
            f"{token_profile.api_host} did not create an API key: HTTP {created.status_code}"
            + (f", Twilio error {code}" if code else "")
            + (f" ({message})" if message else ""),
            hint="log in with the Region's Auth Token or a Main key; a Standard key cannot create keys",
            title="Login refused",
        )
    validate_api_key_sid(key_sid)
    key_profile = Profile.create(name, account_sid, region, edge=token_profile.edge, api_key_sid=key_sid)
    try:
        saved = book.add(key_profile, Secret(secret))
    except ExplorerError as error:
        # The key exists at Twilio but its secret cannot be kept: delete it rather than leave an orphan.
        deleted = client.send(
            _spec(token_profile, "DELETE", KEY_PATH, path_params=(("Sid", key_sid),)), token
        )
        fate = (
            "deleted it again"
            if deleted.status_code in (200, 204)
            else "could not delete it; do so in the Console"
        )
        raise CredentialError(
            f"created API key {key_sid} in {token_profile.region_label} but could not save it ({error.message}); "
            f"the explorer {fate}",
            hint=error.hint,
        ) from None
    kept = (
        book.add(replace_name(token_profile, keep_auth_token_as), auth_token) if keep_auth_token_as else None
    )
    return LoginOutcome(saved, key_name, kept)


def replace_name(profile: Profile, name: str) -> Profile:
    """The same settings under another name, as a saved profile."""
    return Profile.create(
        name, profile.account_sid, profile.region, edge=profile.edge, api_key_sid=profile.api_key_sid
    )
