"""The one error tree of the explorer.

Every error the user can cause or meet carries a one-line ``message``, a short ``title`` (for a
notification heading) and a ``hint`` saying what to do. The UI and the command line catch only
``ExplorerError`` at their edge; anything else is a bug and fails loudly.

    ExplorerError
    ├── InputError                 bad user input (a label, a SID, a parameter)
    │   ├── LabelError             a hostname label that is not a DNS label or leaves twilio.com
    │   ├── UnknownNameError       a region, edge or product that is not known
    │   ├── SidError               a malformed Account or API key SID
    │   └── forms.FormError        a write form's values, every problem listed
    ├── CatalogError               the API catalogue or a description file cannot be read
    ├── CredentialError            anything about profiles and secrets
    │   ├── KeyringUnavailableError  no usable OS keyring (no backend, locked, cannot unlock)
    │   ├── ProfileNotFoundError
    │   ├── ConfigFileError        the profiles file is unreadable or corrupt (it is kept aside)
    │   └── RegionScopeError       a credential would be sent to a host outside its Region
    ├── SimulatorError             the local simulator could not start or be reached
    ├── TransportError             a request could not complete (DNS, TLS, refused, reset, timeout: titled and
    │                              worded by failures.py), or its CA bundle or proxy is unusable (connection.py)
    ├── InternalError              an unexpected exception, wrapped so the app keeps running (a bug)
    ├── listing.ListingError       a list page came back with an error or without its list
    └── history_entry.HistoryError the history file cannot be written, or lines of it were skipped

Those named with a module (`forms.`, `listing.`, `history_entry.`) live beside the code that raises them.

Messages never contain a secret: callers pass names and SIDs, never secret values. As a second line of defence
every message, hint and title is passed through `redaction.redact_secretish` when the error is made, so a
secret typed or pasted where a name was expected is never echoed back (SIDs are kept).
"""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "ConfigFileError",
    "CredentialError",
    "ExplorerError",
    "InputError",
    "InternalError",
    "KeyringUnavailableError",
    "LabelError",
    "ProfileNotFoundError",
    "RegionScopeError",
    "SidError",
    "SimulatorError",
    "TransportError",
    "UnknownNameError",
    "as_explorer_error",
]

import re

from explorer.core.redaction import redact_secretish


class ExplorerError(Exception):
    """An error the user can understand and act on."""

    title = "Error"

    def __init__(self, message: str, *, hint: str = "", title: str | None = None) -> None:
        message, hint = redact_secretish(message), redact_secretish(hint)
        super().__init__(message)
        self.message = message
        self.hint = hint
        if title is not None:
            self.title = redact_secretish(title)

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InputError(ExplorerError):
    """The user gave a value that cannot be used."""

    title = "Invalid input"


class LabelError(InputError):
    """A hostname label is not a DNS label, or would make the host leave twilio.com."""

    title = "Invalid hostname label"


class UnknownNameError(InputError):
    """A region, edge or product name that the explorer does not know."""

    title = "Unknown name"


class SidError(InputError):
    """A SID that does not have its prefix followed by 32 hex digits."""

    title = "Malformed SID"


class CatalogError(ExplorerError):
    """The API catalogue or an OpenAPI description file cannot be read."""

    title = "Catalogue error"


class CredentialError(ExplorerError):
    """Profiles and secrets."""

    title = "Credentials"


class KeyringUnavailableError(CredentialError):
    """No usable OS keyring: no backend, or it is locked and cannot be unlocked."""

    title = "Keyring unavailable"


class ProfileNotFoundError(CredentialError):
    """A profile name that is not configured."""

    title = "No such profile"


class ConfigFileError(CredentialError):
    """The profiles file cannot be read; the damaged file is kept aside."""

    title = "Profiles file damaged"


class RegionScopeError(CredentialError):
    """A credential would be attached to a request for a host outside its Region."""

    title = "Wrong Region for this credential"


class SimulatorError(ExplorerError):
    """The local regional simulator could not start or be reached."""

    title = "Simulator"


class TransportError(ExplorerError):
    """A request did not complete: no such host, TLS failure, refused, timeout."""

    title = "Network error"


class InternalError(ExplorerError):
    """An exception the explorer did not expect: a bug, shown as an error so the app keeps running."""

    title = "Unexpected error"


# Runs that could be a secret or an HTTP Basic token (32+ characters of base62/base64): an exception message
# from a library may quote a header or a value it choked on.
_SECRETISH = re.compile(r"[A-Za-z0-9+/=_-]{32,}")
_MESSAGE_LIMIT = 300


def as_explorer_error(error: BaseException, doing: str) -> ExplorerError:
    """`error` itself when it is an `ExplorerError`; otherwise an `InternalError` that describes it safely.

    The description keeps the exception's type and a trimmed message with long token-like runs replaced, so
    neither a secret nor a Basic token quoted by a library reaches the screen.

    Args:
        error: what was raised.
        doing: what the explorer was doing, as a gerund phrase ("sending the request").
    """
    if isinstance(error, ExplorerError):
        return error
    detail = _SECRETISH.sub("[hidden]", str(error))
    if len(detail) > _MESSAGE_LIMIT:
        detail = detail[:_MESSAGE_LIMIT] + "…"
    return InternalError(
        f"unexpected {type(error).__name__} while {doing}" + (f": {detail}" if detail else ""),
        hint="this is a bug in the explorer, not in your setup; the app keeps running. Please report it with "
        "the steps that led here (the message holds no secret)",
    )
