"""The credential panel's add / edit / login / import form, with a masked secret input.

The form shows the fields its mode needs and hands values up; the secret is read once (`take_secret`) and
cleared from its input at the same moment, so it lives on only inside the job that uses it.
"""

from __future__ import annotations

__all__ = ["SAVE_KEYRING", "SAVE_SESSION", "CredentialForm"]

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select, Static

from explorer.core.errors import ExplorerError
from explorer.core.profiles import Profile, validate_api_key_sid
from explorer.core.regions import REGIONS
from explorer.core.secret import Secret
from explorer.ui.text import ControlPictures, plain

SAVE_KEYRING = "keyring"
"""Keep the secret in the OS keyring."""
SAVE_SESSION = "session"
"""Hold the secret in memory for this session only."""


class CredentialForm(Vertical):
    """Fields for one profile; posts `Submitted` or `Cancelled` up. Never shows the secret."""

    DEFAULT_CSS = """
    CredentialForm { height: auto; border: round $primary; padding: 0 1; display: none; }
    CredentialForm.-open { display: block; }
    CredentialForm #cred-form-title { text-style: bold; }
    CredentialForm .cred-row { height: 1; }
    CredentialForm .cred-label { width: 14; color: $text-muted; }
    CredentialForm Input { width: 1fr; }
    CredentialForm Select { width: 1fr; }
    CredentialForm #cred-form-buttons { height: auto; align: right middle; }
    CredentialForm #cred-form-buttons Button { margin-left: 1; }
    """

    class Submitted(Message):
        """The user asked to save (a button, or Enter in a field)."""

    class Cancelled(Message):
        """The user closed the form."""

    mode: str | None = None
    """The open form: `add`, `edit`, `login`, `import`, or None when closed."""

    def compose(self) -> ComposeResult:
        yield Static("", id="cred-form-title", markup=False)
        rows: list[tuple[str, Input | Select[str]]] = [
            ("Name", Input(placeholder="letters, digits, . _ -", id="cred-name", compact=True,
                                   highlighter=ControlPictures())),
            ("Account SID", Input(placeholder="AC…", id="cred-account", compact=True,
                                          highlighter=ControlPictures())),
            ("Region", Select(
                [(f"{r.id.upper()}  {r.location}", r.id) for r in REGIONS.values()],
                value="us1", allow_blank=False, id="cred-region", type_to_search=False, compact=True,
            )),
            ("API key SID", Input(placeholder="SK…; empty for an Auth Token", id="cred-key",
                                          compact=True, highlighter=ControlPictures())),
            ("Secret", Input(placeholder="masked", password=True, id="cred-secret", compact=True)),
            ("Keep it", Select(
                [("in the OS keyring", SAVE_KEYRING), ("for this session only (nothing saved)", SAVE_SESSION)],
                value=SAVE_KEYRING, allow_blank=False, id="cred-save", type_to_search=False, compact=True,
            )),
        ]  # fmt: skip
        for label, widget in rows:
            with Horizontal(classes="cred-row", id=f"{widget.id}-row"):
                yield Static(label, classes="cred-label")
                yield widget
        with Horizontal(id="cred-form-buttons"):
            yield Button("Cancel", id="cred-cancel", compact=True)
            yield Button("Save", id="cred-submit", variant="primary", compact=True)

    def open(
        self, mode: str, title: str, profile: Profile | None = None, *, keyring_usable: bool = True
    ) -> None:
        """Show the fields `mode` needs, filled from `profile` when editing.

        A new profile is kept in the keyring by default, or for this session only when the keyring cannot
        store secrets now (the panel says so above): the default must be a choice that can succeed.
        """
        self.mode = mode
        self.add_class("-open")
        self.query_one("#cred-form-title", Static).update(plain(title))
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
        save.value = SAVE_KEYRING if keyring_usable else SAVE_SESSION
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
        # At once, not on the next turn of the loop (`Widget.focus`): keys typed in one burst after `a`
        # (`mytest` Tab `AC…`) must land in the name field, then the next one, never in the table behind.
        self.screen.set_focus(account if mode == "edit" else name)
        self.app.call_after_refresh(self.scroll_visible)

    def close(self) -> None:
        """Hide the form and forget what was typed (the secret above all)."""
        self.query_one("#cred-secret", Input).value = ""
        self.remove_class("-open")
        self.mode = None

    def values(self) -> tuple[str, str, str, str | None, bool]:
        """Name, Account SID, Region, API key SID (None for an Auth Token) and whether it is session-only."""
        return (
            self.query_one("#cred-name", Input).value.strip(),
            self.query_one("#cred-account", Input).value.strip(),
            str(self.query_one("#cred-region", Select).value),
            self.query_one("#cred-key", Input).value.strip() or None,
            self.query_one("#cred-save", Select).value == SAVE_SESSION,
        )

    def take_secret(self) -> Secret:
        """The secret, read once, wrapped at once and cleared from its input."""
        secret_input = self.query_one("#cred-secret", Input)
        secret = Secret(secret_input.value.strip())
        secret_input.value = ""
        return secret

    def clear_pasted_secret(self, key: str | None) -> None:
        """Clear the key field if it holds no SID: most often the secret, pasted one field too early."""
        if key is None:
            return
        try:
            validate_api_key_sid(key)
        except ExplorerError:
            self.query_one("#cred-key", Input).value = ""

    @on(Input.Changed, "#cred-key")
    def _mask_what_is_no_key(self, event: Input.Changed) -> None:
        # An API key SID starts with SK; anything else typed or pasted here is most likely the secret one
        # field too early, so it is masked at once rather than shown in clear.
        value = event.value.strip().upper()
        event.input.password = bool(value) and not (value.startswith("SK") or "SK".startswith(value))

    @on(Button.Pressed, "#cred-submit")
    @on(Input.Submitted)
    def _submitted(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Submitted())

    @on(Button.Pressed, "#cred-cancel")
    def _cancelled(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Cancelled())
