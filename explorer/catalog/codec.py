"""The bundled catalogue's file format: compact JSON with shared tables, written deterministically.

Most records repeat the same fields (`sid`, `account_sid`, `date_created`...) and most operations the same
parameters (`PageSize`, `Page`, `PageToken`), so each distinct Field and Param is stored once in a table
and endpoints refer to them by index. That keeps the file small and, more importantly, lets loading build
each distinct value object once: the same `Field` instance is shared by every endpoint that has it.

    {"format": 2, "source": "...", "fields": [[...], ...], "params": [[...], ...], "schemas": [{...}, ...],
     "endpoints": [[id, name, product, version, path, kind, parent, list_key, envelope, default_columns,
                    [[method, [param index, ...]], ...], max_page_size, [field index, ...],
                    envelope_keys, meta_keys, instance, response schema index], ...]}

Response schemas share most of their parts (every record has a `sid`, every page a `meta`), so each distinct
schema node is stored once too: a node is the schema object with its sub-schemas (`properties` values,
`items`, `additionalProperties`, `oneOf`...) replaced by their indexes in the same table. Loading rebuilds
the nested objects bottom-up, each distinct node once, shared by every endpoint that has it.

Writing sorts every table, uses no whitespace and ends with one newline: same endpoints, same bytes.
"""

from __future__ import annotations

__all__ = ["FORMAT", "decode", "encode"]

import json
from collections.abc import Sequence
from typing import Any

from explorer.core.endpoint import Endpoint, EndpointKind, Envelope, Field, Operation, Param, Schema
from explorer.core.errors import CatalogError

FORMAT = 2
"""Bumped whenever the layout changes; the loader refuses other formats."""


def _field_row(field: Field) -> list[Any]:
    return [
        field.name,
        field.type,
        field.format,
        field.pattern,
        field.nullable,
        list(field.enum),
        field.items_type,
    ]


def _param_row(param: Param) -> list[Any]:
    return [
        param.name,
        param.location,
        param.type,
        param.required,
        list(param.enum),
        param.minimum,
        param.maximum,
        param.pattern,
        param.format,
        param.min_length,
        param.max_length,
        param.default,
    ]


_CHILD_MAPS = ("properties",)
_CHILD_ONE = ("items", "additionalProperties")
_CHILD_LISTS = ("oneOf", "anyOf", "allOf")


class _SchemaTable:
    """Collects distinct schema nodes; `add` returns a node's index, children first."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self._order: dict[str, int] = {}

    def add(self, schema: Schema) -> str:
        node: dict[str, Any] = dict(schema)
        for key in _CHILD_MAPS:
            if key in node:
                node[key] = {name: self.add(child) for name, child in node[key].items()}
        for key in _CHILD_ONE:
            if isinstance(node.get(key), dict):
                node[key] = self.add(node[key])
        for key in _CHILD_LISTS:
            if key in node:
                node[key] = [self.add(child) for child in node[key]]
        key = _key(node)
        self.rows.setdefault(key, node)
        return key

    def table(self) -> tuple[list[dict[str, Any]], dict[str, int]]:
        # Sorted by content (deterministic), then child keys rewritten as indexes.
        keys = sorted(self.rows)
        index = {key: n for n, key in enumerate(keys)}
        out: list[dict[str, Any]] = []
        for key in keys:
            node = dict(self.rows[key])
            for name in _CHILD_MAPS:
                if name in node:
                    node[name] = {k: index[v] for k, v in node[name].items()}
            for name in _CHILD_ONE:
                if isinstance(node.get(name), str):
                    node[name] = index[node[name]]
            for name in _CHILD_LISTS:
                if name in node:
                    node[name] = [index[v] for v in node[name]]
            out.append(node)
        return out, index


def _expand(rows: list[Any]) -> list[Schema]:
    """The nested schema of every row, each built once; a child always comes from the same object."""
    built: list[Schema | None] = [None] * len(rows)

    def build(n: int, depth: int = 0) -> Schema:
        done = built[n]
        if done is not None:
            return done
        if depth > 60:
            raise CatalogError("a schema in the catalogue refers to itself", hint="regenerate it")
        node: dict[str, Any] = dict(rows[n])
        for key in _CHILD_MAPS:
            if key in node:
                node[key] = {name: build(i, depth + 1) for name, i in node[key].items()}
        for key in _CHILD_ONE:
            if isinstance(node.get(key), int) and not isinstance(node.get(key), bool):
                node[key] = build(node[key], depth + 1)
        for key in _CHILD_LISTS:
            if key in node:
                node[key] = [build(i, depth + 1) for i in node[key]]
        built[n] = node
        return node

    return [build(n) for n in range(len(rows))]


def _table(rows: dict[str, list[Any]]) -> tuple[list[list[Any]], dict[str, int]]:
    keys = sorted(rows)
    return [rows[key] for key in keys], {key: n for n, key in enumerate(keys)}


def _key(row: list[Any] | dict[str, Any]) -> str:
    return json.dumps(row, separators=(",", ":"), ensure_ascii=False)


def encode(endpoints: Sequence[Endpoint], source: str) -> bytes:
    """Serialize endpoints (any order; written sorted by id) with a note on where they came from."""
    ordered = sorted(endpoints, key=lambda e: e.id)
    field_rows = {_key(_field_row(f)): _field_row(f) for e in ordered for f in e.fields}
    param_rows = {_key(_param_row(p)): _param_row(p) for e in ordered for o in e.operations for p in o.params}
    fields, field_index = _table(field_rows)
    params, param_index = _table(param_rows)
    schemas = _SchemaTable()
    response_keys = {e.id: schemas.add(e.response) for e in ordered if e.response is not None}
    schema_rows, schema_index = schemas.table()
    rows = [
        [
            e.id,
            e.name,
            e.product,
            e.version,
            e.path,
            e.kind.value,
            e.parent,
            e.list_key,
            e.envelope.value if e.envelope else None,
            list(e.default_columns),
            [[o.method, [param_index[_key(_param_row(p))] for p in o.params]] for o in e.operations],
            e.max_page_size,
            [field_index[_key(_field_row(f))] for f in e.fields],
            list(e.envelope_keys),
            list(e.meta_keys),
            e.instance,
            schema_index[response_keys[e.id]] if e.id in response_keys else None,
        ]
        for e in ordered
    ]
    document = {
        "format": FORMAT,
        "source": source,
        "fields": fields,
        "params": params,
        "schemas": schema_rows,
        "endpoints": rows,
    }
    return (json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def decode(data: bytes) -> tuple[tuple[Endpoint, ...], str]:
    """Read endpoints (sorted by id) and the source note back from `encode`'s bytes.

    Raises:
        CatalogError: the data is not a catalogue of this format.
    """
    try:
        document = json.loads(data)
        if document.get("format") != FORMAT:
            raise CatalogError(
                f"catalogue format {document.get('format')!r} is not {FORMAT}",
                hint="regenerate it with tools/build_catalog.py",
            )
        fields = [
            Field(name, type_, fmt, pattern, nullable, tuple(enum), items_type)
            for name, type_, fmt, pattern, nullable, enum, items_type in document["fields"]
        ]
        params = [
            Param(name, location, type_, required, tuple(enum), minimum, maximum, pattern, fmt, *lengths)
            for name, location, type_, required, enum, minimum, maximum, pattern, fmt, *lengths in document[
                "params"
            ]
        ]
        schemas = _expand(document["schemas"])
        kinds = {kind.value: kind for kind in EndpointKind}
        envelopes = {envelope.value: envelope for envelope in Envelope}
        endpoints = tuple(
            Endpoint(
                id=row[0],
                name=row[1],
                product=row[2],
                version=row[3],
                path=row[4],
                kind=kinds[row[5]],
                parent=row[6],
                list_key=row[7],
                envelope=envelopes[row[8]] if row[8] is not None else None,
                default_columns=tuple(row[9]),
                operations=tuple(
                    Operation(method, tuple(params[i] for i in indexes)) for method, indexes in row[10]
                ),
                max_page_size=row[11],
                fields=tuple(fields[i] for i in row[12]),
                envelope_keys=tuple(row[13]),
                meta_keys=tuple(row[14]),
                instance=row[15],
                response=schemas[row[16]] if row[16] is not None else None,
            )
            for row in document["endpoints"]
        )
        source = str(document.get("source", ""))
    except CatalogError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise CatalogError(
            f"the catalogue data is damaged: {error}",
            hint="reinstall, or regenerate with tools/build_catalog.py",
        ) from error
    return endpoints, source
