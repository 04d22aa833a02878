"""`scan(root)`: walk a tree, read what can hold a Twilio client, and evaluate every site.

Only files that can matter are read: source files of the seven languages, configuration kinds and
lockfiles/manifests by name. Source and configuration files that never mention Twilio are dropped after one
case-insensitive substring test, before any parsing; that is what keeps a large tree fast.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "scan"]

import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from explorer.core.errors import InputError
from explorer.scan import config as cfg
from explorer.scan.code_dotnet_java import csharp_sites, java_sites
from explorer.scan.code_js import js_sites
from explorer.scan.code_python import python_sites
from explorer.scan.code_ruby_php_go import go_sites, php_sites, ruby_sites
from explorer.scan.evaluate import EnvScenario, evaluate_site, scenarios_from
from explorer.scan.manifests import MANIFEST_NAMES, Locked, is_manifest, read_manifest
from explorer.scan.model import Hit, ScanSummary, Site, Value, VersionInfo
from explorer.scan.report import ScanReport
from explorer.scan.walk import PendingListing, list_files, read_text, start_listing

LANGUAGES: dict[str, str] = {
    ".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx", ".cs": "csharp",
    ".java": "java", ".rb": "ruby", ".php": "php", ".go": "go",
}  # fmt: skip
"""File suffix → grammar."""

Progress = Callable[[int, int], None]


def _code_sites(rel: str, text: str, grammar: str) -> list[Site] | None:
    if grammar == "python":
        return python_sites(rel, text)
    if grammar in ("javascript", "typescript", "tsx"):
        return js_sites(rel, text, grammar)
    extractor = {
        "csharp": csharp_sites,
        "java": java_sites,
        "ruby": ruby_sites,
        "php": php_sites,
        "go": go_sites,
    }
    return extractor[grammar](rel, text)


class _Tree:
    """What one walk collects before evaluation."""

    def __init__(self) -> None:
        self.sites: list[Site] = []
        self.scopes: list[cfg.EnvScope] = []
        self.locked: dict[str, list[tuple[str, Locked]]] = {}
        """Directory → (manifest path, entry)."""

    def version_for(self, path: str, library: str) -> VersionInfo:
        """The nearest lockfile's (else manifest's) version of `library` for a file at `path`."""
        directory = PurePosixPath(path).parent
        for folder in [directory, *directory.parents]:
            key = "" if str(folder) == "." else str(folder)
            entries = [(p, e) for p, e in self.locked.get(key, []) if e.library == library]
            if entries:
                entries.sort(key=lambda pe: not pe[1].lockfile)
                source, entry = entries[0]
                return VersionInfo(library, entry.spec, source, entry.exact)
        return VersionInfo(library, None, None, False)


_TWILIO = re.compile(rb"(?i)twilio")
_ANYWAY = re.compile(
    r"(?:^|/)(?:"
    + "|".join(re.escape(n) for n in (*MANIFEST_NAMES, "config.json"))
    + r"|(?i:\.env[^/]*|[^/]*\.env"
    r"|requirements[^/]*\.txt|[^/]*\.csproj))$"
)


def _read_anyway(rel: str) -> bool:
    """Lockfiles, manifests, env files and twilio-cli configs, by name (one regex: runs once per listed file)."""
    return _ANYWAY.search(rel) is not None


def _read_one(root: Path, rel: str, tree: _Tree, summary: ScanSummary, mentions: set[str] | None) -> None:
    if is_manifest(rel):
        text = read_text(root, rel, summary, lockfile=True)
        if text is None:
            return
        found = read_manifest(rel, text)
        if found is None:
            summary.parse_errors += 1
            return
        folder = rel.rpartition("/")[0]
        tree.locked.setdefault(folder, []).extend((rel, entry) for entry in found)
        return
    kind = cfg.config_kind(rel)
    grammar = LANGUAGES.get(os.path.splitext(rel)[1].lower())
    if kind is None and grammar is None:
        return
    # The one cheap test that keeps big trees fast. twilio-cli's config.json never names Twilio in its text
    # (its folder does), and a .env file may hold a variable that code reads under another name.
    needle = None if kind in ("env-file", "cli-config") else _TWILIO
    if needle is not None and mentions is not None and rel not in mentions:
        return
    text = read_text(root, rel, summary, needle=needle)
    if text is None:
        return
    if grammar is not None:
        sites = _code_sites(rel, text, grammar)
        if sites is None:
            summary.parse_errors += 1
        else:
            tree.sites.extend(sites)
    elif kind == "cli-config":
        tree.sites.extend(cfg.cli_profile_sites(rel, text))
    elif kind == "terraform":
        tree.sites.extend(cfg.terraform_sites(rel, text))
    elif kind is not None:
        tree.scopes.extend(cfg.env_scopes(rel, text, kind))


def _env_site(scope: cfg.EnvScope) -> Site | None:
    names = [n for n in cfg.TWILIO_VARS if n in scope.values]
    if not names:
        return None
    region = scope.values["TWILIO_REGION"][0] if "TWILIO_REGION" in scope.values else Value.unset()
    edge = scope.values["TWILIO_EDGE"][0] if "TWILIO_EDGE" in scope.values else Value.unset()
    return Site(scope.path, scope.line(), scope.method, scope.method, "environment", region, edge,
                f"{scope.label}: {', '.join(names)}", env_file=True)  # fmt: skip


_STAND_IN = VersionInfo("python", "9.11.0", None, True)
"""With no library in the tree, environment-only configuration is judged by twilio-python's current rule,
which reads TWILIO_REGION and TWILIO_EDGE as node, php, go and java's static client do."""


def _evaluate(tree: _Tree) -> list[Hit]:
    scenarios = scenarios_from(tree.scopes)
    hits: list[Hit] = []
    # Sites that set the same values with the same library version have the same outcomes (a big tree has
    # hundreds of identical clients): evaluate each once.
    seen: dict[tuple[object, ...], Hit] = {}
    for site in tree.sites:
        version = tree.version_for(site.path, site.library)
        key = (site.library, site.region, site.edge, site.java_builder, version)
        if key not in seen:
            seen[key] = evaluate_site(site, version, scenarios)
        hits.append(replace(seen[key], site=site))
    # The libraries whose code or lockfiles are in the tree read the environment sources. twilio-cli profiles
    # and the Terraform provider are settings of their own, not programs reading this tree's environment.
    in_code = {s.library for s in tree.sites if s.method not in ("json", "hcl-matcher")}
    libraries = sorted(in_code | {e.library for v in tree.locked.values() for _, e in v})
    for scope in tree.scopes:
        env_site = _env_site(scope)
        if env_site is None:
            continue
        own = [EnvScenario(scope.label, dict(scope.values), scope.path)]
        if not libraries:
            hit = evaluate_site(env_site, _STAND_IN, own, "python")
            judged = VersionInfo(
                "environment", "no library found; judged by twilio-python 9.11.0's rule", None, True
            )
            hits.append(replace(hit, version=judged))
        for library in libraries:
            hits.append(
                evaluate_site(
                    replace(env_site, library=library), tree.version_for(env_site.path, library), own
                )
            )
    return hits


def scan(
    root: Path | str, progress: Progress | None = None, pending: PendingListing | None = None
) -> ScanReport:
    """Scan the tree at `root`; in a notebook the report shows as a table (`_repr_html_`).

    `progress(done, total)` is called now and then (total 0 while git is still searching); raising from it
    stops the scan cleanly. `pending` is a listing started earlier (`walk.start_listing`).

    Raises:
        InputError: `root` is not a directory.
    """
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root} is not a directory", hint="give the folder of a repository to scan")
    pending = pending if pending is not None and pending.root == root else start_listing(root)
    try:
        return _scan(root, progress, pending)
    finally:
        pending.close()  # Ctrl-C or a stop from the progress callback: no git process outlives the scan


def _scan(root: Path, progress: Progress | None, pending: PendingListing) -> ScanReport:
    summary = ScanSummary()
    tree = _Tree()
    # Files git grep names are parsed while it is still searching the rest of the tree.
    streamed: set[str] = set()
    for rel in pending.mentions():
        if not _read_anyway(rel):
            _read_one(root, rel, tree, summary, None)
            streamed.add(rel)
        if progress is not None and len(streamed) % 100 == 0:
            progress(len(streamed), 0)
    listing = list_files(root, summary, pending)
    names, mentions = listing.names, listing.mentions
    total = len(names)
    for done, rel in enumerate(names, 1):
        # In a git work tree most files are set aside by name alone: not mentioned by git grep, and not a
        # lockfile, env file or twilio-cli config (which are read whatever they say).
        if rel not in streamed and (mentions is None or rel in mentions or _read_anyway(rel)):
            _read_one(root, rel, tree, summary, mentions)
        if progress is not None and (done % 500 == 0 or done == total):
            progress(done, total)
    hits = sorted(_evaluate(tree), key=lambda h: (h.site.path, h.site.line, h.site.library))
    return ScanReport(str(root), hits, summary)
