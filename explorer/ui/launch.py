"""Opens the app from parsed command-line options: picks the session (demo simulator or a profile) and runs."""

from __future__ import annotations

__all__ = ["default_copy_path", "launch"]

import argparse
from pathlib import Path

from explorer.ui.session import Session, demo_session, profile_session


def default_copy_path() -> Path:
    """Where `y` saves the curl command: the user's state directory."""
    import platformdirs

    return Path(platformdirs.user_state_dir("twilio-explorer")) / "last-curl.sh"


def _profile_loader(name: str) -> Session:
    return demo_session() if name == "demo" else profile_session(name)


def launch(args: argparse.Namespace) -> int:
    """Build the app from `args` (`--sim`, `--profile`, `--read-only`, `--theme`) and run it; return its status."""
    from explorer.ui.app import make_app  # Textual is imported only here, when the app opens

    profile: str | None = getattr(args, "app_profile", None)
    if profile and not getattr(args, "sim", False):
        loader = lambda: profile_session(profile)  # noqa: E731
    else:
        loader = demo_session
    app = make_app(
        session_loader=loader,
        profile_loader=_profile_loader,
        copy_path=default_copy_path(),
        read_only=bool(getattr(args, "read_only", False)),
        theme=getattr(args, "theme", None) or "dark",
    )
    result = app.run()
    return result if isinstance(result, int) else 0
