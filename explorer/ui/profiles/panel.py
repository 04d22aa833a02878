"""The credential panel: profiles with their Region and source, the keyring backend, and add/edit/verify/login/remove.

The owner hands down a `ProfileBook` and a `client_factory` (the current session's `.sync_client`); the panel
posts `UseProfile` when the user picks a profile. Every keyring call, and every call that may make one
(verify and login load or save secrets), runs in a thread worker; a failure (no backend, a locked keyring,
a missing entry, a profiles file restored from its backup) is explained in the panel's status line, and the
panel stays usable.

Secrets: typed into masked inputs, cleared from them as soon as they are read, handed to workers inside
closures (a worker's description shows the `repr` of its arguments), and never shown, notified or logged.
"""

from __future__ import annotations

__all__ = ["CredentialPanel"]

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, DataTable, Input, Static

from explorer.core.errors import ExplorerError, as_explorer_error
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile, ProfileSource
from explorer.ui.dialogs.confirm import ConfirmScreen
from explorer.ui.profiles import status as said
from explorer.ui.profiles.form import CredentialForm
from explorer.ui.profiles.jobs import (
    BookReading,
    ClientSource,
    client_source,
    form_job,
    read_book,
    verify_job,
)
from explorer.ui.profiles.rows import DEMO_ROW, ProfileTable
from explorer.ui.text import plain

if TYPE_CHECKING:
    from explorer.core.verify import VerifyOutcome
    from explorer.model.session import Session


class CredentialPanel(Vertical):
    """Profiles and the secret store; posts `UseProfile` up. Never shows a secret."""

    DEFAULT_CSS = """
    CredentialPanel { height: 1fr; padding: 0 1; }
    CredentialPanel #cred-backend { height: auto; color: $text-muted; }
    CredentialPanel #cred-backend.-unusable { color: $warning; }
    CredentialPanel #cred-profiles { height: 1fr; min-height: 4; }
    CredentialPanel #cred-actions { height: auto; }
    CredentialPanel #cred-actions Button { margin-right: 1; min-width: 0; width: auto; }
    CredentialPanel #cred-status { height: auto; max-height: 12; padding: 0 1; }
    CredentialPanel #cred-status.-error { color: $error; border-left: thick $error; }
    CredentialPanel #cred-status.-warning { color: $warning; border-left: thick $warning; }
    CredentialPanel #cred-status.-ok { color: $success; border-left: thick $success; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "use", "Use", id="credentials.use", tooltip="Send requests as the selected profile"),
        Binding("a", "add", "Add", id="credentials.add", tooltip="Add a profile (secret saved in the keyring or kept for this session)"),
        Binding("e", "edit", "Edit", id="credentials.edit", tooltip="Change the selected profile; its secret must be typed again or is kept"),
        Binding("v", "verify", "Verify", id="credentials.verify", tooltip="Check the selected profile against its Region's host"),
        Binding("l", "login", "Login", id="credentials.login", tooltip="Turn a Region's Auth Token into a saved API key profile"),
        # Not `i`: that key shows the Inspector in every view.
        Binding("m", "import_env", "Import env", id="credentials.import-env", tooltip="Save the TWILIO_* environment profile in the keyring"),
        Binding("delete,d", "remove", "Remove", id="credentials.remove", tooltip="Remove the selected profile and its secret (asks first)"),
        Binding("escape", "close_form", "Close form", id="credentials.close-form", tooltip="Close the form; nothing is saved"),
    ]  # fmt: skip

    @dataclass
    class UseProfile(Message):
        """The user chose to send requests as profile `name`."""

        panel: CredentialPanel
        """The panel it was chosen in."""
        name: str
        """The profile's name (the owner loads its credential in a thread worker)."""

        @property
        def control(self) -> CredentialPanel:
            """The panel it was chosen in."""
            return self.panel

    book: reactive[ProfileBook | None] = reactive(None, init=False, always_update=True)
    """The profiles to manage (set by the owner; setting it reloads)."""
    active_session: reactive[Session | None] = reactive(None, init=False)
    """The session requests are sent as now (set by the owner): its row is marked, the demo's listed."""
    client_factory: ClientSource | None = None
    """Builds a client for verify and login (the session's `.sync_client`); None until a session has loaded."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._profiles: list[Profile] = []
        self._mode: str | None = None
        """The open form: `add`, `edit`, `login`, `import`, or None."""
        self._editing: Profile | None = None
        self._keyring_usable = True
        """Whether the keyring could store secrets at the last reading (the form's default follows it)."""
        self._form_failed: tuple[str, str, str, str | None, bool] | None = None
        """The form's values when the status began to show an error about them (cleared once they validate)."""

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Secrets: (checking the keyring…)", id="cred-backend", markup=False)
        yield ProfileTable(id="cred-profiles")
        with Horizontal(id="cred-actions"):
            for label, action in (("Use", "use"), ("Add", "add"), ("Edit", "edit"), ("Verify", "verify"),
                                  ("Login", "login"), ("Import env", "import_env"), ("Remove", "remove")):  # fmt: skip
                # The button's name is the panel action it runs (the same one its key binding runs).
                yield Button(label, id=f"cred-{action.replace('_', '-')}", name=action, compact=True)
        yield Static("", id="cred-status", markup=False)
        yield CredentialForm(id="cred-form")

    def on_mount(self) -> None:
        if self.book is not None:
            self.reload()
        else:
            self._status("No profiles yet: the app is still starting.")

    def watch_book(self, book: ProfileBook | None) -> None:
        if self.is_mounted:
            self.reload()

    # -- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        """List the profiles again and check the secret store, in a thread worker; report what it finds."""
        if self.book is not None:
            self._load(self.book, announce=True)

    def _refresh_after_change(self) -> None:
        # After an operation its own result stays on the status line; only new file problems are added.
        if self.book is not None:
            self._load(self.book, announce=False)

    @work(thread=True, exclusive=True, group="credentials-load")
    def _load(self, book: ProfileBook, *, announce: bool) -> None:
        self.app.call_from_thread(self._loaded, book, read_book(book), announce)

    def _loaded(self, book: ProfileBook, reading: BookReading, announce: bool) -> None:
        if book is not self.book:
            return
        label = self.query_one("#cred-backend", Static)
        label.update(plain(said.backend_line(reading)))
        label.set_class(reading.unusable is not None, "-unusable")
        self._keyring_usable = reading.unusable is None
        self._profiles = reading.profiles
        self._fill_table()
        if announce:
            self._status(*said.reading_status(reading))
        elif reading.problems:
            added = said.problems_text(reading.problems)
            self.query_one("#cred-status", Static).update(plain(f"{self.status}\n{added}", multiline=True))

    def _fill_table(self) -> None:
        self.query_one(ProfileTable).fill(self._profiles, self.active_session)

    def watch_active_session(self, session: Session | None) -> None:
        if self.is_mounted:
            self._fill_table()

    # -- state -------------------------------------------------------------------------------------

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """The profiles listed."""
        return tuple(self._profiles)

    @property
    def selected(self) -> Profile | None:
        """The profile under the cursor (None on the demo's row)."""
        key = self.query_one(ProfileTable).row_key
        return next((p for p in self._profiles if p.name == key), None)

    @property
    def status(self) -> str:
        """The status line's text (results and explained failures)."""
        return str(self.query_one("#cred-status", Static).render())

    def _status(self, text: str, state: str | None = None) -> None:
        status = self.query_one("#cred-status", Static)
        status.update(plain(text, multiline=True))
        for name in ("-error", "-warning", "-ok"):
            status.set_class(state == name, name)

    def _failed(self, error: ExplorerError) -> None:
        self._status(said.explain(error), "-error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc closes the form only while it is open (otherwise it goes to the screen); edit, verify and remove
        are offered on a profile's row, not on the demo's."""
        if action == "close_form":
            return self._mode is not None
        if action in ("edit", "verify", "remove"):
            return self.selected is not None
        return True

    @on(DataTable.RowHighlighted, "#cred-profiles")
    def _row_moved(self) -> None:
        self.refresh_bindings()  # the footer follows the row: the demo's has no edit, verify or remove

    # -- the form ----------------------------------------------------------------------------------

    def _open_form(self, mode: str, profile: Profile | None = None) -> None:
        self._mode = mode
        self._editing = profile
        title = said.form_title(mode, profile)
        self.query_one(CredentialForm).open(mode, title, profile, keyring_usable=self._keyring_usable)

    def action_close_form(self) -> None:
        """Close the form, forgetting what was typed (the secret above all)."""
        self.query_one(CredentialForm).close()
        self._form_failed = None
        self._mode = None
        self._editing = None
        self.query_one(ProfileTable).focus()

    def _submit(self) -> None:
        mode, editing = self._mode, self._editing
        book = self.book
        if mode is None or book is None:
            return
        form = self.query_one(CredentialForm)
        values = form.values()
        name, key = values[0], values[3]
        try:
            clients = partial(client_source, self.client_factory)
            job = form_job(mode, book, values, form.take_secret(), editing, clients)
        except ExplorerError as error:  # a malformed SID or name: explained before any keyring call
            self._failed(error)
            form.clear_pasted_secret(key)
            self._form_failed = form.values()
            return
        self.action_close_form()
        # The saved (or logged-in, or imported) profile's row takes the cursor once the list is read again:
        # Enter then uses it.
        self.query_one(ProfileTable).select_next = name
        self._status("Working…")
        self._run(job)

    @work(thread=True, exclusive=True, group="credentials-op")
    def _run(self, job: Callable[[], str]) -> None:
        # `job` is a closure so that no secret appears in the worker's description (it shows the args' repr).
        try:
            done = job()
        except Exception as error:  # noqa: BLE001 - a bug must still end as a failed operation, not a crash
            self.app.call_from_thread(self._failed, as_explorer_error(error, "working on the profiles"))
        else:
            self.app.call_from_thread(self._status, done, "-ok")
        self.app.call_from_thread(self._refresh_after_change)

    # -- actions -----------------------------------------------------------------------------------

    def action_use(self) -> None:
        """Post `UseProfile` for the selected profile (or the demo)."""
        profile = self.selected
        if self.query_one(ProfileTable).row_key == DEMO_ROW:
            self.post_message(self.UseProfile(self, DEMO_ROW))
            self._status("Using the demo: the local simulator.")
        elif profile is not None:
            self.post_message(self.UseProfile(self, profile.name))
            self._status(f"Using {profile.describe()}.")

    def action_add(self) -> None:
        """Open the form for a new profile."""
        self._open_form("add")

    def action_edit(self) -> None:
        """Open the form for the selected profile (not the environment one)."""
        profile = self.selected
        if profile is None:
            return
        if profile.source is ProfileSource.ENVIRONMENT:
            self._status(said.ENVIRONMENT_NOT_EDITED, "-warning")
            return
        self._open_form("edit", profile)

    def action_login(self) -> None:
        """Open the login form: a Region's Auth Token in, a saved API key profile out."""
        self._open_form("login")

    def action_import_env(self) -> None:
        """Open the form that saves the environment profile under a name."""
        self._open_form("import")

    def action_verify(self) -> None:
        """Check the selected profile against its Region's host (loads its secret in a thread worker)."""
        profile, book = self.selected, self.book
        if profile is None or book is None:
            return
        try:
            factory = client_source(self.client_factory)
        except ExplorerError as error:
            self._failed(error)
            return
        self._status(f"Verifying {profile.name} on {profile.api_host}…")
        self._verify(book, profile.name, factory)

    @work(thread=True, exclusive=True, group="credentials-op")
    def _verify(self, book: ProfileBook, name: str, factory: ClientSource) -> None:
        try:
            outcome = verify_job(book, name, factory)
        except Exception as error:  # noqa: BLE001 - a bug must still end as a failed verification, not a crash
            self.app.call_from_thread(self._failed, as_explorer_error(error, f"verifying {name}"))
            return
        self.app.call_from_thread(self._verified, outcome)

    def _verified(self, outcome: VerifyOutcome) -> None:
        self._status(*said.verified_status(outcome))

    def action_remove(self) -> None:
        """Ask, then remove the selected profile and its secret."""
        profile, book = self.selected, self.book
        if profile is None or book is None:
            return
        if profile.source is ProfileSource.ENVIRONMENT:
            self._status(said.ENVIRONMENT_NOT_REMOVED, "-warning")
            return
        where = "the keyring" if profile.source is ProfileSource.KEYRING else "memory"
        question = f"Remove profile {profile.describe()}?\nIts secret is deleted from {where}; this cannot be undone."

        def answer(yes: bool | None) -> None:
            if yes:
                self._status(f"Removing {profile.name}…")
                self._run(lambda: f"Removed {book.remove(profile.name).describe()}.")

        self.app.push_screen(ConfirmScreen(question, yes="Remove"), answer)

    # -- events ------------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#cred-profiles")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_use()

    @on(Button.Pressed, "#cred-actions Button")
    async def _action_button(self, event: Button.Pressed) -> None:
        # `Button(action=)` would run the action in the button's parent, the row, not this panel: the panel
        # runs it instead, through Textual's action machinery (`check_action` included), as a key would.
        event.stop()
        if event.button.name:
            await self.run_action(event.button.name)

    @on(Input.Changed, "#cred-form Input")
    def _recheck_form(self, event: Input.Changed) -> None:
        # An error about what was typed ("is not an Account SID") goes once the fields are right again: an old
        # complaint next to a corrected field reads as if the correction had not worked.
        values = self.query_one(CredentialForm).values()
        if self._form_failed in (None, values) or self._mode not in ("add", "edit", "login"):
            return  # no error shown, or the change is the form's own (a pasted secret cleared), not the user's
        name, account, region, key, _ = values
        try:
            Profile.create(name, account, region, api_key_sid=key if self._mode != "login" else None)
        except ExplorerError:
            return
        self._form_failed = None
        self._status("Looks right now: press Enter to save.")

    def on_credential_form_submitted(self, event: CredentialForm.Submitted) -> None:
        event.stop()
        self._submit()

    def on_credential_form_cancelled(self, event: CredentialForm.Cancelled) -> None:
        event.stop()
        self.action_close_form()
