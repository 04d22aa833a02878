"""The assembly: the one module that wires the simulator, the UI and the profiles into a running app.

The layers below never reach sideways: the UI does not import the simulator, the simulator does not import
the UI. Whatever needs both (the demo session, which starts the embedded simulator and hands its credentials
to the app; `launch`, which picks the session from the options) lives here, and the command line calls it
with the `Options` it built. Every import is deferred: the command line's fast commands never load Textual,
httpx or the simulator.
"""

from __future__ import annotations

__all__ = ["demo_session", "launch"]

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.model.options import Options
    from explorer.model.session import Session

# The session module (profiles, ssl, the simulator) is imported by the loaders, which run in a thread worker
# after the first frame.


def demo_session(seed: str | None = None, *, openapi_dir: Path | None = None) -> Session:
    """Start the embedded simulator on loopback and return a session with its per-Region demo credentials.

    Args:
        seed: the simulator's seed (its records); None for the default.
        openapi_dir: the OpenAPI description files the simulator serves (`--openapi`); None: the bundled
            catalogue.

    Raises:
        SimulatorError: the simulator could not start (or read the catalogue).
    """
    from explorer.catalog.loader import load_catalog
    from explorer.core.errors import CatalogError, SimulatorError
    from explorer.model.session import Session
    from explorer.sim.server import start_simulator

    try:
        catalog = load_catalog(openapi_dir)
    except CatalogError as error:
        raise SimulatorError(
            f"the simulator needs the API catalogue: {error.message}", hint=error.hint
        ) from None
    handle = (
        start_simulator(seed=seed, catalog=catalog) if seed is not None else start_simulator(catalog=catalog)
    )
    credentials = tuple(demo.credential() for demo in handle.credentials.values())

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


def _session_for(openapi_dir: Path | None, name: str) -> Session:
    """The session for `:profile NAME` (and `--profile NAME`): the demo, or a stored profile."""
    from explorer.model.session import profile_session

    return demo_session(openapi_dir=openapi_dir) if name == "demo" else profile_session(name)


def launch(options: Options) -> int:
    """Build the app from `options` and run it; return its status."""
    from explorer.ui.app import make_app  # Textual is imported only here, when the app opens

    profile_loader = partial(_session_for, options.openapi_dir)
    start = options.profile or "demo"
    app = make_app(options, session_loader=partial(profile_loader, start), profile_loader=profile_loader)
    result = app.run()
    if isinstance(result, int):
        return result
    # A crash leaves no result but sets the return code (1): a script or CI must see the failure.
    return app.return_code or 0
