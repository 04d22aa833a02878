"""Twilio Region Explorer: exact regional hosts, verdicts, docs-safe curl and a local regional simulator.

`from explorer import Explorer` gives the notebook API (`explorer.notebook`); it is imported on first use
(PEP 562), so the command line's fast commands never load it.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Explorer", "__version__"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Explorer":
        # By name, as `explorer.api` resolves its names: the package root is no layer, and `explorer.cli`
        # (which reads `__version__` here) must not appear to depend on the notebook face.
        return importlib.import_module("explorer.notebook.explorer").Explorer
    raise AttributeError(f"module 'explorer' has no attribute {name!r}")
