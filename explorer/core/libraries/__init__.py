"""Every official Twilio helper library's host rule, by version, and the environment as each one reads it.

    setup = Setup.from_environ(os.environ, product="api", region="au1")
    for row in all_library_hosts(setup):
        row.library.package, row.fqdn, row.verdict, row.fix

Modules: `table` (the libraries, their versions and auto-map windows), `setup` (what the code and the
environment give), `rules` (each library's rule per version range), `terms` (each library's own words for
the fix), `hosts` (the host built, judged by `core.verdict`). Facts: ../shared/helper-libraries.md.
"""

from __future__ import annotations

__all__ = [
    "LIBRARIES",
    "REGION_TO_EDGE",
    "AutoMapWindow",
    "Built",
    "InputUse",
    "Library",
    "LibraryHost",
    "Setup",
    "UnknownLibraryError",
    "all_library_hosts",
    "find_library",
    "ignored_environment",
    "library_host",
    "parse_library_spec",
]

from explorer.core.libraries.hosts import LibraryHost, all_library_hosts, ignored_environment, library_host
from explorer.core.libraries.rules import Built, InputUse
from explorer.core.libraries.setup import Setup
from explorer.core.libraries.table import (
    LIBRARIES,
    REGION_TO_EDGE,
    AutoMapWindow,
    Library,
    UnknownLibraryError,
    find_library,
    parse_library_spec,
)
