"""Opens the app from parsed command-line options: picks the session (demo simulator or a profile) and runs."""

from __future__ import annotations

__all__ = ["default_copy_path", "launch"]

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.history import History
    from explorer.ui.session import Session

# The session module (profiles, ssl, the simulator) is imported by the loaders, which run in a thread worker
# after the first frame.


def default_copy_path() -> Path:
    """Where `y` saves the curl command: the user's state directory."""
    from explorer.core.paths import state_dir

    return state_dir() / "last-curl.sh"


def _profile_loader(name: str) -> Session:
    from explorer.ui.session import demo_session, profile_session

    return demo_session() if name == "demo" else profile_session(name)


def _open_history() -> History:
    from explorer.core.history import History

    return History()


def _demo_loader() -> Session:
    from explorer.ui.session import demo_session

    return demo_session()


def launch(args: argparse.Namespace) -> int:
    """Build the app from `args` (`--sim`, `--profile`, `--read-only`, `--theme`) and run it; return its status."""
    from explorer.ui.app import make_app  # Textual is imported only here, when the app opens

    profile: str | None = getattr(args, "app_profile", None)
    loader: Callable[[], Session]
    if profile and not getattr(args, "sim", False):
        loader = partial(_profile_loader, profile)
    else:
        loader = _demo_loader
    app = make_app(
        session_loader=loader,
        profile_loader=_profile_loader,
        copy_path=default_copy_path(),
        read_only=bool(getattr(args, "read_only", False)),
        theme=getattr(args, "theme", None) or "dark",
        history=_open_history,
    )
    result = app.run()
    if isinstance(result, int):
        return result
    # A crash leaves no result but sets the return code (1): a script or CI must see the failure.
    return app.return_code or 0
