"""Loading the API catalogue (bundled, or from OpenAPI files at run time) and asking it questions.

Nothing is read at import time: `load_catalog()` reads on first call and caches per source, so the
command line and the app pay for the catalogue only when a command needs it.

    catalog = load_catalog()                       # the bundled data (or $TWILIO_EXPLORER_OPENAPI)
    catalog.find("applications")                   # -> Endpoint api:applications
    catalog.match("api", "/2010-04-01/Accounts/AC.../Calls/CA....json")  # -> (api:calls:instance, {...})
    catalog.claim("api:messages", "au1")           # -> Claim: not offered, with its source
"""

from __future__ import annotations

__all__ = ["ENV_OPENAPI", "Catalog", "NoSuchResourceError", "bundled_data", "load_catalog"]

import difflib
import functools
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from explorer.catalog.path_availability import claim_for_path
from explorer.core.availability import Claim
from explorer.core.endpoint import Endpoint, EndpointKind, Role
from explorer.core.errors import CatalogError

ENV_OPENAPI = "TWILIO_EXPLORER_OPENAPI"
"""Environment variable naming a directory of OpenAPI description files to use instead of the bundled data."""

_PARAM = re.compile(r"\{([^}]*)\}")


class NoSuchResourceError(CatalogError):
    """No resource has the name or id asked for (`Catalog.find`); the hint suggests close ones."""


class _Template:
    """A compiled path template: matches a concrete path and returns its parameters."""

    __slots__ = ("endpoint", "names", "regex", "specificity")

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.names: list[str] = []
        pattern = ""
        position = 0
        for found in _PARAM.finditer(endpoint.path):
            pattern += re.escape(endpoint.path[position : found.start()])
            # Group names must be identifiers; the real names are kept aside in order.
            pattern += f"(?P<p{len(self.names)}>[^/]+?)"
            self.names.append(found.group(1))
            position = found.end()
        pattern += re.escape(endpoint.path[position:])
        self.regex = re.compile(pattern + r"\Z")
        # A literal segment beats a parameter: `/v2/Operators/Custom` before `/v2/Operators/{Sid}`.
        self.specificity = (len(self.names), endpoint.path)

    def match(self, path: str) -> dict[str, str] | None:
        found = self.regex.match(path)
        if found is None:
            return None
        return {name: found.group(f"p{n}") for n, name in enumerate(self.names)}


class Catalog:
    """Every endpoint of the API description, indexed for lookup, matching and availability."""

    def __init__(self, endpoints: Iterable[Endpoint], source: str = "") -> None:
        self.endpoints: tuple[Endpoint, ...] = tuple(sorted(endpoints, key=lambda e: e.id))
        """All endpoints, sorted by id."""
        self.source = source
        """Where the data came from (the description package, or the directory given at run time)."""
        self._by_id = {e.id: e for e in self.endpoints}
        if len(self._by_id) != len(self.endpoints):
            raise CatalogError("the catalogue has duplicate endpoint ids", hint="regenerate it")
        self._children: dict[str, list[Endpoint]] = defaultdict(list)
        for endpoint in self.endpoints:
            if endpoint.parent is not None:
                self._children[endpoint.parent].append(endpoint)
        self._templates: dict[tuple[str, int], list[_Template]] | None = None

    def __len__(self) -> int:
        return len(self.endpoints)

    def __repr__(self) -> str:
        return f"<Catalog {len(self.endpoints)} endpoints from {self.source or 'unknown source'}>"

    @property
    def products(self) -> tuple[str, ...]:
        """The product host labels that have endpoints, sorted."""
        return tuple(sorted({e.product for e in self.endpoints}))

    def get(self, endpoint_id: str) -> Endpoint:
        """The endpoint with this exact id.

        Raises:
            CatalogError: no endpoint has that id; the hint suggests close ids.
        """
        endpoint = self._by_id.get(endpoint_id)
        if endpoint is None:
            raise CatalogError(f"no resource with id {endpoint_id!r}", hint=self._suggest(endpoint_id))
        return endpoint

    def lists(self, product: str | None = None) -> tuple[Endpoint, ...]:
        """The real lists (a GET answering a page in a list envelope), of one product when given, by id.

        Create-only and action resources (`Tokens.json`, Verify's `Verifications`), single objects
        (`Balance.json`) and paths that only group others (`SIP.json`) are not lists: see `with_role`.
        """
        return self.with_role(Role.LIST, product)

    def with_role(self, role: Role, product: str | None = None) -> tuple[Endpoint, ...]:
        """The endpoints with this role (of one product when given), sorted by id."""
        return tuple(
            e for e in self.endpoints if e.role is role and (product is None or e.product == product)
        )

    def instances(self, product: str | None = None) -> tuple[Endpoint, ...]:
        """The instance endpoints (of one product when given), sorted by id."""
        return tuple(
            e
            for e in self.endpoints
            if e.kind is EndpointKind.INSTANCE and (product is None or e.product == product)
        )

    def children(self, endpoint_id: str) -> tuple[Endpoint, ...]:
        """The endpoints whose parent is `endpoint_id`, sorted by id."""
        return tuple(self._children.get(endpoint_id, ()))

    def claim(self, endpoint: Endpoint | str, region: str) -> Claim:
        """Whether `endpoint` is offered in `region`: its path-prefix claim if one applies, else its product's."""
        resolved = self.get(endpoint) if isinstance(endpoint, str) else endpoint
        return claim_for_path(resolved.product, resolved.path, region)

    def offered_lists(self, region: str) -> tuple[Endpoint, ...]:
        """The list endpoints claimed offered (GA or beta) in `region`: "what can I list in IE1?"."""
        return tuple(e for e in self.lists() if self.claim(e, region).availability.offered)

    def find(self, name_or_id: str) -> Endpoint:
        """Resolve what a user typed: an id (`api:applications`) or a short name (`applications`).

        A short name resolves to the list whose id is `product:name` in exactly one product, else to the one
        list with that name; failing both, to a create-only resource or single object by the same rules.

        Raises:
            NoSuchResourceError: nothing matches.
            CatalogError: several lists do (the message lists them).
        """
        query = name_or_id.strip().lower()
        endpoint = self._by_id.get(query)
        if endpoint is not None:
            return endpoint
        if ":" not in query:
            # Lists first; then what a name can also mean: a create-only resource or a single object.
            others = [e for e in self.endpoints if e.role in (Role.CREATE, Role.SINGLETON)]
            for candidates in (
                [e for e in self.lists() if e.id.split(":", 1)[1] == query],
                [e for e in self.lists() if e.name == query],
                [e for e in others if e.id.split(":", 1)[1] == query],
                [e for e in others if e.name == query],
            ):
                if len(candidates) == 1:
                    return candidates[0]
                if candidates:
                    ids = ", ".join(e.id for e in candidates[:12])
                    more = f" and {len(candidates) - 12} more" if len(candidates) > 12 else ""
                    raise CatalogError(
                        f"{name_or_id!r} is ambiguous: {ids}{more}",
                        hint="give the full id, for example " + candidates[0].id,
                    )
        raise NoSuchResourceError(f"no resource named {name_or_id!r}", hint=self._suggest(query))

    def match(self, product: str, path: str) -> tuple[Endpoint, dict[str, str]] | None:
        """The endpoint whose template matches a concrete request path, and the path's parameters.

        The query string is ignored. A 2010 path without `.json` matches its `.json` template.
        """
        path = path.split("?", 1)[0].split("#", 1)[0]
        templates = self._template_index()
        candidates = [path]
        if product == "api" and not path.endswith(".json"):
            candidates.append(path + ".json")
        for candidate in candidates:
            for template in templates.get((product, candidate.count("/")), ()):
                params = template.match(candidate)
                if params is not None:
                    return template.endpoint, params
        return None

    def _template_index(self) -> dict[tuple[str, int], list[_Template]]:
        # Built on first use: most commands never match a path.
        if self._templates is None:
            index: dict[tuple[str, int], list[_Template]] = defaultdict(list)
            for endpoint in self.endpoints:
                index[(endpoint.product, endpoint.path.count("/"))].append(_Template(endpoint))
            for templates in index.values():
                templates.sort(key=lambda t: t.specificity)
            self._templates = dict(index)
        return self._templates

    def _suggest(self, text: str) -> str:
        close = difflib.get_close_matches(text, list(self._by_id), n=3, cutoff=0.6)
        if close:
            return "did you mean " + ", ".join(close) + "?"
        return "run `twilio-explorer catalog` to see every resource id"


def bundled_data() -> bytes:
    """The bytes of the bundled catalogue file.

    Raises:
        CatalogError: the package was installed without its data.
    """
    try:
        return resources.files("explorer.catalog").joinpath("data", "catalog.json").read_bytes()
    except OSError as error:
        raise CatalogError(
            "the bundled API catalogue is missing", hint="reinstall, or pass --openapi DIR"
        ) from error


@functools.lru_cache(maxsize=8)
def _load(directory: str | None) -> Catalog:
    # Imported here: the converter is only needed for run-time description files.
    if directory is None:
        from explorer.catalog.codec import decode

        endpoints, source = decode(bundled_data())
        return Catalog(endpoints, source)
    from explorer.catalog.convert import convert_directory

    return Catalog(convert_directory(Path(directory)), f"OpenAPI description files in {directory}")


def load_catalog(openapi_dir: Path | None = None) -> Catalog:
    """The API catalogue: from `openapi_dir`, else from `$TWILIO_EXPLORER_OPENAPI`, else the bundled data.

    Cached per directory, so repeated calls are free.

    Raises:
        CatalogError: the directory or the bundled data cannot be read.
    """
    origin = "--openapi"
    if openapi_dir is None:
        env = os.environ.get(ENV_OPENAPI, "").strip()
        if env:
            openapi_dir, origin = Path(env).expanduser(), ENV_OPENAPI
    if openapi_dir is None:
        return _load(None)
    try:
        return _load(str(openapi_dir.resolve()))
    except (OSError, ValueError) as error:
        # The path itself is unusable (too long, a NUL byte, no permission): the OS says why.
        text = str(openapi_dir)
        shown = repr(text) if len(text) <= 120 else repr(text[:120]) + f"… ({len(text):,} characters)"
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise CatalogError(
            f"cannot read the OpenAPI directory {shown} ({origin}): {reason}",
            hint="pass the folder holding twilio_api_v2010.json and its siblings",
        ) from None
