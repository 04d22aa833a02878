"""Where secrets live: the `CredentialStore` protocol, the OS keyring store and an in-memory store.

The keyring store keeps every secret under one service name, `twilio-region-explorer`, with the profile name
as the entry's user name. Each way `keyring` can fail becomes a `KeyringUnavailableError` that names the
backend tried and what to do. There is deliberately no plaintext fallback: a keyring that cannot be used is
an error, and the way around it is the user's choice (environment variables, or a session profile).

Keyring calls can block (a D-Bus round trip, an unlock prompt): the app calls them from a thread worker, or
through `asyncio.to_thread`.
"""

from __future__ import annotations

__all__ = [
    "SERVICE_NAME",
    "CredentialStore",
    "InMemoryStore",
    "KeyringStore",
]

from typing import TYPE_CHECKING, Any, Protocol

from explorer.core.errors import CredentialError, KeyringUnavailableError
from explorer.core.secret import Secret

if TYPE_CHECKING:
    from collections.abc import Callable

SERVICE_NAME = "twilio-region-explorer"
"""The one keyring service name every secret of the app is stored under."""

_ALTERNATIVES = (
    "or put the credential in TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or "
    "TWILIO_AUTH_TOKEN) for an environment profile, or use a session profile in the app; secrets are never "
    "written to a plain file"
)
_NO_BACKEND_HINT = (
    "install and unlock a Secret Service such as gnome-keyring (Debian: apt install gnome-keyring) in a D-Bus "
    "session, or use the macOS Keychain or Windows Credential Locker; " + _ALTERNATIVES
)
_LOCKED_HINT = (
    "unlock the keyring (log in to a desktop session, or run gnome-keyring-daemon --unlock), " + _ALTERNATIVES
)

# Backends that would keep secrets readable on disk; keyring picks them when keyrings.alt is installed.
_PLAINTEXT_MODULES = ("keyrings.alt",)
# An entry name no profile can have (names start with a letter or digit): reading it opens the collection.
_PROBE_ENTRY = "(availability probe)"


class CredentialStore(Protocol):
    """Somewhere to keep one secret per profile name. Calls may block; run them off the event loop."""

    @property
    def description(self) -> str:
        """Where the secrets are, for messages: `OS keyring (keyring.backends.SecretService.Keyring)`."""
        ...

    def check_available(self) -> None:
        """Raise `KeyringUnavailableError` now if secrets cannot be stored, before anything else is done."""
        ...

    def get_secret(self, profile_name: str) -> Secret:
        """The secret stored for `profile_name`.

        Raises:
            KeyringUnavailableError: the store is unusable, or holds no secret for this profile.
        """
        ...

    def set_secret(self, profile_name: str, secret: Secret) -> None:
        """Store (or replace) the secret for `profile_name`."""
        ...

    def delete_secret(self, profile_name: str) -> bool:
        """Forget the secret for `profile_name`; False when there was none."""
        ...


class InMemoryStore:
    """Secrets held in this process only: session profiles, and tests."""

    def __init__(self) -> None:
        self._secrets: dict[str, Secret] = {}

    def __repr__(self) -> str:
        return f"InMemoryStore({len(self._secrets)} secrets)"

    @property
    def description(self) -> str:
        """Where the secrets are."""
        return "memory (this session only)"

    def check_available(self) -> None:
        """Memory is always available."""

    def get_secret(self, profile_name: str) -> Secret:
        """The secret for `profile_name`."""
        try:
            return self._secrets[profile_name]
        except KeyError:
            raise CredentialError(
                f"no secret is held in memory for profile {profile_name!r}",
                hint="add the session profile again",
                title="Secret missing",
            ) from None

    def set_secret(self, profile_name: str, secret: Secret) -> None:
        """Hold the secret for `profile_name`."""
        self._secrets[profile_name] = secret

    def delete_secret(self, profile_name: str) -> bool:
        """Forget the secret for `profile_name`."""
        return self._secrets.pop(profile_name, None) is not None


def _backend_name(backend: object) -> str:
    cls = type(backend)
    name = f"{cls.__module__}.{cls.__qualname__}"
    chained = getattr(backend, "backends", None)
    if cls.__name__ == "ChainerBackend" and chained:
        name += " of " + ", ".join(_backend_name(b) for b in chained)
    return name


def _redacted(text: str, secret: Secret | None) -> str:
    # A backend's own message should never carry the secret; this is a second line of defence.
    return text.replace(secret.reveal(), "[secret]") if secret else text


class KeyringStore:
    """The OS keyring through `keyring`: macOS Keychain, Windows Credential Locker, or Secret Service.

    `keyring` is imported on first use, not at import time: it costs about 0.4 s and must not delay the
    app's first frame or a command line that never touches a secret.
    """

    def __init__(self, service: str = SERVICE_NAME, backend: Any = None) -> None:
        """Use `backend` (a keyring backend instance) if given, else whichever `keyring` picks."""
        self._service = service
        self._backend = backend

    def __repr__(self) -> str:
        return f"KeyringStore(service={self._service!r})"

    def _keyring(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring  # deferred: slow, and only needed when a secret is touched

        return keyring.get_keyring()

    @property
    def description(self) -> str:
        """The keyring backend in use, by its full class name."""
        return f"OS keyring ({_backend_name(self._keyring())})"

    def _usable_backend(self) -> Any:
        backend = self._keyring()
        name = _backend_name(backend)
        module = type(backend).__module__
        if module in ("keyring.backends.fail", "keyring.backends.null"):
            raise KeyringUnavailableError(
                f"no OS keyring is available: keyring found no usable backend and fell back to {name}",
                hint=_NO_BACKEND_HINT,
            )
        if any(part in name for part in _PLAINTEXT_MODULES):
            raise KeyringUnavailableError(
                f"keyring chose {name}, which keeps secrets in a file on disk; the explorer refuses to use it",
                hint="set PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring (or uninstall "
                "keyrings.alt), " + _ALTERNATIVES,
            )
        return backend

    def check_available(self) -> None:
        """Raise `KeyringUnavailableError` if the keyring has no usable backend or is locked.

        A read of an entry that does not exist forces the backend to open (and unlock) its collection, so a
        locked Secret Service is found here rather than after a network call has created a key.
        """
        self._call(lambda backend: backend.get_password(self._service, _PROBE_ENTRY), "open", "(probe)")

    def get_secret(self, profile_name: str) -> Secret:
        """The secret stored for `profile_name`, wrapped as soon as the backend returns it."""
        secret = self._call(
            lambda backend: backend.get_password(self._service, profile_name), "read", profile_name
        )
        if secret is None:
            raise KeyringUnavailableError(
                f"the OS keyring ({_backend_name(self._keyring())}) holds no secret for profile {profile_name!r} "
                f"(service {self._service!r})",
                hint=f"store it again with: twilio-explorer profiles add {profile_name} ... --secret-stdin; "
                f"or remove the profile with: twilio-explorer profiles remove {profile_name}",
                title="Secret missing from the keyring",
            )
        return Secret(secret)

    def set_secret(self, profile_name: str, secret: Secret) -> None:
        """Store (or replace) the secret for `profile_name`; its text leaves the `Secret` only for the backend."""
        self._call(
            lambda backend: backend.set_password(self._service, profile_name, secret.reveal()),
            "store",
            profile_name,
            secret,
        )

    def delete_secret(self, profile_name: str) -> bool:
        """Forget the secret for `profile_name`; False when the keyring had none."""
        from keyring.errors import PasswordDeleteError

        def delete(backend: Any) -> bool:
            try:
                backend.delete_password(self._service, profile_name)
            except PasswordDeleteError:
                # Every backend raises this for a missing entry; the fail backend raises NoKeyringError instead.
                return False
            return True

        deleted: bool = self._call(delete, "delete", profile_name)
        return deleted

    def _call(
        self, action: Callable[[Any], Any], verb: str, profile_name: str, secret: Secret | None = None
    ) -> Any:
        from keyring.errors import InitError, KeyringError, KeyringLocked, NoKeyringError

        backend = self._usable_backend()
        name = _backend_name(backend)
        purpose = f" to {verb} the secret for profile {profile_name!r}" if profile_name != "(probe)" else ""
        try:
            return action(backend)
        except NoKeyringError:
            raise KeyringUnavailableError(
                f"no OS keyring is available: keyring found no usable backend and fell back to {name}",
                hint=_NO_BACKEND_HINT,
            ) from None
        except KeyringLocked as error:
            raise KeyringUnavailableError(
                f"the OS keyring ({name}) is locked and could not be unlocked{purpose}: "
                f"{_redacted(str(error), secret)}",
                hint=_LOCKED_HINT,
                title="Keyring locked",
            ) from None
        except InitError as error:
            raise KeyringUnavailableError(
                f"the OS keyring ({name}) could not be opened{purpose}: {_redacted(str(error), secret)}",
                hint=_LOCKED_HINT,
            ) from None
        except KeyringError as error:
            raise KeyringUnavailableError(
                f"the OS keyring ({name}) failed{purpose or ' to open'}: {type(error).__name__}: "
                f"{_redacted(str(error), secret)}",
                hint=_ALTERNATIVES[3:],
            ) from None
        except Exception as error:  # noqa: BLE001 - D-Bus errors escape some backends unwrapped
            raise KeyringUnavailableError(
                f"the OS keyring ({name}) failed{purpose or ' to open'}: {type(error).__name__}: "
                f"{_redacted(str(error), secret)}",
                hint=_LOCKED_HINT,
            ) from None
