"""The assembly: the one module that wires the simulator, the UI and the profiles into a running app.

The layers below never reach sideways: the UI does not import the simulator, the simulator does not import
the UI. Whatever needs both (the demo session, which starts the embedded simulator and hands its credentials
to the app; `launch`, which picks the session from the options) lives here, and the command line calls it
with the `Options` it built. Every import is deferred: the command line's fast commands never load Textual,
httpx or the simulator.
"""

from __future__ import annotations

__all__ = ["NO_PROFILE_HINT", "build_app", "demo_session", "launch", "start_profile"]

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.profile_book import ProfileBook
    from explorer.model.options import Options
    from explorer.model.session import Session
    from explorer.ui.app import ExplorerApp

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


def _session_for(openapi_dir: Path | None, book: Callable[[], ProfileBook], name: str) -> Session:
    """The session for `:profile NAME` (and `--profile NAME`): the demo, or a profile of the app's one book.

    The same book as the Profiles view's: a profile added there "for this session only" lives in that book's
    memory and nowhere else, so a loader with a book of its own would not find it.
    """
    from explorer.model.session import profile_session

    return demo_session(openapi_dir=openapi_dir) if name == "demo" else profile_session(name, book=book())


def _one_book(opener: Callable[[], ProfileBook]) -> Callable[[], ProfileBook]:
    """An opener that opens the book once and hands out that one from then on (from any thread)."""
    lock = threading.Lock()
    opened: list[ProfileBook] = []

    def book() -> ProfileBook:
        with lock:
            if not opened:
                opened.append(opener())
            return opened[0]

    return book


NO_PROFILE_HINT = (
    "This is the demo: requests go to the local simulator. To send as your own account: "
    "twilio-explorer profiles add NAME --account-sid AC… --region R --api-key SK…, then "
    "twilio-explorer profiles use NAME; or press p, then a, to add one for this session."
)
"""What the demo says when it opens because no default profile is set."""


def start_profile(options: Options, book: ProfileBook) -> tuple[str, str | None]:
    """The profile the app opens, checked before the app starts, and a notice to show once it has loaded.

    The demo when `--demo` forces it, else `--profile NAME` (or `demo`), else the default profile
    (`profiles use NAME`), else the demo, which then says how to add a profile. Reads files, never the keyring.

    Raises:
        ProfileNotFoundError: the named or default profile does not exist (the CLI exits 2 with the fix).
        ConfigFileError: the profiles or config file cannot be read.
    """
    from explorer.core.errors import ProfileNotFoundError

    if options.force_demo:
        return "demo", None
    if options.profile is not None:
        if options.profile != "demo":
            book.get(options.profile)
        return options.profile, None
    default = book.default_name()
    if default is None:
        return "demo", NO_PROFILE_HINT
    try:
        book.get(default)
    except ProfileNotFoundError as error:
        raise ProfileNotFoundError(
            f"the default profile {default!r} does not exist any more ({error.message})",
            hint="choose another: twilio-explorer profiles use NAME; or forget it: twilio-explorer profiles use "
            "--clear; or start the demo with --demo",
        ) from None
    return default, None


def build_app(options: Options) -> ExplorerApp:
    """The app for `options`, with the session it opens on chosen and checked before it starts.

    Raises:
        ProfileNotFoundError: `--profile NAME` or the default profile does not exist.
        ConfigFileError: the profiles or config file cannot be read.
        InputError: `options.theme` is not a known theme.
    """
    from dataclasses import replace

    from explorer.core.profile_book import ProfileBook
    from explorer.ui.app import make_app  # Textual is imported only here, when the app opens

    book = _one_book(options.profile_book or ProfileBook.default)
    name, notice = start_profile(options, book())
    options = replace(options, profile_book=book, start_notice=notice)
    profile_loader = partial(_session_for, options.openapi_dir, book)
    return make_app(options, session_loader=partial(profile_loader, name), profile_loader=profile_loader)


def launch(options: Options) -> int:
    """Build the app from `options` and run it; return its status.

    Raises:
        ProfileNotFoundError: the profile to open does not exist; nothing was started.
    """
    app = build_app(options)
    result = app.run()
    if isinstance(result, int):
        return result
    # A crash leaves no result but sets the return code (1): a script or CI must see the failure.
    return app.return_code or 0
