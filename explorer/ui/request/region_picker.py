"""The region/edge picker: presets, an advanced mode for any product, edge and Region, and the live verdict."""

from __future__ import annotations

__all__ = ["RegionPicker", "edge_options", "region_options"]

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Label, Select, Static

from explorer.core.errors import ExplorerError
from explorer.core.printable import visible
from explorer.core.regions import EDGES, LEGACY_IDS, PRODUCTS, REGIONS
from explorer.model.target import PRESETS, Target
from explorer.ui.lazy_select import LazySelect
from explorer.ui.request.library_table import LibraryTable
from explorer.ui.tones import Tones, follow_theme

_UNSET = "unset"


def edge_options() -> list[tuple[str, str]]:
    """The edge picker's (label, value) options: no edge, every Edge Location, then every legacy ID."""
    options = [("(no edge)", _UNSET)]
    options += [(f"{edge.id}  {edge.kind}", edge.id) for edge in EDGES.values()]
    options += [(f"{legacy.id}  legacy → {legacy.edge}", legacy.id) for legacy in LEGACY_IDS.values()]
    return options


def region_options() -> list[tuple[str, str]]:
    """The Region picker's (label, value) options: none (US1), every Region, then the legacy edge IDs."""
    options = [("(no region: US1)", _UNSET)]
    options += [(f"{region.id}  {region.location}", region.id) for region in REGIONS.values()]
    options += [
        (f"{legacy.id}  legacy edge ID", legacy.id)
        for legacy in LEGACY_IDS.values()
        if legacy.id not in REGIONS and "-" not in legacy.id
    ]
    return options


class RegionPicker(VerticalScroll):
    """Pick where requests go; shows the host the helper libraries would build, its verdict and the fix."""

    @dataclass
    class Changed(Message):
        """The user picked another target."""

        picker: RegionPicker
        """The picker used."""
        target: Target
        """The target picked (the screen decides whether to take it)."""

        @property
        def control(self) -> RegionPicker:
            """The picker used."""
            return self.picker

    target: reactive[Target] = reactive(Target, init=False)
    """The current target (set by the screen; the picker never changes it itself)."""

    def compose(self) -> ComposeResult:
        yield Label("Region", classes="section-title")
        with Horizontal(id="presets"):
            for region, label in PRESETS:
                yield Button(label, id=f"preset-{region}", classes="preset", compact=True)
        yield Label("Advanced: product · edge · region", classes="section-title")
        # Each Select starts on the target's value: one that starts elsewhere posts a late Changed for its
        # first value, which would move a target given at start-up (TWILIO_REGION) back to US1.
        product, edge, region = _select_values(self.target)
        yield LazySelect(
            [(p, p) for p in PRODUCTS], value=product, allow_blank=False, id="product", compact=True,
            type_to_search=False,
        )  # fmt: skip
        yield LazySelect(
            edge_options(), value=edge, allow_blank=False, id="edge", compact=True, type_to_search=False
        )
        yield LazySelect(
            region_options(), value=region, allow_blank=False, id="region", compact=True, type_to_search=False
        )
        yield Static(id="live")
        yield LibraryTable(id="libraries")

    def on_mount(self) -> None:
        self._sync(self.target)
        follow_theme(self, self._draw_host)

    def on_resize(self, event: events.Resize) -> None:
        # A label that does not fit would be clipped (`AU1 Syd`): where the row is too narrow for the
        # long labels (80 columns), the buttons say only the Region; the header names the edge.
        long_width = sum(len(label) + 3 for _, label in PRESETS)  # a Button pads by 2, plus its margin
        narrow = self.scrollable_content_region.width < long_width
        for region, label in PRESETS:
            self.query_one(f"#preset-{region}", Button).label = region.upper() if narrow else label

    def watch_target(self, target: Target) -> None:
        self._sync(target)

    def _sync(self, target: Target) -> None:
        product, edge, region = _select_values(target)
        with self.prevent(Select.Changed):
            self.query_one("#product", Select).value = product
            self.query_one("#edge", Select).value = edge
            self.query_one("#region", Select).value = region
        for preset, _ in PRESETS:
            button = self.query_one(f"#preset-{preset}", Button)
            button.set_class(Target.preset(preset, target.product) == target, "-selected")
        self._draw_host()

    def _draw_host(self) -> None:
        tones = Tones.of(self.app)
        self.query_one("#live", Static).update(_live(self.target, tones))
        self.query_one(LibraryTable).show(self.target, tones)

    @on(Button.Pressed, ".preset")
    def _preset(self, event: Button.Pressed) -> None:
        event.stop()
        region = (event.button.id or "").removeprefix("preset-")
        self.post_message(self.Changed(self, Target.preset(region, self.target.product)))

    @on(Select.Changed)
    def _advanced(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value in (_UNSET, Select.NULL) else str(event.value)
        target = self.target
        if event.select.id == "product" and value:
            target = Target(value, target.region, target.edge)
        elif event.select.id == "edge":
            target = Target(target.product, target.region, value)
        elif event.select.id == "region":
            target = Target(target.product, value, target.edge)
        if target != self.target:
            self.post_message(self.Changed(self, target))


def _select_values(target: Target) -> tuple[str, str, str]:
    """The (product, edge, region) values the three Selects show for `target` (unset for anything unlisted)."""
    product = target.product if target.product in PRODUCTS else "api"
    edges = {value for _, value in edge_options()}
    regions = {value for _, value in region_options()}
    edge = target.edge if target.edge in edges else _UNSET
    region = target.region if target.region in regions else _UNSET
    return product, edge, region


def _live(target: Target, tones: Tones) -> Text:
    text = Text()
    try:
        plan = target.plan
    except ExplorerError as error:
        text.append("Host\n", style="bold")
        text.append(f"{visible(error.message)}\n", style=tones.error)
        return text
    verdict = target.verdict
    text.append("Host the helper libraries build\n", style="bold")
    text.append(f"{plan.fqdn}\n", style="bold underline")
    if target.source_text is not None:
        text.append(f"{visible(target.source_text)}\n", style="italic")
    for origin in plan.origins:
        text.append(f"  {origin.part:<8}", style="dim")
        text.append(f"{origin.value or '—'}", style="bold")
        text.append(f"  from {origin.origin}\n", style="dim")
    text.append("Verdict ", style="bold")
    text.append(f" {verdict.summary} ", style="reverse bold" if verdict.kind.works else tones.error_badge)
    text.append(f"\n{verdict.explanation}\n", style="")
    if verdict.fix.fqdn == plan.fqdn:
        # Already the recommended host: nothing to fix, only how a program gets the same host.
        text.append("In code ", style="bold")
    else:
        text.append("Fix ", style="bold")
        text.append(f"{verdict.fix.fqdn}\n", style="bold")
    text.append(f"{verdict.fix.text}\n", style="dim")
    text.append(f"basis: {verdict.source}", style="dim italic")
    return text
