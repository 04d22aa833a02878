"""The host each helper library builds for a setup, judged by `core.verdict`, with the fix in its own terms."""

from __future__ import annotations

__all__ = ["LibraryHost", "all_library_hosts", "ignored_environment", "library_host"]

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.core.libraries.rules import Built, InputUse, build
from explorer.core.libraries.setup import ENV_EDGE, ENV_REGION, Setup
from explorer.core.libraries.table import LIBRARIES, Library, find_library
from explorer.core.libraries.terms import fix_text
from explorer.core.regions import PRODUCTS, REGIONS, region_for_rest_edge
from explorer.core.sources import Source
from explorer.core.verdict import Verdict, VerdictKind, classify_host, recommend


@dataclass(frozen=True, slots=True)
class LibraryHost:
    """What one library version builds for a setup, the verdict on it, and how to fix it in its terms."""

    library: Library
    """The library."""
    version: str
    """The version modelled (the newest one read when none was given)."""
    version_given: bool
    """False when `version` is the default (the newest read)."""
    built: Built
    """The host, where its parts came from, every input used or ignored, the rule that applied."""
    verdict: Verdict | None
    """The verdict on the host (None when the library raises instead of building one)."""
    fix: str | None
    """What to change, in the library's terms (None when the host is already the recommended one)."""
    source: Source
    """The library's host-building code that this follows."""

    @property
    def fqdn(self) -> str | None:
        """The host built, or None when the library raises."""
        return self.built.fqdn

    @property
    def ok(self) -> bool:
        """True when the library builds a host whose verdict is valid (or US1 as intended)."""
        return self.verdict is not None and self.verdict.kind in (VerdictKind.VALID, VerdictKind.US1)

    @property
    def ignored(self) -> tuple[InputUse, ...]:
        """The inputs this library ignored."""
        return tuple(use for use in self.built.inputs if not use.used)

    @property
    def summary(self) -> str:
        """The verdict's badge, or the exception."""
        if self.verdict is None:
            return f"raises {self.built.error}"
        return self.verdict.summary


def _intended_region(setup: Setup) -> str | None:
    """The Region the setup aims at: its region, else the Region whose REST edge its edge is."""
    region = setup.intended_region
    if region is None and setup.intended_edge is not None:
        region = region_for_rest_edge(setup.intended_edge)
    return region if region in REGIONS else None


def library_host(library: Library | str, version: str | None, setup: Setup) -> LibraryHost:
    """The host `library` (at `version`; None: the newest read) builds for `setup`, its verdict and the fix.

    Raises:
        UnknownLibraryError: `library` names no official helper library.
        InputError: `version` is not a version number.
    """
    lib = find_library(library) if isinstance(library, str) else library
    parsed = lib.version(version)
    built = build(lib, parsed, setup)
    verdict = classify_host(built.fqdn) if built.fqdn is not None else None
    product = setup.product if setup.product in PRODUCTS else "api"
    target = recommend(product, _intended_region(setup))
    fix: str | None = None
    if (
        verdict is None
        or built.fqdn != target.fqdn
        or verdict.kind not in (VerdictKind.VALID, VerdictKind.US1)
    ):
        fix = fix_text(lib.name, target.fqdn, target.region, target.edge)
        if built.error is not None and lib.name == "python":
            fix += f" (or use twilio {lib.window.removed_in}+, which has no region map)"
    return LibraryHost(lib, version or lib.latest, version is not None, built, verdict, fix, lib.code)


def all_library_hosts(
    setup: Setup, versions: Mapping[str, str | None] | None = None
) -> tuple[LibraryHost, ...]:
    """One `LibraryHost` per official library, in `LIBRARIES` order; `versions` picks versions by name."""
    chosen = versions or {}
    return tuple(library_host(lib, chosen.get(lib.name), setup) for lib in LIBRARIES.values())


def ignored_environment(setup: Setup) -> tuple[str, ...]:
    """One sentence per library (newest version) that ignores TWILIO_REGION/TWILIO_EDGE in this setup.

    `twilio-csharp would ignore TWILIO_REGION and build api.twilio.com`; empty when the environment is not in
    play or every library reads it.
    """
    lines: list[str] = []
    if not setup.environment_in_play:
        return ()
    for host in all_library_hosts(setup):
        names = [use.name for use in host.ignored if use.name in (ENV_REGION, ENV_EDGE)]
        if names:
            builds = f"build {host.fqdn}" if host.fqdn else f"raise {host.built.error}"
            lines.append(f"{host.library.package} would ignore {' and '.join(names)} and {builds}")
    return tuple(lines)
