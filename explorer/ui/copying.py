"""Copying a curl command: OSC 52 to the terminal's clipboard, plus a private file whose path is shown.

Terminals that ignore OSC 52 still leave the command in a file. For the demo, the simulator's environment
(proxy, CA, that Region's demo key as TWILIO_API_KEY) is written beside it, so the docs-safe command runs as
pasted once that file is sourced. Under `twilio-explorer serve` a file on the server is out of the browser
user's reach, so the files are also delivered to the browser as downloads (`App.deliver_text`), and the
notice says so. The notice names files, never a secret.
"""

from __future__ import annotations

__all__ = ["copy_curl", "copy_request", "deliver_to_browser"]

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from explorer.core.atomic_file import ensure_private_dir, write_atomically
from explorer.core.errors import ExplorerError
from explorer.model.session import Session

if TYPE_CHECKING:
    from explorer.model.outcome import RequestView


def deliver_to_browser(app: App[object], *paths: Path) -> str:
    """Under `serve`, send each file to the browser as a download; returns the notice's words ("" otherwise)."""
    if not app.is_web:
        return ""
    for path in paths:
        app.deliver_text(path, save_filename=path.name)
    names = ", ".join(path.name for path in paths)
    return f" Your browser downloads {names}."


def copy_request(
    app: App[object], view: RequestView | None, *, path: Path, session: Session | None, region: str
) -> None:
    """Copy the request shown as curl (`copy_curl`); a warning instead when there is no valid request."""
    if view is None or view.error:
        app.notify("There is no valid request to copy.", title="Nothing copied", severity="warning")
        return
    copy_curl(app, view.curl, path=path, session=session, region=region, revealed=view.revealed)


def copy_curl(
    app: App[object], curl: str, *, path: Path, session: Session | None, region: str, revealed: bool = False
) -> None:
    """Copy `curl` to the clipboard, save it to `path` (mode 0600) and notify where it went."""
    app.copy_to_clipboard(curl)
    try:
        ensure_private_dir(path.parent)
        write_atomically(path, (curl + "\n").encode("utf-8"))
    except OSError as error:
        app.notify(
            f"Copied to the clipboard; the file {path} could not be written ({error.strerror}).",
            title="curl copied",
            severity="warning",
        )
        return
    extra = " (with the secret inline)" if revealed else ""
    env, files = "", [path]
    if session is not None and session.env_for is not None:
        env_path = path.with_name(f"demo-{region}.env")
        try:
            from explorer.core.env_file import write_env_file

            write_env_file(
                env_path,
                session.env_for(region),
                "The local simulator's demo environment. Demo secrets only.",
            )
            env = f" For the demo, first: . {env_path}"
            files.append(env_path)
        except ExplorerError as error:
            env = f" (the demo env file could not be written: {error.message})"
    browser = deliver_to_browser(app, *files)
    app.notify(f"curl{extra} copied to the clipboard and saved to {path}.{env}{browser}", title="curl copied")
