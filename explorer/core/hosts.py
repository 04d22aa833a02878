"""How hostnames are built: DNS-label checks and the exact rules of the official helper libraries.

`python_rewrite` and `node_rewrite` reproduce twilio-python 9.13 `get_hostname` and twilio-node 6
`getHostname` line for line, odd corners included (twilio-facts.md §2.1, §2.3); they are what the libraries
*do*, so they accept any URL. `plan_host` is what the explorer itself uses: it validates every label and
guarantees that the host stays inside `twilio.com`.
"""

from __future__ import annotations

__all__ = [
    "TWILIO_DOMAIN",
    "HostPlan",
    "PartOrigin",
    "node_rewrite",
    "parse_twilio_host",
    "plan_host",
    "python_rewrite",
    "validate_label",
]

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from explorer.core.errors import LabelError

TWILIO_DOMAIN = "twilio.com"

_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def validate_label(value: str, what: str) -> str:
    """Return `value` lower-cased if it is a DNS label (`[a-z0-9-]`, no leading or trailing hyphen).

    Raises:
        LabelError: for anything else (dots, `#`, `@`, `/`, `:`, spaces, empty), naming `what`.
    """
    label = value.lower()
    if label == "":
        raise LabelError(
            f"the {what} is empty",
            hint=f"omit the {what} instead of passing an empty value",
        )
    if not _LABEL.fullmatch(label):
        bad = sorted({ch for ch in label if not (ch.isascii() and (ch.isalnum() or ch == "-"))})
        shown = " ".join(repr(ch) for ch in bad) if bad else "a leading or trailing '-'"
        raise LabelError(
            f"the {what} {value!r} is not a DNS label (it contains {shown})",
            hint="use only letters, digits and '-', for example 'au1', 'sydney' or 'flex-api'",
        )
    return label


def python_rewrite(url: str, region: str | None, edge: str | None) -> str:
    """twilio-python 9.13 `ClientBase.get_hostname`: the URL the library sends for `url`.

    `region` and `edge` are the client's settings after its own environment fallback (empty counts as unset).
    """
    if not edge and not region:
        return url
    parts = urlsplit(url)
    # The library splits the whole netloc, so a ":443" stays glued to the last label and survives.
    pieces = parts.netloc.split(".")
    prefix = pieces[0]
    suffix = ".".join(pieces[-2:])
    uri_region: str | None = None
    uri_edge: str | None = None
    if len(pieces) == 4:
        uri_region = pieces[1]
    elif len(pieces) == 5:
        uri_edge, uri_region = pieces[1], pieces[2]
    new_edge = edge or uri_edge
    new_region = region or uri_region or ("us1" if new_edge else None)
    netloc = ".".join(part for part in (prefix, new_edge, new_region, suffix) if part)
    return urlunsplit(parts._replace(netloc=netloc))


def node_rewrite(url: str, region: str | None, edge: str | None) -> str:
    """twilio-node 6 `BaseTwilio.getHostname`, applied to the URL's hostname (port and path untouched)."""
    parts = urlsplit(url)
    hostname = parts.hostname or ""
    labels = hostname.split(".")
    domain = ".".join(labels[-2:])
    # JS: hostname.split("." + domain)[0]
    prefix = hostname.split("." + domain)[0]
    split = prefix.split(".")
    product = split[0]
    uri_edge = split[1] if len(split) > 1 else None
    uri_region = split[2] if len(split) > 2 else None
    if uri_edge and not uri_region:
        uri_region, uri_edge = uri_edge, None
    new_region = region or uri_region or ("us1" if edge else None)
    if not new_region:
        return url
    new_edge = edge or uri_edge
    new_host = ".".join(part for part in (product, new_edge, new_region, domain) if part)
    netloc = new_host if parts.port is None else f"{new_host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@dataclass(frozen=True, slots=True)
class PartOrigin:
    """One label of a computed host and where it came from."""

    part: str
    """`product`, `edge` or `region`."""
    value: str | None
    """The label, or None when the host has no such label."""
    origin: str
    """Human words: `--region`, `the base URL`, `implied: an edge without a region means us1`, `not set`."""


@dataclass(frozen=True, slots=True)
class HostPlan:
    """The host the helper libraries build from a product, a region and an edge. Everything is derived."""

    product: str
    """The product label (`api`, `conversations`)."""
    region: str | None
    """The client's region setting, or None."""
    edge: str | None
    """The client's edge setting, or None."""
    base_url: str
    """The product's base URL before the libraries rewrite it, normally `https://{product}.twilio.com`."""

    @property
    def url(self) -> str:
        """The base URL after twilio-python's rewrite."""
        return python_rewrite(self.base_url, self.region, self.edge)

    @property
    def fqdn(self) -> str:
        """The host name requests go to."""
        return urlsplit(self.url).hostname or ""

    @property
    def node_url(self) -> str:
        """The base URL after twilio-node's rewrite (differs from Python only in odd corners)."""
        return node_rewrite(self.base_url, self.region, self.edge)

    @property
    def origins(self) -> tuple[PartOrigin, PartOrigin, PartOrigin]:
        """Where the product, edge and region labels of `fqdn` came from."""
        base = parse_twilio_host(urlsplit(self.base_url).hostname or "")
        _, edge, region = parse_twilio_host(self.fqdn)
        if self.edge:
            edge_origin = "the edge setting"
        elif edge:
            edge_origin = "the base URL"
        else:
            edge_origin = "not set"
        if self.region:
            region_origin = "the region setting"
        elif region and region == base[2]:
            region_origin = "the base URL"
        elif region:
            region_origin = "implied: an edge without a region means us1"
        else:
            region_origin = "not set: US1 by default"
        return (
            PartOrigin("product", base[0], "the product's base URL"),
            PartOrigin("edge", edge, edge_origin),
            PartOrigin("region", region, region_origin),
        )


def plan_host(
    product: str = "api", region: str | None = None, edge: str | None = None, base_url: str | None = None
) -> HostPlan:
    """Validate the inputs and plan the host the helper libraries would use.

    Args:
        product: the product label; ignored when `base_url` is given.
        region: the client's region setting (None for unset).
        edge: the client's edge setting (None for unset).
        base_url: a URL that may already carry an edge or a region (`https://api.dublin.ie1.twilio.com`).

    Raises:
        LabelError: a label is not a DNS label, or the base URL is not an https URL inside twilio.com.
    """
    region = validate_label(region, "region") if region is not None else None
    edge = validate_label(edge, "edge") if edge is not None else None
    if base_url is None:
        base_url = f"https://{validate_label(product, 'product')}.{TWILIO_DOMAIN}"
    else:
        parts = urlsplit(base_url)
        if parts.scheme != "https" or not parts.hostname:
            raise LabelError(
                f"the base URL {base_url!r} is not an https URL", hint="use https://PRODUCT.twilio.com"
            )
        labels = parts.hostname.split(".")
        for label in labels:
            validate_label(label, "base URL label")
        if labels[-2:] != ["twilio", "com"] or len(labels) < 3 or parts.username or parts.password:
            raise LabelError(
                f"the base URL {base_url!r} is not a host inside twilio.com",
                hint="use a Twilio product host such as https://api.twilio.com",
            )
        product = labels[0]
    plan = HostPlan(product, region, edge, base_url)
    fqdn = plan.fqdn
    if not fqdn.endswith("." + TWILIO_DOMAIN) or not all(_LABEL.fullmatch(lab) for lab in fqdn.split(".")):
        raise LabelError(f"these settings would produce {fqdn!r}, outside twilio.com")
    return plan


def parse_twilio_host(fqdn: str) -> tuple[str, str | None, str | None]:
    """Split `product[.edge][.region].twilio.com` into (product, edge, region) as Twilio reads it.

    Four labels are `product.region`, five are `product.edge.region`. Anything else has no edge or region.
    """
    labels = fqdn.lower().split(".")
    if len(labels) == 4:
        return labels[0], None, labels[1]
    if len(labels) == 5:
        return labels[0], labels[1], labels[2]
    return labels[0], None, None
