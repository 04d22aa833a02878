"""The main screen's keys: its bindings, where each acts, and the help's summary of them, to change together."""

from __future__ import annotations

__all__ = ["KEYS", "MAIN_BINDINGS", "REQUEST_ACTIONS", "key_acts"]

from textual.binding import Binding, BindingType

from explorer.ui.shell.views import VIEW_LIST

MAIN_BINDINGS: list[BindingType] = [
    # A priority binding, so the bar has the focus before the next key is routed: in a burst (`:region au1⏎`
    # typed fast, pasted, or replayed at start-up) the rest went to the view, where `r` asked to reveal.
    Binding("colon", "command_bar", "Command", id="command-bar", priority=True, tooltip="Open the : command bar"),
    Binding("s", "send", "Send", id="send", tooltip="Send the current request"),
    Binding("x", "cancel_sending", "Cancel", id="cancel-send", show=False, tooltip="Cancel the request in flight, a write included"),
    Binding("y", "copy_curl", "Copy curl", id="copy-curl", tooltip="Copy the curl command and save it to a file"),
    Binding("r", "reveal", "Reveal", id="reveal", show=False, tooltip="Reveal or hide the secret in curl (asks first)"),
    Binding("1", "preset('us1')", "US1", id="preset-us1", show=False, tooltip="Switch to US1"),
    Binding("2", "preset('ie1')", "IE1", id="preset-ie1", show=False, tooltip="Switch to IE1 (Dublin)"),
    Binding("3", "preset('au1')", "AU1", id="preset-au1", show=False, tooltip="Switch to AU1 (Sydney)"),
    Binding("c", "show_tab('tab-curl')", "curl", id="show-curl", show=False, tooltip="Show the curl command"),
    *(Binding(view.key, f"view('{view.name}')", view.label, id=f"view-{view.name}", tooltip=view.tooltip)
      for view in VIEW_LIST),
    Binding("n", "write('create')", "New", id="write-create", show=False, tooltip="Create a record in the open list (asks first)"),
    Binding("e", "write('update')", "Edit", id="write-update", show=False, tooltip="Update the open record (asks first)"),
    Binding("d", "write('delete')", "Delete", id="write-delete", show=False, tooltip="Delete the open record (asks first)"),
    # Not in the footer: the header always says `? help`, and the browser's keys need the room at 80 columns.
    Binding("question_mark", "help", "Help", id="help", show=False, tooltip="Show keys and commands"),
    Binding("escape", "back", "Back", id="back", show=False, tooltip="Close the command bar; back to the request"),
]  # fmt: skip
"""The main screen's bindings (the footer shows those with `show=True`); the views add their own."""

REQUEST_ACTIONS = frozenset({"send", "copy_curl", "reveal", "show_tab"})
"""The main screen's actions on the request view's request (the other views have their own `y`)."""


def key_acts(action: str, parameters: tuple[object, ...], *, view: str) -> bool:
    """Whether one of the main screen's keys acts (and the footer lists it) while `view` is shown.

    Not the key of the view shown (`b` in the browser), and the request's own keys (send, copy, reveal, curl)
    only in the request view, so `s` typed in the browser never sends what another view holds.
    """
    if action == "view":
        return parameters != (view,)
    if action in REQUEST_ACTIONS:
        return view == "request"
    return True


KEYS: tuple[tuple[str, str], ...] = (
    (":", "open the command bar"),
    ("ctrl+p", "command palette (the same commands)"),
    ("1 2 3", "Region presets: US1, IE1 Dublin, AU1 Sydney"),
    ("s", "send the request (Enter in the path or parameters too)"),
    ("x", "cancel the request in flight (s waits while a write is in flight)"),
    ("c", "show the curl command"),
    ("y", "copy the curl command (OSC 52) and save it to a file"),
    ("r", "reveal or hide the secret in the curl command (asks first)"),
    ("tab", "move between the picker and the inspector"),
    (" ".join(view.key for view in VIEW_LIST), "views: " + ", ".join(view.help for view in VIEW_LIST)),
    ("n e d", "in the browser: create in the open list, edit or delete the open record (form, then confirm)"),
    ("/", "search: the resource tree's search, or the table's row filter (letters typed there are text)"),
    ("a f m R", "in the browser: load all pages, server filters, more columns, reload after a Region switch"),
    ("u a e v l m d", "in profiles: use, add, edit, verify, login, import the TWILIO_* environment, remove"),
    ("enter y space m", "in history: send again, copy curl, mark, export the marked as Markdown"),
    ("?", "this help"),
    ("esc", "back: close the bar, a dialog, this help, a drill-down level, or return to the request"),
    ("q", "quit"),
)
"""Every key as the help screen lists it, the views' keys included."""
