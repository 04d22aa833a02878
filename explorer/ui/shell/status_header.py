"""The header: profile and source, Account SID, Region, edge, host with its verdict badge, and `?` for help."""

from __future__ import annotations

__all__ = ["StatusHeader", "short_sid"]

from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from explorer.core.printable import visible
from explorer.core.verdict import VerdictKind
from explorer.model.session import Session
from explorer.model.target import Target

_BADGE = {
    VerdictKind.VALID: "status-header--valid",
    VerdictKind.US1: "status-header--us1",
    VerdictKind.EDGE_IGNORED: "status-header--edge-ignored",
}
"""The component class of each verdict's badge; any other verdict is a problem (`status-header--problem`)."""


def short_sid(sid: str) -> str:
    """`AC1234…cdef`: enough to tell accounts apart without filling the header."""
    return sid if len(sid) <= 12 else f"{sid[:6]}…{sid[-4:]}"


class StatusHeader(Widget):
    """Two lines that say, at all times, who the app sends as and exactly where."""

    # The badges' colours are the theme's: a light or high-contrast theme recolours them, and the text on
    # each is black or white, whichever reads better on it (`auto`).
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-header--valid",
        "status-header--us1",
        "status-header--edge-ignored",
        "status-header--problem",
        "status-header--demo",
    }

    DEFAULT_CSS = """
    StatusHeader { height: 2; }
    StatusHeader > .status-header--valid { background: $success; color: auto 100%; text-style: bold; }
    StatusHeader > .status-header--us1 { background: $primary; color: auto 100%; text-style: bold; }
    StatusHeader > .status-header--edge-ignored { background: $warning; color: auto 100%; text-style: bold; }
    StatusHeader > .status-header--problem { background: $error; color: auto 100%; text-style: bold; }
    StatusHeader > .status-header--demo { background: $warning; color: auto 100%; text-style: bold; }
    """

    target: reactive[Target] = reactive(Target)
    """Where requests go (set by the screen)."""
    profile: reactive[str] = reactive("demo")
    """The profile name."""
    source: reactive[str] = reactive("starting the local simulator…")
    """Where the profile comes from."""
    account_sid: reactive[str] = reactive("")
    """The Account SID, shown shortened."""
    demo: reactive[bool] = reactive(True)
    """Whether the demo badge is shown."""
    read_only: reactive[bool] = reactive(False)
    """Whether writes are disabled."""

    class Painted(Message):
        """Posted once, when the header has been rendered into the first frame."""

    _painted = False

    def show_session(self, session: Session) -> None:
        """Show who requests are sent as: the session's name, source, Account and whether it is the demo."""
        self.profile = session.name
        self.source = session.source
        self.account_sid = session.account_sid
        self.demo = session.demo

    def watch_target(self, old: Target, new: Target) -> None:
        self.remove_class(f"-region-{_accent(old)}")
        self.add_class(f"-region-{_accent(new)}")

    def on_mount(self) -> None:
        self.add_class(f"-region-{_accent(self.target)}")

    def render(self) -> Text:
        target = self.target
        verdict = target.verdict
        wide = self.size.width >= 110
        top = Text(no_wrap=True, overflow="ellipsis")
        # The title stays at 80 columns, shortened; the demo badge then says what the profile's source would.
        top.append(" Twilio Region Explorer " if wide else " Region Explorer ", style="bold")
        if self.demo:
            top.append(" Demo · local simulator ", style=self.get_component_rich_style("status-header--demo"))
            top.append(" ")
        top.append("profile ", style="dim")
        # The profile name and its source may quote what was typed after `:profile`.
        top.append(visible(self.profile), style="bold")
        if wide or not self.demo:
            top.append(f" ({visible(self.source)})", style="dim")
        if self.account_sid:
            top.append("  account " if wide else " ", style="dim")
            top.append(visible(short_sid(self.account_sid)))
        if self.read_only:
            top.append("  READ-ONLY", style="bold")
        top.append("  ? help  : command" if wide else "  ? help", style="dim")
        bottom = Text(no_wrap=True, overflow="ellipsis")
        bottom.append(" Region ", style="dim")
        bottom.append(f"{target.region_id.upper():<4}", style="bold")
        bottom.append(" edge ", style="dim")
        bottom.append(f"{target.edge or '—'}", style="bold")
        bottom.append("  host ", style="dim")
        bottom.append(target.fqdn, style="bold underline")
        bottom.append(" ")
        badge = _BADGE.get(verdict.kind, "status-header--problem")
        bottom.append(f" {verdict.summary} ", style=self.get_component_rich_style(badge))
        top.truncate(max(self.size.width, 1), overflow="ellipsis")
        bottom.truncate(max(self.size.width, 1), overflow="ellipsis")
        joined = Text("\n", no_wrap=True, overflow="ellipsis").join([top, bottom])
        joined.no_wrap = True
        if not self._painted and self.size.width:
            # The compositor writes the frame right after rendering, in the same update; the message is
            # handled after it, so whoever waits for it runs once the first frame is on the terminal.
            self._painted = True
            self.post_message(self.Painted())
        return joined


def _accent(target: Target) -> str:
    region = target.verdict.processing_region or target.region_id
    return region if region in ("us1", "ie1", "au1") else "other"
