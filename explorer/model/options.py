"""How the app runs: one typed, frozen object built once from the command line and the environment.

The command line (`explorer.cli.options.app_options`) builds it; `explorer.assembly` starts the session from
it; `make_app(options, ...)` hands it to the screen, which passes each setting to the part that uses it. No
part reads a flag or an environment variable of its own, so a setting cannot get lost on the way (as
`--openapi DIR` once did: the browser and the demo simulator loaded the bundled catalogue regardless).
"""

from __future__ import annotations

__all__ = ["Options", "default_copy_path"]

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.model.target import DEFAULT_PATH, Target

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog
    from explorer.core.history import History
    from explorer.core.profile_book import ProfileBook


def default_copy_path() -> Path:
    """Where `y` saves the curl command: the user's state directory."""
    from explorer.core.paths import state_dir

    return state_dir() / "last-curl.sh"


@dataclass(frozen=True, slots=True)
class Options:
    """The app's settings. Every field has a default, so a test states only what it is about."""

    copy_path: Path = field(default_factory=default_copy_path)
    """Where `y` writes the curl command (a private file): the user's state directory by default."""
    openapi_dir: Path | None = None
    """A folder of Twilio OpenAPI description files to use instead of the bundled catalogue (`--openapi DIR`,
    else `$TWILIO_EXPLORER_OPENAPI`): the browser lists its resources and the demo simulator serves them."""
    read_only: bool = False
    """True disables every write (anything but GET): `--read-only`."""
    theme: str = "dark"
    """The theme to start with: `dark`, `light`, `high-contrast` (`--theme`)."""
    profile: str | None = None
    """The profile to send as (`--profile NAME`; `demo` for the local simulator's demo credentials); None:
    the default profile (`profiles use NAME`), else the demo."""
    force_demo: bool = False
    """`--demo` (or `--sim`): open the local simulator's demo even when a default profile is set."""
    start_notice: str | None = None
    """Shown once the first session has loaded (the demo, opened for want of a profile, says how to add one)."""
    target: Target = field(default_factory=Target)
    """The target the app opens on (product, region, edge)."""
    method: str = "GET"
    """The method of the request the app opens on."""
    path: str = DEFAULT_PATH
    """The path template of the request the app opens on."""
    params: str = ""
    """The parameters of the request the app opens on, `Name=value&...`."""
    history: Callable[[], History] | None = None
    """Opens the request history (None: nothing is recorded, as in most tests)."""
    profile_book: Callable[[], ProfileBook] | None = None
    """Opens the profiles for the credential panel (None: `ProfileBook.default()`)."""

    @property
    def demo(self) -> bool:
        """True when the app is told to start on the local simulator's demo credentials."""
        return self.force_demo or self.profile == "demo"

    def load_catalog(self) -> Catalog:
        """The API catalogue these options name: `openapi_dir`'s, or the bundled one (blocking: a thread).

        Raises:
            CatalogError: the directory cannot be read.
        """
        from explorer.catalog.loader import load_catalog

        return load_catalog(self.openapi_dir)
