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
  `$ref`s resolved and only the validation keywords kept (`resolver.SCHEMA_KEYWORDS`), so the simulator can make
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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from explorer.catalog.naming import RawEndpoint, assign_ids
from explorer.catalog.parameters import parse_operation, record_fields
from explorer.catalog.resolver import JsonObj, Resolver
from explorer.core.endpoint import Endpoint, EndpointKind, Envelope, Schema
from explorer.core.errors import CatalogError

_METHODS: tuple[str, ...] = ("get", "post", "put", "patch", "delete")
_2010_PAGING = frozenset({"first_page_uri", "next_page_uri", "previous_page_uri", "page_size", "uri"})
_PAGE_SIZE_NAMES = ("PageSize", "pageSize")


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
    resolver = Resolver(components)
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


def _endpoint(
    product: str,
    path: str,
    item: JsonObj,
    kind: EndpointKind,
    x_twilio: JsonObj,
    resolver: Resolver,
) -> RawEndpoint:
    version = path.split("/")[1]
    parent = x_twilio.get("parent")
    operations = tuple(
        parse_operation(method, item[method], item.get("parameters") or [], resolver)
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
        fields=record_fields(record, resolver),
        response=response,
    )


def _response(item: JsonObj, resolver: Resolver) -> Schema | None:
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


def _json_schema(operation: JsonObj, statuses: Sequence[str], resolver: Resolver) -> JsonObj:
    responses = operation.get("responses") or {}
    for status in statuses:
        content = (responses.get(status) or {}).get("content") or {}
        for media_type in sorted(content):
            if "json" in media_type:
                return resolver.deref(content[media_type].get("schema"))[0]
    return {}


def _max_page_size(get: JsonObj, shared: Sequence[Any], resolver: Resolver) -> int | None:
    for raw in [*shared, *(get.get("parameters") or [])]:
        param, _ = resolver.deref(raw)
        if param.get("name") in _PAGE_SIZE_NAMES:
            maximum = resolver.deref(param.get("schema"))[0].get("maximum")
            if isinstance(maximum, int | float):
                return int(maximum)
    return None
