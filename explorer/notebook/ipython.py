"""Rich output for the core's own values in IPython: a `Verdict`, `HostPlan`, `RequestSpec` or `Exchange`
returned by the Python API (`explorer.api`) shows as the notebook's views do, not as a dataclass dump.

The core stays free of notebook code: the views are registered with IPython's display formatters when an
`Explorer` is made (or `enable_rich_output()` is called) inside IPython; elsewhere nothing happens.
"""

from __future__ import annotations

__all__ = ["enable_rich_output"]

import sys
from collections.abc import Callable
from typing import Any

from explorer.core.client import Exchange
from explorer.core.curl import render_curl
from explorer.core.hosts import HostPlan, parse_twilio_host
from explorer.core.request import RequestSpec
from explorer.core.verdict import Verdict, classify_host
from explorer.model.target import Target
from explorer.notebook.exchange_view import Response
from explorer.notebook.host_views import Curl, HostReport, Request, verdict_html, verdict_markdown


def _verdict_text(verdict: Verdict) -> str:
    return f"<Verdict {verdict.fqdn} {verdict.summary}>"


def _response(exchange: Exchange) -> Response:
    from urllib.parse import urlsplit

    product, edge, region = parse_twilio_host(urlsplit(exchange.url).hostname or "")
    return Response(exchange, Target(product or "api", region, edge))


def _request(spec: RequestSpec) -> Request:
    return Request(spec, classify_host(spec.fqdn), Curl(render_curl(spec, multiline=True), spec))


def _host(plan: HostPlan) -> HostReport:
    return HostReport(plan, classify_host(plan.fqdn))


_VIEWS: dict[type, tuple[Callable[[Any], str], Callable[[Any], str], Callable[[Any], str]]] = {
    Verdict: (verdict_html, verdict_markdown, _verdict_text),
    HostPlan: (
        lambda p: _host(p)._repr_html_(),
        lambda p: _host(p)._repr_markdown_(),
        lambda p: repr(_host(p)),
    ),
    RequestSpec: (
        lambda s: _request(s)._repr_html_(),
        lambda s: _request(s)._repr_markdown_(),
        lambda s: repr(_request(s)),
    ),
    Exchange: (
        lambda e: _response(e)._repr_html_(),
        lambda e: _response(e)._repr_markdown_(),
        lambda e: repr(_response(e)),
    ),
}


def enable_rich_output() -> bool:
    """Register the views with the running IPython's formatters; False when not inside IPython."""
    if "IPython" not in sys.modules:
        return False
    from IPython import get_ipython

    shell: Any = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for kind, (as_html, as_markdown, as_text) in _VIEWS.items():
        formatters["text/html"].for_type(kind, as_html)
        formatters["text/markdown"].for_type(kind, as_markdown)
        formatters["text/plain"].for_type(
            kind, lambda obj, printer, cycle, as_text=as_text: printer.text(as_text(obj))
        )
    return True
