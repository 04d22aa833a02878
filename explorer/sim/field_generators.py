"""Generators for fields whose value is not just "anything the schema accepts": links, and well-known names.

`link_generator` makes `uri`/`url` (the record's own path) and `links`/`subresource_uris` (its sub-lists) from
the instance path template; `named_generator` gives friendlier text for names the schema leaves free
(`friendly_name`, `to`, `from`, `unique_name`...). Both run once per record and field, so they do no lookups.
"""

from __future__ import annotations

__all__ = ["children_of", "link_generator", "named_generator", "path_param_for", "singular"]

from collections.abc import Mapping, Sequence

from explorer.catalog.naming import normalize_template, snake_case
from explorer.core.endpoint import Endpoint, Schema
from explorer.sim.values import Constant, Context, Generator, mix, phone_number, salt_of


def singular(name: str) -> str:
    """`applications` -> `application`: the noun a friendly name is made of."""
    words = name.replace("_", " ").replace("-", " ").strip()
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith(("sses", "xes")):
        return words[:-2]
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words


def link_generator(name: str, children: tuple[tuple[str, str], ...]) -> Generator:
    """`uri`/`url` (the record's own path, absolute for `url`) or `links`/`subresource_uris` (its children)."""
    absolute = name in ("url", "links")
    # The path with the list's parameters filled in, split around the record's own key: the same for every
    # record of a list, whose records share one params mapping (kept here too, so its id is never reused).
    filled: dict[int, tuple[Mapping[str, str], str, str, tuple[str, str] | None]] = {}

    def own_path(c: Context) -> str | None:
        if c.instance_path is None:
            return None
        known = filled.get(id(c.params))
        if known is None or known[0] is not c.params or known[1] != c.instance_path:
            text = c.instance_path
            for key, value in c.params.items():
                text = text.replace("{" + key + "}", value)
            # What is left is the record's own SID, the template's last parameter.
            split = None
            if "{" in text:
                start = text.rindex("{")
                split = (text[:start], text[text.index("}", start) + 1 :])
            if len(filled) >= 256:
                filled.clear()
            known = filled[id(c.params)] = (c.params, c.instance_path, text, split)
        _params, _template, text, split = known
        return text if c.sid is None or split is None else split[0] + c.sid + split[1]

    def render(path: str, c: Context) -> str:
        return f"https://{c.host}{path}" if absolute else path

    if name in ("uri", "url"):
        return lambda c: render(own, c) if (own := own_path(c)) is not None else None

    def links(c: Context) -> dict[str, str]:
        own = own_path(c)
        if own is None:
            return {}
        stem = own.removesuffix(".json")
        return {child: render(f"{stem}/{rest}", c) for child, rest in children}

    return links


def children_of(instance_path: str | None, endpoints: Sequence[Endpoint]) -> tuple[tuple[str, str], ...]:
    """The list endpoints directly under an instance: `Calls/{Sid}.json` -> ("recordings", "Recordings.json")."""
    if instance_path is None:
        return ()
    stem = normalize_template(instance_path.removesuffix(".json")) + "/"
    found: list[tuple[str, str]] = []
    for candidate in endpoints:
        path = normalize_template(candidate.path)
        rest = path[len(stem) :] if path.startswith(stem) else ""
        if candidate.kind == "list" and rest and "/" not in rest and "{" not in rest:
            found.append((snake_case(rest.removesuffix(".json")), rest))
    return tuple(found)


def path_param_for(endpoint: Endpoint, field_name: str) -> str | None:
    """The path parameter a field echoes, if any."""
    # `call_sid` on Calls/{CallSid}/Recordings is the parent's SID; `phone_number` on /PhoneNumbers/{PhoneNumber}
    # echoes the path. The record's own SID (the last parameter of an instance path) is handled as `sid`.
    for param in endpoint.path_params:
        if snake_case(param) == field_name:
            return param
    return None


def named_generator(endpoint: Endpoint, name: str, schema: Schema) -> Generator | None:
    """Friendlier text for well-known names the schema leaves free (`friendly_name`, `to`, `from`)."""
    if schema.get("type") != "string" or schema.get("enum") or schema.get("pattern"):
        return None
    salt = salt_of(name)
    if name in ("to", "from", "phone_number", "caller_id") or schema.get("format") == "phone-number":
        return lambda c: phone_number(c.region, mix(c.entropy, salt))
    if name == "auth_token":
        # Never a working credential: the Region's real demo token is only in the env file.
        return lambda c: f"{mix(c.entropy, salt):016x}{mix(c.entropy, ~salt):016x}"[:32]
    if schema.get("format"):
        return None
    noun = singular(endpoint.name)
    if name == "friendly_name":
        return lambda c: f"{c.region.upper()} {noun} {c.index + 1}".strip()
    if name == "unique_name":
        slug = noun.replace(" ", "-")
        return lambda c: f"{c.region}-{slug}-{c.index + 1}"
    if name == "api_version":
        return Constant("2010-04-01")
    if name == "status":
        return Constant("active")
    if name == "attributes":
        return Constant("{}")
    return None
