"""Stable endpoint ids and the links between endpoints (parent, instance), derived from paths alone.

An id is `product:name`, where `name` is the shortest tail of the resource chain that tells the endpoint
apart within its product. The resource chain is the path's literal segments after the version, in
snake_case, without the 2010 API's implicit `Accounts/{AccountSid}` root:

    /2010-04-01/Accounts/{AccountSid}/Applications.json              -> api:applications
    /2010-04-01/Accounts/{AccountSid}/Recordings.json                -> api:recordings
    /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json -> api:calls:recordings
    /v1/Conversations                                                -> conversations:conversations
    /v1/Services/{ChatServiceSid}/Conversations                      -> conversations:services:conversations

Instance endpoints add `:instance`. When the same chain exists in several versions, the lowest version
keeps the plain id and the others insert their version (`studio:v2:flows`): a new Twilio version never
renames an existing id. Two paths left with the same id in one version (`Workers/Statistics` beside
`Workers/{WorkerSid}/Statistics`) are told apart by the extra path parameter (`...:by_worker_sid`).
"""

from __future__ import annotations

__all__ = ["RawEndpoint", "assign_ids", "normalize_template", "resource_chain", "snake_case"]

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from explorer.core.endpoint import Endpoint, EndpointKind, Envelope, Field, Operation, Schema
from explorer.core.errors import CatalogError

_PARAM = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True, slots=True)
class RawEndpoint:
    """One path as read from a file, before ids are assigned (ids need the whole product in view)."""

    product: str
    version: str
    path: str
    kind: EndpointKind
    parent_path: str | None
    """`x-twilio.parent` made absolute (version prefix added); None when the file gives none."""
    default_columns: tuple[str, ...]
    operations: tuple[Operation, ...]
    list_key: str | None
    envelope: Envelope | None
    envelope_keys: tuple[str, ...]
    meta_keys: tuple[str, ...]
    max_page_size: int | None
    fields: tuple[Field, ...]
    response: Schema | None = None
    """The response schema (see `explorer.catalog.convert`'s docstring)."""


def snake_case(segment: str) -> str:
    """`IncomingPhoneNumbers` -> `incoming_phone_numbers`, `SIP` -> `sip`, `mfa-reset` -> `mfa_reset`."""
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", segment)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()


def normalize_template(path: str) -> str:
    """The template with parameter names erased, so `/Calls/{Sid}.json` equals `/Calls/{CallSid}.json`."""
    return _PARAM.sub("{}", path)


def resource_chain(path: str) -> tuple[str, ...]:
    """The literal segments after the version, snake_cased, without the 2010 `Accounts/{AccountSid}` root."""
    segments = path.split("/")[2:]
    literal = [s.removesuffix(".json") for s in segments if "{" not in s]
    # Every 2010 resource hangs off the account; naming that root in every id would add nothing.
    if len(segments) > 2 and segments[0] == "Accounts" and segments[1].startswith("{"):
        literal = literal[1:]
    return tuple(snake_case(s) for s in literal if s)


def _version_order(version: str) -> tuple[int, int, str]:
    match = re.fullmatch(r"v(\d+)", version)
    return (0, int(match.group(1)), "") if match else (1, 0, version)


def _tail_names(chains: set[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """For each chain: its shortest tail that is not also a tail of another chain (else the whole chain)."""
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for chain in chains:
        chosen = chain
        for length in range(1, len(chain)):
            tail = chain[-length:]
            if not any(other != chain and other[-length:] == tail for other in chains):
                chosen = tail
                break
        names[chain] = chosen
    return names


def _base_ids(raws: Sequence[RawEndpoint]) -> list[str]:
    by_product: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    chains = [resource_chain(raw.path) or (snake_case(raw.version),) for raw in raws]
    for raw, chain in zip(raws, chains, strict=True):
        by_product[raw.product].add(chain)
    tails = {product: _tail_names(product_chains) for product, product_chains in by_product.items()}
    ids = [
        f"{raw.product}:{':'.join(tails[raw.product][chain])}"
        for raw, chain in zip(raws, chains, strict=True)
    ]
    # Same id in several versions: the lowest version keeps it.
    groups: dict[tuple[str, EndpointKind], list[int]] = defaultdict(list)
    for index, (raw, id_) in enumerate(zip(raws, ids, strict=True)):
        groups[(id_, raw.kind)].append(index)
    for (id_, _kind), members in groups.items():
        versions = sorted({raws[i].version for i in members}, key=_version_order)
        for i in members:
            if raws[i].version != versions[0]:
                product, rest = id_.split(":", 1)
                ids[i] = f"{product}:{raws[i].version.lower()}:{rest}"
    # Same id in one version: the path with fewer parameters keeps it; the others name their extra one.
    groups = defaultdict(list)
    for index, (raw, id_) in enumerate(zip(raws, ids, strict=True)):
        groups[(id_, raw.kind)].append(index)
    for (id_, _kind), members in groups.items():
        ordered = sorted(members, key=lambda i: (raws[i].path.count("{"), raws[i].path))
        for i in ordered[1:]:
            params = _PARAM.findall(raws[i].path)
            extra = snake_case(params[-1].strip("{}")) if params else str(ordered.index(i))
            ids[i] = f"{id_}:by_{extra}"
    return ids


def _instance_of(raw: RawEndpoint) -> str:
    base = raw.path.removesuffix(".json")
    suffix = ".json" if raw.path.endswith(".json") else ""
    return normalize_template(f"{base}/{{}}{suffix}")


def _find_parent(raw: RawEndpoint, index: dict[tuple[str, str], int], own: int) -> int | None:
    # x-twilio.parent names a path relative to the version. Some parents are not paths of their own
    # (`/Accounts/{AccountSid}/SIP.json`); then the nearest ancestor that is one stands in. Without an
    # x-twilio.parent, the nearest ancestor *instance* path is the parent (as x-twilio's parents mostly
    # are), so an instance never becomes the child of its own list.
    inferred = raw.parent_path is None
    start = raw.path.removesuffix(".json").rsplit("/", 1)[0] if raw.parent_path is None else raw.parent_path
    segments = start.removesuffix(".json").split("/")
    while len(segments) > 2:
        if not inferred or segments[-1].startswith("{"):
            candidate = "/".join(segments)
            for path in (candidate, f"{candidate}.json"):
                found = index.get((raw.product, normalize_template(path)))
                if found is not None and found != own:
                    return found
        segments = segments[:-1]
    return None


def assign_ids(raws: Sequence[RawEndpoint]) -> tuple[Endpoint, ...]:
    """Give every raw endpoint its id, parent and instance link; return endpoints sorted by id.

    Raises:
        CatalogError: two endpoints would share an id (the naming rules above no longer suffice).
    """
    base = _base_ids(raws)
    ids = [
        f"{b}:instance" if raw.kind is EndpointKind.INSTANCE else b for raw, b in zip(raws, base, strict=True)
    ]
    if len(set(ids)) != len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise CatalogError(f"duplicate endpoint ids: {', '.join(duplicates[:5])}", hint="extend naming.py")
    index = {(raw.product, normalize_template(raw.path)): n for n, raw in enumerate(raws)}
    endpoints: list[Endpoint] = []
    for n, raw in enumerate(raws):
        parent = _find_parent(raw, index, n)
        instance: str | None = None
        if raw.kind is EndpointKind.LIST:
            found = index.get((raw.product, _instance_of(raw)))
            if found is not None and raws[found].kind is EndpointKind.INSTANCE:
                instance = ids[found]
        chain = resource_chain(raw.path)
        endpoints.append(
            Endpoint(
                id=ids[n],
                name=chain[-1] if chain else snake_case(raw.version),
                product=raw.product,
                version=raw.version,
                path=raw.path,
                kind=raw.kind,
                parent=ids[parent] if parent is not None else None,
                list_key=raw.list_key,
                envelope=raw.envelope,
                default_columns=raw.default_columns,
                operations=raw.operations,
                max_page_size=raw.max_page_size,
                fields=raw.fields,
                envelope_keys=raw.envelope_keys,
                meta_keys=raw.meta_keys,
                instance=instance,
                response=raw.response,
            )
        )
    return tuple(sorted(endpoints, key=lambda e: e.id))
