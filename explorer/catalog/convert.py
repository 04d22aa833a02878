"""Conversion of Twilio's OpenAPI description files into catalogue endpoints (facts only, no prose).

The generator (`tools/build_catalog.py`) and the loader's `--openapi DIR` override both call
`convert_directory`, so the bundled catalogue and a run-time override are built by the same code.

What is read from each path of a description file:
- the product host label (from `servers`), the version (first path segment) and the path template;
- `x-twilio.pathType`, `x-twilio.parent` and `x-twilio.defaultOutputProperties`;
- each operation's parameters (path, query, header; form or JSON body properties), with their type,
  required flag, enum, minimum, maximum, pattern and format;
- for lists: the GET 200 response's envelope (its exact keys, its `meta` keys, its array property) and the
  PageSize maximum; the record fields come from the array's items schema;
- for instances: the record fields from the GET 200 response (or the first write response);
- the response schema itself (`Endpoint.response`): the GET 200 schema, else the first write's, with its
  `$ref`s resolved and only the validation keywords kept (`_SCHEMA_KEYWORDS`), so the simulator can make
  values that satisfy it and the tests can check them against it;
- a limit a parameter states only in prose ("It can be up to 64 characters long.") as its `max_length`,
  and a default stated only in prose ("the default is `POST`") as its `default`: the value is a fact the
  server applies, the sentence around it is not copied.

Descriptions, summaries and examples are never copied: the catalogue holds facts only.
"""

from __future__ import annotations

__all__ = ["convert_directory", "convert_documents", "read_descriptions"]

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from explorer.catalog.naming import RawEndpoint, assign_ids
from explorer.core.endpoint import Endpoint, EndpointKind, Envelope, Field, Operation, Param, Schema
from explorer.core.errors import CatalogError

_METHODS: tuple[str, ...] = ("get", "post", "put", "patch", "delete")
_2010_PAGING = frozenset({"first_page_uri", "next_page_uri", "previous_page_uri", "page_size", "uri"})
_PAGE_SIZE_NAMES = ("PageSize", "pageSize")
_SCHEMA_KEYWORDS = (
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
# "It can be up to 64 characters long.", "a maximum of 255 characters", "no more than 11 characters".
# "Can be: `GET` or `POST` and the default is `POST`.", "Defaults to `true`."
_PROSE_DEFAULT = re.compile(r"(?:[Tt]he default (?:value )?is|[Dd]efaults? to|[Dd]efault:)\s+`([^`]{1,40})`")
_PROSE_LIMIT = re.compile(
    r"\b(?:up to|a maximum of|maximum of|no more than|cannot exceed|must not exceed)\s+(\d{1,6})\s+characters\b",
    re.IGNORECASE,
)

JsonObj = Mapping[str, Any]


def read_descriptions(directory: Path) -> list[tuple[str, JsonObj]]:
    """Read every `*.json` description file in `directory`, sorted by file name.

    Raises:
        CatalogError: the directory is missing, holds no description file, or a file is not valid JSON.
    """
    if not directory.is_dir():
        raise CatalogError(
            f"OpenAPI directory {directory} does not exist",
            hint="pass the folder holding twilio_api_v2010.json and its siblings",
        )
    documents: list[tuple[str, JsonObj]] = []
    for file in sorted(directory.glob("*.json")):
        try:
            document = json.loads(file.read_bytes())
        except (OSError, ValueError) as error:
            raise CatalogError(
                f"cannot read OpenAPI file {file.name}: {error}", hint="re-fetch the description files"
            ) from error
        if isinstance(document, dict) and isinstance(document.get("paths"), dict):
            documents.append((file.name, document))
    if not documents:
        raise CatalogError(
            f"no OpenAPI description files in {directory}",
            hint="the folder should hold files such as twilio_api_v2010.json",
        )
    return documents


def convert_directory(directory: Path) -> tuple[Endpoint, ...]:
    """Read a directory of description files and return its endpoints, sorted by id."""
    return convert_documents(read_descriptions(directory))


def _file_preference(name: str) -> tuple[int, str]:
    # cli-core ships twilio_content_sdk.json beside twilio_content_v1.json with the same paths; the
    # versioned file is the canonical one, so it wins when a (host, path) pair appears twice.
    return (0 if re.search(r"_v\d+\.json$", name) else 1, name)


def convert_documents(documents: Iterable[tuple[str, JsonObj]]) -> tuple[Endpoint, ...]:
    """Convert parsed description documents (file name, document) into endpoints sorted by id."""
    raw: dict[tuple[str, str], RawEndpoint] = {}
    for _name, document in sorted(documents, key=lambda item: _file_preference(item[0])):
        for endpoint in _document_endpoints(document):
            raw.setdefault((endpoint.product, endpoint.path), endpoint)
    return assign_ids(sorted(raw.values(), key=lambda e: (e.product, e.path)))


def _document_endpoints(document: JsonObj) -> Iterable[RawEndpoint]:
    components = document.get("components") or {}
    resolver = _Resolver(components)
    default_servers = document.get("servers") or []
    for path, item in document["paths"].items():
        if not isinstance(item, dict):
            continue
        x_twilio = item.get("x-twilio") or {}
        path_type = x_twilio.get("pathType")
        # Paths without a pathType (MFA flows, SCIM, internal consoles) are not list or instance
        # resources; the catalogue covers lists and the instances below them.
        if path_type not in ("list", "instance"):
            continue
        product = _product(item.get("servers") or default_servers)
        if product is None:
            continue
        yield _endpoint(product, path, item, EndpointKind(path_type), x_twilio, resolver)


def _product(servers: Sequence[Any]) -> str | None:
    for server in servers:
        host = urlsplit(str(server.get("url", ""))).hostname or ""
        if host.endswith(".twilio.com"):
            return host.split(".")[0]
    return None


class _Resolver:
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
        """`node` with every `$ref` resolved and only `_SCHEMA_KEYWORDS` kept, at every depth.

        Raises:
            CatalogError: the schema nests deeper than any real response (a reference cycle).
        """
        if depth > 40:
            raise CatalogError(
                "a response schema nests too deep", hint="the description has a reference cycle"
            )
        target, nullable = self.deref(node)
        out: dict[str, Any] = {key: target[key] for key in _SCHEMA_KEYWORDS if key in target}
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


def _endpoint(
    product: str,
    path: str,
    item: JsonObj,
    kind: EndpointKind,
    x_twilio: JsonObj,
    resolver: _Resolver,
) -> RawEndpoint:
    version = path.split("/")[1]
    parent = x_twilio.get("parent")
    operations = tuple(
        _operation(method, item[method], item.get("parameters") or [], resolver)
        for method in _METHODS
        if isinstance(item.get(method), dict)
    )
    list_key: str | None = None
    envelope: Envelope | None = None
    envelope_keys: tuple[str, ...] = ()
    meta_keys: tuple[str, ...] = ()
    max_page_size: int | None = None
    record: JsonObj = {}
    get = item.get("get")
    response = _response(item, resolver)
    if kind is EndpointKind.LIST and isinstance(get, dict):
        schema = _json_schema(get, ("200",), resolver)
        properties: JsonObj = schema.get("properties") or {}
        envelope_keys = tuple(properties)
        arrays = [key for key, value in properties.items() if resolver.deref(value)[0].get("type") == "array"]
        if "meta" in properties:
            envelope = Envelope.META
            meta_keys = tuple(resolver.deref(properties["meta"])[0].get("properties") or {})
        elif _2010_PAGING & set(properties):
            envelope = Envelope.V2010
        # twilio-python reads records from the one array left beside the paging keys; the same rule here.
        if len(arrays) == 1:
            list_key = arrays[0]
            record = resolver.deref(resolver.deref(properties[list_key])[0].get("items"))[0]
        max_page_size = _max_page_size(get, item.get("parameters") or [], resolver)
    elif kind is EndpointKind.INSTANCE:
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                record = _json_schema(operation, ("200", "201", "202"), resolver)
                if record.get("properties"):
                    break
    return RawEndpoint(
        product=product,
        version=version,
        path=path,
        kind=kind,
        parent_path=f"/{version}{parent}" if isinstance(parent, str) and parent.startswith("/") else None,
        default_columns=tuple(str(c) for c in x_twilio.get("defaultOutputProperties") or ()),
        operations=operations,
        list_key=list_key,
        envelope=envelope,
        envelope_keys=envelope_keys,
        meta_keys=meta_keys,
        max_page_size=max_page_size,
        fields=_fields(record, resolver),
        response=response,
    )


def _response(item: JsonObj, resolver: _Resolver) -> Schema | None:
    # What a GET answers; for a path without GET (a create-only list, an action) what its first write answers.
    for method in _METHODS:
        operation = item.get(method)
        if not isinstance(operation, dict):
            continue
        for status in ("200", "201", "202"):
            content = ((operation.get("responses") or {}).get(status) or {}).get("content") or {}
            for media_type in sorted(content):
                if "json" in media_type and "schema" in content[media_type]:
                    return resolver.clean(content[media_type]["schema"])
        if method == "get":
            return None
    return None


def _json_schema(operation: JsonObj, statuses: Sequence[str], resolver: _Resolver) -> JsonObj:
    responses = operation.get("responses") or {}
    for status in statuses:
        content = (responses.get(status) or {}).get("content") or {}
        for media_type in sorted(content):
            if "json" in media_type:
                return resolver.deref(content[media_type].get("schema"))[0]
    return {}


def _max_page_size(get: JsonObj, shared: Sequence[Any], resolver: _Resolver) -> int | None:
    for raw in [*shared, *(get.get("parameters") or [])]:
        param, _ = resolver.deref(raw)
        if param.get("name") in _PAGE_SIZE_NAMES:
            maximum = resolver.deref(param.get("schema"))[0].get("maximum")
            if isinstance(maximum, int | float):
                return int(maximum)
    return None


def _type_of(schema: JsonObj) -> str:
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    # The files leave some properties untyped (no `type`, no `$ref`): any JSON value.
    return "any"


def _enum(schema: JsonObj) -> tuple[str, ...]:
    values = schema.get("enum") or ()
    return tuple(str(value) for value in values)


def _number(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _fields(record: JsonObj, resolver: _Resolver) -> tuple[Field, ...]:
    fields: list[Field] = []
    for name, raw in (record.get("properties") or {}).items():
        schema, nullable = resolver.deref(raw)
        items_type: str | None = None
        enum = _enum(schema)
        if _type_of(schema) == "array":
            items, _ = resolver.deref(schema.get("items"))
            items_type = _type_of(items) if items else None
            enum = enum or _enum(items)
        fields.append(
            Field(
                name=str(name),
                type=_type_of(schema),
                format=_text(schema.get("format")),
                pattern=_text(schema.get("pattern")),
                nullable=nullable,
                enum=enum,
                items_type=items_type,
            )
        )
    return tuple(fields)


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _max_length(schema: JsonObj, description: Any) -> int | None:
    stated = _integer(schema.get("maxLength"))
    if stated is not None:
        return stated
    found = _PROSE_LIMIT.search(description) if isinstance(description, str) else None
    return int(found.group(1)) if found else None


def _default(schema: JsonObj, description: Any) -> str | None:
    value = schema.get("default")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    found = _PROSE_DEFAULT.search(description) if isinstance(description, str) else None
    # A value, never a phrase: longer backticked text is left out, so no sentence reaches the data.
    return found.group(1) if found and len(found.group(1).split()) <= 2 else None


def _param(
    name: str, location: str, schema: JsonObj, required: bool, resolver: _Resolver, description: Any = None
) -> Param:
    enum = _enum(schema)
    if not enum and schema.get("type") == "array":
        enum = _enum(resolver.deref(schema.get("items"))[0])
    prose = description if description is not None else schema.get("description")
    return Param(
        name=name,
        location=location,
        type=_type_of(schema),
        required=required,
        enum=enum,
        minimum=_number(schema.get("minimum")),
        maximum=_number(schema.get("maximum")),
        pattern=_text(schema.get("pattern")),
        format=_text(schema.get("format")),
        min_length=_integer(schema.get("minLength")),
        max_length=_max_length(schema, prose),
        default=_default(schema, prose),
    )


def _operation(method: str, operation: JsonObj, shared: Sequence[Any], resolver: _Resolver) -> Operation:
    # Path-level parameters apply to every operation; an operation's own parameter of the same name and
    # location replaces it (OpenAPI 3 §4.8.9).
    merged: dict[tuple[str, str], Param] = {}
    for raw in [*shared, *(operation.get("parameters") or [])]:
        param, _ = resolver.deref(raw)
        name, location = str(param.get("name", "")), str(param.get("in", ""))
        if not name or location not in ("path", "query", "header"):
            continue
        schema, _ = resolver.deref(param.get("schema"))
        required = bool(param.get("required")) or location == "path"
        merged[(name, location)] = _param(
            name, location, schema, required, resolver, param.get("description")
        )
    content = (operation.get("requestBody") or {}).get("content") or {}
    for media_type, location in (("application/x-www-form-urlencoded", "form"), ("application/json", "json")):
        if media_type not in content:
            continue
        body, _ = resolver.deref(content[media_type].get("schema"))
        required_names = set(body.get("required") or ())
        for name, raw in (body.get("properties") or {}).items():
            schema, _ = resolver.deref(raw)
            # A property's own description (beside a `$ref`) states its limits, else the target's.
            description = raw.get("description") if isinstance(raw, dict) else None
            merged[(str(name), location)] = _param(
                str(name), location, schema, name in required_names, resolver, description
            )
        break
    return Operation(method=method.upper(), params=tuple(merged.values()))
