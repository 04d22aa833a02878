"""Shared tree-sitter plumbing for the JS/TS, C#, Java, Ruby, PHP and Go extractors.

Each grammar is a maintained wheel (`tree-sitter-javascript`, …); parsing builds a syntax tree and never runs
the code. `Resolver` turns an argument node into a `Value`: a string literal, a same-file constant (one
assignment of a literal or of an environment read), an environment read, or unresolved.
"""

from __future__ import annotations

__all__ = ["Node", "Resolver", "children", "field", "line", "nodes", "parse", "text", "walk"]

import re
from collections.abc import Callable, Iterator
from functools import cache

from tree_sitter import Language, Node, Parser, Query, QueryCursor

from explorer.scan.model import Value, ValueKind
from explorer.scan.sites import short


@cache
def _language(name: str) -> Language:
    loaders: dict[str, Callable[[], object]] = {}
    if name == "javascript":
        import tree_sitter_javascript

        loaders[name] = tree_sitter_javascript.language
    elif name in ("typescript", "tsx"):
        import tree_sitter_typescript

        loaders[name] = (
            tree_sitter_typescript.language_tsx
            if name == "tsx"
            else tree_sitter_typescript.language_typescript
        )
    elif name == "csharp":
        import tree_sitter_c_sharp

        loaders[name] = tree_sitter_c_sharp.language
    elif name == "java":
        import tree_sitter_java

        loaders[name] = tree_sitter_java.language
    elif name == "ruby":
        import tree_sitter_ruby

        loaders[name] = tree_sitter_ruby.language
    elif name == "php":
        import tree_sitter_php

        loaders[name] = tree_sitter_php.language_php
    elif name == "go":
        import tree_sitter_go

        loaders[name] = tree_sitter_go.language
    return Language(loaders[name]())


@cache
def _parser(name: str) -> Parser:
    return Parser(_language(name))


def parse(grammar: str, source: bytes) -> Node:
    """The root node of `source` parsed with `grammar`."""
    return _parser(grammar).parse(source).root_node


def text(node: Node | None) -> str:
    """The node's source text."""
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


def line(node: Node) -> int:
    """1-based line of the node's start."""
    return node.start_point[0] + 1


def field(node: Node, name: str) -> Node | None:
    """The child in field `name`."""
    return node.child_by_field_name(name)


def children(node: Node | None) -> list[Node]:
    """The named children."""
    return list(node.named_children) if node is not None else []


_NODE_TYPES: dict[str, tuple[str, ...]] = {
    "javascript": (
        "variable_declarator",
        "import_statement",
        "call_expression",
        "new_expression",
        "assignment_expression",
    ),
    "csharp": ("variable_declarator", "object_creation_expression", "invocation_expression"),
    "java": ("variable_declarator", "object_creation_expression", "method_invocation"),
    "ruby": ("assignment", "call"),
    "php": ("const_element", "assignment_expression", "object_creation_expression", "member_call_expression"),
    "go": ("import_spec", "const_spec", "var_spec", "short_var_declaration", "call_expression"),
}
"""Every node type an extractor asks for, per grammar family: one query per grammar (compiling one costs
tens of milliseconds), each file's tree searched once."""


@cache
def _query(grammar: str) -> Query:
    family = "javascript" if grammar in ("typescript", "tsx") else grammar
    return Query(_language(grammar), "[" + " ".join(f"({t})" for t in _NODE_TYPES[family]) + "] @node")


def nodes(root: Node, grammar: str, *types: str) -> list[Node]:
    """The nodes of `types` under `root`, in source order, found by tree-sitter itself (not a Python walk)."""
    wanted = set(types)
    found = QueryCursor(_query(grammar)).captures(root).get("node", [])
    return sorted((node for node in found if node.type in wanted), key=lambda node: node.start_byte)


def walk(root: Node) -> Iterator[Node]:
    """Every named node, depth first, in source order (iterative: deep files never hit the recursion limit)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.named_children))


_STRING = re.compile(r"""^@?(["'`])(.*)\1$""", re.DOTALL)
_STRING_TYPES = {
    "string", "template_string", "string_literal", "verbatim_string_literal", "interpreted_string_literal",
    "raw_string_literal", "encapsed_string",
}  # fmt: skip
_NULLS = {"null", "undefined", "null_literal", "nil"}
_INTERPOLATION = re.compile(r"\$\{|#\{|\$[A-Za-z_{]")
_ENV_PATTERNS = {
    "javascript": r"""process\.env(?:\.(\w+)|\[\s*['"`](\w+)['"`]\s*\])""",
    "csharp": r"""(?:System\.)?Environment\.GetEnvironmentVariable\(\s*"(\w+)"\s*\)""",
    "java": r"""System\.getenv\(\s*"(\w+)"\s*\)""",
    "ruby": r"""ENV\[\s*['"](\w+)['"]\s*\]|ENV\.fetch\(\s*['"](\w+)['"]\s*\)""",
    "php": r"""getenv\(\s*['"](\w+)['"]\s*\)|\$_(?:ENV|SERVER)\[\s*['"](\w+)['"]\s*\]""",
    "go": r"""os\.Getenv\(\s*"(\w+)"\s*\)""",
}
_DECLARATIONS: dict[str, dict[str, tuple[str | None, str | None]]] = {
    "javascript": {"variable_declarator": ("name", "value")},
    "csharp": {"variable_declarator": ("name", None)},
    "java": {"variable_declarator": ("name", "value")},
    "ruby": {"assignment": ("left", "right")},
    "php": {"const_element": (None, None), "assignment_expression": ("left", "right")},
    "go": {"const_spec": ("name", "value"), "var_spec": ("name", "value"), "short_var_declaration": ("left", "right")},
}  # fmt: skip


def string_value(node: Node) -> str | None:
    """The literal text of a string node without interpolation, else None."""
    if node.type not in _STRING_TYPES:
        return None
    match = _STRING.match(text(node))
    if match is None or _INTERPOLATION.search(match.group(2)):
        return None
    return match.group(2)


def _unwrap(node: Node | None) -> Node | None:
    while (
        node is not None
        and node.type in ("expression_list", "argument", "parenthesized_expression")
        and node.named_child_count == 1
    ):
        node = node.named_children[0]
    return node


class Resolver:
    """Resolves argument nodes of one file (`family` names the env-read pattern: javascript covers TS)."""

    def __init__(self, family: str, root: Node, grammar: str | None = None) -> None:
        self._env = re.compile(_ENV_PATTERNS[family])
        self._declarations: dict[str, tuple[str | None, str | None]] = _DECLARATIONS[family]
        self._root = root
        self._grammar = grammar or family
        self._constants: dict[str, Value | None] | None = None

    @property
    def constants(self) -> dict[str, Value | None]:
        """Same-file names bound once to a literal or an environment read (collected on first use)."""
        if self._constants is None:
            self._constants = {}
            self._collect(self._constants)
        return self._constants

    def _collect(self, constants: dict[str, Value | None]) -> None:
        for node in nodes(self._root, self._grammar, *self._declarations):
            spec = self._declarations[node.type]
            kids = children(node)
            name = field(node, spec[0]) if spec[0] else (kids[0] if kids else None)
            value = field(node, spec[1]) if spec[1] else (kids[-1] if len(kids) > 1 else None)
            name, value = _unwrap(name), _unwrap(value)
            if name is None or value is None or name == value:
                continue
            key = text(name)
            found = self._direct(value)
            if key in constants and constants[key] != found:
                constants[key] = None
            else:
                constants[key] = found

    def _direct(self, node: Node) -> Value | None:
        literal = string_value(node)
        if literal is not None:
            return Value.literal(literal, text(node))
        env = self._env.fullmatch(" ".join(text(node).split()))
        if env is not None:
            return Value(ValueKind.ENV, None, short(text(node)), next(g for g in env.groups() if g))
        return None

    def value(self, node: Node | None) -> Value:
        """The value an argument node gives."""
        node = _unwrap(node)
        if node is None or node.type in _NULLS:
            return Value.unset()
        direct = self._direct(node)
        if direct is not None:
            return direct
        known = self.constants.get(text(node))
        if known is not None:
            if known.kind is ValueKind.LITERAL:
                return Value(ValueKind.CONSTANT, known.text, text(node))
            return known
        return Value(ValueKind.UNRESOLVED, None, short(text(node)))
