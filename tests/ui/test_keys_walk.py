"""One rule for keys: the footer lists the keys that act where the focus is, and each does what it says.

The walk shows every view (request, browse with the tree and with the table, profiles, history), reads the keys
the footer shows through Textual's public `Screen.active_bindings` (what `Footer` draws), and presses each one
from a fresh start in that place. What the key must change is looked up by its action, and its description
must be the one that action is known by: a key whose action is not in `EFFECTS`, or that changes nothing it
promises, or that means something else in one view (`i` is the Inspector everywhere, `b p h` the other views),
fails the walk.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from explorer.core.history import History
from explorer.ui.app import ExplorerApp
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.history.pane import HistoryPane
from explorer.ui.profiles.form import CredentialForm
from explorer.ui.profiles.panel import CredentialPanel
from explorer.ui.shell.command_bar import CommandBar
from explorer.ui.shell.help_screen import HelpScreen
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.counted_app import CountingTransport, build, place
from tests.ui.helpers import command, ready, settle
from tests.ui.notices import notices


@dataclass(frozen=True)
class Seen:
    """What a key can change, read through public attributes."""

    view: str
    top: str
    """The screen on top (a dialog or the help when pushed)."""
    focused: str
    bar_open: bool
    sent: int
    clipboard: str
    notices: int
    form_open: bool
    profiles_status: str
    marked: int
    browser_depth: int
    wide: bool
    """The browser's table shows every field as a column."""


def seen(app: ExplorerApp, main: MainScreen, transport: CountingTransport) -> Seen:
    panel = main.query(CredentialPanel)
    history = main.query(HistoryPane)
    browser = main.query(BrowserPane)
    focused = app.focused
    return Seen(
        view=main.view,
        top=type(app.screen).__name__,
        focused=(focused.id or type(focused).__name__) if focused is not None else "",
        bar_open=main.query_one(CommandBar).display,
        sent=len(transport.sent),
        clipboard=app.clipboard,
        notices=len(notices(app)),
        form_open=bool(panel) and panel.first().query_one(CredentialForm).display,
        profiles_status=panel.first().status if panel else "",
        marked=len(history.first().marked) if history else 0,
        browser_depth=len(browser.first().navigator.levels) if browser else 0,
        wide=bool(browser) and browser.first().query_one(ResourceTable).wide,
    )


Effect = Callable[[Seen, Seen], bool]

_VIEW_KEYS = {"request": ("i", "Inspector"), "browse": ("b", "Browse"), "profiles": ("p", "Profiles"),
              "history": ("h", "History")}  # fmt: skip


def _shows(view: str) -> Effect:
    return lambda before, after: after.view == view and after.top == "MainScreen"


def _answered(before: Seen, after: Seen) -> bool:
    """A profile action either opens its form, asks first (a dialog) or says what it did or why not."""
    return after.form_open or after.top != "MainScreen" or after.profiles_status != before.profiles_status


EFFECTS: dict[str, tuple[str, Effect]] = {
    "command_bar": ("Command", lambda b, a: a.bar_open),
    "send": ("Send", lambda b, a: a.sent > b.sent),
    "copy_curl": ("Copy curl", lambda b, a: a.clipboard.startswith("curl")),
    "help": ("Help", lambda b, a: a.top == "HelpScreen"),
    "search": ("Search", lambda b, a: a.focused == "tree-search"),
    "filter": ("Filter", lambda b, a: a.focused == "table-filter"),
    "back": ("Back", lambda b, a: a.view != b.view or a.browser_depth < b.browser_depth),
    "inspect": ("Inspector", _shows("request")),
    "more_columns": ("Columns", lambda b, a: a.wide != b.wide),
    "server_filters": ("Server filters", lambda b, a: a.focused == "server-filters"),
    "use": ("Use", _answered),
    "add": ("Add", lambda b, a: a.form_open),
    "edit": ("Edit", _answered),
    "verify": ("Verify", _answered),
    "login": ("Login", lambda b, a: a.form_open),
    "import_env": ("Import env", _answered),
    "remove": ("Remove", _answered),
    "toggle_mark": ("Mark", lambda b, a: a.marked != b.marked),
    "export_markdown": ("Export", lambda b, a: a.notices > b.notices),
    **{f"view('{view}')": (label, _shows(view)) for view, (_, label) in _VIEW_KEYS.items()},
}
"""Each action a footer may show: its description, and what pressing its key must change."""


def footer(main: MainScreen) -> dict[str, tuple[str, str]]:
    """The footer's keys where the focus is: key -> (action, description), the shown and enabled ones."""
    return {
        key: (active.binding.action, active.binding.description)
        for key, active in main.active_bindings.items()
        if active.binding.show and active.enabled
    }


PLACES = (
    ("request", None),
    ("browse", "#tree"),
    ("browse", "#browser-table #rows"),
    ("profiles", None),
    ("history", None),
)


@pytest.mark.slow
async def test_every_footer_key_does_what_it_says(tmp_path: Path) -> None:
    """Walk every view: each key the footer shows acts as described; the view keys mean the same everywhere."""
    app, transport = build(tmp_path, history=lambda: History(tmp_path / "history.jsonl"))
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("s")  # one request in the history
        await command(pilot, "applications")  # a list open in the browser
        await settle(pilot)
        walked: set[str] = set()
        for view, focus in PLACES:
            await place(pilot, main, view, focus)
            keys = footer(main)
            for global_key, label in _VIEW_KEYS.values():
                if global_key in keys:  # the one rule: a view key never means something else in a view
                    assert keys[global_key][1] == label, (view, focus, global_key, keys[global_key])
            for key, (action, description) in keys.items():
                if action == "quit":
                    continue  # pressed last, below
                assert action in EFFECTS, f"{view}/{focus}: no known effect for {key} → {action}"
                expected_description, effect = EFFECTS[action]
                assert description == expected_description, (view, key, action, description)
                await place(pilot, main, view, focus)
                before = seen(app, main, transport)
                await pilot.press(key)
                await settle(pilot)
                after = seen(app, main, transport)
                assert effect(before, after), f"{view}/{focus}: {key} ({description}) changed nothing it says"
                walked.add(action)
        # The walk reached the views' own keys, not only the global ones.
        assert {"search", "filter", "inspect", "add", "toggle_mark", "export_markdown"} <= walked
        await place(pilot, main, "request", None)
        assert main.active_bindings["q"].binding.action == "quit"  # listed in the help, not the footer
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_help_lists_the_keys_of_the_focus(tmp_path: Path) -> None:
    """`?` in Profiles lists the profile keys first (m imports the environment); in the tree, `/` searches."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        for view, focus, expected in (
            ("profiles", None, "Save the TWILIO_*"),
            ("browse", "#tree", "Search the"),
        ):
            await place(pilot, main, view, focus)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            console = Console(width=200, record=True, file=io.StringIO())
            console.print(app.screen.query_one("#help-here", Static).content)
            here = console.export_text()
            lines = [line for line in here.splitlines() if expected in line]
            assert lines, here
            line = lines[0]
            key = "m" if view == "profiles" else "/"
            assert line.strip().startswith(key), line


async def test_typing_calls_in_the_tree_search_is_text(tmp_path: Path) -> None:
    """In the browser, `/` starts the tree's search; `calls` typed there is text: nothing sent, no view change."""
    app, transport = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        main = await ready(pilot)
        await place(pilot, main, "browse", "#tree")
        await pilot.press("slash", *"calls")
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.id == "tree-search" and field.value == "calls"
        assert main.view == "browse" and transport.sent == []
