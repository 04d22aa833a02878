"""The catalogue's value objects: endpoints, their operations, parameters and record fields.

This is the contract between the generator (tools/), the loader, the simulator and the UI. It is plain
data: the generator writes it, `explorer.catalog.loader` reads it back into these classes.
"""

from __future__ import annotations

__all__ = ["Endpoint", "EndpointKind", "Envelope", "Field", "Operation", "Param", "Role", "Schema"]

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Schema = Mapping[str, Any]
"""A response schema as the description gives it (OpenAPI 3.0 keywords: `type`, `nullable`, `properties`,
`items`, `required`, `enum`, `pattern`, `format`, `minLength`...), `$ref`s resolved and prose removed.
Shared between endpoints: read it, never change it."""


class EndpointKind(StrEnum):
    """An OpenAPI path's `x-twilio.pathType`."""

    LIST = "list"
    INSTANCE = "instance"


class Role(StrEnum):
    """What an endpoint is for, derived from its methods and its GET response (not from `pathType` alone)."""

    LIST = "list"
    """A GET answers a page of records in a list envelope: `Calls.json`, `/v1/Services`."""
    CREATE = "create"
    """No GET, but a POST: it creates a record or runs an action (`Tokens.json`, Verify's `Verifications`)."""
    SINGLETON = "singleton"
    """A list path whose GET answers one object, not a page (`Balance.json`)."""
    INSTANCE = "instance"
    """One record (`Calls/{Sid}.json`), fetched, updated or deleted by its key."""
    GROUP = "group"
    """A list path with no method at all: it only groups the paths below it (`SIP.json`, `Usage.json`)."""


class Envelope(StrEnum):
    """How a list response wraps its records."""

    V2010 = "2010"
    """`{key: [...], page, page_size, uri, first_page_uri, next_page_uri, ...}` with relative `*_uri` links."""
    META = "meta"
    """`{key: [...], meta: {page, page_size, first_page_url, next_page_url, url, key, ...}}`, absolute links."""


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of an operation."""

    name: str
    """The name on the wire (`PageSize`, `FriendlyName`, `StartTime>`)."""
    location: str
    """`path`, `query`, `form` (application/x-www-form-urlencoded body), `json` (a property of a JSON body)
    or `header`."""
    type: str
    """JSON schema type: `string`, `integer`, `number`, `boolean`, `array`, `object`."""
    required: bool = False
    """Whether the operation requires it."""
    enum: tuple[str, ...] = ()
    """Allowed values, when the description lists them."""
    minimum: float | None = None
    """Smallest allowed number."""
    maximum: float | None = None
    """Largest allowed number."""
    pattern: str | None = None
    """A regular expression the value must match."""
    format: str | None = None
    """JSON schema format (`date-time`, `uri`, `phone-number`, ...)."""
    min_length: int | None = None
    """Shortest allowed string (`minLength`)."""
    max_length: int | None = None
    """Longest allowed string: `maxLength`, or the limit the parameter's description states in prose
    ("It can be up to 64 characters long.") when that is the only place it is given."""
    default: str | None = None
    """The value Twilio uses when the parameter is not sent (`default`), as text."""


@dataclass(frozen=True, slots=True)
class Operation:
    """One HTTP method on an endpoint."""

    method: str
    """GET, POST, DELETE, PUT."""
    params: tuple[Param, ...] = ()
    """Its parameters: path, query and form."""


@dataclass(frozen=True, slots=True)
class Field:
    """One property of a record, enough to produce a realistic value."""

    name: str
    """The JSON property name (`sid`, `date_created`, `friendly_name`)."""
    type: str
    """JSON schema type, or `any` where the description gives none."""
    format: str | None = None
    """JSON schema format, or Twilio's (`date-time-rfc-2822`, `uri`, `phone-number`, `uri-map`)."""
    pattern: str | None = None
    """For SIDs: `^AP[0-9a-fA-F]{32}$`."""
    nullable: bool = False
    """Whether the value may be null."""
    enum: tuple[str, ...] = ()
    """Allowed values."""
    items_type: str | None = None
    """For arrays: the type of the items."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One path of the API: a list or an instance resource on one product host."""

    id: str
    """Stable id, unique in the catalogue: `api:applications` for a list, `api:applications:instance` for
    its instance path. Generated from the product and the path, never from prose."""
    name: str
    """A short human name: `applications`, `conversations`."""
    product: str
    """The product host label (`api`, `conversations`)."""
    version: str
    """The first path segment: `2010-04-01`, `v1`, ..."""
    path: str
    """The path template with `{Params}`: `/2010-04-01/Accounts/{AccountSid}/Applications.json`."""
    kind: EndpointKind
    """List or instance."""
    parent: str | None
    """The id of the parent endpoint (x-twilio.parent), or None."""
    list_key: str | None
    """For lists: the array property holding the records (`applications`, or meta.key)."""
    envelope: Envelope | None
    """For lists: the envelope kind."""
    default_columns: tuple[str, ...]
    """x-twilio.defaultOutputProperties."""
    operations: tuple[Operation, ...]
    """The methods it supports."""
    max_page_size: int | None
    """For lists: the largest PageSize the description allows."""
    fields: tuple[Field, ...]
    """The record's properties (for a list: the items' properties)."""
    envelope_keys: tuple[str, ...] = ()
    """For lists: the exact top-level keys of the published list response (and the meta keys for `meta`)."""
    meta_keys: tuple[str, ...] = ()
    """For `meta` lists: the exact keys inside `meta`."""
    instance: str | None = None
    """For lists: the id of the matching instance endpoint, if the description has one."""
    response: Schema | None = field(default=None, hash=False, compare=False, repr=False)
    """The published schema of what the endpoint answers: the GET 200 response (a list's whole envelope),
    or for an endpoint without GET the response of its first write; None when the description has none."""

    @property
    def role(self) -> Role:
        """List, create-only, singleton, instance or group: what the endpoint is for."""
        if self.kind is EndpointKind.INSTANCE:
            return Role.INSTANCE
        if self.operation("GET") is not None:
            return Role.LIST if self.envelope is not None else Role.SINGLETON
        if self.operations:
            return Role.CREATE
        return Role.GROUP

    @property
    def path_params(self) -> tuple[str, ...]:
        """The `{Params}` of the path template, in order."""
        names: list[str] = []
        rest = self.path
        while "{" in rest:
            start = rest.index("{")
            end = rest.index("}", start)
            names.append(rest[start + 1 : end])
            rest = rest[end + 1 :]
        return tuple(names)

    def operation(self, method: str) -> Operation | None:
        """The operation for `method`, if the endpoint has it."""
        for operation in self.operations:
            if operation.method == method.upper():
                return operation
        return None
