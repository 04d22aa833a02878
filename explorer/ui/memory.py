"""The app's garbage-collection policy: what is alive once a page of records has settled is frozen.

A process-wide setting, so the app applies it (`ExplorerApp`), never a widget: the browser's table only
reports that a page's rows have settled (`ResourceTable.PageSettled`).

Why: a full collection walks every tracked object, about 100,000 before a list even opens (the app and the
catalogue, the simulator too in demo mode), and it comes every few pages as records pile up. Frozen objects
are skipped by collections, so each one walks only what came since the last page. Measured with
`benchmarks/browser_scroll.py` (10,000 records, the real app): without it the longest full collection was
1.0-4.7 s and the largest frame gap up to 5 s; frozen once when the list opens, up to 0.9 s while pages
arrive; frozen after each page, 0-0.16 s.
"""

from __future__ import annotations

__all__ = ["freeze_long_lived"]

import gc


def freeze_long_lived() -> None:
    """Take everything alive now (the app, the catalogue, the records so far) out of garbage collection.

    Records (plain dicts, no cycles) are still freed when a new list replaces them; the cost is that cyclic
    garbage already in the oldest generation stays, hence a young collection first.
    """
    gc.collect(1)
    gc.freeze()
