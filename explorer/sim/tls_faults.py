"""The tls-mismatch fault: a handshake for a served host answered with a certificate that does not cover it.

The server's SSL context gets an SNI callback. When the fault plan has a `tls-mismatch` rule for the Region of
the name the client asked for, the handshake switches to a context whose certificate lists only
`*.<region>.twilio.com` (signed by the simulator's own CA, so the chain is trusted): a wildcard spans one
label, so `api.dublin.ie1.twilio.com` is not covered and the client fails with a genuine hostname mismatch,
the class users meet on `numbers.ie1.twilio.com` (twilio-python#924) and `conversations.ie1` (twilio-node#1012).
"""

from __future__ import annotations

__all__ = ["install_tls_faults", "mismatch_names"]

import ssl
import threading

import trustme

from explorer.sim.faults import FaultPlan
from explorer.sim.served_hosts import serving_region


def mismatch_names(region: str) -> tuple[str, ...]:
    """The names the mismatching certificate lists for `region`."""
    return (f"*.{region}.twilio.com",)


class _MismatchContexts:
    """One server context per Region, made on first use (issuing a certificate costs milliseconds)."""

    def __init__(self, ca: trustme.CA) -> None:
        self._ca = ca
        self._lock = threading.Lock()
        self._contexts: dict[str, ssl.SSLContext] = {}

    def get(self, region: str) -> ssl.SSLContext:
        with self._lock:
            context = self._contexts.get(region)
            if context is None:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                self._ca.issue_cert(*mismatch_names(region)).configure_cert(context)
                self._contexts[region] = context
            return context


def install_tls_faults(context: ssl.SSLContext, faults: FaultPlan, ca: trustme.CA) -> None:
    """Let `faults`' tls-mismatch rules act on handshakes made with the server's `context`."""
    contexts = _MismatchContexts(ca)

    def choose(connection: ssl.SSLObject | ssl.SSLSocket, server_name: str | None, _: ssl.SSLContext) -> None:
        region = serving_region(server_name or "")
        if region is not None and faults.take_handshake(region) is not None:
            connection.context = contexts.get(region)

    context.sni_callback = choose
