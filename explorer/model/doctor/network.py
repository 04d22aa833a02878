"""The doctor's network steps: DNS (or the proxy's CONNECT, when a proxy is in use) and TLS.

With `HTTPS_PROXY` (or a proxy given) the client never resolves Twilio's names itself: the proxy does, when it
answers `CONNECT host:443`. So the DNS step asks the proxy for that tunnel and reports its answer (a proxy
says 502 or 503 when the name has no DNS record). Without a proxy it resolves the name. The TLS step then
shakes hands over the same path, checks the chain against the CA bundle the client would use
(`core.connection.resolve_trust`), and compares the certificate's names with the host.
"""

from __future__ import annotations

__all__ = ["DnsResult", "Probe", "dns_step", "tls_step"]

import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from explorer.core import probes
from explorer.core.connection import describe_proxy, environment_proxy, resolve_trust
from explorer.core.errors import ExplorerError
from explorer.core.verdict import classify_host
from explorer.model.doctor.step import Step, StepVerdict


def _connect_direct(host: str, timeout: float) -> socket.socket:
    return socket.create_connection((host, 443), timeout=timeout)


@dataclass(frozen=True, slots=True)
class Probe:
    """The network operations the steps use; tests may replace any of them."""

    resolve: Callable[[str], tuple[str, ...]] = probes.resolve
    """Resolve a name (raises `ProbeFailure`)."""
    tunnel: Callable[..., probes.Tunnel] = probes.open_tunnel
    """Ask an HTTP proxy for a CONNECT tunnel."""
    connect: Callable[[str, float], socket.socket] = _connect_direct
    """Open a direct TCP connection to port 443."""


@dataclass(slots=True)
class DnsResult:
    """The DNS step's row, and the open path to the host for the TLS step (or None)."""

    step: Step
    """The row."""
    sock: socket.socket | None = field(default=None, repr=False)
    """An open tunnel through the proxy; None when direct (the TLS step connects) or when the step failed."""
    reachable: bool = False
    """True when the name resolved (directly or at the proxy)."""

    def close(self) -> None:
        """Close the tunnel if the TLS step did not use it."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def _fix_for(fqdn: str) -> str:
    verdict = classify_host(fqdn)
    return verdict.fix.text if not verdict.kind.works else ""


def dns_step(
    probe: Probe, proxy: str | None, environ: Mapping[str, str] | None, fqdn: str, timeout: float
) -> DnsResult:
    """Resolve `fqdn`, or ask the proxy in use (given, else from the environment) for a tunnel to it."""
    origin = "given"
    if proxy is None:
        found = environment_proxy(environ)
        if found is not None:
            origin, proxy = found
    if proxy is None:
        try:
            addresses = probe.resolve(fqdn)
        except probes.ProbeFailure as failure:
            return DnsResult(Step("dns", StepVerdict.FAIL, str(failure), _fix_for(fqdn) or "check the name"))
        shown = ", ".join(addresses[:4]) + (" …" if len(addresses) > 4 else "")
        return DnsResult(Step("dns", StepVerdict.PASS, f"{fqdn} resolves to {shown}"), None, True)
    where = f"the proxy {describe_proxy(proxy)} ({origin})"
    try:
        tunnel = probe.tunnel(proxy, fqdn, 443, timeout=timeout)
    except probes.ProbeFailure as failure:
        return DnsResult(
            Step("dns", StepVerdict.FAIL, f"DNS is the proxy's business here, but {where}: {failure}",
                 f"start the proxy, or fix or unset {origin if origin != 'given' else 'the proxy setting'}")
        )  # fmt: skip
    if tunnel.sock is None:
        return DnsResult(
            Step(
                "dns",
                StepVerdict.FAIL,
                f"DNS is the proxy's business here: {where} refused CONNECT {fqdn}:443 with {tunnel.status} "
                f"{tunnel.reason}",
                _fix_for(fqdn)
                or "the proxy could not resolve or reach the host; check its DNS and allow-list",
            )
        )
    return DnsResult(
        Step("dns", StepVerdict.PASS, f"DNS is the proxy's business here: {where} resolved {fqdn} and opened a "
             "tunnel (CONNECT 200)"),
        tunnel.sock,
        True,
    )  # fmt: skip


def _shown_names(names: tuple[str, ...], fqdn: str) -> str:
    if len(names) <= 3:
        return ", ".join(names) or "no DNS names"
    tail = fqdn.split(".", 1)[-1]
    near = [n for n in names if n.endswith(tail)][:3] or list(names[:3])
    return f"{len(names)} names, e.g. {', '.join(near)}"


def tls_step(
    probe: Probe,
    verify: str | bool,
    environ: Mapping[str, str] | None,
    fqdn: str,
    dns: DnsResult,
    timeout: float,
) -> Step:
    """Shake hands with `fqdn` over the DNS step's path; check the chain and that the names cover the host."""
    try:
        if not dns.reachable:
            return Step("tls", StepVerdict.SKIP, f"no connection to {fqdn} (see DNS)")
        try:
            context, bundle = resolve_trust(verify, environ, origin="given to doctor")
        except ExplorerError as error:
            return Step("tls", StepVerdict.FAIL, error.message, error.hint)
        if not isinstance(context, ssl.SSLContext):
            return Step(
                "tls", StepVerdict.WARN, "certificate checks are off: nothing to check", "turn them on"
            )
        sock = dns.sock
        dns.sock = None
        if sock is None:
            try:
                sock = probe.connect(fqdn, timeout)
            except OSError as error:
                return Step(
                    "tls", StepVerdict.FAIL, f"cannot connect to {fqdn}:443 ({error.strerror or error})"
                )
        try:
            names = probes.certificate_names(sock, fqdn, context)
        except probes.ProbeFailure as failure:
            return Step(
                "tls",
                StepVerdict.FAIL,
                f"{failure} by the CA bundle in use, {bundle}",
                "trust the CA that signed the host's certificate (SSL_CERT_FILE); for the simulator, source its "
                "env file",
            )
        matching = next((name for name in names if probes.name_covers(name, fqdn)), None)
        if matching is not None:
            return Step(
                "tls", StepVerdict.PASS, f"the certificate covers {fqdn} (as {matching}); CA bundle: {bundle}"
            )
        return Step(
            "tls",
            StepVerdict.FAIL,
            f"the certificate lists {_shown_names(names, fqdn)}, none of which covers {fqdn} (a * spans one "
            f"label): clients fail with a hostname mismatch; CA bundle: {bundle}",
            _fix_for(fqdn)
            or f"something between you and Twilio presents a certificate for other names; {fqdn} "
            "is the right host, so check for a TLS-inspecting proxy",
        )
    finally:
        dns.close()
