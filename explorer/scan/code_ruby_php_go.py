"""twilio-ruby, twilio-php and twilio-go clients, found in tree-sitter syntax trees.

Ruby: `Twilio::REST::Client.new(sid, token, account_sid, region)`, `client.edge = …`/`client.region = …`,
and `Twilio.configure { |c| c.region = …; c.edge = … }`. PHP: `new Client(…, $region)` for the `Client` that
`use Twilio\\Rest\\Client` names (or `\\Twilio\\Rest\\Client`), then `$client->setRegion()`/`setEdge()`.
Go: `twilio.NewRestClient()`/`NewRestClientWithParams(…)` under the name the file imports
github.com/twilio/twilio-go as, then `client.SetRegion()`/`SetEdge()`.
"""

from __future__ import annotations

__all__ = ["go_sites", "php_sites", "ruby_sites"]

import re

from explorer.scan.model import Site, Value
from explorer.scan.sites import SiteCollector
from explorer.scan.treesitter import Node, Resolver, children, field, line, nodes, parse, string_value, text


def _left_of(node: Node, kinds: tuple[str, ...]) -> str | None:
    parent = node.parent
    while parent is not None and parent.type in ("expression_list",):
        parent = parent.parent
    if parent is not None and parent.type in kinds:
        left = field(parent, "left")
        return " ".join(text(left).split()) or None
    return None


def ruby_sites(path: str, source: str) -> list[Site] | None:
    """The twilio-ruby client sites of one Ruby file."""
    if "Twilio" not in source:
        return []
    root = parse("ruby", source.encode("utf-8", "surrogatepass"))
    sites = SiteCollector(path, "ruby", "tree-sitter-ruby", "ruby")
    resolve = Resolver("ruby", root)
    for node in nodes(root, "ruby", "call", "assignment"):
        if node.type != "call":
            if node.type == "assignment":
                left = field(node, "left")
                if (
                    left is not None
                    and left.type == "call"
                    and text(field(left, "method")) in ("region", "edge")
                ):
                    owner = text(field(left, "receiver"))
                    part = text(field(left, "method"))
                    block = _configure_param(node)
                    if block is not None and owner == block:
                        sites.set(None, part, resolve.value(field(node, "right")), line(node),
                                  f"Twilio.configure {{ {owner}.{part} = … }}")  # fmt: skip
                    elif sites.knows(owner):
                        sites.set(
                            owner,
                            part,
                            resolve.value(field(node, "right")),
                            line(node),
                            f"{owner}.{part} = …",
                        )
            continue
        receiver = " ".join(text(field(node, "receiver")).split())
        method = text(field(node, "method"))
        if receiver in ("Twilio::REST::Client", "::Twilio::REST::Client") and method == "new":
            args = children(field(node, "arguments"))
            region = resolve.value(args[3]) if len(args) > 3 else Value.unset()
            sites.create(
                _left_of(node, ("assignment",)),
                line(node),
                "Twilio::REST::Client.new(…)",
                region,
                Value.unset(),
            )
        elif receiver == "Twilio" and method == "configure":
            sites.global_site(line(node), "Twilio.configure")
    return sites.sites()


def _configure_param(node: Node) -> str | None:
    parent = node.parent
    while parent is not None:
        if parent.type in ("do_block", "block"):
            call = parent.parent
            if call is not None and call.type == "call" and text(field(call, "receiver")) == "Twilio":
                params = children(field(parent, "parameters"))
                return text(params[0]) if params else None
            return None
        parent = parent.parent
    return None


_PHP_USE = re.compile(r"^\s*use\s+\\?Twilio\\Rest\\Client(?:\s+as\s+(\w+))?\s*;", re.MULTILINE)


def php_sites(path: str, source: str) -> list[Site] | None:
    """The twilio-php client sites of one PHP file."""
    names = {m.group(1) or "Client" for m in _PHP_USE.finditer(source)}
    names.update(("\\Twilio\\Rest\\Client", "Twilio\\Rest\\Client"))
    if "Twilio" not in source:
        return []
    root = parse("php", source.encode("utf-8", "surrogatepass"))
    sites = SiteCollector(path, "php", "tree-sitter-php", "php")
    resolve = Resolver("php", root)
    for node in nodes(root, "php", "object_creation_expression", "member_call_expression"):
        if node.type == "object_creation_expression":
            kids = children(node)
            kind = text(kids[0]) if kids else ""
            if kind not in names:
                continue
            args = children(next((k for k in kids if k.type == "arguments"), None))
            region = Value.unset()
            for index, arg in enumerate(args):
                name = text(field(arg, "name"))
                if name == "region" or (not name and index == 3):
                    region = resolve.value(children(arg)[-1] if children(arg) else None)
            sites.create(
                _left_of(node, ("assignment_expression",)),
                line(node),
                f"new {kind}(…)",
                region,
                Value.unset(),
            )
        elif node.type == "member_call_expression":
            method = text(field(node, "name"))
            owner = text(field(node, "object"))
            if method in ("setRegion", "setEdge") and sites.knows(owner):
                args = children(field(node, "arguments"))
                part = "region" if method == "setRegion" else "edge"
                sites.set(
                    owner, part, resolve.value(args[0] if args else None), line(node), f"{owner}->{method}()"
                )
    return sites.sites()


def _go_alias(root: Node) -> str | None:
    for node in nodes(root, "go", "import_spec"):
        if (
            node.type == "import_spec"
            and string_value(field(node, "path") or node) == "github.com/twilio/twilio-go"
        ):
            name = field(node, "name")
            return text(name) if name is not None else "twilio"
    return None


def go_sites(path: str, source: str) -> list[Site] | None:
    """The twilio-go client sites of one Go file."""
    if "github.com/twilio/twilio-go" not in source:
        return []
    root = parse("go", source.encode("utf-8", "surrogatepass"))
    alias = _go_alias(root)
    if alias is None:
        return []
    sites = SiteCollector(path, "go", "tree-sitter-go", "go")
    resolve = Resolver("go", root)
    for node in nodes(root, "go", "call_expression"):
        function = " ".join(text(field(node, "function")).split())
        if function in (f"{alias}.NewRestClient", f"{alias}.NewRestClientWithParams"):
            var = _left_of(node, ("short_var_declaration", "assignment_statement"))
            sites.create(var, line(node), f"{function}(…)", Value.unset(), Value.unset())
            continue
        owner, _, method = function.rpartition(".")
        if method in ("SetRegion", "SetEdge") and sites.knows(owner):
            args = children(field(node, "arguments"))
            part = "region" if method == "SetRegion" else "edge"
            sites.set(owner, part, resolve.value(args[0] if args else None), line(node), f"{function}()")
    return sites.sites()
