"""Each library's host rule, per version range: which inputs it reads, the region→edge window, the quirks.

Every library splits `product.twilio.com` the same way and rebuilds `product.edge.region.twilio.com`, with
`us1` filled in when only an edge is set and empty parts dropped (helper-libraries.md §1). They differ in
what they read (constructor, environment, profile), in what counts as "set" (`or` vs `??` vs `!= null`),
and in the 2025-12 window during which a region alone was completed with an edge.
"""

from __future__ import annotations

__all__ = ["Built", "InputUse", "build"]

from collections.abc import Callable
from dataclasses import dataclass, field

from packaging.version import Version

from explorer.core.hosts import TWILIO_DOMAIN
from explorer.core.libraries.setup import ENV_EDGE, ENV_REGION, Setup
from explorer.core.libraries.table import REGION_TO_EDGE, Library, parse_version
from explorer.core.libraries.terms import terms_for


@dataclass(frozen=True, slots=True)
class InputUse:
    """One input the setup gives, and whether this library used it."""

    name: str
    """Where it was given, in the library's terms: `Client(region=…)`, `TWILIO_REGION`."""
    value: str
    """The value given."""
    used: bool
    """True when it reached the host."""
    why: str
    """Why it was used or ignored."""


@dataclass(frozen=True, slots=True)
class Built:
    """What one library version builds from a setup."""

    fqdn: str | None
    """The host, or None when the library raises instead (`error`)."""
    region: str | None
    """The region in the host, or None."""
    region_from: str
    """Where that region came from: `Client(region=…)`, `TWILIO_REGION`, `implied: edge without region`."""
    edge: str | None
    """The edge in the host, or None."""
    edge_from: str
    """Where that edge came from, including `auto-mapped from au1 (9.8.8–9.10.0)`."""
    inputs: tuple[InputUse, ...]
    """Every input the setup gives, used or ignored, and why."""
    rule: str
    """The version range whose rule applied, in words."""
    notes: tuple[str, ...] = ()
    """What the library prints or does on the way (warnings, quirks)."""
    error: str | None = None
    """The exception the library raises instead of building a host."""


@dataclass(slots=True)
class _Pick:
    """The region and edge a library settles on before building, and every input's fate."""

    region: str | None = None
    region_from: str = "not set"
    edge: str | None = None
    edge_from: str = "not set"
    inputs: list[InputUse] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def take(self, part: str, name: str, value: str | None, why: str) -> None:
        if value is None:
            return
        self.inputs.append(InputUse(name, value, True, why))
        if part == "region":
            self.region, self.region_from = value, name
        else:
            self.edge, self.edge_from = value, name

    def ignore(self, name: str, value: str | None, why: str) -> None:
        if value is not None:
            self.inputs.append(InputUse(name, value, False, why))


def _first(pick: _Pick, part: str, candidates: list[tuple[str, str | None]], *, empty_is_set: bool) -> None:
    """Take the first candidate that counts as set; every later one given is ignored as overridden."""
    chosen: str | None = None
    for name, value in candidates:
        if value is None:
            continue
        if chosen is None and (value != "" or empty_is_set):
            chosen = name
            pick.take(part, name, value, "read" if value else "an empty string counts as set")
        elif chosen is None:
            pick.ignore(name, value, "empty: counts as unset")
        else:
            pick.ignore(name, value, f"overridden by {chosen}")


def _host(
    product: str, region: str | None, edge: str | None, *, empty_is_set: bool
) -> tuple[str, str | None]:
    """The common algorithm on `product.twilio.com`; returns (host, region actually in the host)."""
    if empty_is_set:
        # twilio-csharp: `if (edge != null && region == null) region = "us1"`; empty parts are then dropped.
        final = region if region is not None else ("us1" if edge is not None else None)
    else:
        final = region or ("us1" if edge else None)
    parts = [part for part in (product, edge, final, TWILIO_DOMAIN) if part]
    return ".".join(parts), final or None


def _automap(pick: _Pick, library: Library, region: str | None = None, *, strict: bool = False) -> str | None:
    """The window's rule: a region (the picked one unless given) without an edge gets the mapped edge.

    Returns the exception twilio-python's unguarded `region_mappings[region]` raises (`strict`), else None.
    """
    region = pick.region if region is None else region
    if pick.edge or region is None or (not region and not strict):
        return None
    window = library.window.describe()
    mapped = REGION_TO_EDGE.get(region)
    if mapped is None:
        if strict:
            return f"KeyError: {region!r} (Client() raises: the {window} region map has no such key)"
        pick.notes.append(f"{region!r} is not in the {window} region map: no edge added")
        return None
    pick.edge, pick.edge_from = mapped, f"auto-mapped from region {region} ({window})"
    pick.notes.append(f"warns that {region} alone is deprecated and adds edge {mapped}")
    return None


def _env_ignored(pick: _Pick, setup: Setup, why: str) -> None:
    pick.ignore(ENV_REGION, setup.env_region, why)
    pick.ignore(ENV_EDGE, setup.env_edge, why)


def _python(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("python")
    in_window = library.window.contains(version)
    _first(pick, "region", [(terms.region, setup.region), (ENV_REGION, setup.env_region)], empty_is_set=False)
    _first(pick, "edge", [(terms.edge, setup.edge), (ENV_EDGE, setup.env_edge)], empty_is_set=False)
    if in_window and (setup.region is None) != (setup.edge is None):
        pick.notes.append("DeprecationWarning: only one of region and edge was given to Client()")
    if in_window and setup.region is not None and not pick.edge:
        # 9.8.8-9.10.0: `edge or env or region_mappings[region]`, on the constructor argument only, unguarded.
        error = _automap(pick, library, setup.region, strict=True)
        if error:
            return error
    elif in_window and pick.region_from == ENV_REGION and not pick.edge:
        pick.notes.append(
            f"TWILIO_REGION is not auto-mapped in {library.window.describe()} (constructor only)"
        )
    return None


def _node_like(name: str, library: Library, version: Version, setup: Setup, pick: _Pick) -> None:
    terms = terms_for(name)
    # `opts.region ?? opts.env.TWILIO_REGION ?? process.env.TWILIO_REGION`: an empty option is still chosen.
    _first(pick, "region", [(terms.region, setup.region), (ENV_REGION, setup.env_region)], empty_is_set=True)
    _first(pick, "edge", [(terms.edge, setup.edge), (ENV_EDGE, setup.env_edge)], empty_is_set=True)
    if library.window.contains(version):
        _automap(pick, library)


def _node(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    _node_like("node", library, version, setup, pick)
    return None


def _csharp(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("csharp")
    _first(pick, "region", [(terms.region, setup.region)], empty_is_set=True)
    _first(pick, "edge", [(terms.edge, setup.edge)], empty_is_set=True)
    _env_ignored(pick, setup, "twilio-csharp reads no environment variable for region or edge")
    if library.window.contains(version):
        _automap(pick, library)
    return None


def _java(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    if setup.java_builder:
        _first(pick, "region", [("Builder.region()", setup.region)], empty_is_set=False)
        _first(pick, "edge", [("Builder.edge()", setup.edge)], empty_is_set=False)
        _env_ignored(pick, setup, "a TwilioRestClient.Builder never reads the environment")
    else:
        # Twilio.java: static fields start as System.getenv(...); Twilio.setRegion/setEdge replace them.
        regions = [("Twilio.setRegion", setup.region), (ENV_REGION, setup.env_region)]
        _first(pick, "region", regions, empty_is_set=False)
        _first(pick, "edge", [("Twilio.setEdge", setup.edge), (ENV_EDGE, setup.env_edge)], empty_is_set=False)
    if library.window.contains(version):
        _automap(pick, library)
    return None


def _ruby(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("ruby")
    _first(pick, "region", [(terms.region, setup.region)], empty_is_set=False)
    _first(pick, "edge", [(terms.edge, setup.edge)], empty_is_set=False)
    _env_ignored(pick, setup, "twilio-ruby reads no environment variable")
    if library.window.contains(version):
        _automap(pick, library)
    return None


def _php(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("php")
    # getArg($region, 'TWILIO_REGION'); setEdge() and the constructor fall back to getenv('TWILIO_EDGE').
    _first(pick, "region", [(terms.region, setup.region), (ENV_REGION, setup.env_region)], empty_is_set=False)
    _first(pick, "edge", [(terms.edge, setup.edge), (ENV_EDGE, setup.env_edge)], empty_is_set=False)
    if library.window.contains(version):
        _automap(pick, library)
    return None


def _go(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("go")
    # NewRequestHandler reads os.Getenv; SetRegion/SetEdge replace the values; `!= ""` means set.
    _first(pick, "region", [(terms.region, setup.region), (ENV_REGION, setup.env_region)], empty_is_set=False)
    _first(pick, "edge", [(terms.edge, setup.edge), (ENV_EDGE, setup.env_edge)], empty_is_set=False)
    if library.window.contains(version):
        _automap(pick, library)
    return None


def _cli(library: Library, version: Version, setup: Setup, pick: _Pick) -> str | None:
    terms = terms_for("twilio-cli")
    # buildClient: edge = process.env.TWILIO_EDGE || currentProfile.edge || userConfig.edge.
    _first(pick, "edge", [(ENV_EDGE, setup.env_edge), (terms.edge, setup.edge)], empty_is_set=False)
    if setup.env_credentials:
        # getProfileFromEnvironment: the profile *is* the environment, its region TWILIO_REGION.
        _first(pick, "region", [(ENV_REGION, setup.env_region)], empty_is_set=False)
        pick.ignore(terms.region, setup.region, "exported credentials replace the stored profile (no -p)")
    else:
        _first(pick, "region", [(terms.region, setup.region)], empty_is_set=False)
        pick.ignore(
            ENV_REGION, setup.env_region,
            "read only with exported credentials (TWILIO_ACCOUNT_SID and a token or key); commands "
            "that use the twilio-node client may still pick it up [inferred]",
        )  # fmt: skip
    if library.window.contains(version):
        _automap(pick, library)
    if pick.region and not pick.edge and not setup.env_credentials:
        pick.notes.append(
            f"a profile made by twilio-cli 6.2.2+ with --region {pick.region} stored an edge: "
            "check `twilio profiles:list`"
        )
    return None


_RULES: dict[str, Callable[[Library, Version, Setup, _Pick], str | None]] = {
    "python": _python,
    "node": _node,
    "csharp": _csharp,
    "java": _java,
    "ruby": _ruby,
    "php": _php,
    "go": _go,
    "twilio-cli": _cli,
}


def build(library: Library, version: Version, setup: Setup) -> Built:
    """What `library` at `version` builds for `setup`."""
    pick = _Pick()
    if version < parse_version(library.added_in):
        why = f"{library.package} has region and edge settings only since {library.added_in}"
        for name, value in (
            ("region", setup.region), ("edge", setup.edge),
            (ENV_REGION, setup.env_region), (ENV_EDGE, setup.env_edge),
        ):  # fmt: skip
            pick.ignore(name, value, why)
        host, _ = _host(setup.product, None, None, empty_is_set=False)
        return Built(host, None, "not set", None, "not set", tuple(pick.inputs), f"before {library.added_in}")
    in_window = library.window.contains(version)
    if in_window:
        rule = f"{library.window.describe()}: a region alone is completed with its edge"
    elif version < parse_version(library.window.first):
        rule = f"{library.added_in}–before {library.window.first}: region and edge as set"
    else:
        rule = f"{library.window.removed_in}+: region and edge as set (the auto-map was removed)"
    error = _RULES[library.name](library, version, setup, pick)
    if error is not None:
        return Built(
            None, pick.region, pick.region_from, None, "not set", tuple(pick.inputs), rule,
            tuple(pick.notes), error,
        )  # fmt: skip
    host, final_region = _host(setup.product, pick.region, pick.edge, empty_is_set=library.name == "csharp")
    region_from = pick.region_from
    if final_region and final_region != pick.region:
        region_from = "implied: an edge without a region means us1"
    edge = pick.edge or None
    return Built(
        host, final_region, region_from if final_region else "not set", edge,
        pick.edge_from if edge else "not set", tuple(pick.inputs), rule, tuple(pick.notes),
    )  # fmt: skip
