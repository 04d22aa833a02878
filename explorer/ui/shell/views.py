"""The views of the main screen: request, browse, profiles and history, one shown at a time.

Each pane is mounted the first time it is shown (the first frame holds the request view). The screen sets
`target` and `session` here and they flow down to the mounted panes; the panes post their messages up past
this widget to the screen, which owns the state.
"""

from __future__ import annotations

__all__ = ["VIEWS", "VIEW_LIST", "View", "Views"]

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from explorer.model.session import Session
from explorer.model.target import Target

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog
    from explorer.core.history import History
    from explorer.core.profile_book import ProfileBook
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.history.pane import HistoryPane
    from explorer.ui.profiles.panel import CredentialPanel
    from explorer.ui.request.pane import RequestPane


@dataclass(frozen=True, slots=True)
class View:
    """One view: its name (`:name`, `#view-name`) and its key, as the footer and the help show them."""

    name: str
    """`request`, `browse`…: the `:` command that shows it (also in `model.commands.COMMANDS`)."""
    key: str
    """The key that shows it, the same in every view."""
    label: str
    """The key's label in the footer."""
    tooltip: str
    """The key's tooltip."""
    help: str
    """What the help's line of view keys calls it."""


VIEW_LIST: tuple[View, ...] = (
    View("request", "i", "Inspector", "The request: picker and inspector", "request (inspector)"),
    View("browse", "b", "Browse", "Browse every list resource in this Region", "browse resources"),
    View("profiles", "p", "Profiles", "Profiles and the OS keyring", "profiles"),
    View("history", "h", "History", "Requests sent, to send again or export", "history"),
)
"""The views, in the order the footer and the help list them; a new view starts with an entry here, then its
pane in `Views._make_pane`."""
VIEWS = tuple(view.name for view in VIEW_LIST)
"""The views' names."""


class Views(ContentSwitcher):
    """Shows one view at a time, mounting each pane on first use and passing the target and session down."""

    target: reactive[Target] = reactive(Target, init=False)
    """Where requests go (set by the screen)."""
    session: reactive[Session | None] = reactive(None, init=False)
    """Who requests are sent as (set by the screen)."""
    history: reactive[History | None] = reactive(None, init=False)
    """The request history, once it is open (set by the screen)."""
    view: reactive[str] = reactive("request", init=False)
    """The view shown: one of `VIEWS`."""

    def __init__(
        self,
        *,
        profile_book: Callable[[], ProfileBook] | None,
        catalog_loader: Callable[[], Catalog] | None = None,
        copy_path: Path | None = None,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self._profile_book = profile_book
        self._catalog_loader = catalog_loader
        """Loads the catalogue the browser lists (the options': `--openapi DIR`'s or the bundled one)."""
        self._copy_path = copy_path
        """Where `y` saves a curl command (the screen's), for the panes that copy one."""
        self._focus: dict[str, Widget] = {}
        """The widget focused in each view when the user left it."""
        self._browser_stale = False

    # -- the panes --------------------------------------------------------------------------------------

    def pane(self, view: str) -> Widget | None:
        """The view's pane if it has been mounted."""
        found = self.query(f"#view-{view}")
        return found.first() if found else None

    @property
    def request_pane(self) -> RequestPane:
        """The request view (always mounted once the body is)."""
        from explorer.ui.request.pane import RequestPane

        return self.query_one("#view-request", RequestPane)

    def browser(self) -> BrowserPane | None:
        """The resource browser, if it has been shown."""
        if self.pane("browse") is None:
            return None
        from explorer.ui.browser.pane import BrowserPane

        return self.query_one("#view-browse", BrowserPane)

    def credential_panel(self) -> CredentialPanel | None:
        """The credential panel, if it has been shown."""
        if self.pane("profiles") is None:
            return None
        from explorer.ui.profiles.panel import CredentialPanel

        return self.query_one("#view-profiles", CredentialPanel)

    def history_pane(self) -> HistoryPane | None:
        """The history, if it has been shown."""
        if self.pane("history") is None:
            return None
        from explorer.ui.history.pane import HistoryPane

        return self.query_one("#view-history", HistoryPane)

    async def mount_request(self, pane: RequestPane) -> None:
        """Mount the request view (the screen builds it from its config) and show it."""
        pane.set_reactive(type(pane).target, self.target)
        pane.set_reactive(type(pane).session, self.session)
        await self.mount(pane)
        self._bind(pane, "target", "session")
        self.current = "view-request"

    async def show(self, view: str) -> None:
        """Show a view, mounting its pane the first time."""
        if view not in VIEWS:
            return
        if self.pane(view) is None:
            pane = self._make_pane(view)
            await self.mount(pane)
            if view == "browse":
                self._bind(pane, "target", "session")
        self.view = view

    def _bind(self, pane: Widget, *names: str) -> None:
        # `data_bind`, for a pane mounted long after `compose`: the same watch it sets up (the pane's reactive
        # follows this widget's), made here because `data_bind` takes its source from the running handler,
        # which is the screen's when a view is first shown. The pane starts from the current values (set
        # before it mounted), so nothing runs at bind time.
        for name in names:
            pane.watch(self, name, partial(setattr, pane, name), init=False)

    def mark_browser_stale(self) -> None:
        """A write changed what the browser lists: fetch its list again the next time it is shown.

        Not at once, so that the inspector keeps the write's own answer on screen meanwhile.
        """
        self._browser_stale = True

    def _make_pane(self, view: str) -> Widget:
        if view == "browse":
            from explorer.ui.browser.pane import BrowserPane

            browser = BrowserPane(id="view-browse")
            browser.catalog_loader = self._catalog_loader
            browser.set_reactive(BrowserPane.target, self.target)
            browser.set_reactive(BrowserPane.session, self.session)
            ui_theme = getattr(self.app, "ui_theme", None)
            if ui_theme is not None:
                browser.set_reactive(BrowserPane.pygments_style, ui_theme.pygments_style)
            return browser
        if view == "profiles":
            from explorer.ui.profiles.panel import CredentialPanel

            panel = CredentialPanel(id="view-profiles")
            panel.set_reactive(CredentialPanel.active_session, self.session)
            if self.session is not None:
                panel.client_factory = self.session.sync_client
            self._open_profile_book(panel)
            return panel
        from explorer.ui.history.pane import HistoryPane

        history = HistoryPane(id="view-history")
        history.history = self.history
        history.copy_path = self._copy_path
        history.session = self.session
        return history

    @work(thread=True, group="profiles-open")
    def _open_profile_book(self, panel: CredentialPanel) -> None:
        # Reading the profiles file (and later the keyring) may block: never on the event loop.
        opener = self._profile_book
        if opener is None:
            from explorer.core.profile_book import ProfileBook

            opener = ProfileBook.default
        book = opener()
        self.app.call_from_thread(setattr, panel, "book", book)

    # -- attributes down --------------------------------------------------------------------------------

    def watch_session(self, session: Session | None) -> None:
        # The request view and the browser are bound (`_bind`); these two take what they need of a session.
        panel = self.credential_panel()
        if panel is not None:
            panel.active_session = session
            if session is not None:
                panel.client_factory = session.sync_client
        history = self.history_pane()
        if history is not None:
            history.session = session

    def watch_history(self, history: History | None) -> None:
        pane = self.history_pane()
        if pane is not None:
            pane.history = history

    def set_pygments_style(self, style: str) -> None:
        """Use another pygments style for bodies (after a theme switch)."""
        if self.pane("request") is not None:
            self.request_pane.restyle(style)
        browser = self.browser()
        if browser is not None:
            browser.pygments_style = style

    # -- switching --------------------------------------------------------------------------------------

    def watch_view(self, old: str, view: str) -> None:
        # Keys go to the focused widget, and a view switch hides it without moving the focus: `a` in the
        # profiles view never reached the panel, and Enter in the history pressed a hidden Region preset.
        # Remember where the user was in the view left; give the view shown that focus or its first widget.
        left, focused = self.pane(old), self.screen.focused
        if left is not None and focused is not None and left in focused.ancestors:
            self._focus[old] = focused
        self.current = f"view-{view}"
        pane = self.pane(view)
        if pane is not None:
            self._focus_view(view, pane)
        browser = self.browser()
        if view == "browse" and browser is not None and self._browser_stale:
            self._browser_stale = False
            browser.reload()
        history = self.history_pane()
        if view == "history" and history is not None:
            history.reload()

    def _focus_view(self, view: str, pane: Widget) -> None:
        from textual.widgets import Input

        remembered = self._focus.get(view)
        if remembered is not None and remembered.is_attached and remembered.focusable:
            remembered.focus()
            return
        # Not an input: a key typed after switching is a command (`n`, `:`), not text.
        first = next((w for w in pane.query("*") if w.focusable and not isinstance(w, Input)), None)
        self.screen.set_focus(first)
