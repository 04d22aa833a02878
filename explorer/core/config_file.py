"""The profiles file: saved profiles' non-secret settings as TOML in the user's config directory.

The file is written atomically (a temporary file in the same directory, fsync, `os.replace`) with mode 0600,
and after every successful write the same content is written to `profiles.toml.bak`, the last good copy. A
file that cannot be read (bad TOML, a half-written file from another tool, a hand edit gone wrong) is never
overwritten: it is moved aside as `profiles.toml.corrupt-<UTC timestamp>` and the profiles are restored
from the last good copy, so no profile is lost. Secrets are never in this file; they are in the OS keyring.
A set-aside copy is mentioned on every later run (`set_aside_reminder`) until the user restores or deletes
it: with no good copy to restore from, the next run would otherwise just say "no profiles yet".

The directory is `platformdirs.user_config_dir("twilio-region-explorer")`, or `$TWILIO_EXPLORER_CONFIG_DIR`.
"""

from __future__ import annotations

__all__ = [
    "BACKUP_SUFFIX",
    "CONFIG_DIR_ENV",
    "FILE_NAME",
    "SET_ASIDE_MARK",
    "ProfilesFile",
    "config_dir",
]

import contextlib
import glob
import os
import shlex
import tomllib
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

from explorer.core.atomic_file import ensure_private_dir, locked, write_atomically
from explorer.core.errors import ConfigFileError, ExplorerError
from explorer.core.paths import CONFIG_DIR_ENV, config_dir
from explorer.core.profiles import CredentialKind, Profile, ProfileSource

"""Environment variable that overrides the config directory (tests, portable setups)."""
FILE_NAME = "profiles.toml"
"""The profiles file's name inside the config directory."""
BACKUP_SUFFIX = ".bak"
"""Suffix of the last good copy, written after every successful save."""
SET_ASIDE_MARK = ".corrupt-"
"""What follows the file's name in the name of a damaged copy set aside (then a UTC timestamp)."""
FORMAT_VERSION = 1

_HEADER = (
    "# Twilio Region Explorer profiles. No secrets here: they are in the OS keyring (service\n"
    '# "twilio-region-explorer"). Edit with `twilio-explorer profiles ...`; a broken file is set aside and\n'
    "# restored from profiles.toml.bak.\n"
)


def _now() -> datetime:
    return datetime.now(UTC)


class ProfilesFile:
    """Reads and writes `profiles.toml`; only keyring-backed profiles are saved in it."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], datetime] = _now) -> None:
        """Use `path`, or `profiles.toml` in `config_dir()`; `clock` names set-aside files."""
        self.path = path if path is not None else config_dir() / FILE_NAME
        self._clock = clock

    def __repr__(self) -> str:
        return f"ProfilesFile({str(self.path)!r})"

    @property
    def backup_path(self) -> Path:
        """The last good copy."""
        return self.path.with_name(self.path.name + BACKUP_SUFFIX)

    # -- reading ---------------------------------------------------------------------------------------

    def load(self) -> dict[str, Profile]:
        """The saved profiles by name.

        Raises:
            ConfigFileError: the file was damaged. It has been set aside and, when the last good copy was
                readable, the profiles restored from it (the message says which); calling again then works.
        """
        profiles, problem = self.load_recovering()
        if problem is not None:
            raise problem
        return profiles

    def load_recovering(self) -> tuple[dict[str, Profile], ConfigFileError | None]:
        """The saved profiles, recovering from a damaged file; the second item reports a recovery.

        Raises:
            ConfigFileError: the file was damaged and no good copy exists; the damaged file is kept aside.
        """
        if not self.path.exists():
            return {}, None
        try:
            return _parse(self.path.read_bytes()), None
        except _Damaged as damage:
            reason = str(damage)
        except OSError as error:
            raise ConfigFileError(
                f"cannot read the profiles file {self.path}: {error.strerror}",
                hint="check the file's owner and permissions",
            ) from None
        kept = self._set_aside()
        try:
            restored = _parse(self.backup_path.read_bytes())
        except (OSError, _Damaged):
            raise ConfigFileError(
                f"the profiles file {self.path} is damaged ({reason}) and there is no good copy to restore; "
                f"it was kept aside as {kept.name}",
                hint=f"the secrets are still in the OS keyring; fix {kept} by hand and move it back, or add the "
                "profiles again with: twilio-explorer profiles add",
            ) from None
        self._write_atomically(self.path, self.backup_path.read_bytes())
        names = ", ".join(sorted(restored)) or "none"
        problem = ConfigFileError(
            f"the profiles file {self.path} was damaged ({reason}); it was kept aside as {kept.name} and "
            f"{len(restored)} profile(s) were restored from {self.backup_path.name}: {names}",
            hint=f"nothing is lost; compare {kept.name} with the restored file if you had edited it by hand",
            title="Profiles file restored",
        )
        return restored, problem

    def set_aside_copies(self) -> tuple[Path, ...]:
        """Damaged copies set aside by earlier reads and still there, oldest first."""
        pattern = glob.escape(self.path.name) + SET_ASIDE_MARK + "*"
        try:
            return tuple(sorted(path for path in self.path.parent.glob(pattern) if path.is_file()))
        except OSError:
            return ()

    def set_aside_reminder(self) -> ConfigFileError | None:
        """Where damaged copies are kept and how to deal with them; None when there are none.

        Shown on every run until the user restores or deletes them: the profiles in a copy are not loaded.
        """
        copies = self.set_aside_copies()
        if not copies:
            return None
        newest = copies[-1]
        if len(copies) == 1:
            message = f"a damaged profiles file is kept aside at {newest}; the profiles in it are not loaded"
        else:
            listed = ", ".join(str(copy) for copy in copies)
            message = f"{len(copies)} damaged profiles files are kept aside ({listed}); their profiles are not loaded"
        delete = "rm " + " ".join(shlex.quote(str(copy)) for copy in copies)
        if self.path.exists():
            restore = f"compare {shlex.quote(str(newest))} with {shlex.quote(str(self.path))} and copy back what you need"
        else:
            restore = f"fix it by hand, then: mv {shlex.quote(str(newest))} {shlex.quote(str(self.path))}"
        return ConfigFileError(
            message,
            hint=f"{restore}; or, if you do not need it, delete it: {delete} (the secrets are in the OS keyring)",
            title="Damaged profiles file kept aside",
        )

    def _set_aside(self) -> Path:
        stamp = self._clock().strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}{SET_ASIDE_MARK}{stamp}-{counter}")
        os.replace(self.path, target)
        os.chmod(target, 0o600)
        return target

    # -- writing ---------------------------------------------------------------------------------------

    def save(self, profiles: Mapping[str, Profile]) -> None:
        """Write `profiles` atomically with mode 0600, then refresh the last good copy."""
        for profile in profiles.values():
            if profile.source is not ProfileSource.KEYRING:
                raise ValueError(f"only keyring profiles are saved, not {profile.source} ones")
        data = _render(profiles)
        self._write_atomically(self.path, data)
        self._write_atomically(self.backup_path, data)

    @contextlib.contextmanager
    def editing(self) -> Iterator[dict[str, Profile]]:
        """Lock the file, load it, let the caller change the dict, and save it if the block succeeds.

        The lock keeps two processes (the app and a command line) from losing each other's change.
        """
        with self._locked():
            profiles, _ = self.load_recovering()
            yield profiles
            self.save(profiles)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self._ensure_dir()
        with locked(self.path.with_name(self.path.name + ".lock")):
            yield

    def _ensure_dir(self) -> None:
        try:
            ensure_private_dir(self.path.parent)
        except OSError as error:
            raise ConfigFileError(
                f"cannot create the config directory {self.path.parent}: {error.strerror}",
                hint=f"set {CONFIG_DIR_ENV} to a writable directory",
            ) from None

    def _write_atomically(self, target: Path, data: bytes) -> None:
        self._ensure_dir()
        try:
            write_atomically(target, data)
        except OSError as error:
            raise ConfigFileError(
                f"cannot write {target}: {error.strerror}", hint="check free space and permissions"
            ) from None


class _Damaged(Exception):
    """The file's bytes are not a valid profiles file (the reason is the message)."""


def _parse(data: bytes) -> dict[str, Profile]:
    if not data.strip():
        raise _Damaged("the file is empty")
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Damaged("the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise _Damaged(f"not valid TOML: {error}") from None
    if document.get("format") != FORMAT_VERSION:
        raise _Damaged(f"format is {document.get('format')!r}, expected {FORMAT_VERSION}")
    table = document.get("profiles", {})
    if not isinstance(table, dict):
        raise _Damaged("[profiles] is not a table")
    profiles: dict[str, Profile] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise _Damaged(f"profile {name!r} is not a table")
        try:
            profiles[name] = Profile(
                name=name,
                account_sid=_text(entry, "account_sid"),
                region=_text(entry, "region"),
                edge=_optional_text(entry, "edge"),
                kind=CredentialKind(_text(entry, "credential")),
                api_key_sid=_optional_text(entry, "api_key_sid"),
                source=ProfileSource.KEYRING,
            )
        except (ExplorerError, ValueError) as error:
            message = error.message if isinstance(error, ExplorerError) else str(error)
            raise _Damaged(f"profile {name!r}: {message}") from None
    return profiles


def _text(entry: Mapping[str, object], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key} is missing or not a string")
    return value


def _optional_text(entry: Mapping[str, object], key: str) -> str | None:
    return _text(entry, key) if key in entry else None


def _render(profiles: Mapping[str, Profile]) -> bytes:
    import tomli_w  # deferred: only writes need it

    table: dict[str, dict[str, str]] = {}
    for name in sorted(profiles):
        profile = profiles[name]
        entry = {
            "account_sid": profile.account_sid,
            "region": profile.region,
            "credential": str(profile.kind),
        }
        if profile.edge is not None:
            entry["edge"] = profile.edge
        if profile.api_key_sid is not None:
            entry["api_key_sid"] = profile.api_key_sid
        table[name] = entry
    body = tomli_w.dumps({"format": FORMAT_VERSION, "profiles": table})
    return (_HEADER + "\n" + body).encode("utf-8")
