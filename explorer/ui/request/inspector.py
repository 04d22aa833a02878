"""The request inspector: method and exact URL, verdict, headers, parameters, curl and snippets; the response."""

from __future__ import annotations

__all__ = ["Inspector"]

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static, TabbedContent, TabPane

from explorer.core.printable import visible
from explorer.model.outcome import Outcome, RequestView, phase_summary
from explorer.ui.lazy_select import LazySelect
from explorer.ui.text import Breakable, ControlPictures, append_plain, plain
from explorer.ui.tones import Tones, follow_theme

METHODS = ("GET", "POST", "DELETE")
_NOTHING_SENT = "Nothing sent yet for this target. Press s to send."


class Inspector(Vertical):
    """Shows the request the screen hands down and what came back; posts edits and send requests up."""

    @dataclass
    class Edited(Message):
        """The user changed the method, path or parameters."""

        inspector: Inspector
        """The inspector edited."""
        method: str
        """The method now chosen (`GET` when the choice is not one of `METHODS`)."""
        path: str
        """The path template as typed."""
        params: str
        """The parameters as typed, `Name=value&...`."""

        @property
        def control(self) -> Inspector:
            """The inspector edited."""
            return self.inspector

    @dataclass
    class SendRequested(Message):
        """The user asked to send the request."""

        inspector: Inspector
        """The inspector asking."""

        @property
        def control(self) -> Inspector:
            """The inspector asking."""
            return self.inspector

    @dataclass
    class RevealRequested(Message):
        """The user asked to show (or hide again) the secret in the curl command."""

        inspector: Inspector
        """The inspector asking."""

        @property
        def control(self) -> Inspector:
            """The inspector asking."""
            return self.inspector

    request: reactive[RequestView | None] = reactive(None, init=False)
    """The current request (set by the screen)."""
    outcome: reactive[Outcome | None] = reactive(None, init=False)
    """The last response for the current target (set by the screen; None clears it)."""
    sending: reactive[bool] = reactive(False, init=False)
    """True while a request is in flight."""
    pygments_style: reactive[str] = reactive("monokai", init=False)
    """The pygments style for response bodies."""

    def __init__(self, method: str, path: str, params: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = (method, path, params)
        self._filled = False
        """Whether the tabs not shown at first have their contents yet (they are mounted after the first frame)."""
        self._texts: dict[str, RenderableType] = dict.fromkeys(("curl-text", "python-text", "node-text"), "")
        self._texts["response-text"] = _NOTHING_SENT
        """What those tabs show, kept for them until they are mounted."""
        self._reveal_label = "Reveal secret"
        self._body_pending = False
        """Whether the response was set while the inspector was out of sight, and is drawn when it is shown."""

    def compose(self) -> ComposeResult:
        method, path, params = self._initial
        with Horizontal(id="request-line"):
            yield LazySelect(
                [(m, m) for m in METHODS],
                value=method,
                allow_blank=False,
                id="method",
                compact=True,
                type_to_search=False,
            )
            yield Input(
                path, placeholder="/2010-04-01/Accounts/{AccountSid}/...", id="path", compact=True,
                highlighter=ControlPictures(),
            )  # fmt: skip
            yield Button("Send", id="send", variant="primary", compact=True, tooltip="Send the request (s)")
        yield Input(
            params, placeholder="parameters: Name=value&Other=value (query for GET, form for POST)",
            id="params", compact=True, highlighter=ControlPictures(),
        )  # fmt: skip
        with TabbedContent(id="tabs", initial="tab-request"):
            with TabPane("Request", id="tab-request"), VerticalScroll():
                yield Static(id="request-text")
            # What the other tabs hold is mounted right after the first frame (`_fill_tabs`): unseen in it, it
            # would only make it later.
            yield TabPane("curl", id="tab-curl")
            yield TabPane("Python", id="tab-python")
            yield TabPane("Node", id="tab-node")
            yield TabPane("Response", id="tab-response")

    def on_mount(self) -> None:
        # Queued on this widget after the first frame, not run by the screen's after-refresh callbacks: those
        # run one after another, and the screen's own (the body is ready: replay the keys typed at start-up)
        # must not wait for these tabs.
        self.call_after_refresh(self.call_later, self._fill_tabs)
        follow_theme(self, self._redraw)

    async def _fill_tabs(self) -> None:
        texts = self._texts
        reveal = Button(
            self._reveal_label, id="reveal", compact=True,
            tooltip="Show the credential inline in the curl command (asks first) (r)",
        )  # fmt: skip
        contents = {
            "tab-curl": VerticalScroll(Static(texts["curl-text"], id="curl-text"), reveal),
            "tab-python": VerticalScroll(Static(texts["python-text"], id="python-text")),
            "tab-node": VerticalScroll(Static(texts["node-text"], id="node-text")),
            "tab-response": VerticalScroll(Static(texts["response-text"], id="response-text")),
        }
        # In the DOM as soon as `mount` is called: from here on, updates go to the widgets themselves.
        mounting = [self.query_one(f"#{pane}", TabPane).mount(content) for pane, content in contents.items()]
        self._filled = True
        for done in mounting:
            await done

    def _show(self, static_id: str, content: RenderableType) -> None:
        """Show `content` in the tab's Static, or keep it for the Static mounted after the first frame."""
        self._texts[static_id] = content
        if self._filled:
            self.query_one(f"#{static_id}", Static).update(content)

    def _redraw(self) -> None:
        # The colours drawn into the text are the theme's: draw it again in the new one's (the tab shown stays).
        self.watch_request(self.request)
        self.watch_pygments_style(self.pygments_style)

    # -- attributes down ----------------------------------------------------------------------------

    def set_request_fields(self, method: str, path: str, params: str) -> None:
        """Show another request's method, path and parameters (the owner already knows them: no Edited)."""
        with self.prevent(Input.Changed, Select.Changed):
            if method in METHODS:
                self.query_one("#method", Select).value = method
            self.query_one("#path", Input).value = path
            self.query_one("#params", Input).value = params

    def watch_request(self, view: RequestView | None) -> None:
        if view is None:
            return
        tones = Tones.of(self.app)
        self.query_one("#request-text", Static).update(_request_text(view, tones))
        # The curl quotes control characters itself ($'\x1b'); the snippets escape them in their literals.
        curl = plain(view.curl, multiline=True)
        if view.revealed:
            curl = (
                Text("⚠ The secret is shown inline. Do not share this screen.\n\n", style=tones.error) + curl
            )
        # Wrapped between arguments and after `/ ? &`, never inside `$TWILIO_ACCOUNT_SID`.
        self._show("curl-text", Breakable(curl))
        self._reveal_label = "Hide secret" if view.revealed else "Reveal secret"
        if self._filled:
            self.query_one("#reveal", Button).label = self._reveal_label
        self._show("python-text", plain(view.python, multiline=True))
        self._show("node-text", plain(view.node, multiline=True))

    def watch_sending(self, sending: bool) -> None:
        self.query_one("#send", Button).disabled = sending
        if sending:
            self._show("response-text", Text("Sending…", style="italic"))
            self.query_one("#tabs", TabbedContent).active = "tab-response"
        elif self.outcome is None:
            self._show("response-text", _NOTHING_SENT)

    def watch_pygments_style(self, style: str) -> None:
        # A theme switch re-highlights the body on screen, and changes nothing else (not the tab shown).
        if self.outcome is not None:
            self._draw_body(self.outcome)

    def watch_outcome(self, outcome: Outcome | None) -> None:
        if outcome is None:
            self._body_pending = False
            self._show("response-text", _NOTHING_SENT)
            return
        self._draw_body(outcome)
        self.query_one("#tabs", TabbedContent).active = "tab-response"

    def _draw_body(self, outcome: Outcome) -> None:
        # Formatting and highlighting a page is most of what the browser's load-all costs per page, and the
        # browser hides this view meanwhile: out of sight, the body is drawn when the view is shown again.
        if not self._in_sight():
            self._body_pending = True
            return
        self._body_pending = False
        self._show("response-text", _outcome_renderable(outcome, self.pygments_style, Tones.of(self.app)))

    def _in_sight(self) -> bool:
        return self.is_mounted and all(
            node.display for node in self.ancestors_with_self if isinstance(node, Widget)
        )

    def on_show(self) -> None:
        if self._body_pending and self.outcome is not None:
            self._draw_body(self.outcome)

    # -- messages up --------------------------------------------------------------------------------

    def _post_edit(self) -> None:
        method = self.query_one("#method", Select).value
        self.post_message(
            self.Edited(
                self,
                str(method) if method in METHODS else "GET",
                self.query_one("#path", Input).value,
                self.query_one("#params", Input).value,
            )
        )

    @on(Select.Changed, "#method")
    @on(Input.Changed, "#path, #params")
    def _edited(self, event: Message) -> None:
        event.stop()
        self._post_edit()

    @on(Input.Submitted, "#path, #params")
    @on(Button.Pressed, "#send")
    def _send(self, event: Message) -> None:
        event.stop()
        self.post_message(self.SendRequested(self))

    @on(Button.Pressed, "#reveal")
    def _reveal(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RevealRequested(self))


def _pairs(title: str, pairs: tuple[tuple[str, str], ...]) -> Text:
    text = Text(f"{title}\n", style="bold")
    if not pairs:
        text.append("  (none)\n", style="dim")
    for name, value in pairs:
        text.append(f"  {visible(name)}: ", style="dim")
        text.append(f"{visible(value)}\n")
    return text


def _request_text(view: RequestView, tones: Tones) -> RenderableType:
    text = Text()
    if view.error:
        text.append(f"{visible(view.error)}\n", style=tones.error)
        return text
    url = Text(f"{view.method} ", style="bold")
    url.append(visible(view.url), style="bold underline")
    text.append("Verdict ", style="bold")
    text.append(f" {view.verdict} ", style="reverse bold")
    text.append(f"  {visible(view.explanation)}\n\n")
    text.append_text(_pairs("Headers", view.headers))
    text.append_text(_pairs("Query", view.query))
    text.append_text(_pairs("Form", view.form))
    return Group(Breakable(url), text)


def _size(count: int) -> str:
    return f"{count} B" if count < 1024 else f"{count / 1024:.1f} KiB"


def _outcome_renderable(outcome: Outcome, style: str, tones: Tones) -> RenderableType:
    parts: list[RenderableType] = []
    sent_to = Text("Sent to ", style="dim")
    sent_to.append(visible(outcome.url), style="bold")
    parts.append(Breakable(sent_to))
    head = Text()
    exchange = outcome.exchange
    if exchange is not None:
        ok = exchange.status_code < 400
        head.append(f" {exchange.status_code} ", style=tones.success_badge if ok else tones.error_badge)
        head.append(f"  {exchange.timings.total * 1000:.0f} ms  {_size(len(exchange.body))}\n")
        phases = phase_summary(exchange.timings.phases)
        if phases:
            head.append("Phases  ", style="dim")
            head.append("  ".join(f"{label} {seconds * 1000:.1f} ms" for label, seconds in phases) + "\n")
        else:
            head.append("Phases  not reported by this transport\n", style="dim")
    parts.append(head)
    if outcome.explanation is not None:
        why = Text()
        why.append(f"{visible(outcome.explanation.title)}\n", style=tones.error)
        why.append("Cause  ", style="bold")
        why.append(f"{visible(outcome.explanation.cause)}\n")
        why.append("Fix    ", style="bold")
        why.append(f"{visible(outcome.explanation.fix)}\n")
        parts.append(why)
    if exchange is not None:
        parts.append(_pairs("Response headers", exchange.response_headers))
        parts.append(_pairs("Request headers (as sent)", exchange.request_headers))
        parts.append(Text("Body", style="bold"))
        parts.extend(_body(exchange.body, _content_type(exchange.response_headers), style, tones))
    return Group(*parts)


def _content_type(headers: tuple[tuple[str, str], ...]) -> str:
    for name, value in headers:
        if name.lower() == "content-type":
            return value.split(";")[0].strip().lower()
    return ""


def _body(body: bytes, content_type: str, style: str, tones: Tones) -> list[RenderableType]:
    """The body as it can be shown: JSON highlighted, anything else as text; control characters visible."""
    import json

    from explorer.ui.json_view import highlighted_json  # pygments comes in here, long after the first frame

    text = body.decode("utf-8", errors="replace")
    try:
        # Valid JSON holds no raw control character, but ensure_ascii=False lets DEL, C1 controls and bidi
        # overrides through: they are escaped like any other foreign text.
        pretty = json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError as error:
        shown = plain(text, multiline=True)
        if text and (content_type == "application/json" or content_type.endswith("+json")):
            note = append_plain(Text("body is not valid JSON: ", style=tones.error), str(error), tones.error)
            return [note, shown]
        return [shown]
    except RecursionError:
        return [
            Text("body is nested too deeply to format; shown as received", style="bold"),
            plain(text, multiline=True),
        ]
    return [highlighted_json(visible(pretty, multiline=True), style)]
