"""The credential panel: profiles with their Region and source, the keyring backend, and add/edit/verify/login/remove.

The owner hands down a `ProfileBook` and a `client_factory` (the current session's `.client`); the panel
posts `UseProfile` when the user picks a profile. Every keyring call, and every call that may make one
(verify and login load or save secrets), runs in a thread worker; a failure (no backend, a locked keyring,
a missing entry, a profiles file restored from its backup) is explained in the panel's status line, and the
panel stays usable.

Secrets: typed into masked inputs, cleared from them as soon as they are read, handed to workers inside
closures (a worker's description shows the `repr` of its arguments), and never shown, notified or logged.
"""

from __future__ import annotations

__all__ = ["CredentialPanel"]

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, DataTable, Input, Select, Static

from explorer.core.errors import CredentialError, ExplorerError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Profile, ProfileSource, validate_api_key_sid
from explorer.core.regions import REGIONS
from explorer.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from explorer.core.client import AsyncExplorerClient, Exchange, ExplorerClient
    from explorer.core.profiles import Credential
    from explorer.core.request import RequestSpec
    from explorer.core.verify import VerifyOutcome

ClientFactory = Callable[[], "AsyncExplorerClient"]
"""Builds a new async client on the app's network path (the session's `.client`); the panel closes it."""

_SAVE_KEYRING = "keyring"
_SAVE_SESSION = "session"


class _LoopClient:
    """`ExplorerClient`'s `send`/`get_url` over an `AsyncExplorerClient`, on a private loop in a worker thread.

    `verify_credential` and `login` are synchronous core functions (the command line uses them too), and
    login saves to the keyring between its requests, so the whole of each runs in one thread worker; this
    adapter lets them use the session's async client (its proxy, CA or test transport) from that thread.
    """

    def __init__(self, client: AsyncExplorerClient) -> None:
        self._client = client
        self._loop = asyncio.new_event_loop()

    def send(self, spec: RequestSpec, credential: Credential) -> Exchange:
        return self._loop.run_until_complete(self._client.send(spec, credential))

    def get_url(self, url: str, credential: Credential) -> Exchange:
        return self._loop.run_until_complete(self._client.get_url(url, credential))

    def close(self) -> None:
        try:
            self._loop.run_until_complete(self._client.aclose())
        finally:
            self._loop.close()


def _explain(error: ExplorerError) -> str:
    return f"{error.title}: {error.message}" + (f"\nWhat to do: {error.hint}" if error.hint else "")


def _credential_label(profile: Profile) -> str:
    return f"API key {profile.api_key_sid}" if profile.api_key_sid else "Auth Token"


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
    CredentialPanel #cred-form { height: auto; border: round $primary; padding: 0 1; display: none; }
    CredentialPanel #cred-form.-open { display: block; }
    CredentialPanel #cred-form-title { text-style: bold; }
    CredentialPanel #cred-form .cred-row { height: auto; }
    CredentialPanel #cred-form .cred-row { height: 1; }
    CredentialPanel #cred-form .cred-label { width: 14; color: $text-muted; }
    CredentialPanel #cred-form Input { width: 1fr; }
    CredentialPanel #cred-form Select { width: 1fr; }
    CredentialPanel #cred-form-buttons { height: auto; align: right middle; }
    CredentialPanel #cred-form-buttons Button { margin-left: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "use", "Use", id="credentials.use", tooltip="Send requests as the selected profile"),
        Binding("a", "add", "Add", id="credentials.add", tooltip="Add a profile (secret saved in the keyring or kept for this session)"),
        Binding("e", "edit", "Edit", id="credentials.edit", tooltip="Change the selected profile; its secret must be typed again or is kept"),
        Binding("v", "verify", "Verify", id="credentials.verify", tooltip="Check the selected profile against its Region's host"),
        Binding("l", "login", "Login", id="credentials.login", tooltip="Turn a Region's Auth Token into a saved API key profile"),
        Binding("i", "import_env", "Import env", id="credentials.import-env", tooltip="Save the TWILIO_* environment profile in the keyring"),
        Binding("delete,d", "remove", "Remove", id="credentials.remove", tooltip="Remove the selected profile and its secret (asks first)"),
        Binding("escape", "close_form", "Close form", id="credentials.close-form", tooltip="Close the form; nothing is saved"),
    ]  # fmt: skip

    class UseProfile(Message):
        """The user chose to send requests as profile `name`."""

        def __init__(self, panel: CredentialPanel, name: str) -> None:
            super().__init__()
            self.panel = panel
            self.name = name
            """The profile's name (load it with `ProfileBook.credential_async`)."""

        @property
        def control(self) -> CredentialPanel:
            return self.panel

    class Verified(Message):
        """A verification finished; the owner may show its exchange in the inspector."""

        def __init__(self, panel: CredentialPanel, outcome: VerifyOutcome) -> None:
            super().__init__()
            self.panel = panel
            self.outcome = outcome
            """What Twilio answered (the exchange's Authorization header is redacted)."""

        @property
        def control(self) -> CredentialPanel:
            return self.panel

    book: reactive[ProfileBook | None] = reactive(None, init=False, always_update=True)
    """The profiles to manage (set by the owner; setting it reloads)."""
    client_factory: ClientFactory | None = None
    """Builds a client for verify and login (the session's `.client`); None until a session has loaded."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._profiles: list[Profile] = []
        self._mode: str | None = None
        """The open form: `add`, `edit`, `login`, `import`, or None."""
        self._editing: Profile | None = None

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Secrets: (checking the keyring…)", id="cred-backend", markup=False)
        table: DataTable[str | Text] = DataTable(id="cred-profiles", cursor_type="row", zebra_stripes=True)
        yield table
        with Horizontal(id="cred-actions"):
            for label, action in (("Use", "use"), ("Add", "add"), ("Edit", "edit"), ("Verify", "verify"),
                                  ("Login", "login"), ("Import env", "import-env"), ("Remove", "remove")):  # fmt: skip
                yield Button(label, id=f"cred-{action}", compact=True)
        yield Static("", id="cred-status", markup=False)
        with Vertical(id="cred-form"):
            yield Static("", id="cred-form-title", markup=False)
            rows: list[tuple[str, Input | Select[str]]] = [
                ("Name", Input(placeholder="letters, digits, . _ -", id="cred-name", compact=True)),
                ("Account SID", Input(placeholder="AC…", id="cred-account", compact=True)),
                ("Region", Select(
                    [(f"{r.id.upper()}  {r.location}", r.id) for r in REGIONS.values()],
                    value="us1", allow_blank=False, id="cred-region", type_to_search=False, compact=True,
                )),
                ("API key SID", Input(placeholder="SK…; empty for an Auth Token", id="cred-key", compact=True)),
                ("Secret", Input(placeholder="masked", password=True, id="cred-secret", compact=True)),
                ("Keep it", Select(
                    [("in the OS keyring", _SAVE_KEYRING), ("for this session only (nothing saved)", _SAVE_SESSION)],
                    value=_SAVE_KEYRING, allow_blank=False, id="cred-save", type_to_search=False, compact=True,
                )),
            ]  # fmt: skip
            for label, widget in rows:
                with Horizontal(classes="cred-row", id=f"{widget.id}-row"):
                    yield Static(label, classes="cred-label")
                    yield widget
            with Horizontal(id="cred-form-buttons"):
                yield Button("Cancel", id="cred-cancel", compact=True)
                yield Button("Save", id="cred-submit", variant="primary", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#cred-profiles", DataTable)
        for label, key in (("Profile", "name"), ("Region", "region"), ("Host", "host"),
                           ("Credential", "credential"), ("Source", "source")):  # fmt: skip
            table.add_column(label, key=key)
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
        # Listing reads the profiles file; describing and checking the store imports and opens the keyring.
        problems: list[ExplorerError] = []
        try:
            profiles = book.profiles()
        except ExplorerError as error:
            profiles = []
            problems.append(error)
        if book.recovery is not None:
            problems.append(book.recovery)
        if book.environment_problem is not None:
            problems.append(book.environment_problem)
        backend = f"Secrets: {book.store.description}"
        try:
            book.store.check_available()
            usable: ExplorerError | None = None
        except ExplorerError as error:
            usable = error
        self.app.call_from_thread(self._loaded, book, profiles, backend, usable, problems, announce)

    def _loaded(
        self,
        book: ProfileBook,
        profiles: list[Profile],
        backend: str,
        unusable: ExplorerError | None,
        problems: list[ExplorerError],
        announce: bool,
    ) -> None:
        if book is not self.book:
            return
        label = self.query_one("#cred-backend", Static)
        if unusable is None:
            label.update(backend + " · usable")
        else:
            label.update(
                f"{backend} · cannot store secrets now. Session profiles and the TWILIO_* environment still work."
            )
        label.set_class(unusable is not None, "-unusable")
        table = self.query_one("#cred-profiles", DataTable)
        selected = self.selected
        table.clear()
        self._profiles = profiles
        for profile in profiles:
            table.add_row(
                profile.name,
                profile.region_label,
                profile.api_host,
                _credential_label(profile),
                str(profile.source),
                key=profile.name,
            )
        if selected is not None and selected.name in {p.name for p in profiles}:
            table.move_cursor(row=[p.name for p in profiles].index(selected.name))
        if not announce:
            if problems:
                added = "\n".join(_explain(problem) for problem in problems)
                self.query_one("#cred-status", Static).update(f"{self.status}\n{added}")
        elif problems:
            self._status("\n".join(_explain(problem) for problem in problems), "-warning")
        elif unusable is not None:
            self._status(_explain(unusable), "-warning")
        elif not profiles:
            self._status("No profiles yet. Press a to add one, l to log in with an Auth Token.")
        else:
            count = len(profiles)
            self._status(
                f"{count} profile{'s' if count != 1 else ''}. Enter uses one; a adds, e edits, v verifies, "
                "l logs in, i imports the environment, d removes."
            )

    # -- state -------------------------------------------------------------------------------------

    @property
    def profiles(self) -> tuple[Profile, ...]:
        """The profiles listed."""
        return tuple(self._profiles)

    @property
    def selected(self) -> Profile | None:
        """The profile under the cursor."""
        if not self._profiles:
            return None
        row = self.query_one("#cred-profiles", DataTable).cursor_row
        return self._profiles[row] if 0 <= row < len(self._profiles) else None

    @property
    def status(self) -> str:
        """The status line's text (results and explained failures)."""
        return str(self.query_one("#cred-status", Static).render())

    def _status(self, text: str, state: str | None = None) -> None:
        status = self.query_one("#cred-status", Static)
        status.update(text)
        for name in ("-error", "-warning", "-ok"):
            status.set_class(state == name, name)

    def _failed(self, error: ExplorerError) -> None:
        self._status(_explain(error), "-error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc closes the form only while it is open; otherwise it goes to the screen."""
        if action == "close_form":
            return self._mode is not None
        return True

    # -- the form ----------------------------------------------------------------------------------

    def _open_form(self, mode: str, title: str, profile: Profile | None = None) -> None:
        self._mode = mode
        self._editing = profile
        form = self.query_one("#cred-form")
        form.add_class("-open")
        self.query_one("#cred-form-title", Static).update(title)
        name = self.query_one("#cred-name", Input)
        account = self.query_one("#cred-account", Input)
        region = self.query_one("#cred-region", Select)
        key = self.query_one("#cred-key", Input)
        secret = self.query_one("#cred-secret", Input)
        save = self.query_one("#cred-save", Select)
        name.value = profile.name if profile else ""
        name.disabled = mode == "edit"
        account.value = profile.account_sid if profile else ""
        region.value = profile.region if profile else "us1"
        key.value = (profile.api_key_sid or "") if profile else ""
        secret.value = ""
        secret.placeholder = {
            "login": "the Region's Auth Token (masked; used once, never saved)",
            "edit": "new secret (masked); leave empty to keep the stored one",
        }.get(mode, "API key secret or Auth Token (masked)")
        for widget, shown in ((account, mode != "import"), (region, mode != "import"),
                              (key, mode in ("add", "edit")), (secret, mode != "import"),
                              (save, mode == "add")):  # fmt: skip
            self.query_one(f"#{widget.id}-row").display = shown
        self.query_one("#cred-submit", Button).label = {"login": "Log in", "import": "Import"}.get(
            mode, "Save"
        )
        (account if mode == "edit" else name).focus()
        self.app.call_after_refresh(form.scroll_visible)

    def action_close_form(self) -> None:
        """Close the form, forgetting what was typed (the secret above all)."""
        self.query_one("#cred-secret", Input).value = ""
        self.query_one("#cred-form").remove_class("-open")
        self._mode = None
        self._editing = None
        self.query_one("#cred-profiles", DataTable).focus()

    def _take_secret(self) -> str:
        # Read once and clear at once: the secret lives on only inside the worker's closure.
        secret_input = self.query_one("#cred-secret", Input)
        secret = secret_input.value.strip()
        secret_input.value = ""
        return secret

    def _submit(self) -> None:
        mode, editing = self._mode, self._editing
        book = self.book
        if mode is None or book is None:
            return
        name = self.query_one("#cred-name", Input).value.strip()
        account = self.query_one("#cred-account", Input).value.strip()
        region = str(self.query_one("#cred-region", Select).value)
        key = self.query_one("#cred-key", Input).value.strip() or None
        session_only = self.query_one("#cred-save", Select).value == _SAVE_SESSION
        secret = self._take_secret()
        try:
            if mode == "import":
                job = self._import_job(book, name)
            elif mode == "login":
                job = self._login_job(book, name, account, region, secret)
            else:
                edge = editing.edge if editing is not None and editing.region == region else None
                profile = Profile.create(name, account, region, edge=edge, api_key_sid=key)
                job = self._save_job(book, profile, secret, editing, session_only)
        except ExplorerError as error:  # a malformed SID or name: explained before any keyring call
            self._failed(error)
            self._clear_pasted_secret(key)
            return
        self.action_close_form()
        self._status("Working…")
        self._run(job)

    def _clear_pasted_secret(self, key: str | None) -> None:
        # A value in the key SID field that is no SID is most often the secret pasted one field too early.
        if key is None:
            return
        try:
            validate_api_key_sid(key)
        except ExplorerError:
            self.query_one("#cred-key", Input).value = ""

    def _save_job(
        self, book: ProfileBook, profile: Profile, secret: str, editing: Profile | None, session_only: bool
    ) -> Callable[[], str]:
        if editing is None and not secret:
            raise CredentialError("the secret is empty", hint="paste the API key secret or the Auth Token")

        def save() -> str:
            if editing is not None and editing.source is ProfileSource.SESSION:
                kept = secret or book.credential(editing.name).secret
                book.remove(editing.name)
                book.add_session(profile, kept)
                return f"Updated session profile {profile.describe()}."
            if editing is not None:
                kept = secret or book.credential(editing.name).secret
                book.add(profile, kept, replace_existing=True)
                return f"Updated {profile.describe()}; its secret is in the {book.store.description}."
            if session_only:
                added = book.add_session(profile, secret)
                return f"Added {added.describe()}: held in memory until the app exits."
            added = book.add(profile, secret)
            return f"Saved {added.describe()}; its secret is in the {book.store.description}."

        return save

    def _import_job(self, book: ProfileBook, name: str) -> Callable[[], str]:
        def run() -> str:
            saved = book.import_environment(name)
            return f"Imported the TWILIO_* environment profile as {saved.describe()}."

        return run

    def _login_job(
        self, book: ProfileBook, name: str, account: str, region: str, token: str
    ) -> Callable[[], str]:
        factory = self._factory()
        if not token:
            raise CredentialError(
                "the Auth Token is empty", hint="paste the Region's Auth Token from the Console"
            )

        def run() -> str:
            from explorer.core.verify import login

            client = _LoopClient(factory())
            try:
                outcome = login(
                    cast("ExplorerClient", client),
                    book,
                    name,
                    account_sid=account,
                    region=region,
                    auth_token=token,
                )
            finally:
                client.close()
            return (
                f"Logged in: created API key {outcome.profile.api_key_sid} ({outcome.key_friendly_name!r}) in "
                f"{outcome.profile.region_label} and saved {outcome.profile.describe()}. The Auth Token was not kept."
            )

        return run

    def _factory(self) -> ClientFactory:
        if self.client_factory is None:
            raise CredentialError(
                "there is no connection to verify with yet",
                hint="wait until the session has loaded, then try again",
            )
        return self.client_factory

    @work(thread=True, exclusive=True, group="credentials-op")
    def _run(self, job: Callable[[], str]) -> None:
        # `job` is a closure so that no secret appears in the worker's description (it shows the args' repr).
        try:
            done = job()
        except ExplorerError as error:
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._status, done, "-ok")
        self.app.call_from_thread(self._refresh_after_change)

    # -- actions -----------------------------------------------------------------------------------

    def action_use(self) -> None:
        """Post `UseProfile` for the selected profile."""
        profile = self.selected
        if profile is not None:
            self.post_message(self.UseProfile(self, profile.name))
            self._status(f"Using {profile.describe()}.")

    def action_add(self) -> None:
        """Open the form for a new profile."""
        self._open_form(
            "add", "Add a profile: the secret goes to the keyring, or stays in memory for this session"
        )

    def action_edit(self) -> None:
        """Open the form for the selected profile (not the environment one)."""
        profile = self.selected
        if profile is None:
            return
        if profile.source is ProfileSource.ENVIRONMENT:
            self._status(
                "The environment profile comes from the TWILIO_* variables: change them, or press i to import "
                "it as a saved profile and edit that.",
                "-warning",
            )
            return
        self._open_form("edit", f"Edit {profile.name} ({profile.source}); the secret is never shown", profile)

    def action_login(self) -> None:
        """Open the login form: a Region's Auth Token in, a saved API key profile out."""
        self._open_form(
            "login", "Log in: the Auth Token creates an API key in its Region; only the key is saved"
        )

    def action_import_env(self) -> None:
        """Open the form that saves the environment profile under a name."""
        self._open_form("import", "Import the TWILIO_* environment profile into the keyring under this name")

    def action_verify(self) -> None:
        """Check the selected profile against its Region's host (loads its secret in a thread worker)."""
        profile, book = self.selected, self.book
        if profile is None or book is None:
            return
        try:
            factory = self._factory()
        except ExplorerError as error:
            self._failed(error)
            return
        self._status(f"Verifying {profile.name} on {profile.api_host}…")
        self._verify(book, profile.name, factory)

    @work(thread=True, exclusive=True, group="credentials-op")
    def _verify(self, book: ProfileBook, name: str, factory: ClientFactory) -> None:
        from explorer.core.verify import verify_credential

        try:
            credential = book.credential(name)
            client = _LoopClient(factory())
            try:
                outcome = verify_credential(cast("ExplorerClient", client), credential)
            finally:
                client.close()
        except ExplorerError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._verified, outcome)

    def _verified(self, outcome: VerifyOutcome) -> None:
        text = outcome.summary + (f"\n{outcome.explanation}" if outcome.explanation else "")
        self._status(("✓ " if outcome.ok else "✗ ") + text, "-ok" if outcome.ok else "-error")
        self.post_message(self.Verified(self, outcome))

    def action_remove(self) -> None:
        """Ask, then remove the selected profile and its secret."""
        profile, book = self.selected, self.book
        if profile is None or book is None:
            return
        if profile.source is ProfileSource.ENVIRONMENT:
            self._status(
                "The environment profile cannot be removed here: unset the TWILIO_* variables.", "-warning"
            )
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
    def _action_button(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").removeprefix("cred-").replace("-", "_")
        getattr(self, f"action_{action}")()

    @on(Button.Pressed, "#cred-submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    @on(Button.Pressed, "#cred-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close_form()

    @on(Input.Submitted, "#cred-form Input")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()
