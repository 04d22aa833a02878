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
    from explorer.model.target import Target


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
    profile = None if getattr(args, "sim", False) else profile or None
    return Options(
        target=_start_target(environ, profile),
        openapi_dir=directory,
        read_only=bool(getattr(args, "read_only", False)),
        theme=getattr(args, "theme", None) or "dark",
        profile=profile or None,
        force_demo=bool(getattr(args, "sim", False)),
        history=_open_history,
    )


def _start_target(environ: Mapping[str, str], profile: str | None) -> Target:
    """The target the app opens on: TWILIO_REGION / TWILIO_EDGE when no profile is named (a profile beats the
    environment: its credential's Region decides), remembering where each value came from.

    Raises:
        UnknownNameError: TWILIO_REGION is not a known Region.
        LabelError: a variable is not a DNS label.
    """
    from explorer.core.regions import require_region
    from explorer.core.target_source import resolve_target
    from explorer.model.target import Target

    if profile is not None:
        return Target()
    source = resolve_target(environ)
    if source.region.value is not None:
        require_region(source.region.value, source.region.source)
    return Target("api", source.region.value, source.edge.value, origin=source)


def _open_history() -> History:
    from explorer.core.history import History

    return History()
