"""The Textual app: themes, app-wide bindings, the Ctrl+P commands, the crash policy, and `make_app`.

The crash policy, because a real credential passes through this process:
- A worker that raises something unexpected does not end the app: the failure is shown as an explained
  error (`InternalError`) and the app keeps running. Workers own the network, the keyring and files, so that
  is where foreign input turns into exceptions; they catch `ExplorerError` themselves and, as a second line,
  anything else here.
- If something does end the app, the report is a traceback *without* local variables. Textual's own report
  prints every frame's locals (`show_locals=True`), which is how a request's headers or a form's secret
  would reach the terminal and the scrollback.
"""

from __future__ import annotations

__all__ = ["ExplorerApp", "make_app"]

from typing import TYPE_CHECKING, Any, ClassVar

import rich
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.theme import Theme

from explorer.core.printable import visible
from explorer.model.options import Options
from explorer.model.session import SessionLoader
from explorer.ui.key_hold import KeyHold
from explorer.ui.shell.main_screen import MainScreen, ProfileLoader
from explorer.ui.themes import UiTheme, find_theme, load_themes

if TYPE_CHECKING:
    from textual.command import Provider

    from explorer.ui.browser.resource_table import ResourceTable


def _explorer_commands() -> type[Provider]:
    # textual.command costs tens of milliseconds to import; Textual calls this when the palette opens.
    from explorer.ui.shell.palette import ExplorerCommands

    return ExplorerCommands


class _HandedOn(events.Key):
    """A key handed on to the text field focused since it was typed (never handed on again)."""


_HandedOn.handler_name = "on_key"  # handled as the key it is (Textual names handlers after the class)


class ExplorerApp(App[int]):
    """Twilio Region Explorer."""

    CSS_PATH = "app.tcss"
    TITLE = "Twilio Region Explorer"
    COMMANDS = App.COMMANDS | {_explorer_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (the help lists it): the browser's own keys need the room at 80 columns.
        Binding("q", "quit", "Quit", id="quit", show=False, tooltip="Leave the app"),
    ]

    def __init__(
        self,
        options: Options,
        themes: dict[str, UiTheme],
        *,
        session_loader: SessionLoader,
        profile_loader: ProfileLoader,
    ) -> None:
        super().__init__()
        self.options = options
        """The app's settings, built once from the command line (or by a test)."""
        self._loaders = session_loader, profile_loader
        self._key_hold = KeyHold()
        """Keys typed before the main screen's body has mounted, replayed once it has (`ui/key_hold.py`)."""
        self.ui_themes = themes
        for ui_theme in themes.values():
            colours: dict[str, Any] = dict(ui_theme.colours)
            self.register_theme(
                Theme(name=ui_theme.name, dark=ui_theme.dark, variables=ui_theme.variables(), **colours)
            )
        self.ui_theme = find_theme(themes, options.theme) if themes else None
        if self.ui_theme is not None:
            self.theme = self.ui_theme.name

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus the region accents (defaults for themes that do not set them)."""
        variables = UiTheme("fallback", True).variables()
        variables.update(super().get_css_variables())
        return variables

    def on_mount(self) -> None:
        session_loader, profile_loader = self._loaders
        self.push_screen(
            MainScreen(self.options, session_loader=session_loader, profile_loader=profile_loader)
        )

    async def on_event(self, event: events.Event) -> None:
        # Keys from the terminal (not forwarded ones bubbling back up) wait until the body can act on them.
        if isinstance(event, events.Key) and not event.is_forwarded and self._key_hold.take(event):
            return
        await super().on_event(event)

    def on_main_screen_body_ready(self) -> None:
        if self._key_hold.holding:
            self.run_worker(self._key_hold.release(self), group="key-replay")

    def on_key(self, event: events.Key) -> None:
        """A printable key that bubbled up here while a text field has the focus is that field's text.

        Keys typed in one burst (`a` `mytest` Tab `AC…`) are all delivered to the widget focused when they
        arrive; when the first one moves the focus into a field, the rest bubble up unhandled and would
        otherwise be matched against single-letter bindings or dropped. They are handed on to the field, once.
        """
        from textual.widgets import Input

        focused = self.focused
        if (
            isinstance(event, _HandedOn)
            or not isinstance(focused, Input)
            or not event.is_printable
            or event.character is None
        ):
            return
        event.stop()
        event.prevent_default()  # no binding of the app's: letters in a text field are text
        focused.post_message(_HandedOn(event.key, event.character))

    def _handle_exception(self, error: Exception) -> None:
        from textual.worker import WorkerFailed

        # A worker's failure leaves the app consistent (the worker has ended); anything else may have stopped
        # a widget's message loop, so only workers are recovered from.
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            self.report_unexpected(error.error, "running a background task")
            return
        super()._handle_exception(error)

    def report_unexpected(self, error: Exception, doing: str) -> None:
        """Show an unexpected exception as an explained error; the app keeps running."""
        from explorer.core.errors import as_explorer_error
        from explorer.ui.errors import notify_error

        self.log.error(f"{type(error).__name__} while {doing}")
        notify_error(self, as_explorer_error(error, doing))

    def _fatal_error(self) -> None:
        # Textual's version with show_locals=False: locals are where secrets and headers sit.
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, whoever asks (`Widget.notify` lands here too).

        Notifications quote names, paths and messages from servers, so they are never markup and their
        control characters are made visible. `markup` is accepted for Textual's signature and ignored:
        `Widget.notify` passes `markup=True` unless told otherwise.
        """
        del markup
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def set_ui_theme(self, name: str) -> None:
        """Switch to theme `name` (`dark`, `light`, `high-contrast`).

        Raises:
            InputError: no such theme.
        """
        self.ui_theme = find_theme(self.ui_themes, name)
        self.theme = self.ui_theme.name
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.restyle(self.ui_theme.pygments_style)

    def on_resource_table_page_settled(self, event: ResourceTable.PageSettled) -> None:
        # The garbage collector is the process's, so the app tunes it, not a widget (`ui/memory.py`).
        from explorer.ui.memory import freeze_long_lived

        freeze_long_lived()


def make_app(
    options: Options,
    *,
    session_loader: SessionLoader,
    profile_loader: ProfileLoader,
    themes: dict[str, UiTheme] | None = None,
) -> ExplorerApp:
    """Build the app from its options, with its dependencies passed in (tests pass fakes; `launch` the real ones).

    Args:
        options: the settings, built once from the command line (or by a test).
        session_loader: builds the session at start-up (in a thread worker, after the first frame).
        profile_loader: builds a session for `:profile NAME` (`demo` included).
        themes: the themes to offer; None: the bundled ones and the user's.

    Raises:
        InputError: `options.theme` is not a known theme.
    """
    return ExplorerApp(
        options,
        load_themes() if themes is None else themes,
        session_loader=session_loader,
        profile_loader=profile_loader,
    )
