"""Products and their list resources from the catalogue, with search and the current Region's availability.

A resource the Region does not offer (or whose product the Region's lists do not name) keeps its place in
the tree, marked, with the claim's reason and source shown below the tree; it can still be opened, to see
what Twilio answers.
"""

from __future__ import annotations

__all__ = ["ResourceTree", "top_level_lists"]

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from explorer.catalog.loader import Catalog
from explorer.core.availability import Availability, Claim
from explorer.core.endpoint import Endpoint
from explorer.core.printable import visible
from explorer.ui.text import ControlPictures, plain

_MARKS = {Availability.NOT_OFFERED: "✗", Availability.NOT_DOCUMENTED: "?", Availability.BETA: "β"}


def top_level_lists(catalog: Catalog, product: str | None = None) -> tuple[Endpoint, ...]:
    """The lists that open without a parent record (no path parameter but the Account SID)."""
    return tuple(e for e in catalog.lists(product) if set(e.path_params) <= {"AccountSid"})


def claim_text(claim: Claim) -> Text:
    """`not offered in AU1: Messaging is not in AU1 · source …` for the detail line."""
    text = Text()
    text.append(f"{claim.availability} in {claim.region.upper()}", style="bold")
    if claim.note:
        text.append(f": {visible(claim.note)}")
    text.append("\nsource: ", style="dim")
    text.append(str(claim.source), style="dim")
    return text


class ResourceTree(Vertical):
    """The catalogue as products → resources; Enter (or a click) on a resource posts `Opened`."""

    DEFAULT_CSS = """
    ResourceTree { width: 30%; max-width: 34; min-width: 18; border-right: vkey $foreground 20%; }
    ResourceTree #tree-search { height: 1; border: none; }
    ResourceTree Tree { height: 1fr; scrollbar-size-vertical: 1; }
    ResourceTree #tree-detail { height: auto; max-height: 6; color: $text-muted; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # `/` searches here as it filters in the table; ^f stays for those used to it.
        Binding(
            "slash", "search", "Search", id="tree.search", tooltip="Search the resources by name or id (/)"
        ),
        Binding(
            "ctrl+f", "search", "Search", id="tree.search-ctrl-f", show=False, tooltip="Search the resources"
        ),
    ]

    @dataclass
    class Opened(Message):
        """The user opened a resource."""

        tree: ResourceTree
        """The tree the resource was opened in."""
        endpoint: Endpoint
        """The resource opened."""

        @property
        def control(self) -> ResourceTree:
            """The tree the resource was opened in."""
            return self.tree

    availability_region: reactive[str] = reactive("us1", init=False)
    """The Region whose availability marks the resources (set by the pane)."""
    search: reactive[str] = reactive("", init=False)
    """The search text: resources whose id contains it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._catalog: Catalog | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="search resources", id="tree-search", compact=True, highlighter=ControlPictures()
        )
        tree: Tree[Endpoint | None] = Tree("resources", id="tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Static("Loading the catalogue…", id="tree-detail")

    @property
    def tree_widget(self) -> Tree[Endpoint | None]:
        """The Tree inside."""
        return self.query_one("#tree", Tree)

    def show_catalog(self, catalog: Catalog) -> None:
        """Fill the tree from `catalog`."""
        self._catalog = catalog
        self._rebuild()

    def claim(self, endpoint: Endpoint) -> Claim | None:
        """The availability claim for `endpoint` in the current Region (None before the catalogue loads)."""
        return self._catalog.claim(endpoint, self.availability_region) if self._catalog is not None else None

    def action_search(self) -> None:
        """Focus the search field."""
        self.query_one("#tree-search", Input).focus()

    def watch_availability_region(self) -> None:
        self._rebuild()

    def watch_search(self) -> None:
        self._rebuild()

    @on(Input.Changed, "#tree-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search = event.value.strip().lower()

    @on(Input.Submitted, "#tree-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        tree = self.tree_widget
        tree.focus()
        # The first match, so Enter again opens it.
        for product in tree.root.children:
            if product.children:
                tree.move_cursor(product.children[0])
                break

    def _rebuild(self) -> None:
        catalog = self._catalog
        if catalog is None:
            return
        tree = self.tree_widget
        tree.clear()
        needle = self.search
        shown = 0
        for product in catalog.products:
            endpoints = [e for e in top_level_lists(catalog, product) if not needle or needle in e.id]
            if not endpoints:
                continue
            product_claim = catalog.claim(endpoints[0], self.availability_region)
            label = plain(product, style="bold")
            mark = _MARKS.get(product_claim.availability)
            if mark and all(catalog.claim(e, self.availability_region).availability is product_claim.availability
                            for e in endpoints):  # fmt: skip
                label.append(f" {mark}", style="dim")
            node: TreeNode[Endpoint | None] = tree.root.add(label, data=None, expand=bool(needle))
            for endpoint in endpoints:
                node.add_leaf(self._label(endpoint), data=endpoint)
                shown += 1
        region = self.availability_region.upper()
        self.query_one("#tree-detail", Static).update(
            plain(
                f"{shown} resource{'s' if shown != 1 else ''} in {region} · ✗ not offered · ? not documented · β beta"
                if shown
                else f"nothing matches {needle!r}"
            )
        )

    def _label(self, endpoint: Endpoint) -> Text:
        name = visible(endpoint.id.split(":", 1)[1])  # an --openapi file is foreign text too
        claim = self.claim(endpoint)
        if claim is None or claim.availability is Availability.GA:
            return Text(name)
        mark = _MARKS[claim.availability]
        style = (
            ""
            if claim.availability.offered
            else "dim strike"
            if claim.availability is Availability.NOT_OFFERED
            else "dim"
        )
        return Text.assemble((name, style), (f" {mark}", "bold"))

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[Endpoint | None]) -> None:
        event.stop()
        endpoint = event.node.data
        detail = self.query_one("#tree-detail", Static)
        if endpoint is None:
            return
        claim = self.claim(endpoint)
        if claim is None:
            return
        text = Text(visible(endpoint.id) + "\n", style="bold")
        text.append_text(claim_text(claim))
        detail.update(text)

    @on(Tree.NodeSelected, "#tree")
    def _selected(self, event: Tree.NodeSelected[Endpoint | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Opened(self, event.node.data))
