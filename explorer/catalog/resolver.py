"""Following an OpenAPI document's local `$ref`s, and response schemas cut down to what constrains a value.

`Resolver.deref` follows a chain of references (noting any `nullable: true` on the way); `Resolver.clean`
resolves a whole schema and keeps only the validation keywords (`SCHEMA_KEYWORDS`), so the simulator can
make values that satisfy it and the tests can check them against it. Prose never survives the cut.
"""

from __future__ import annotations

__all__ = ["SCHEMA_KEYWORDS", "JsonObj", "Resolver"]

from collections.abc import Mapping
from typing import Any

from explorer.core.endpoint import Schema
from explorer.core.errors import CatalogError

JsonObj = Mapping[str, Any]

SCHEMA_KEYWORDS = (
    "type",
    "format",
    "pattern",
    "enum",
    "nullable",
    "required",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)
"""The keywords a response schema keeps: those that constrain a value. Prose (`description`, `example`,
`title`) and code-generator hints (`x-*`) are dropped."""


class Resolver:
    """Follows local `$ref`s (`#/components/schemas/x`, `#/components/parameters/y`)."""

    def __init__(self, components: JsonObj) -> None:
        self._components = components

    def deref(self, node: Any) -> tuple[JsonObj, bool]:
        """The target of `node` and whether any hop on the way said `nullable: true`."""
        nullable = False
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            nullable = nullable or bool(node.get("nullable"))
            ref = str(node["$ref"])
            parts = ref.removeprefix("#/components/").split("/")
            target: Any = self._components
            for part in parts:
                target = target.get(part) if isinstance(target, dict) else None
            if target is None or seen > 20:
                raise CatalogError(f"unresolvable reference {ref}", hint="the description file is incomplete")
            node = target
            seen += 1
        if not isinstance(node, dict):
            return {}, nullable
        return node, nullable or bool(node.get("nullable"))

    def clean(self, node: Any, depth: int = 0) -> Schema:
        """`node` with every `$ref` resolved and only `SCHEMA_KEYWORDS` kept, at every depth.

        Raises:
            CatalogError: the schema nests deeper than any real response (a reference cycle).
        """
        if depth > 40:
            raise CatalogError(
                "a response schema nests too deep", hint="the description has a reference cycle"
            )
        target, nullable = self.deref(node)
        out: dict[str, Any] = {key: target[key] for key in SCHEMA_KEYWORDS if key in target}
        if nullable:
            out["nullable"] = True
        properties = target.get("properties")
        if isinstance(properties, dict):
            out["properties"] = {str(k): self.clean(v, depth + 1) for k, v in properties.items()}
        if "items" in target:
            out["items"] = self.clean(target["items"], depth + 1)
        extra = target.get("additionalProperties")
        if isinstance(extra, bool):
            out["additionalProperties"] = extra
        elif isinstance(extra, dict):
            out["additionalProperties"] = self.clean(extra, depth + 1)
        for combinator in ("oneOf", "anyOf", "allOf"):
            if isinstance(target.get(combinator), list):
                out[combinator] = [self.clean(option, depth + 1) for option in target[combinator]]
        discriminator = _discriminator(target)
        if discriminator is not None:
            out["discriminator"] = discriminator
        return out


def _discriminator(schema: JsonObj) -> dict[str, Any] | None:
    # OpenAPI picks a `oneOf` option by a property's value: {"propertyName": "type", "mapping": {"TEXT":
    # "#/components/schemas/TextResult"}}. Kept with each target as its option's position, since the
    # catalogue resolves references away.
    found = schema.get("discriminator")
    options = schema.get("oneOf") or schema.get("anyOf")
    if not isinstance(found, dict) or not isinstance(options, list):
        return None
    refs = [option.get("$ref") if isinstance(option, dict) else None for option in options]
    mapping = {
        str(value): refs.index(ref) for value, ref in (found.get("mapping") or {}).items() if ref in refs
    }
    return {"propertyName": str(found.get("propertyName", "")), "mapping": mapping}
