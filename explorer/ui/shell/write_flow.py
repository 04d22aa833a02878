"""The `n`, `e` and `d` keys: whether a write may start from what the browser shows, and the form for it.

The screen asks `write_form` and either pushes the form it gets or shows the refusal. Nothing here sends:
the form dismisses with a `RequestSpec` and the screen hands it to the request pane.
"""

from __future__ import annotations

__all__ = ["Refusal", "initial_values", "write_form"]

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.request import AuthKind

if TYPE_CHECKING:
    from explorer.model.session import Session
    from explorer.model.target import Target
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.browser.write_form import WriteFormScreen


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why no form opens, as a notice."""

    title: str
    """The notice's heading."""
    message: str
    """What to do instead."""


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
