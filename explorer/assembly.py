"""The assembly: the one module that wires the simulator, the UI and the profiles into a running app.

The layers below never reach sideways: the UI does not import the simulator, the simulator does not import
the UI. Whatever needs both (the demo session, which starts the embedded simulator and hands its credentials
to the app; `launch`, which picks the session from the command line) lives here, and the command line calls
it. Every import is deferred: the command line's fast commands never load Textual, httpx or the simulator.
"""

from __future__ import annotations

__all__ = ["default_copy_path", "demo_session", "launch"]

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.history import History
    from explorer.model.session import Session

# The session module (profiles, ssl, the simulator) is imported by the loaders, which run in a thread worker
# after the first frame.


def demo_session(seed: str | None = None) -> Session:
    """Start the embedded simulator on loopback and return a session with its per-Region demo credentials.

    Raises:
        SimulatorError: the simulator could not start.
    """
    from explorer.core.profiles import Credential, Profile, ProfileSource
    from explorer.core.secret import Secret
    from explorer.model.session import Session
    from explorer.sim.server import start_simulator

    handle = start_simulator(seed=seed) if seed is not None else start_simulator()
    credentials = tuple(
        Credential(
            Profile.create(
                f"demo-{demo.region}", demo.account_sid, demo.region,
                api_key_sid=demo.api_key_sid, source=ProfileSource.SESSION,
            ),
            Secret(demo.api_key_secret),
        )
        for demo in handle.credentials.values()
    )  # fmt: skip

    def env_for(region: str) -> dict[str, str]:
        # The simulator's own env: that Region's key under the unsuffixed names, with TWILIO_REGION and
        # TWILIO_EDGE together (a region alone makes the helper libraries build a retired host).
        return handle.env(region if region in handle.credentials else None)

    return Session(
        name="demo",
        source="local simulator",
        account_sid=handle.account_sid,
        credentials=credentials,
        demo=True,
        proxy=handle.proxy_url,
        ca_pem=str(handle.ca_pem_path),
        stop=handle.stop,
        env_for=env_for,
    )


def default_copy_path() -> Path:
    """Where `y` saves the curl command: the user's state directory."""
    from explorer.core.paths import state_dir

    return state_dir() / "last-curl.sh"


def _profile_loader(name: str) -> Session:
    from explorer.model.session import profile_session

    return demo_session() if name == "demo" else profile_session(name)


def _open_history() -> History:
    from explorer.core.history import History

    return History()


def _demo_loader() -> Session:
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
