"""Options shared by several commands, read the same way everywhere, and the app's `Options` built from them."""

from __future__ import annotations

__all__ = ["app_options", "openapi_dir"]

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.history import History
    from explorer.model.options import Options


def openapi_dir(args: argparse.Namespace) -> Path | None:
    """The global `--openapi DIR`, or None for the bundled catalogue (or `$TWILIO_EXPLORER_OPENAPI`)."""
    value = getattr(args, "openapi", None)
    return Path(value) if value else None


def app_options(args: argparse.Namespace, environ: Mapping[str, str]) -> Options:
    """The app's options, built once from the command line (`--openapi`, `--demo`, `--profile`, `--read-only`,
    `--theme`) and the environment (`$TWILIO_EXPLORER_OPENAPI`); nothing below reads either again."""
    from explorer.catalog.loader import ENV_OPENAPI
    from explorer.model.options import Options

    directory = openapi_dir(args)
    if directory is None and environ.get(ENV_OPENAPI, "").strip():
        directory = Path(environ[ENV_OPENAPI].strip()).expanduser()
    profile: str | None = getattr(args, "app_profile", None)
    return Options(
        openapi_dir=directory,
        read_only=bool(getattr(args, "read_only", False)),
        theme=getattr(args, "theme", None) or "dark",
        profile=profile or None,
        force_demo=bool(getattr(args, "sim", False)),
        history=_open_history,
    )


def _open_history() -> History:
    from explorer.core.history import History

    return History()
