"""The explorer in Jupyter: `Explorer` (the target and the session in one object), its rich views, and the
ipywidgets picker (`explorer.notebook.picker`, with the `notebook` extra).

An entry point, like `explorer.cli` and `explorer.api`: it may use every layer below, and none uses it.
"""

from __future__ import annotations

__all__ = ["Curl", "Explorer", "HostReport", "Page", "Request", "Response"]

from explorer.notebook.exchange_view import Response
from explorer.notebook.explorer import Explorer
from explorer.notebook.host_views import Curl, HostReport, Request
from explorer.notebook.page import Page
