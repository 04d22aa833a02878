"""Why a request failed, in words: a failure in transit as a `TransportError`, and a failing service's answer.

`transport_failure` reads an httpx exception (and the OS or TLS error under it) and says which of these it was,
each with its own title, meaning and fix:

    title                        when
    Host did not resolve         DNS could not look the name up (no network, DNS, a proxy needed, no such host)
    Proxy did not resolve        the proxy's own name could not be looked up
    Proxy could not connect      the proxy answered the tunnel request with an error (502, 403...)
    TLS certificate not trusted  certificate verify failed: no CA in the bundle in use signed it
    TLS hostname mismatch        the certificate does not list the host name
    TLS certificate expired      the certificate is past its end date (or not valid yet)
    TLS handshake failed         any other TLS failure
    Connection refused           nothing listens at the host or proxy
    Connection reset             closed before a response arrived
    Response cut short           closed in the middle of the body
    Connection timed out / No answer in time / Sending timed out / No free connection
                                 connect / read / write / pool timeouts
    Body could not be decoded    a Content-Encoding that does not decode

A host fix is given only when the host itself is wrong (its verdict says it does not work): a DNS failure on
a real Twilio host is a network problem, and recommending the settings already in use helps nobody.
`service_failure` words a 429 or 5xx answer: the service failed, which says nothing about the credential,
and when to retry (`Retry-After`). Messages never hold a header value or a secret.
"""

from __future__ import annotations

__all__ = ["is_service_failure", "retry_advice", "service_failure", "transport_failure"]

import re
import socket
import ssl
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from explorer.core.connection import ConnectionSetup
from explorer.core.errors import TransportError
from explorer.core.verdict import classify_host

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# OpenSSL's X509_V_ERR_* codes (ssl.SSLCertVerificationError.verify_code).
_EXPIRED, _NOT_YET_VALID, _HOSTNAME_MISMATCH, _IP_MISMATCH = 10, 9, 62, 64
_DNS_TEXTS = (
    "name or service not known",
    "nodename nor servname",
    "temporary failure in name resolution",
    "no address associated with hostname",
    "getaddrinfo failed",
    "name resolution",
)
_RETRY_AFTER = re.compile(r"[0-9A-Za-z ,:+-]{1,64}")


def _chain(error: BaseException) -> Iterator[BaseException]:
    """`error` and the exceptions beneath it (httpx raises its own from httpcore's, from the OS's)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _first(
    errors: Iterable[BaseException], kind: type[BaseException] | tuple[type[BaseException], ...]
) -> BaseException | None:
    return next((e for e in errors if isinstance(e, kind)), None)


def _repeat_hint(method: str) -> str:
    if method.upper() in _SAFE_METHODS:
        return f"send again (a {method.upper()} is safe to repeat); if it keeps happening, check the network and proxy"
    return (
        f"the server may or may not have applied the {method.upper()}: look (list or fetch the resource) before "
        "sending it again, so it is not applied twice"
    )


def _where(host: str, setup: ConnectionSetup) -> str:
    return f"the proxy {setup.proxy}" if setup.proxy else host


def transport_failure(
    error: BaseException, *, method: str, host: str, setup: ConnectionSetup
) -> TransportError:
    """The `TransportError` for a request to `host` that failed in transit with httpx's `error`.

    Args:
        error: what httpx raised (its cause chain is read for the OS or TLS error).
        method: the request's method, to say whether repeating it is safe.
        host: the host the request was for.
        setup: the client's CA bundle, proxy and timeout, named in the message where they matter.
    """
    import httpx

    chain = list(_chain(error))
    detail = str(error) or type(error).__name__
    text = " ".join(str(e) for e in chain).lower()
    start = f"{method} {host} failed"

    def failure(title: str, what: str, hint: str) -> TransportError:
        return TransportError(f"{start}: {what}", hint=hint, title=title)

    if isinstance(error, httpx.TimeoutException):
        return _timeout(error, method, host, setup, start)
    verification = _first(chain, ssl.SSLCertVerificationError)
    if verification is not None or "certificate_verify_failed" in text:
        return _tls_verify(verification, detail, host, setup, start)
    if _first(chain, ssl.SSLError) is not None or "[ssl" in text:
        return failure(
            "TLS handshake failed",
            f"the TLS handshake did not complete ({detail}); the client trusts {setup.ca_bundle}",
            "check that the host speaks HTTPS and that the proxy passes HTTPS through (CONNECT) untouched",
        )
    if _first(chain, socket.gaierror) is not None or any(t in text for t in _DNS_TEXTS):
        return _dns(chain, detail, host, setup, start)
    if isinstance(error, httpx.ProxyError):
        return _proxy_refused(detail, host, setup, start)
    if _first(chain, ConnectionRefusedError) is not None or "refused" in text:
        fix = (
            "start the proxy, or unset HTTPS_PROXY if it pointed at a simulator that has stopped"
            if setup.proxy
            else "check the host and port; a firewall may reject the connection"
        )
        return failure(
            "Connection refused", f"the connection was refused: nothing listens at {_where(host, setup)}", fix
        )
    if "unreachable" in text or "no route to host" in text:
        return failure(
            "Network unreachable",
            f"there is no route to {_where(host, setup)} ({detail}): no network, or a network that only lets "
            "traffic out through a proxy",
            "check the network connection; behind a proxy, set HTTPS_PROXY; then send again",
        )
    if isinstance(error, httpx.RemoteProtocolError) and (
        "complete message body" in text or "incomplete" in text or "received" in text
    ):
        return failure(
            "Response cut short",
            f"the connection closed in the middle of the response body ({detail}); the incomplete body was "
            "dropped",
            _repeat_hint(method),
        )
    reset = _first(chain, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError))
    if (
        reset is not None
        or isinstance(error, (httpx.ReadError, httpx.WriteError))
        or "without sending a response" in text
        or "disconnected" in text
    ):
        return failure(
            "Connection reset",
            "the connection was closed before a response arrived (reset by the server, a proxy or a firewall"
            + (f"; through the proxy {setup.proxy}" if setup.proxy else "")
            + ")",
            _repeat_hint(method),
        )
    if isinstance(error, httpx.DecodingError):
        return failure(
            "Body could not be decoded",
            f"the response body could not be decoded as its Content-Encoding says ({detail})",
            "send again; if it persists, the server or a proxy is corrupting compressed bodies",
        )
    return failure(
        "Network error",
        f"{type(error).__name__}: {detail}",
        "check the network, the proxy and the host's verdict",
    )


def _timeout(
    error: BaseException, method: str, host: str, setup: ConnectionSetup, start: str
) -> TransportError:
    import httpx

    seconds = f"{setup.timeout:g} s"
    if isinstance(error, httpx.ConnectTimeout):
        return TransportError(
            f"{start}: no connection to {_where(host, setup)} within {seconds}",
            hint="check the network, the proxy and firewalls that silently drop connections; then send again",
            title="Connection timed out",
        )
    if isinstance(error, httpx.WriteTimeout):
        return TransportError(
            f"{start}: the request could not be sent within {seconds} (the network or the proxy stopped taking "
            "data)",
            hint=_repeat_hint(method),
            title="Sending timed out",
        )
    if isinstance(error, httpx.PoolTimeout):
        return TransportError(
            f"{start}: no free connection in the client's pool within {seconds}: too many requests in flight",
            hint="wait for the requests already running (or cancel them), then send again",
            title="No free connection",
        )
    return TransportError(
        f"{start}: connected, but no answer came for {seconds} (the request may still be running on the server)",
        hint=_repeat_hint(method),
        title="No answer in time",
    )


def _tls_verify(
    verification: BaseException | None, detail: str, host: str, setup: ConnectionSetup, start: str
) -> TransportError:
    code = getattr(verification, "verify_code", None)
    reason = str(getattr(verification, "verify_message", "") or "") or detail
    lowered = reason.lower()
    verdict = classify_host(host)
    if code in (_HOSTNAME_MISMATCH, _IP_MISMATCH) or "mismatch" in lowered:
        if verdict.kind.works:
            why = (
                "something between this machine and Twilio (a proxy, a captive portal, a DNS entry pointing "
                "elsewhere) answered with another site's certificate"
            )
            fix = "check the proxy and DNS settings; do not switch certificate checks off"
        else:
            why = verdict.explanation
            fix = f"{verdict.fix.text} ({verdict.fix.fqdn})"
        return TransportError(
            f"{start}: the certificate presented does not cover the name {host} ({reason}): {why}",
            hint=fix,
            title="TLS hostname mismatch",
        )
    if code in (_EXPIRED, _NOT_YET_VALID) or "expired" in lowered or "not yet valid" in lowered:
        state = "is not valid yet" if code == _NOT_YET_VALID or "not yet" in lowered else "has expired"
        today = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return TransportError(
            f"{start}: the certificate presented for {host} {state} ({reason}); this computer's clock says "
            f"{today}. Twilio renews its certificates, so a wrong clock or a TLS-inspecting proxy with an "
            "outdated certificate is the usual cause",
            hint="check the computer's date and time; behind a TLS-inspecting proxy, ask for its certificate "
            "to be renewed",
            title="TLS certificate expired",
        )
    return TransportError(
        f"{start}: certificate verify failed: the certificate presented for {host} is not signed by a CA the "
        f"client trusts ({reason}); the client trusts {setup.ca_bundle}",
        hint="behind a TLS-inspecting proxy, point SSL_CERT_FILE at a bundle holding its CA; for the local "
        "simulator, trust the CA file it prints (SSL_CERT_FILE in its env file); to trust the default bundle "
        "again, unset SSL_CERT_FILE and REQUESTS_CA_BUNDLE",
        title="TLS certificate not trusted",
    )


def _dns(
    chain: list[BaseException], detail: str, host: str, setup: ConnectionSetup, start: str
) -> TransportError:
    lookup = _first(chain, socket.gaierror)
    reason = (lookup.strerror if isinstance(lookup, OSError) and lookup.strerror else None) or detail
    if setup.proxy:
        # Through a proxy this machine looks up only the proxy's name; the proxy resolves the host.
        return TransportError(
            f"{start}: the name of the proxy {setup.proxy} did not resolve (DNS: {reason})",
            hint="check the proxy setting (HTTPS_PROXY) and the network connection",
            title="Proxy did not resolve",
        )
    verdict = classify_host(host)
    said = f"{start}: the name {host} did not resolve (DNS: {reason})"
    if verdict.kind.works:
        return TransportError(
            f"{said}. It is a real Twilio host ({verdict.summary}), so this machine could not look it up: no "
            "network, a DNS server that does not answer, or a network that only lets traffic out through a proxy",
            hint="check the network connection; behind a proxy, set HTTPS_PROXY; then send again",
            title="Host did not resolve",
        )
    return TransportError(
        f"{said}. It does not exist in real Twilio: {verdict.explanation}",
        hint=f"{verdict.fix.text} ({verdict.fix.fqdn})",
        title="Host did not resolve",
    )


def _proxy_refused(detail: str, host: str, setup: ConnectionSetup, start: str) -> TransportError:
    verdict = classify_host(host)
    proxy = setup.proxy or "the proxy"
    said = f"{start}: {proxy} answered the request to connect to {host} with {detail}"
    if verdict.kind.works:
        return TransportError(
            f"{said}: the proxy could not reach or resolve the host, or its policy refuses it",
            hint="check the proxy (its log says why) and that it allows HTTPS to *.twilio.com",
            title="Proxy could not connect",
        )
    return TransportError(
        f"{said}: {host} does not exist in real Twilio ({verdict.explanation})",
        hint=f"{verdict.fix.text} ({verdict.fix.fqdn})",
        title="Proxy could not connect",
    )


def is_service_failure(status: int) -> bool:
    """True for an answer that says the service failed (429, 5xx), not that the request was wrong."""
    return status == 429 or status >= 500


def retry_advice(headers: Iterable[tuple[str, str]]) -> str:
    """When to retry, from `Retry-After` (seconds or a date) when the answer has a usable one."""
    value = next((v.strip() for k, v in headers if k.lower() == "retry-after"), "")
    if value.isdigit():
        return f"retry after {int(value)} s (the Retry-After header)"
    if _RETRY_AFTER.fullmatch(value):
        return f"retry after {value} (the Retry-After header)"
    return "retry in a minute; if it keeps failing, check https://status.twilio.com"


def service_failure(status: int, headers: Iterable[tuple[str, str]]) -> str:
    """What a 429 or 5xx answer means and when to retry, as one sentence."""
    advice = retry_advice(headers)
    if status == 429:
        return (
            "Twilio is limiting requests (HTTP 429: too many at once for this account or key); this says nothing "
            f"about the credential: {advice}."
        )
    return f"The service failed (HTTP {status}); this says nothing about the credential or the request: {advice}."
