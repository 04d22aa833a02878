"""The `n`, `e` and `d` keys: whether a write may start from what the browser shows, and the form for it.

`start_write` asks `write_form` and either pushes the form it gets or shows the refusal. Nothing is sent
before the form dismisses with a `RequestSpec`; the request pane then shows and sends it.
"""

from __future__ import annotations

__all__ = ["Refusal", "initial_values", "start_write", "write_form"]

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.core.request import AuthKind, RequestSpec

if TYPE_CHECKING:
    from explorer.model.session import Session
    from explorer.model.target import Target
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.browser.write_form import WriteFormScreen
    from explorer.ui.shell.screen_host import ScreenHost


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why no form opens, as a notice."""

    title: str
    """The notice's heading."""
    message: str
    """What to do instead."""


def start_write(screen: ScreenHost, kind: str) -> None:
    """Create in the open list, or update or delete the open record, behind a form and a confirmation.

    Refused with a notice under `--read-only`, while a write is in flight, or when the browser shows nothing
    to write to; the form's request goes to the request view, which shows and sends it.
    """
    from explorer.ui.errors import notify_error

    if screen.options.read_only:
        screen.app.notify("The app was started with --read-only: writes are off.", title="Read-only")
        return
    pane = screen.request_pane
    if pane is not None and pane.refuse_while_writing():
        return
    browser = screen.browser if screen.view == "browse" else None

    def auth() -> AuthKind | None:
        credential = pane.credential() if pane is not None else None
        return credential.profile.kind if credential else None

    try:
        form = write_form(kind, browser=browser, session=screen.session, target=screen.target, auth=auth)
    except ExplorerError as error:
        notify_error(screen.app, error)
        return
    if isinstance(form, Refusal):
        screen.app.notify(form.message, title=form.title)
        return

    def send(spec: RequestSpec | None) -> None:
        if spec is not None and pane is not None and not pane.refuse_while_writing():
            screen.view = "request"
            pane.load(spec)
            pane.send(spec)

    screen.app.push_screen(form, send)


def write_form(
    kind: str,
    *,
    browser: BrowserPane | None,
    session: Session | None,
    target: Target,
    auth: Callable[[], AuthKind | None],
) -> WriteFormScreen | Refusal:
    """The form for a create in the open list, or an update or delete of the open record.

    Args:
        kind: `create`, `update` or `delete`.
        browser: the browser when it is the view shown, else None.
        session: the session in use (None while it loads).
        target: where the write would go.
        auth: the kind of the credential the target uses, asked only once a form will open.

    Raises:
        ExplorerError: the operation cannot be drawn as a form.
    """
    from explorer.ui.browser.write_form import WriteFormScreen

    if browser is None or session is None:
        return Refusal("Nothing to write to", "Open a list or a record in the browser (b) first.")
    context = browser.write_context(record=kind != "create")
    if context is None:
        what = "a list" if kind == "create" else "a record"
        return Refusal("Nothing to write to", f"Open {what} in the browser first.")
    endpoint, path_values, record = context
    method = "DELETE" if kind == "delete" else "POST"
    if endpoint.operation(method) is None:
        return Refusal("Not writable", f"{endpoint.id} has no {method} in Twilio's API description.")
    return WriteFormScreen(
        endpoint, method, target=target, account_sid=session.account_sid,
        auth=auth() or AuthKind.API_KEY,
        path_values=path_values, initial=initial_values(record) if kind == "update" else None,
    )  # fmt: skip


def initial_values(record: dict[str, object] | None) -> dict[str, str] | None:
    """A record's fields as form values (`friendly_name` → `FriendlyName`), for an update."""
    if not record:
        return None
    values: dict[str, str] = {}
    for key, value in record.items():
        if isinstance(value, str | int | float | bool):
            name = "".join(part.capitalize() for part in key.split("_"))
            values[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return values
