"""Where the explorer keeps its files: the user's config, data and state directories, each overridable.

One application name for all three, so that a user finds everything under one `twilio-region-explorer`
folder per platform convention (platformdirs), and tests point each at a temporary directory.
"""

from __future__ import annotations

__all__ = [
    "APP_NAME",
    "CONFIG_DIR_ENV",
    "DATA_DIR_ENV",
    "STATE_DIR_ENV",
    "config_dir",
    "data_dir",
    "state_dir",
]

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "twilio-region-explorer"
"""The directory name under the platform's config, data and state folders (and the keyring service)."""
CONFIG_DIR_ENV = "TWILIO_EXPLORER_CONFIG_DIR"
"""Overrides the config directory (the profiles file)."""
DATA_DIR_ENV = "TWILIO_EXPLORER_DATA_DIR"
"""Overrides the data directory (the request history)."""
STATE_DIR_ENV = "TWILIO_EXPLORER_STATE_DIR"
"""Overrides the state directory (the last copied curl command, the demo env files)."""


def _user_dir(kind: str, env_var: str, environ: Mapping[str, str] | None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(env_var)
    if override:
        return Path(override)
    import platformdirs  # deferred: only commands that touch files need it

    user_dir = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "state": platformdirs.user_state_dir,
    }[kind]
    return Path(user_dir(APP_NAME, appauthor=False))


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory holding the profiles file: `$TWILIO_EXPLORER_CONFIG_DIR`, else the platform's."""
    return _user_dir("config", CONFIG_DIR_ENV, environ)


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory holding the history: `$TWILIO_EXPLORER_DATA_DIR`, else the platform's user data dir."""
    return _user_dir("data", DATA_DIR_ENV, environ)


def state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The directory for the copied curl and demo env files: `$TWILIO_EXPLORER_STATE_DIR`, else the platform's."""
    return _user_dir("state", STATE_DIR_ENV, environ)
