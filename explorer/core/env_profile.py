"""The environment profile: a credential from the TWILIO_* variables, as twilio-cli and the helper libraries read them.

twilio-cli (cli-core `config.js`) builds a profile from the environment when `TWILIO_ACCOUNT_SID` is set:
with `TWILIO_API_KEY` and `TWILIO_API_SECRET` it uses the key, else `TWILIO_AUTH_TOKEN`. `TWILIO_REGION`
and `TWILIO_EDGE` add the Region and the edge. It needs no keyring.

One deliberate difference: a Region without `TWILIO_EDGE` gets that Region's REST edge (au1 → sydney). The
libraries would build `api.au1.twilio.com`, a host retired on 2026-04-28, so the explorer picks the edge
itself, as twilio-facts §2.5 advises, and shows it.

The Region the credential belongs to is `TWILIO_REGION`, as the helper libraries and twilio-cli read it, and
US1 when it is unset: those tools send the exported key to that Region's hosts, so that is the Region it must
have been issued in to work (credentials are per Region, twilio-facts §6.1). `TWILIO_EDGE` picks a network
path, never a Region. The scoping rule (`scoping.check_scope`) then treats it exactly like a stored profile:
it is neither sent to, nor printed in a command for, a host of another Region.
"""

from __future__ import annotations

__all__ = ["ENV_VARIABLES", "environment_credential"]

import os
from collections.abc import Mapping

from explorer.core.errors import CredentialError, ExplorerError
from explorer.core.profiles import ENV_PROFILE_NAME, Credential, Profile, ProfileSource
from explorer.core.secret import Secret

ENV_VARIABLES = (
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_KEY",
    "TWILIO_API_SECRET",
    "TWILIO_REGION",
    "TWILIO_EDGE",
)
"""The variables read, in the names twilio-cli and the helper libraries use."""


def environment_credential(
    environ: Mapping[str, str] | None = None, *, name: str = ENV_PROFILE_NAME
) -> Credential | None:
    """The credential the TWILIO_* variables describe, or None when `TWILIO_ACCOUNT_SID` is unset.

    Args:
        environ: the variables to read (default `os.environ`).
        name: the profile's name (`env` unless it is being imported under another name).

    Raises:
        CredentialError: the variables are set but incomplete or malformed; the message names the variables,
            never their secret values.
    """
    env = os.environ if environ is None else environ
    account_sid = env.get("TWILIO_ACCOUNT_SID", "").strip()
    if not account_sid:
        return None
    api_key = env.get("TWILIO_API_KEY", "").strip()
    # Wrapped at once: a crash report or a debugger shows the frame's locals.
    api_secret = Secret(env.get("TWILIO_API_SECRET", "").strip())
    auth_token = Secret(env.get("TWILIO_AUTH_TOKEN", "").strip())
    if api_key and api_secret:
        key_sid: str | None = api_key
        secret = api_secret
    elif auth_token:
        key_sid, secret = None, auth_token
    elif api_key:
        raise CredentialError(
            "TWILIO_API_KEY is set but TWILIO_API_SECRET is not",
            hint="export TWILIO_API_SECRET too (read it with `read -s` so it stays out of shell history)",
        )
    else:
        raise CredentialError(
            "TWILIO_ACCOUNT_SID is set but neither TWILIO_API_KEY with TWILIO_API_SECRET nor TWILIO_AUTH_TOKEN is",
            hint="export an API key and its secret, or the Auth Token, of the same Region",
        )
    region = env.get("TWILIO_REGION", "").strip() or "us1"
    edge = env.get("TWILIO_EDGE", "").strip() or None
    try:
        profile = Profile.create(
            name, account_sid, region, edge=edge, api_key_sid=key_sid, source=ProfileSource.ENVIRONMENT
        )
        return Credential(profile, secret)
    except ExplorerError as error:
        raise CredentialError(
            f"the TWILIO_* environment variables do not make a profile: {error.message}",
            hint=error.hint,
        ) from None
