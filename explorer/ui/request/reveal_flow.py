"""`r`: ask before the secret is shown inline in the curl command, and agree only to the request asked about.

The question names the host and the credential's Region. The answer counts only if the request is still the
one asked about: a profile that finished loading, or a target switched while the dialog was open, ends it.
"""

from __future__ import annotations

__all__ = ["ask_to_reveal"]

from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.ui.errors import notify_error

if TYPE_CHECKING:
    from textual.screen import Screen

    from explorer.model.reveal import RevealScope
    from explorer.ui.request.pane import RequestPane


def ask_to_reveal(
    screen: Screen[None], pane: RequestPane, fqdn: str, agreed: Callable[[RevealScope], None]
) -> None:
    """Ask (a confirmation dialog) to reveal the secret for the pane's current request.

    Args:
        screen: shows the notices and pushes the dialog.
        pane: the request pane whose request the reveal is for.
        fqdn: the host the request goes to, named in the question.
        agreed: called with the scope once the user said yes, if the request is still the same.
    """
    from explorer.model.reveal import reveal_question
    from explorer.ui.dialogs.confirm import ConfirmScreen

    try:
        scope = pane.reveal_scope()
    except ExplorerError as error:
        notify_error(screen, error)
        return

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        try:
            same = scope.covers(pane.reveal_scope())
        except ExplorerError:
            same = False
        if not same:
            # The session or target changed while the question was open (a profile finished loading).
            screen.notify("The request changed while you were asked, so the secret stays hidden. Press r to "
                          "ask again.", title="Secret not shown", severity="warning")  # fmt: skip
            return
        agreed(scope)

    screen.app.push_screen(ConfirmScreen(reveal_question(scope, fqdn)), answer)
