"""All the user's profiles in one place: saved ones (file + keyring), the environment one, session ones.

`ProfileBook` is what the command line, the app and the Python API use to list, add, remove and load
profiles. It is built from its parts (a `ProfilesFile`, a `CredentialStore`, the environment), so tests pass
an in-memory store and a temporary directory. Listing never touches the keyring; only loading a credential,
adding and removing do, and those calls block, so the app makes them in thread workers.
"""

from __future__ import annotations

__all__ = ["ProfileBook", "resolve_account_sid", "resolve_credential"]

import os
from collections.abc import Mapping
from dataclasses import replace

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import CredentialStore, InMemoryStore, KeyringStore
from explorer.core.default_profile import CONFIG_FILE_NAME, ConfigFile
from explorer.core.env_profile import environment_credential
from explorer.core.errors import ConfigFileError, CredentialError, InputError, ProfileNotFoundError
from explorer.core.profiles import ENV_PROFILE_NAME, Credential, Profile, ProfileSource
from explorer.core.redaction import looks_like_secret
from explorer.core.secret import Secret


class ProfileBook:
    """The profiles a user has, whatever their source, and the operations on them."""

    def __init__(
        self,
        file: ProfilesFile,
        store: CredentialStore,
        *,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        """Combine the profiles file, the secret store for saved profiles, and the environment (default `os.environ`)."""
        self.file = file
        self.store = store
        self._environ = os.environ if environ is None else environ
        self.config = ConfigFile(file.path.with_name(CONFIG_FILE_NAME))
        """The config file beside the profiles file: it names the default profile."""
        self._session_profiles: dict[str, Profile] = {}
        self._session_secrets = InMemoryStore()
        self.recovery: ConfigFileError | None = None
        """Set when the last read of the profiles file had to restore it from its last good copy."""
        self.set_aside: ConfigFileError | None = None
        """Set while damaged copies of the profiles file set aside on an earlier run are still there."""
        self.environment_problem: CredentialError | None = None
        """Set when `profiles()` found TWILIO_* variables that do not make a profile (and left it out)."""

    @classmethod
    def default(cls) -> ProfileBook:
        """The user's real profiles: the platform config directory and the OS keyring."""
        return cls(ProfilesFile(), KeyringStore())

    def __repr__(self) -> str:
        return f"ProfileBook({self.file!r}, {self.store!r})"

    # -- reading -----------------------------------------------------------------------------------

    def _saved(self) -> dict[str, Profile]:
        saved, self.recovery = self.file.load_recovering()
        # Every run says where a damaged copy is until the user deals with it; a recovery just now names it.
        self.set_aside = self.file.set_aside_reminder() if self.recovery is None else None
        return saved

    def _environment(self) -> Credential | None:
        return environment_credential(self._environ)

    def profiles(self) -> list[Profile]:
        """Every profile, sorted by name: saved, then the environment one, then session ones. No keyring call.

        Raises:
            ConfigFileError: the profiles file is damaged and could not be restored.
        """
        found = dict(self._saved())
        try:
            env = self._environment()
        except CredentialError as error:
            # Half-set TWILIO_* variables must not hide the saved profiles; the caller shows the problem.
            self.environment_problem = error
            env = None
        if env is not None:
            found[env.profile.name] = env.profile
        found.update(self._session_profiles)
        return [found[name] for name in sorted(found)]

    def get(self, name: str) -> Profile:
        """The profile called `name`, without touching the keyring.

        Raises:
            ProfileNotFoundError: there is none; the message lists the names there are.
        """
        if name in self._session_profiles:
            return self._session_profiles[name]
        if name == ENV_PROFILE_NAME:
            env = self._environment()
            if env is not None:
                return env.profile
        saved = self._saved()
        if name in saved:
            return saved[name]
        if looks_like_secret(name):
            # Someone pasted a secret where a name goes: neither the message nor the fix may repeat it.
            raise ProfileNotFoundError(
                "there is no such profile, and the name given looks like a secret (32 or more letters and "
                "digits), so it is not repeated here",
                hint="give the profile's name, not its secret (twilio-explorer profiles list shows the names); "
                "rotate the secret if others could see where it was pasted",
            )
        known = ", ".join(p.name for p in self.profiles()) or "none yet"
        add = f"add it with: twilio-explorer profiles add {name} --account-sid AC… --region R --api-key SK…"
        if self.set_aside is not None:
            raise ProfileNotFoundError(
                f"there is no profile named {name!r} (profiles: {known}); {self.set_aside.message}",
                hint=f"{self.set_aside.hint}; or {add}",
            )
        raise ProfileNotFoundError(f"there is no profile named {name!r} (profiles: {known})", hint=add)

    def credential(self, name: str) -> Credential:
        """The profile called `name` with its secret, from wherever it lives. Blocks on the keyring.

        Raises:
            ProfileNotFoundError: no such profile.
            KeyringUnavailableError: a saved profile's secret cannot be read.
        """
        profile = self.get(name)
        if profile.source is ProfileSource.SESSION:
            return Credential(profile, self._session_secrets.get_secret(name))
        if profile.source is ProfileSource.ENVIRONMENT:
            env = self._environment()
            if env is None:  # pragma: no cover - the environment changed between two reads
                raise ProfileNotFoundError("the TWILIO_* environment variables are no longer set")
            return env
        return Credential(profile, self.store.get_secret(name))

    def default_name(self) -> str | None:
        """The default profile's name (`profiles use NAME`), or None. No keyring call.

        Raises:
            ConfigFileError: the config file cannot be read.
        """
        return self.config.default_profile()

    # -- changing ----------------------------------------------------------------------------------

    def _check_free(self, name: str, saved: Mapping[str, Profile], *, replacing: bool) -> None:
        if looks_like_secret(name):
            # Names are kept in plain text and shown everywhere; a secret given as the name would be too.
            raise InputError(
                "the profile name looks like a secret (32 or more letters and digits), so it was not saved",
                hint="choose a short name such as au1-prod; the secret goes to the prompt or --secret-stdin",
            )
        if name == ENV_PROFILE_NAME:
            raise InputError(
                f"the name {ENV_PROFILE_NAME!r} is reserved for the TWILIO_* environment profile",
                hint="choose another name, or save the environment one with: profiles import-env NAME",
            )
        if name in self._session_profiles or (name in saved and not replacing):
            raise InputError(
                f"a profile named {name!r} already exists",
                hint=f"remove it first (twilio-explorer profiles remove {name}) or pick another name",
            )

    def add(self, profile: Profile, secret: Secret | str, *, replace_existing: bool = False) -> Profile:
        """Save `profile`: its secret in the keyring first, then its settings in the profiles file.

        The keyring is checked before anything is written, so a missing backend leaves no trace. If the file
        cannot be written, the secret just stored is removed again.

        Raises:
            KeyringUnavailableError: the keyring cannot store secrets; nothing was written.
            InputError: the name is taken or reserved.
        """
        saved_profile = replace(profile, source=ProfileSource.KEYRING)
        credential = Credential(saved_profile, Secret(secret))  # validates the secret's shape before any I/O
        self.store.check_available()
        self._check_free(profile.name, self._saved(), replacing=replace_existing)
        self.store.set_secret(profile.name, credential.secret)
        try:
            with self.file.editing() as saved:
                self._check_free(profile.name, saved, replacing=replace_existing)
                saved[profile.name] = saved_profile
        except BaseException:
            self.store.delete_secret(profile.name)
            raise
        return saved_profile

    def add_session(self, profile: Profile, secret: Secret | str) -> Profile:
        """Hold `profile` and its secret in memory for this session; nothing is written anywhere."""
        session_profile = replace(profile, source=ProfileSource.SESSION)
        credential = Credential(session_profile, Secret(secret))
        self._check_free(profile.name, self._saved(), replacing=False)
        self._session_secrets.set_secret(profile.name, credential.secret)
        self._session_profiles[profile.name] = session_profile
        return session_profile

    def use(self, name: str | None) -> Profile | None:
        """Make profile `name` the default the app opens (None: no default, the app opens the demo).

        Raises:
            ProfileNotFoundError: no such profile.
            InputError: it is a session profile (gone when this process exits, so no default).
            ConfigFileError: the config file cannot be written.
        """
        if name is None:
            self.config.set_default_profile(None)
            return None
        profile = self.get(name)
        if profile.source is ProfileSource.SESSION:
            raise InputError(
                f"{name!r} is a session profile: it is gone when the app exits, so it cannot be the default",
                hint="save it in the keyring (twilio-explorer profiles add) and make that the default",
            )
        self.config.set_default_profile(name)
        return profile

    def remove(self, name: str) -> Profile:
        """Remove a saved or session profile, secret first so no secret outlives its profile.

        Raises:
            ProfileNotFoundError: no such profile.
            CredentialError: it is the environment profile (unset the variables instead).
            KeyringUnavailableError: the keyring cannot be reached; nothing was removed.
        """
        profile = self.get(name)
        if profile.source is ProfileSource.SESSION:
            self._session_secrets.delete_secret(name)
            del self._session_profiles[name]
            return profile
        if profile.source is ProfileSource.ENVIRONMENT:
            raise CredentialError(
                "the environment profile comes from the TWILIO_* variables and cannot be removed here",
                hint="unset TWILIO_ACCOUNT_SID (and the key, secret or token variables)",
            )
        self.store.delete_secret(name)
        with self.file.editing() as saved:
            saved.pop(name, None)
        if self.config.default_profile() == name:
            self.config.set_default_profile(None)  # a default that names nothing would stop the app opening
        return profile

    def import_environment(self, name: str) -> Profile:
        """Save the TWILIO_* environment profile under `name` (secret to the keyring).

        Raises:
            CredentialError: the variables are not set (or incomplete).
            KeyringUnavailableError: the keyring cannot store secrets; nothing was written.
        """
        env = environment_credential(self._environ, name=name)
        if env is None:
            raise CredentialError(
                "TWILIO_ACCOUNT_SID is not set, so there is no environment profile to import",
                hint="export TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN), "
                "plus TWILIO_REGION for IE1 or AU1",
            )
        return self.add(env.profile, env.secret)


def resolve_account_sid(profile_name: str, *, book: ProfileBook | None = None) -> str:
    """The Account SID of profile `profile_name`, for `curl --profile`; never touches the keyring.

    Raises:
        ProfileNotFoundError: no such profile.
        ConfigFileError: the profiles file is damaged and could not be restored.
    """
    return (book or ProfileBook.default()).get(profile_name).account_sid


def resolve_credential(profile_name: str, *, book: ProfileBook | None = None) -> Credential:
    """Profile `profile_name` with its secret (keyring, environment or session), for `--inline-secrets`.

    Raises:
        ProfileNotFoundError: no such profile.
        KeyringUnavailableError: the secret cannot be read.
    """
    return (book or ProfileBook.default()).credential(profile_name)
