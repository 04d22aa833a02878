"""twilio-csharp and twilio-java clients, found in tree-sitter syntax trees.

C#: `new TwilioRestClient(…, region: …, edge: …)` (or by position: username, password, accountSid, region,
httpClient, edge) and `TwilioClient.SetRegion/SetEdge/Init`. Java: `Twilio.init/setRegion/setEdge` (the static
client, which also reads TWILIO_REGION/TWILIO_EDGE) and `new TwilioRestClient.Builder(…).region(…).edge(…)`
(which reads no environment). A file that does not import Twilio's namespace has no hits.
"""

from __future__ import annotations

__all__ = ["csharp_sites", "java_sites"]

import re

from explorer.scan.model import Site, Value
from explorer.scan.sites import SiteCollector
from explorer.scan.treesitter import Node, Resolver, children, field, line, nodes, parse, text

_CSHARP_POSITIONS = {"region": 3, "edge": 5}


def _assigned(node: Node) -> str | None:
    parent = node.parent
    if parent is not None and parent.type == "variable_declarator":
        return text(field(parent, "name")) or None
    if parent is not None and parent.type in ("assignment_expression",):
        return text(field(parent, "left")) or None
    return None


def csharp_sites(path: str, source: str) -> list[Site] | None:
    """The twilio-csharp client sites of one C# file."""
    if not re.search(r"^\s*using\s+(static\s+)?Twilio\b", source, re.MULTILINE) and "Twilio." not in source:
        return []
    root = parse("csharp", source.encode("utf-8", "surrogatepass"))
    sites = SiteCollector(path, "csharp", "tree-sitter-c-sharp", "csharp")
    resolve = Resolver("csharp", root)
    for node in nodes(root, "csharp", "object_creation_expression", "invocation_expression"):
        if node.type == "object_creation_expression":
            kind = text(field(node, "type"))
            if kind.rsplit(".", 1)[-1] != "TwilioRestClient":
                continue
            given: dict[str, Value] = {"region": Value.unset(), "edge": Value.unset()}
            for index, arg in enumerate(children(field(node, "arguments"))):
                name = text(field(arg, "name"))
                value = children(arg)[-1] if children(arg) else None
                for part, position in _CSHARP_POSITIONS.items():
                    if name == part or (not name and index == position):
                        given[part] = resolve.value(value)
            sites.create(_assigned(node), line(node), f"new {kind}(…)", given["region"], given["edge"])
        elif node.type == "invocation_expression":
            function = field(node, "function")
            called = " ".join(text(function).split())
            if called.endswith(("TwilioClient.SetRegion", "TwilioClient.SetEdge")):
                part = "region" if called.endswith("SetRegion") else "edge"
                args = children(field(node, "arguments"))
                sites.set(None, part, resolve.value(args[0] if args else None), line(node), called)
            elif called.endswith("TwilioClient.Init"):
                sites.global_site(line(node), "TwilioClient.Init(…)")
    return sites.sites()


def _builder_chain(creation: Node, resolve: Resolver) -> tuple[dict[str, Value], str | None]:
    given = {"region": Value.unset(), "edge": Value.unset()}
    node = creation
    while (
        node.parent is not None
        and node.parent.type == "method_invocation"
        and field(node.parent, "object") == node
    ):
        node = node.parent
        name = text(field(node, "name"))
        if name in given:
            args = children(field(node, "arguments"))
            given[name] = resolve.value(args[0] if args else None)
    return given, _assigned(node)


def java_sites(path: str, source: str) -> list[Site] | None:
    """The twilio-java client sites of one Java file."""
    if not re.search(r"^\s*import\s+(static\s+)?com\.twilio\b", source, re.MULTILINE):
        return []
    root = parse("java", source.encode("utf-8", "surrogatepass"))
    sites = SiteCollector(path, "java", "tree-sitter-java", "java")
    resolve = Resolver("java", root)
    for node in nodes(root, "java", "object_creation_expression", "method_invocation"):
        if node.type == "object_creation_expression":
            kind = " ".join(text(field(node, "type")).split())
            if not kind.endswith("TwilioRestClient.Builder"):
                continue
            given, var = _builder_chain(node, resolve)
            sites.create(var, line(node), f"new {kind}(…)", given["region"], given["edge"], java_builder=True)
        elif node.type == "method_invocation" and text(field(node, "object")) in (
            "Twilio",
            "com.twilio.Twilio",
        ):
            name = text(field(node, "name"))
            args = children(field(node, "arguments"))
            if name in ("setRegion", "setEdge"):
                part = "region" if name == "setRegion" else "edge"
                sites.set(None, part, resolve.value(args[0] if args else None), line(node), f"Twilio.{name}")
            elif name == "init":
                sites.global_site(line(node), "Twilio.init(…)")
    return sites.sites()
