"""The `:` commands: which of the main screen's actions each parsed command (`model.commands`) runs.

The screen owns the target, the session and the views; this module holds none of them. It reads the command,
then sets the screen's target or calls one of its actions, as the keys do.
"""

from __future__ import annotations

__all__ = ["open_scan", "run_command"]

from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.model.commands import parse_command, retarget
from explorer.ui.errors import notify_error
from explorer.ui.shell.views import VIEWS

if TYPE_CHECKING:
    from explorer.ui.shell.screen_host import ScreenHost


def run_command(screen: ScreenHost, text: str) -> None:
    """Run one `:` command on `screen`; an unknown command, or an argument it does not take, is a notice."""
    try:
        _route(screen, text)
    except ExplorerError as error:
        notify_error(screen.app, error)


def _route(screen: ScreenHost, text: str) -> None:
    command = parse_command(text)
    value = command.argument
    target = retarget(command, screen.target)
    if target is not None:
        screen.target = target
    elif command.name == "profile":
        screen.load_profile(value)
    elif command.name == "theme":
        set_theme = getattr(screen.app, "set_ui_theme", None)
        if set_theme is not None:
            set_theme(value)
    elif command.name == "open":
        screen.run_worker(screen.open_resource(value, bare=command.bare), group="open")
    elif command.name in VIEWS:
        screen.run_worker(screen.action_view(command.name), group="open")
    elif command.name == "send":
        screen.action_send()
    elif command.name == "copy":
        screen.action_copy_curl()
    elif command.name == "doctor":
        from explorer.ui.doctor.screen import DoctorScreen

        screen.app.push_screen(DoctorScreen(screen.target, screen.session))
    elif command.name == "scan":
        open_scan(screen, value or ".")
    elif command.name == "help":
        screen.action_help()
    elif command.name == "quit":
        screen.app.exit()


def open_scan(screen: ScreenHost, path: str) -> None:
    """Scan the code under `path`; a hit the user opens becomes the target, shown in the request view."""
    from pathlib import Path

    from explorer.model.scan_hits import target_for_hit
    from explorer.scan.model import Hit
    from explorer.ui.scan.screen import ScanScreen

    def opened(hit: Hit | None) -> None:
        if hit is not None:
            try:
                screen.target = target_for_hit(hit)
            except ExplorerError as error:
                notify_error(screen.app, error)
                return
            screen.view = "request"

    screen.app.push_screen(ScanScreen(Path(path).expanduser()), callback=opened)
