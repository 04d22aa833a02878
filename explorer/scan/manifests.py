"""Which helper-library version a directory uses: lockfiles first, then manifests (ranges).

Each reader returns `Locked` entries: a library, the version or range as written, and whether it is exact.
Lockfiles are read as data (TOML, JSON, XML) where they are data, and by their documented line format
(yarn.lock, Gemfile.lock, go.mod, pnpm-lock.yaml keys) where a full parser would cost more than it tells.
"""

from __future__ import annotations

__all__ = ["MANIFEST_NAMES", "Locked", "is_manifest", "read_manifest"]

import json
import re
import tomllib
from dataclasses import dataclass
from xml.etree import ElementTree


@dataclass(frozen=True, slots=True)
class Locked:
    """One library named by one lockfile or manifest."""

    library: str
    spec: str
    exact: bool
    lockfile: bool
    """True for a lockfile (preferred over a manifest in the same directory)."""


MANIFEST_NAMES = (
    "poetry.lock", "uv.lock", "Pipfile.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml",
    "packages.lock.json", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile.lock", "composer.lock",
    "go.mod", "package.json",
)  # fmt: skip

_EXACT = re.compile(r"v?\d+(\.\d+)*")
_NPM = {"twilio": "node", "@twilio/cli-core": "twilio-cli", "twilio-cli": "twilio-cli"}


def is_manifest(rel: str) -> bool:
    """True for the file names `read_manifest` reads."""
    name = rel.rpartition("/")[2]
    return (
        name in MANIFEST_NAMES
        or (name.startswith("requirements") and name.endswith(".txt"))
        or name.endswith(".csproj")
    )


def _entry(library: str, spec: str, lockfile: bool) -> Locked:
    spec = spec.strip()
    return Locked(library, spec, bool(_EXACT.fullmatch(spec)), lockfile)


def _requirements(text: str) -> list[Locked]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^twilio(\[[^\]]*\])?\s*(.*?)\s*(;.*)?$", line, re.IGNORECASE)
        if not match or (match.group(2) and match.group(2)[0] not in "=<>!~"):
            continue
        spec = match.group(2)
        if spec.startswith("==") and _EXACT.fullmatch(spec[2:].strip()):
            out.append(Locked("python", spec[2:].strip(), True, False))
        else:
            out.append(Locked("python", spec or "any version", False, False))
    return out


def _toml_packages(text: str) -> list[Locked]:
    data = tomllib.loads(text)
    return [
        _entry("python", str(pkg["version"]), True)
        for pkg in data.get("package", [])
        if isinstance(pkg, dict) and str(pkg.get("name", "")).lower() == "twilio" and "version" in pkg
    ]


def _pipfile_lock(text: str) -> list[Locked]:
    data = json.loads(text)
    out = []
    for section in ("default", "develop"):
        entry = data.get(section, {}).get("twilio")
        if isinstance(entry, dict) and isinstance(entry.get("version"), str):
            out.append(_entry("python", entry["version"].lstrip("="), True))
    return out


def _package_lock(text: str) -> list[Locked]:
    data = json.loads(text)
    out = []
    for key, entry in (data.get("packages") or {}).items():
        name = key.rsplit("node_modules/", 1)[-1] if "node_modules/" in key else None
        if name in _NPM and isinstance(entry, dict) and "version" in entry:
            out.append(_entry(_NPM[name], str(entry["version"]), True))
    if not out:
        for name, entry in (data.get("dependencies") or {}).items():
            if name in _NPM and isinstance(entry, dict) and "version" in entry:
                out.append(_entry(_NPM[name], str(entry["version"]), True))
    return out


def _package_json(text: str) -> list[Locked]:
    data = json.loads(text)
    out = []
    for section in ("dependencies", "devDependencies"):
        for name, spec in (data.get(section) or {}).items():
            if name in _NPM and isinstance(spec, str):
                out.append(_entry(_NPM[name], spec, False))
    return out


def _yarn_lock(text: str) -> list[Locked]:
    out = []
    pattern = re.compile(r'^"?(twilio|@twilio/cli-core)@[^\n]*:\s*\n(?:[ \t]+[^\n]*\n)*?[ \t]+version:?\s+"?([^"\s]+)"?', re.MULTILINE)  # fmt: skip
    for match in pattern.finditer(text):
        out.append(_entry(_NPM[match.group(1)], match.group(2), True))
    return out


def _pnpm_lock(text: str) -> list[Locked]:
    pattern = re.compile(r"^\s+'?/?(twilio|@twilio/cli-core)@(\d[^:(\s']*)", re.MULTILINE)
    return [_entry(_NPM[m.group(1)], m.group(2), True) for m in pattern.finditer(text)]


def _csproj(text: str) -> list[Locked]:
    pattern = re.compile(
        r'<PackageReference\s+Include="Twilio"\s+Version="([^"]+)"|<PackageReference\s+Include="Twilio"\s*>\s*<Version>([^<]+)</Version>',
        re.IGNORECASE,
    )
    return [_entry("csharp", m.group(1) or m.group(2), False) for m in pattern.finditer(text)]


def _packages_lock(text: str) -> list[Locked]:
    data = json.loads(text)
    out = []
    for deps in (data.get("dependencies") or {}).values():
        entry = deps.get("Twilio") if isinstance(deps, dict) else None
        if isinstance(entry, dict) and "resolved" in entry:
            out.append(_entry("csharp", str(entry["resolved"]), True))
    return out


def _pom(text: str) -> list[Locked]:
    root = ElementTree.fromstring(text)  # noqa: S314 (no entities are resolved by ElementTree)
    ns = {"m": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
    prefix = "m:" if ns else ""
    properties = {
        child.tag.split("}")[-1]: (child.text or "").strip()
        for props in root.iter(f"{{{ns['m']}}}properties" if ns else "properties")
        for child in props
    }
    out = []
    for dep in root.iter(f"{{{ns['m']}}}dependency" if ns else "dependency"):
        group = dep.findtext(f"{prefix}groupId", "", ns).strip()
        artifact = dep.findtext(f"{prefix}artifactId", "", ns).strip()
        version = dep.findtext(f"{prefix}version", "", ns).strip()
        if group == "com.twilio.sdk" and artifact == "twilio" and version:
            ref = re.fullmatch(r"\$\{([^}]+)\}", version)
            version = properties.get(ref.group(1), version) if ref else version
            out.append(_entry("java", version, False))
    return out


def _gradle(text: str) -> list[Locked]:
    pattern = re.compile(r"""com\.twilio\.sdk:twilio:([^'")\s]+)""")
    return [_entry("java", m.group(1), False) for m in pattern.finditer(text)]


def _gemfile_lock(text: str) -> list[Locked]:
    pattern = re.compile(r"^    twilio-ruby \(([^)]+)\)", re.MULTILINE)
    return [_entry("ruby", m.group(1), True) for m in pattern.finditer(text)]


def _composer_lock(text: str) -> list[Locked]:
    data = json.loads(text)
    return [
        _entry("php", str(pkg["version"]).lstrip("v"), True)
        for pkg in [*(data.get("packages") or []), *(data.get("packages-dev") or [])]
        if isinstance(pkg, dict) and pkg.get("name") == "twilio/sdk" and "version" in pkg
    ]


def _go_mod(text: str) -> list[Locked]:
    pattern = re.compile(r"github\.com/twilio/twilio-go\s+(v[^\s]+)")
    return [_entry("go", m.group(1), True) for m in pattern.finditer(text)]


_READERS = {
    "poetry.lock": _toml_packages, "uv.lock": _toml_packages, "Pipfile.lock": _pipfile_lock,
    "package-lock.json": _package_lock, "yarn.lock": _yarn_lock, "pnpm-lock.yaml": _pnpm_lock,
    "packages.lock.json": _packages_lock, "pom.xml": _pom, "build.gradle": _gradle,
    "build.gradle.kts": _gradle, "Gemfile.lock": _gemfile_lock, "composer.lock": _composer_lock,
    "go.mod": _go_mod, "package.json": _package_json,
}  # fmt: skip


def read_manifest(rel: str, text: str) -> list[Locked] | None:
    """The helper libraries `rel` names, or None when the file does not parse as its format."""
    name = rel.rpartition("/")[2]
    if name.startswith("requirements") and name.endswith(".txt"):
        reader = _requirements
    elif name.endswith(".csproj"):
        reader = _csproj
    else:
        reader = _READERS[name]
    try:
        found = reader(text)
    except (ValueError, ElementTree.ParseError, tomllib.TOMLDecodeError, AttributeError, TypeError):
        return None
    lockfile = name.endswith((".lock", ".lock.json", "lock.yaml")) or name == "go.mod"
    return [Locked(f.library, f.spec, f.exact, lockfile) for f in found]
