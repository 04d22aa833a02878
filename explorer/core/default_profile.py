"""The default profile: the one the app opens when no `--profile` is given, kept in the config file.

`twilio-explorer profiles use NAME` sets it, `profiles use --clear` forgets it, `profiles list` marks it, and
removing the profile forgets it too. It lives in `config.toml` next to `profiles.toml` (the user's config
directory, or `$TWILIO_EXPLORER_CONFIG_DIR`), written atomically with mode 0600 under the same kind of lock,
so the app and a command line never see half a file. No secret is ever in it: only a profile's name.
"""

from __future__ import annotations

__all__ = ["CONFIG_FILE_NAME", "ConfigFile"]

import tomllib
from pathlib import Path
from typing import Any

from explorer.core.atomic_file import ensure_private_dir, locked, write_atomically
from explorer.core.errors import ConfigFileError
from explorer.core.paths import CONFIG_DIR_ENV, config_dir

CONFIG_FILE_NAME = "config.toml"
"""The config file's name inside the config directory."""

_DEFAULT_KEY = "default_profile"
_HEADER = "# Twilio Region Explorer settings (no secrets). Set with `twilio-explorer profiles use NAME`.\n"


class ConfigFile:
    """Reads and writes `config.toml`: today, the name of the default profile."""

    def __init__(self, path: Path | None = None) -> None:
        """Use `path`, or `config.toml` in `config_dir()`."""
        self.path = path if path is not None else config_dir() / CONFIG_FILE_NAME

    def __repr__(self) -> str:
        return f"ConfigFile({str(self.path)!r})"

    def default_profile(self) -> str | None:
        """The default profile's name, or None when none is set.

        Raises:
            ConfigFileError: the file cannot be read or is not valid TOML.
        """
        value = self._read().get(_DEFAULT_KEY)
        return value if isinstance(value, str) and value else None

    def set_default_profile(self, name: str | None) -> None:
        """Make `name` the default profile (None: no default), atomically.

        Raises:
            ConfigFileError: the file cannot be read or written.
        """
        import tomli_w  # deferred: only writes need it

        self._ensure_dir()
        try:
            with locked(self.path.with_name(self.path.name + ".lock")):
                document = self._read()
                if name is None:
                    document.pop(_DEFAULT_KEY, None)
                else:
                    document[_DEFAULT_KEY] = name
                write_atomically(self.path, (_HEADER + tomli_w.dumps(document)).encode("utf-8"))
        except OSError as error:
            raise ConfigFileError(
                f"cannot write {self.path}: {error.strerror}", hint="check free space and permissions"
            ) from None

    def _read(self) -> dict[str, Any]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise ConfigFileError(
                f"cannot read the config file {self.path}: {error.strerror}",
                hint="check the file's owner and permissions",
            ) from None
        try:
            return tomllib.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise ConfigFileError(
                f"the config file {self.path} is not valid TOML ({error})",
                hint="fix it by hand, or delete it and set the default again: twilio-explorer profiles use NAME",
            ) from None

    def _ensure_dir(self) -> None:
        try:
            ensure_private_dir(self.path.parent)
        except OSError as error:
            raise ConfigFileError(
                f"cannot create the config directory {self.path.parent}: {error.strerror}",
                hint=f"set {CONFIG_DIR_ENV} to a writable directory",
            ) from None
