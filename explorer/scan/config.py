"""Configuration that sets TWILIO_* variables or a client's region and edge, read without running anything.

Environment sources (each is an `EnvScope`: its variables and their lines): `.env*` files, shell scripts'
`export`s, Dockerfile `ENV`, docker-compose `environment:` and Kubernetes `env:` entries. Client settings:
twilio-cli profiles in a checked-in `config.json`, and the Twilio Terraform provider's `region`/`edge`
(twilio/terraform-provider-twilio `twilio/provider.go`, which defaults them from TWILIO_REGION/TWILIO_EDGE
and passes them to twilio-go's `SetRegion`/`SetEdge`).
"""

from __future__ import annotations

__all__ = ["TWILIO_VARS", "EnvScope", "cli_profile_sites", "config_kind", "env_scopes", "terraform_sites"]

import json
import re
from dataclasses import dataclass, field

from explorer.scan.model import Site, Value, ValueKind
from explorer.scan.sites import short

TWILIO_VARS = ("TWILIO_REGION", "TWILIO_EDGE", "TWILIO_ACCOUNT_SID")
"""A scope setting one of these is reported as a configuration hit."""

_ASSIGN = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")
_DOCKER_ENV = re.compile(r"^\s*ENV\s+(.*)$", re.IGNORECASE)


@dataclass(slots=True)
class EnvScope:
    """One place that sets environment variables: a file, a compose service, a container."""

    path: str
    method: str
    """`env-file`, `shell`, `dockerfile`, `yaml`."""
    label: str
    """`.env`, `docker-compose.yml service web`, `k8s.yaml container api`."""
    values: dict[str, tuple[Value, int]] = field(default_factory=dict)
    """Variable → its value and line."""

    def line(self) -> int:
        """The first line setting a Twilio variable."""
        lines = [line for name, (_, line) in self.values.items() if name in TWILIO_VARS]
        return min(lines) if lines else 1


def config_kind(rel: str) -> str | None:
    """Which reader handles `rel`, or None."""
    lower = rel.rpartition("/")[2].lower()
    if lower.startswith(".env") or lower.endswith(".env") or lower == ".envrc":
        return "env-file"
    if lower.endswith((".sh", ".bash", ".zsh")) or lower in (".bashrc", ".profile", ".zshrc"):
        return "shell"
    if lower == "dockerfile" or lower.startswith("dockerfile.") or lower.endswith(".dockerfile"):
        return "dockerfile"
    if lower.endswith((".yml", ".yaml")):
        return "yaml"
    if lower == "config.json":
        return "cli-config"
    if lower.endswith(".tf"):
        return "terraform"
    return None


def _scalar(raw: str) -> Value:
    text = raw.strip()
    if "#" in text and not text.startswith(("'", '"')):
        text = text.split(" #", 1)[0].strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if "$" in text or "`" in text:
        return Value(ValueKind.UNRESOLVED, None, short(text))
    if text == "":
        return Value.unset()
    return Value.literal(text, text)


def _line_scope(path: str, text: str, method: str) -> list[EnvScope]:
    scope = EnvScope(path, method, path)
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        match = _ASSIGN.match(line)
        if match:
            scope.values[match.group(1)] = (_scalar(match.group(2)), number)
    return [scope]


def _dockerfile(path: str, text: str) -> list[EnvScope]:
    scope = EnvScope(path, "dockerfile", path)
    for number, line in enumerate(text.splitlines(), 1):
        match = _DOCKER_ENV.match(line)
        if not match:
            continue
        rest = match.group(1).strip()
        if "=" not in rest.split(" ", 1)[0]:
            name, _, value = rest.partition(" ")  # legacy `ENV NAME value`
            scope.values[name] = (_scalar(value), number)
            continue
        for pair in re.findall(r"""([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)""", rest):
            scope.values[pair[0]] = (_scalar(pair[1]), number)
    return [scope]


def _yaml(path: str, text: str) -> list[EnvScope]:
    import yaml

    scopes: list[EnvScope] = []
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []

    def entries(node: yaml.Node, label: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else ""
                if name == "environment":
                    scopes.append(_compose_env(path, value, label))
                elif name == "env" and isinstance(value, yaml.SequenceNode):
                    scopes.append(_k8s_env(path, value, label))
                else:
                    nested = f"{label} {name}" if name in ("services",) else label
                    if label.endswith("services"):
                        nested = f"{path} service {name}"
                    entries(value, nested)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                name = _child(item, "name")
                entries(item, f"{path} container {name}" if name else label)

    for document in documents:
        if document is not None:
            entries(document, path)
    return [scope for scope in scopes if scope.values]


def _child(node: object, key: str) -> str | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
                return str(v.value)
    return None


def _compose_env(path: str, node: object, label: str) -> EnvScope:
    import yaml

    scope = EnvScope(path, "yaml", label)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
                scope.values[str(key.value)] = (_scalar(str(value.value)), key.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and "=" in str(item.value):
                name, _, value = str(item.value).partition("=")
                scope.values[name.strip()] = (_scalar(value), item.start_mark.line + 1)
    return scope


def _k8s_env(path: str, node: object, label: str) -> EnvScope:
    import yaml

    scope = EnvScope(path, "yaml", label)
    assert isinstance(node, yaml.SequenceNode)
    for item in node.value:
        name = _child(item, "name")
        if name is None:
            continue
        value = _child(item, "value")
        line = item.start_mark.line + 1
        scope.values[name] = (
            _scalar(value) if value is not None else Value(ValueKind.UNRESOLVED, None, "valueFrom"),
            line,
        )
    return scope


def env_scopes(path: str, text: str, kind: str) -> list[EnvScope]:
    """The environment scopes `path` defines (`kind` from `config_kind`)."""
    if kind in ("env-file", "shell"):
        return _line_scope(path, text, kind)
    if kind == "dockerfile":
        return _dockerfile(path, text)
    if kind == "yaml":
        return _yaml(path, text)
    return []


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def cli_profile_sites(path: str, text: str) -> list[Site]:
    """twilio-cli profiles (`{"profiles": {NAME: {"accountSid", "region", "edge"}}, "edge": …}`)."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict):
        return []
    top_edge = data.get("edge")
    sites: list[Site] = []
    for name, profile in profiles.items():
        if not isinstance(profile, dict) or "accountSid" not in profile:
            continue
        region, edge = profile.get("region"), profile.get("edge", top_edge)
        sites.append(
            Site(
                path, _line_of(text, json.dumps(name)), "twilio-cli config", "json", "twilio-cli",
                Value.literal(region, json.dumps(region)) if isinstance(region, str) and region else Value.unset(),
                Value.literal(edge, json.dumps(edge)) if isinstance(edge, str) and edge else Value.unset(),
                f"twilio-cli profile {name!r}",
            )
        )  # fmt: skip
    return sites


_PROVIDER = re.compile(r'provider\s+"twilio"\s*\{')


def terraform_sites(path: str, text: str) -> list[Site]:
    """`provider "twilio" { region = …, edge = … }` blocks (twilio/terraform-provider-twilio, twilio-go)."""
    sites: list[Site] = []
    for match in _PROVIDER.finditer(text):
        depth, end = 0, len(text)
        for index in range(match.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            if depth == 0:
                end = index
                break
        body = text[match.end() : end]
        values: dict[str, Value] = {}
        for part in ("region", "edge"):
            found = re.search(rf"^\s*{part}\s*=\s*(.+?)\s*$", body, re.MULTILINE)
            if found is None:
                values[part] = Value.unset()
            elif re.fullmatch(r'"[a-z0-9-]*"', found.group(1)):
                values[part] = Value.literal(found.group(1).strip('"'), found.group(1))
            else:
                values[part] = Value(ValueKind.UNRESOLVED, None, short(found.group(1)))
        sites.append(Site(path, text.count("\n", 0, match.start()) + 1, "terraform", "hcl-matcher", "go",
                          values["region"], values["edge"], 'provider "twilio"'))  # fmt: skip
    return sites
