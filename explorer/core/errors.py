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

Rendering is done here, once, for every front end (the app's `Text` is built from `text()` by
`explorer.ui.errors.error_text`):

    error.text()      `message (source) Fix: hint`: the words, for a notice or a status line
    error.cli_line()  `twilio-explorer: error: message Fix: hint`: one line, control characters made visible
    error.html()      the same for a notebook, escaped (never markup), control characters made visible

Messages quote names, paths and values as given, and a server's words verbatim: foreign text, so every
renderer shows it as text (escaped, control characters visible), never as markup or a terminal command.

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

import html
import re

from explorer.core.printable import visible
from explorer.core.redaction import redact_secretish

PROGRAM = "twilio-explorer"
"""The name the command line's messages start with."""


class ExplorerError(Exception):
    """An error the user can understand and act on."""

    title = "Error"
    """A few words for a notification's heading (each subclass has its own)."""

    def __init__(self, message: str, *, hint: str = "", title: str | None = None, source: str = "") -> None:
        """Args:
        message: what went wrong, one line, no secret.
        hint: the fix: what to do about it.
        title: a heading instead of the class's.
        source: where the error comes from when it is not the explorer's own check (a host, a file, an
            option such as `--openapi`); empty when the message says it.
        """
        message, hint, source = redact_secretish(message), redact_secretish(hint), redact_secretish(source)
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.source = source
        if title is not None:
            self.title = redact_secretish(title)

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    @property
    def fix(self) -> str:
        """What to do about it (the `hint`), or empty."""
        return self.hint

    def text(self) -> str:
        """`message (source). Fix: hint`, the error's words in one line (as given: a renderer escapes them)."""
        words = self.words()
        return f"{words} Fix: {self.hint}" if self.hint else words

    def words(self) -> str:
        """`message (source)`, ended with a full stop when a hint follows and it has no closing punctuation.

        Messages are written without a final stop (they are also quoted inside other sentences); the stop is
        added here, once, so a hint never reads as the message's continuation (`no theme 'x' Fix: use …`).
        """
        words = self.message + (f" ({self.source})" if self.source else "")
        if self.hint and not words.rstrip().endswith((".", "!", "?", ":")):
            words += "."
        return words

    def cli_line(self, level: str = "error") -> str:
        """`twilio-explorer: error: message Fix: hint` for stderr: one line, control characters made visible."""
        return visible(f"{PROGRAM}: {level}: {self.text()}")

    def html(self) -> str:
        """The error as HTML for a notebook: title, message, source and fix, escaped, control characters visible."""

        def shown(text: str) -> str:
            return html.escape(visible(text))

        message = self.message if self.source else self.words()
        parts = [f'<div class="explorer-error"><strong>{shown(self.title)}</strong>: {shown(message)}']
        if self.source:
            stop = "." if self.words().endswith(").") else ""
            parts.append(f" <span>({shown(self.source)})</span>{stop}")
        if self.hint:
            parts.append(f"<br><em>Fix:</em> {shown(self.hint)}")
        parts.append("</div>")
        return "".join(parts)

    def _repr_html_(self) -> str:
        # Jupyter shows an error displayed as a value (`error` on the last line of a cell) this way.
        return self.html()


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
# from a library may quote a header or a value it choked on. Stricter than `redact_secretish` (which every
# ExplorerError applies, and which keeps SIDs and plain words readable): text nobody here wrote also loses
# base64 runs with `+/=` and SIDs, since nothing says which run is which.
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
