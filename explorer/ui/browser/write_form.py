"""The write form: a create, update or delete built from the catalogue operation's parameters, checked, then confirmed.

The form comes from `build_form`: fixed path values first (shown, not editable), then the required fields
(marked `*`), then the rest. Enums and booleans are choices; everything else is typed. "Review" runs
`validate_form` and shows every problem next to its field; only a form without problems goes on to
`ConfirmWriteScreen`, which names the Region, the host and the Account and shows the curl. The screen sends
nothing itself: it dismisses with the `RequestSpec` and its owner sends it.
"""

from __future__ import annotations

__all__ = ["WriteFormScreen"]

from collections.abc import Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from explorer.core.endpoint import Endpoint
from explorer.core.errors import ExplorerError
from explorer.core.forms import FieldProblem, FormError, FormField, build_form, validate_form, write_spec
from explorer.core.history import REDACTED_VALUE
from explorer.core.request import AuthKind, RequestSpec
from explorer.model.target import Target
from explorer.ui.browser.confirm_write import ConfirmWriteScreen
from explorer.ui.errors import error_text
from explorer.ui.text import ControlPictures, plain

_ACTIONS = {"POST": "create or update", "PUT": "update", "DELETE": "delete"}


def _hint(field: FormField) -> str:
    parts = [field.type]
    if field.format:
        parts.append(field.format)
    if field.minimum is not None or field.maximum is not None:
        low = "" if field.minimum is None else f"{field.minimum:g}"
        high = "" if field.maximum is None else f"{field.maximum:g}"
        parts.append(f"{low}…{high}")
    if field.pattern:
        parts.append(
            f"pattern {field.pattern}" + ("" if field.pattern_checked else " (checked by Twilio only)")
        )
    return " · ".join(parts)


class WriteFormScreen(ModalScreen[RequestSpec | None]):
    """A form for one write operation; dismisses with the confirmed `RequestSpec`, or None when cancelled."""

    DEFAULT_CSS = """
    WriteFormScreen { align: center middle; }
    WriteFormScreen #write-box {
        width: 90%; max-width: 110; height: 95%;
        border: thick $warning; background: $surface; padding: 0 1;
    }
    WriteFormScreen #write-title { text-style: bold; }
    WriteFormScreen #write-target { color: $text-muted; }
    WriteFormScreen #write-fields { height: 1fr; margin-top: 1; }
    WriteFormScreen .field-row { height: auto; margin-bottom: 1; }
    WriteFormScreen .field-head { height: 1; }
    WriteFormScreen .field-label { width: auto; margin-right: 2; }
    WriteFormScreen .field-label.-required { text-style: bold; color: $warning; }
    WriteFormScreen .field-hint { color: $text-muted; width: 1fr; height: 1; }
    WriteFormScreen .field-fixed { color: $text; padding-left: 1; }
    WriteFormScreen .field-problem { color: $error; display: none; }
    WriteFormScreen .field-problem.-shown { display: block; }
    WriteFormScreen .field-row Input, WriteFormScreen .field-row Select { margin-left: 1; width: 1fr; background: $boost; }
    WriteFormScreen .field-row.-invalid Input { background: $error 25%; }
    WriteFormScreen .field-row.-invalid Select { background: $error 25%; }
    WriteFormScreen #write-error { color: $error; height: auto; }
    WriteFormScreen #write-buttons { height: auto; align: right middle; }
    WriteFormScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="write.cancel", tooltip="Close the form; nothing is sent"),
        Binding("ctrl+r", "review", "Review", id="write.review", tooltip="Check the values and show the confirmation"),
    ]  # fmt: skip

    def __init__(
        self,
        endpoint: Endpoint,
        method: str,
        *,
        target: Target,
        account_sid: str,
        auth: AuthKind = AuthKind.API_KEY,
        path_values: Mapping[str, str] | None = None,
        initial: Mapping[str, str] | None = None,
    ) -> None:
        """The form for `method` on `endpoint`, to be sent to `target` for `account_sid`.

        `initial` pre-fills fields by name (a record's values for an update, or a history entry sent again);
        a value that is `[redacted]` is left empty so that it is typed again.

        Raises:
            InputError: the endpoint has no such operation, or a path value is missing (from `build_form`).
        """
        super().__init__()
        self.endpoint = endpoint
        self.method = method.upper()
        self.target = target
        self.account_sid = account_sid
        self.auth = auth
        self.fields: tuple[FormField, ...] = build_form(endpoint, method, path_values=path_values)
        """Every field, fixed path values first, then required ones."""
        self.problems: tuple[FieldProblem, ...] = ()
        """The problems the last review found (empty after a clean one)."""
        self._initial = {k: v for k, v in (initial or {}).items() if v != REDACTED_VALUE}

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        action = _ACTIONS.get(self.method, self.method)
        with Vertical(id="write-box"):
            yield Static(plain(f"{self.method} {self.endpoint.name}: {action}"), id="write-title")
            yield Static(
                plain(f"Region {self.target.region_id.upper()} · {self.endpoint.path}"), id="write-target"
            )
            with VerticalScroll(id="write-fields"):
                if not any(field.editable for field in self.fields):
                    yield Static("This operation takes no values.", classes="field-hint")
                for index, field in enumerate(self.fields):
                    with Vertical(classes="field-row", id=f"row-{index}"):
                        yield from self._field_widgets(index, field)
            yield Static("", id="write-error")
            with Horizontal(id="write-buttons"):
                yield Button("Cancel", id="write-cancel", compact=True)
                yield Button("Review  ctrl+r", id="write-review", variant="warning", compact=True)

    def _field_widgets(self, index: int, field: FormField) -> ComposeResult:
        marker = " *" if field.required else ""
        label = Label(plain(f"{field.name}{marker}"), classes="field-label")
        label.set_class(field.required, "-required")
        if field.fixed is not None:
            yield label
            yield Static(plain(f"{field.fixed}  (from the record)"), classes="field-fixed")
            return
        with Horizontal(classes="field-head"):
            yield label
            hint = _hint(field) + (" · required" if field.required else "")
            yield Static(plain(hint), classes="field-hint")
        widget_id = f"field-{index}"
        if field.choices or field.type == "boolean":
            choices = field.choices or ("true", "false")
            yield Select(
                [(plain(choice), choice) for choice in choices],
                prompt="(choose)" if field.required else "(not sent)",
                allow_blank=True,
                id=widget_id,
                type_to_search=False,
                compact=True,
            )
        else:
            # A value that is a secret of its own (a SIP password) is masked as it is typed.
            yield Input(
                placeholder=field.format or "", password=field.secret, id=widget_id, compact=True,
                highlighter=ControlPictures(),
            )  # fmt: skip
        yield Static("", classes="field-problem", id=f"problem-{index}")

    def on_mount(self) -> None:
        for index, field in enumerate(self.fields):
            value = self._initial.get(field.name)
            if value is None or not field.editable:
                continue
            widget = self.query_one(f"#field-{index}", Widget)
            if isinstance(widget, Input) or (
                isinstance(widget, Select) and value in (field.choices or ("true", "false"))
            ):
                widget.value = value
        # Focus the first empty field: with values filled in, that is the one still to type (a password).
        inputs = list(self.query(".field-row Input, .field-row Select").results(Widget))
        empty = [
            w
            for w in inputs
            if (isinstance(w, Input) and not w.value) or (isinstance(w, Select) and w.is_blank())
        ]
        first = (empty or inputs or [None])[0]
        if first is not None:
            # At once, not `focus()` (which waits a turn): keys typed as soon as the form shows go to it.
            self.set_focus(first)

    # -- values and problems -----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the form holds now, by field name (empty string: not given)."""
        values: dict[str, str] = {}
        for index, field in enumerate(self.fields):
            if not field.editable:
                continue
            widget = self.query_one(f"#field-{index}", Widget)
            if isinstance(widget, Select):
                values[field.name] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                values[field.name] = widget.value
        return values

    def _show_problems(self, problems: tuple[FieldProblem, ...]) -> None:
        self.problems = problems
        by_name: dict[str, list[str]] = {}
        for problem in problems:
            by_name.setdefault(problem.name, []).append(problem.message)
        first_bad: Widget | None = None
        for index, field in enumerate(self.fields):
            if not field.editable:
                continue
            messages = by_name.pop(field.name, [])
            shown = self.query_one(f"#problem-{index}", Static)
            shown.update(plain(f"✗ {field.name} " + "; ".join(messages) if messages else ""))
            shown.set_class(bool(messages), "-shown")
            self.query_one(f"#row-{index}").set_class(bool(messages), "-invalid")
            if messages and first_bad is None:
                first_bad = self.query_one(f"#field-{index}", Widget)
        # Problems that name no field (an unknown parameter) go to the form's own error line.
        rest = [f"{name} {message}" for name, messages in by_name.items() for message in messages]
        count = len(problems)
        summary = f"{count} value{'s' if count != 1 else ''} to fix; nothing was sent." if problems else ""
        self.query_one("#write-error", Static).update(
            plain("\n".join(filter(None, [summary, *rest])), multiline=True)
        )
        if first_bad is not None:
            first_bad.focus()
            first_bad.scroll_visible()

    # -- actions -----------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        """Close the form without sending anything."""
        self.dismiss(None)

    def action_review(self) -> None:
        """Check every value; with none wrong, ask for confirmation naming the Region, host and Account."""
        try:
            cleaned = validate_form(self.fields, self.values())
        except FormError as error:
            self._show_problems(error.problems)
            return
        self._show_problems(())
        try:
            spec = write_spec(
                self.endpoint,
                self.method,
                self.fields,
                cleaned,
                region=self.target.region,
                edge=self.target.edge,
                auth=self.auth,
            )
            secret_names = [field.name for field in self.fields if field.secret]
            confirm = ConfirmWriteScreen(
                spec, account_sid=self.account_sid, region=self.target.region_id, secret_names=secret_names
            )
        except ExplorerError as error:
            self.query_one("#write-error", Static).update(error_text(error, titled=False))
            return

        def answer(send: bool | None) -> None:
            if send:
                self.dismiss(spec)

        self.app.push_screen(confirm, answer)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter in any field reviews the form, as in a web form; it never sends by itself.
        event.stop()
        self.action_review()

    @on(Button.Pressed, "#write-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Button.Pressed, "#write-review")
    def _review_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_review()
