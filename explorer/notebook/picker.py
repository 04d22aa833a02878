"""The live picker: the app's request view in a notebook, with ipywidgets (the `notebook` extra).

Region, edge, product and resource dropdowns aim the `Explorer`; the host with its verdict and the request
with its curl are redrawn on every change, and Send shows the exchange (or the error) below. The logic is in
plain methods (`refresh`, `send_now`) driven by the widgets' observers, so a test can change the values and
read the outputs without a browser.
"""

from __future__ import annotations

__all__ = ["Aimable", "Picker"]

from dataclasses import replace
from types import EllipsisType
from typing import TYPE_CHECKING, Any, Protocol

from explorer.core.errors import ExplorerError, as_explorer_error
from explorer.core.regions import EDGES, REGIONS
from explorer.core.request import ACCOUNT_SID_PARAM
from explorer.notebook.markup import esc

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog
    from explorer.model.target import Target
    from explorer.notebook.exchange_view import Response
    from explorer.notebook.host_views import HostReport, Request


class Aimable(Protocol):
    """What the picker drives: an `Explorer` (named by its shape, so the explorer can offer `picker()`)."""

    target: Target

    @property
    def catalog(self) -> Catalog: ...

    def point(
        self, region: str | None = None, edge: str | EllipsisType | None = ..., *, product: str | None = None
    ) -> HostReport: ...

    def host(self) -> HostReport: ...

    def request(self, resource_id: str, sid: str | None = None, **filters: Any) -> Request: ...

    def send(self, resource_id: str, sid: str | None = None, **filters: Any) -> Response: ...


NO_EDGE = "(none)"
"""The edge dropdown's entry for no edge setting."""


def _widgets() -> Any:
    try:
        import ipywidgets
    except ImportError:
        raise ExplorerError(
            "the picker needs ipywidgets, which is not installed",
            hint="pip install 'twilio-region-explorer[notebook]'",
            title="ipywidgets missing",
        ) from None
    return ipywidgets


class Picker:
    """Dropdowns for the target and the resource, the live host, verdict and curl, and a Send button."""

    def __init__(self, explorer: Aimable, resource_id: str = "api:applications") -> None:
        widgets = _widgets()
        self.explorer = explorer
        catalog = explorer.catalog
        first = catalog.find(resource_id)
        target = explorer.target
        self.region = widgets.Dropdown(description="Region", options=list(REGIONS), value=target.region_id)
        self.edge = widgets.Dropdown(
            description="Edge", options=[NO_EDGE, *EDGES], value=target.edge or NO_EDGE
        )
        self.product = widgets.Dropdown(
            description="Product", options=list(catalog.products), value=first.product
        )
        self.resource = widgets.Dropdown(
            description="Resource", options=self._resources(first.product), value=first.id
        )
        self.host = widgets.HTML()
        """The host the target makes, its verdict and the fix."""
        self.request = widgets.HTML()
        """The request: method, host, path, verdict and docs-safe curl."""
        self.send = widgets.Button(description="Send", button_style="primary", tooltip="Send the request")
        self.result = widgets.HTML()
        """The last exchange (or the error), after Send."""
        self.widget = widgets.VBox([
            widgets.HBox([self.region, self.edge]),
            widgets.HBox([self.product, self.resource]),
            self.host, self.request, self.send, self.result,
        ])  # fmt: skip
        self._quiet = False
        self.region.observe(self._region_changed, names="value")
        self.edge.observe(self._edge_changed, names="value")
        self.product.observe(self._product_changed, names="value")
        self.resource.observe(lambda _: self.refresh(), names="value")
        self.send.on_click(lambda _: self.send_now())
        self.refresh()

    def __repr__(self) -> str:
        return f"<Picker {self.resource.value} → {self.explorer.target.fqdn}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # -- the logic --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw the host, verdict and curl for the values now chosen; the last exchange is cleared."""
        if self._quiet:
            return
        self.result.value = ""
        ex = self.explorer
        ex.target = replace(ex.target, product=self.product.value)
        self.host.value = ex.host()._repr_html_()
        try:
            self.request.value = ex.request(self.resource.value)._repr_html_()
            self.send.disabled = False
        except ExplorerError as error:
            self.request.value = error.html()
            self.send.disabled = True

    def send_now(self) -> None:
        """Send the request shown and show the exchange, or the error (nothing is raised into the kernel)."""
        self.result.value = f"<em>Sending {esc(self.resource.value)}…</em>"
        try:
            response = self.explorer.send(self.resource.value)
        except Exception as caught:  # noqa: BLE001 - a widget callback must show every failure, not lose it
            self.result.value = as_explorer_error(caught, "sending the request").html()
            return
        self.result.value = response._repr_html_()

    # -- the observers ----------------------------------------------------------------------------------

    def _resources(self, product: str) -> list[str]:
        # Lists that open on their own first (as the browser's tree): a nested list needs its parent record.
        lists = self.explorer.catalog.lists(product)
        top = [e.id for e in lists if all(p == ACCOUNT_SID_PARAM for p in e.path_params)]
        return top or [e.id for e in lists]

    def _region_changed(self, change: dict[str, Any]) -> None:
        # As the app's `:region`: the Region's own REST edge comes with it.
        self.explorer.point(change["new"], product=self.product.value)
        self._quiet = True
        try:
            self.edge.value = self.explorer.target.edge or NO_EDGE
        finally:
            self._quiet = False
        self.refresh()

    def _edge_changed(self, change: dict[str, Any]) -> None:
        edge = None if change["new"] == NO_EDGE else change["new"]
        self.explorer.point(self.explorer.target.region, edge, product=self.product.value)
        self.refresh()

    def _product_changed(self, change: dict[str, Any]) -> None:
        options = self._resources(change["new"])
        self._quiet = True
        try:
            self.resource.options = options
            self.resource.value = options[0] if options else None
        finally:
            self._quiet = False
        self.refresh()
