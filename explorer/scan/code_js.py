"""twilio-node clients in JavaScript and TypeScript, found in a tree-sitter syntax tree.

Hits: `twilio(sid, token, { region, edge })`, `new Twilio(…)`, `new twilio.Twilio(…)`,
`require('twilio')(…)`, under whatever names the file binds from `require('twilio')` or `import … from
'twilio'`; then `client.region = …` / `client.edge = …` on the variable that holds one. An options object
passed to any other constructor (`new S3Client({ region })`) is not a hit.
"""

from __future__ import annotations

__all__ = ["js_sites"]

import re

from explorer.scan.model import Site, Value
from explorer.scan.sites import SiteCollector
from explorer.scan.treesitter import (
    Node,
    Resolver,
    children,
    field,
    line,
    nodes,
    parse,
    string_value,
    text,
    walk,
)

_MODULE = re.compile(r"""^require\(\s*['"]twilio['"]\s*\)$""")


def _bindings(root: Node, grammar: str) -> tuple[set[str], set[str]]:
    """(names bound to the module's default export, names bound to its `Twilio` class)."""
    module: set[str] = set()
    classes: set[str] = set()
    for node in nodes(root, grammar, "variable_declarator", "import_statement"):
        if node.type == "variable_declarator":
            value = field(node, "value")
            name = field(node, "name")
            if value is None or name is None or not _MODULE.match(" ".join(text(value).split())):
                continue
            if name.type == "identifier":
                module.add(text(name))
            elif name.type == "object_pattern":
                for part in children(name):
                    if part.type == "shorthand_property_identifier_pattern" and text(part) == "Twilio":
                        classes.add("Twilio")
                    elif part.type == "pair_pattern" and text(field(part, "key")) == "Twilio":
                        classes.add(text(field(part, "value")))
        elif node.type == "import_statement":
            source = field(node, "source")
            if source is None or string_value(source) != "twilio":
                continue
            for clause in walk(node):
                if clause.type == "import_clause":
                    for part in children(clause):
                        if part.type == "identifier":
                            module.add(text(part))
                        elif part.type == "namespace_import":
                            module.update(text(c) for c in children(part))
                elif clause.type == "import_specifier" and text(field(clause, "name")) == "Twilio":
                    classes.add(text(field(clause, "alias")) or "Twilio")
    return module, classes


def _target(node: Node) -> str | None:
    parent = node.parent
    while parent is not None and parent.type in (
        "await_expression",
        "parenthesized_expression",
        "as_expression",
    ):
        parent = parent.parent
    if parent is None:
        return None
    if parent.type == "variable_declarator":
        return text(field(parent, "name")) or None
    if parent.type == "assignment_expression":
        return text(field(parent, "left")) or None
    return None


def js_sites(path: str, source: str, grammar: str) -> list[Site] | None:
    """The twilio-node client sites of one JS/TS file (`grammar`: javascript, typescript or tsx)."""
    root = parse(grammar, source.encode("utf-8", "surrogatepass"))
    if root.has_error and not root.named_children:
        return None
    module, classes = _bindings(root, grammar)
    direct = "twilio" in source and "require(" in source
    if not module and not classes and not direct:
        return []
    language = "javascript" if grammar == "javascript" else "typescript"
    sites = SiteCollector(path, language, f"tree-sitter-{grammar}", "node")
    resolve = Resolver("javascript", root, grammar)
    for node in nodes(root, grammar, "call_expression", "new_expression", "assignment_expression"):
        if node.type in ("call_expression", "new_expression"):
            callee = field(node, "function") if node.type == "call_expression" else field(node, "constructor")
            name = " ".join(text(callee).split())
            is_client = (
                (node.type == "call_expression" and (name in module or bool(_MODULE.match(name))))
                or name in classes
                or (node.type == "new_expression" and any(name == f"{m}.Twilio" for m in module))
            )
            if not is_client:
                continue
            args = children(field(node, "arguments"))
            region, edge = Value.unset(), Value.unset()
            if len(args) > 2:
                options = args[2]
                if options.type == "object":
                    for pair in children(options):
                        if pair.type == "pair" and text(field(pair, "key")).strip("'\"") in (
                            "region",
                            "edge",
                        ):
                            value = resolve.value(field(pair, "value"))
                            if text(field(pair, "key")).strip("'\"") == "region":
                                region = value
                            else:
                                edge = value
                        elif pair.type == "shorthand_property_identifier" and text(pair) in (
                            "region",
                            "edge",
                        ):
                            if text(pair) == "region":
                                region = resolve.value(pair)
                            else:
                                edge = resolve.value(pair)
                else:
                    region = edge = resolve.value(options)
            what = f"{'new ' if node.type == 'new_expression' else ''}{name}(…)"
            sites.create(_target(node), line(node), what, region, edge)
        elif node.type == "assignment_expression":
            left = field(node, "left")
            if left is not None and left.type == "member_expression":
                part = text(field(left, "property"))
                owner = text(field(left, "object"))
                if part in ("region", "edge") and sites.knows(owner):
                    sites.set(
                        owner, part, resolve.value(field(node, "right")), line(node), f"{owner}.{part} = …"
                    )
    return sites.sites()
