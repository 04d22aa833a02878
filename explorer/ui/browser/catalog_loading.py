"""Loading the API catalogue in a thread worker, once, the first time the browser is shown."""

from __future__ import annotations

__all__ = ["CatalogLoading"]

from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from explorer.catalog.loader import Catalog


class CatalogLoading:
    """Runs the catalogue's loader once on `node` and hands the result back on the event loop."""

    def __init__(
        self, node: DOMNode, *, loaded: Callable[[Catalog], None], failed: Callable[[ExplorerError], None]
    ) -> None:
        """Call `loaded` with the catalogue, or `failed` with the loader's error, on the event loop."""
        self._node = node
        self._loaded = loaded
        self._failed = failed
        self._requested = False

    def ensure(self, loader: Callable[[], Catalog] | None) -> None:
        """Load the catalogue with `loader` (None: the bundled one), unless a load has been asked for already."""
        if not self._requested:
            self._requested = True
            self._node.run_worker(lambda: self._load(loader), thread=True, exclusive=True, group="catalog")

    def _load(self, loader: Callable[[], Catalog] | None) -> None:
        from explorer.catalog.loader import load_catalog

        try:
            catalog = (loader or load_catalog)()
        except ExplorerError as error:
            self._node.app.call_from_thread(self._failed, error)
            return
        self._node.app.call_from_thread(self._loaded, catalog)
