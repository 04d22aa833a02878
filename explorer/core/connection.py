"""How a client reaches hosts: the CA bundle it trusts and the proxy it goes through, named for messages.

`resolve_trust` turns the client's `verify=` argument and the environment into the SSL context httpx gets and
words for it ("SSL_CERT_FILE (/tmp/ca.pem)"), so a TLS failure can say which bundle was in use. A bundle that
cannot be loaded (a stopped simulator deletes its CA while shells that sourced its env file still name it)
is a `TransportError` naming the file and where it came from, before any request is built.

With `verify=True` the bundle is, in order: `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE` (what requests and many
tools use), `SSL_CERT_DIR`, then certifi's bundle (httpx's own default). A proxy URL is only ever shown as
`scheme://host:port`: one may carry a user name and password.
"""

from __future__ import annotations

__all__ = [
    "ConnectionSetup",
    "check_proxy_url",
    "describe_proxy",
    "environment_proxy",
    "httpx_options",
    "open_http",
    "resolve_trust",
]

import os
import re
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from explorer.core.errors import TransportError

if TYPE_CHECKING:
    import http.cookiejar

    import httpx

CA_VARIABLES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
"""Environment variables naming a CA bundle file, in the order they are honoured."""
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
_USER_INFO = re.compile(r"//[^/?#]*@")
"""The proxy URL schemes httpx understands."""


@dataclass(frozen=True, slots=True)
class ConnectionSetup:
    """What a client was set up with, in words for error messages. Holds no secret."""

    ca_bundle: str
    """The CA bundle trusted, e.g. `SSL_CERT_FILE (/tmp/ca.pem)` or `certifi's CA bundle (the default)`."""
    proxy: str | None
    """The proxy requests go through, as `http://host:port (HTTPS_PROXY)`, or None for direct connections."""
    timeout: float
    """The client's timeout in seconds, for each of connect, read, write and pool."""


def _shown_path(path: str) -> str:
    if len(path) > 120:
        return repr(path[:120]) + f"… ({len(path):,} characters)"
    return path if path.isprintable() else repr(path)


def _load_ca(path: str, origin: str, fix: str) -> ssl.SSLContext:
    try:
        if os.path.isdir(path):
            return ssl.create_default_context(capath=path)
        return ssl.create_default_context(cafile=path)
    except (OSError, ValueError) as error:
        # ssl.SSLError is an OSError; ValueError covers a path with a NUL byte.
        reason = "it does not exist" if isinstance(error, FileNotFoundError) else _ssl_reason(error)
        raise TransportError(
            f"cannot load the CA bundle {_shown_path(path)} ({origin}): {reason}",
            hint=fix,
            title="CA bundle unusable",
        ) from None


def _ssl_reason(error: Exception) -> str:
    if isinstance(error, ssl.SSLError):
        return f"not a PEM certificate bundle ({error.reason or error.strerror or 'unreadable'})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return f"{type(error).__name__}: {error}"


def resolve_trust(
    verify: ssl.SSLContext | str | bool,
    environ: Mapping[str, str] | None = None,
    *,
    origin: str = "given to the client",
) -> tuple[ssl.SSLContext | bool, str]:
    """The `verify=` value to give httpx and the CA bundle it means, in words.

    Args:
        verify: an SSL context (used as is), a CA file or directory path, True (the environment, then
            certifi's bundle) or False (no certificate checks).
        environ: the environment (default `os.environ`).
        origin: where a CA path in `verify` came from, for messages (the command line says `--cacert`).

    Raises:
        TransportError: the CA file cannot be loaded; the message names it and the variable it came from.
    """
    env = os.environ if environ is None else environ
    if isinstance(verify, ssl.SSLContext):
        return verify, "the SSL context given to the client"
    if verify is False:
        return False, "nothing: certificate checks are off"
    if isinstance(verify, str):
        if not verify.strip():
            raise TransportError(
                f"the CA bundle {origin} is an empty path",
                hint="pass the path of a PEM file of CA certificates, or leave it out for the default",
                title="CA bundle unusable",
            )
        context = _load_ca(verify, origin, "pass the path of an existing PEM file of CA certificates")
        return context, f"the CA bundle {_shown_path(verify)} {origin}"
    for name in CA_VARIABLES:
        value = env.get(name, "")
        if value:
            fix = (
                f"point {name} at an existing PEM file of CA certificates, or unset it to use the default "
                f"bundle; a stopped simulator deletes its CA, so after `sim` ends run: unset "
                "SSL_CERT_FILE REQUESTS_CA_BUNDLE CURL_CA_BUNDLE HTTPS_PROXY"
            )
            return _load_ca(value, f"from {name}", fix), f"{name} ({_shown_path(value)})"
    directory = env.get("SSL_CERT_DIR", "")
    if directory:
        fix = "point SSL_CERT_DIR at a directory of CA certificates, or unset it to use the default bundle"
        return _load_ca(directory, "from SSL_CERT_DIR", fix), f"SSL_CERT_DIR ({_shown_path(directory)})"
    import certifi  # httpx's own dependency and default

    fix = "reinstall certifi (pip install --force-reinstall certifi), or set SSL_CERT_FILE to a CA bundle"
    return _load_ca(certifi.where(), "certifi", fix), "certifi's CA bundle (the default)"


def describe_proxy(url: str) -> str:
    """`scheme://host:port` of a proxy URL, never its user info (an unparsable one has it cut out)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        host, port = "", None
    if host and parts.scheme:
        shown_host = f"[{host}]" if ":" in host else host
        return f"{parts.scheme}://{shown_host}" + (f":{port}" if port is not None else "")
    return _shown_path(_USER_INFO.sub("//…@", url)) if url else "''"


def environment_proxy(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The proxy HTTPS requests take from the environment, as (variable name, URL), or None."""
    env = os.environ if environ is None else environ
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        value = env.get(name, "")
        if value:
            return name, value
    return None


def check_proxy_url(url: str, origin: str) -> None:
    """Refuse a proxy URL httpx cannot use, without repeating a user name or password it may hold.

    Raises:
        TransportError: not `http://`, `https://` or `socks5://`, no host, a bad port, or control characters.
    """
    problem = ""
    try:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
    except ValueError as error:
        problem = str(error)
    else:
        if not url.isprintable():
            problem = "it holds control characters"
        elif scheme not in PROXY_SCHEMES:
            problem = f"its scheme must be one of {', '.join(s + '://' for s in PROXY_SCHEMES)}"
        elif not host:
            problem = "it names no host"
    if problem:
        raise TransportError(
            f"the proxy {describe_proxy(url)} ({origin}) cannot be used: {problem}",
            hint="give a proxy URL such as http://127.0.0.1:8080, or leave the proxy out",
            title="Proxy unusable",
        )


HttpT = TypeVar("HttpT", "httpx.Client", "httpx.AsyncClient")


def httpx_options(
    transport: Any, proxy: str | None, verify: ssl.SSLContext | str | bool, timeout: float
) -> tuple[dict[str, Any], ConnectionSetup]:
    """httpx's options and what they mean in words.

    Raises:
        TransportError: the CA bundle cannot be loaded, or the proxy URL is unusable.
    """
    # No cookie jar: the clients send `httpx.Request`s they build (httpx adds a jar's cookies only to requests
    # it builds), so a jar is never read, and filling it cost each response a copy of its headers as an
    # email message (a tenth of a listing page's client time).
    options: dict[str, Any] = {"follow_redirects": False, "timeout": timeout, "cookies": _no_cookies()}
    if transport is not None:
        # A transport (tests) makes its own connections: httpx ignores verify= and the proxies then.
        options["transport"] = transport
        return options, ConnectionSetup("the transport's own", None, timeout)
    # A context built here rather than by httpx (which also deprecates a CA path for verify=), so that a
    # missing CA file is reported with its name and origin.
    options["verify"], ca_bundle = resolve_trust(verify)
    shown_proxy: str | None = None
    if proxy is not None:
        check_proxy_url(proxy, "given to the client")
        options["proxy"] = proxy
        shown_proxy = describe_proxy(proxy)
    else:
        from_env = environment_proxy()
        if from_env is not None:
            shown_proxy = f"{describe_proxy(from_env[1])} (from {from_env[0]})"
    return options, ConnectionSetup(ca_bundle, shown_proxy, timeout)


def _no_cookies() -> http.cookiejar.CookieJar:
    """A cookie jar that keeps nothing (see `httpx_options`)."""
    import http.cookiejar

    class NoCookies(http.cookiejar.CookieJar):
        def extract_cookies(self, response: Any, request: Any) -> None:
            """Keep nothing: the explorer never sends a cookie it did not show."""

    return NoCookies()


def open_http(factory: Callable[..., HttpT], options: dict[str, Any], setup: ConnectionSetup) -> HttpT:
    """httpx's client, or a `TransportError` when it refuses a proxy (from the environment or a SOCKS one)."""
    import httpx

    try:
        return factory(**options)
    except (ValueError, ImportError, httpx.InvalidURL) as error:
        # httpx's message repeats the proxy URL, which may hold a password: say why without it.
        reason = (
            "SOCKS proxies need the socksio package (pip install 'httpx[socks]')"
            if isinstance(error, ImportError)
            else "its scheme must be http://, https:// or socks5://, with a host"
        )
        shown = setup.proxy or describe_proxy(str(options.get("proxy", "")))
        raise TransportError(
            f"the proxy {shown} cannot be used: {reason}",
            hint="fix or unset HTTPS_PROXY / ALL_PROXY (or the proxy given), e.g. http://127.0.0.1:8080",
            title="Proxy unusable",
        ) from None
