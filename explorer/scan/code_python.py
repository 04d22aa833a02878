"""twilio-python clients, found with Python's own `ast` (the code is parsed, never imported or run).

A hit is a call of `twilio.rest.Client` under whatever name the file imports it (`from twilio.rest import
Client as TC`, `import twilio.rest`), with `region`/`edge` given by keyword or position, and later
`client.region = …` / `client.edge = …` on the variable that holds it. A `Client` imported from anywhere
else, or a `region=` passed to any other call (boto3 and friends), is not a hit.
"""

from __future__ import annotations

__all__ = ["python_sites"]

import ast

from explorer.scan.model import Site, Value, ValueKind
from explorer.scan.sites import SiteCollector, short

# twilio.rest.Client(username, password, account_sid, region, http_client, environment, edge, …)
_POSITIONS = {"region": 3, "edge": 6}


def _env_read(node: ast.expr, os_names: set[str], env_funcs: set[str]) -> Value | None:
    """`os.environ["X"]`, `os.environ.get("X", d)`, `os.getenv("X", d)` (and the same imported bare)."""

    def is_environ(expr: ast.expr) -> bool:
        if isinstance(expr, ast.Attribute) and expr.attr == "environ":
            return isinstance(expr.value, ast.Name) and expr.value.id in os_names
        return isinstance(expr, ast.Name) and expr.id == "environ" and "environ" in env_funcs

    if isinstance(node, ast.Subscript) and is_environ(node.value):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return Value(ValueKind.ENV, None, short(ast.unparse(node)), key.value)
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        getter = (
            (isinstance(func, ast.Attribute) and func.attr == "get" and is_environ(func.value))
            or (
                isinstance(func, ast.Attribute)
                and func.attr == "getenv"
                and isinstance(func.value, ast.Name)
                and func.value.id in os_names
            )
            or (isinstance(func, ast.Name) and func.id == "getenv" and "getenv" in env_funcs)
        )
        key = node.args[0]
        if getter and isinstance(key, ast.Constant) and isinstance(key.value, str):
            default = node.args[1] if len(node.args) > 1 else None
            text = (
                default.value
                if isinstance(default, ast.Constant) and isinstance(default.value, str)
                else None
            )
            return Value(ValueKind.ENV, text, short(ast.unparse(node)), key.value)
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self, collector: SiteCollector) -> None:
        self.sites = collector
        self.client_names: set[str] = set()
        """Names bound to twilio.rest.Client."""
        self.rest_modules: set[str] = set()
        """Dotted names bound to the twilio.rest module (`twilio.rest`, `tr`)."""
        self.twilio_modules: set[str] = set()
        """Names bound to the twilio package."""
        self.os_names: set[str] = set()
        self.env_funcs: set[str] = set()
        self.constants: dict[str, Value | None] = {}

    # Imports first: the walk below visits in source order, which is where Python binds them too.
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "os":
                self.os_names.add(alias.asname or "os")
            elif alias.name == "twilio.rest":
                self.rest_modules.add(alias.asname or "twilio.rest")
            elif alias.name == "twilio":
                self.twilio_modules.add(alias.asname or "twilio")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name
            if node.module == "twilio.rest" and alias.name == "Client":
                self.client_names.add(bound)
            elif node.module == "twilio" and alias.name == "rest":
                self.rest_modules.add(bound)
            elif node.module == "os" and alias.name in ("environ", "getenv"):
                self.env_funcs.add(alias.name)

    def _is_client(self, func: ast.expr) -> bool:
        if isinstance(func, ast.Name):
            return func.id in self.client_names
        if isinstance(func, ast.Attribute) and func.attr == "Client":
            owner = ast.unparse(func.value)
            return owner in self.rest_modules or any(owner == f"{m}.rest" for m in self.twilio_modules)
        return False

    def value(self, node: ast.expr | None) -> Value:
        if node is None or (isinstance(node, ast.Constant) and node.value is None):
            return Value.unset()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return Value.literal(node.value, repr(node.value))
        env = _env_read(node, self.os_names, self.env_funcs)
        if env is not None:
            return env
        if isinstance(node, ast.Name) and node.id in self.constants:
            known = self.constants[node.id]
            if known is not None:
                if known.kind is ValueKind.LITERAL:
                    return Value(ValueKind.CONSTANT, known.text, node.id)
                return known
        return Value(ValueKind.UNRESOLVED, None, short(ast.unparse(node)))

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        for target in node.targets:
            if isinstance(target, ast.Name):
                self._constant(target.id, node.value)
            elif isinstance(target, ast.Attribute) and target.attr in ("region", "edge"):
                var = ast.unparse(target.value)
                if self.sites.knows(var):
                    what = f"{var}.{target.attr} = …"
                    self.sites.set(var, target.attr, self.value(node.value), node.lineno, what)

    def _constant(self, name: str, expr: ast.expr) -> None:
        if isinstance(expr, ast.Call) and self._is_client(expr.func):
            return
        env = _env_read(expr, self.os_names, self.env_funcs)
        new = (
            Value.literal(expr.value)
            if isinstance(expr, ast.Constant) and isinstance(expr.value, str)
            else env
        )
        # A name bound twice to different things is not a constant any more.
        if name in self.constants and self.constants[name] != new:
            self.constants[name] = None
        else:
            self.constants[name] = new

    def visit_Call(self, node: ast.Call) -> None:
        if self._is_client(node.func):
            given: dict[str, ast.expr | None] = {"region": None, "edge": None}
            for part, index in _POSITIONS.items():
                if len(node.args) > index:
                    given[part] = node.args[index]
            for keyword in node.keywords:
                if keyword.arg in given:
                    given[keyword.arg] = keyword.value
            var = self._target_of.get(id(node))
            what = f"{ast.unparse(node.func)}(…)"
            self.sites.create(var, node.lineno, what, self.value(given["region"]), self.value(given["edge"]))
        self.generic_visit(node)

    _target_of: dict[int, str]

    def scan(self, tree: ast.Module) -> None:
        # Which variable each client call is assigned to (`client = Client(…)`, `self.c = Client(…)`).
        self._target_of = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1:
                self._target_of[id(node.value)] = ast.unparse(node.targets[0])
            elif isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Call):
                self._target_of[id(node.value)] = ast.unparse(node.target)
        self.visit(tree)


def python_sites(path: str, text: str) -> list[Site] | None:
    """The twilio-python client sites in one file, or None when it does not parse."""
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    finder = _Finder(SiteCollector(path, "python", "python-ast", "python"))
    try:
        finder.scan(tree)
    except RecursionError:
        return None
    return finder.sites.sites()
