"""A throw-away local certificate authority and the simulator's server certificate (trustme).

The CA's private key never leaves memory: only the CA certificate (for clients to trust) and the server's
certificate and key are written, into a private temporary directory that `TlsFiles.remove` deletes.
"""

from __future__ import annotations

__all__ = ["TlsFiles", "make_tls_files"]

import os
import shutil
import ssl
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import trustme


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """Where the simulator's TLS material lives on disk."""

    directory: Path
    """The private temporary directory holding the files (mode 0700)."""
    ca_pem: Path
    """The CA certificate clients should trust (`CURL_CA_BUNDLE`, `REQUESTS_CA_BUNDLE`, ...)."""
    cert_pem: Path
    """The server certificate chain."""
    key_pem: Path
    """The server's private key."""
    names: tuple[str, ...]
    """The DNS names the server certificate lists, exactly."""

    def client_context(self) -> ssl.SSLContext:
        """An SSL context for clients that trusts only the simulator's CA."""
        return ssl.create_default_context(cafile=str(self.ca_pem))

    def remove(self) -> None:
        """Delete the files (idempotent)."""
        shutil.rmtree(self.directory, ignore_errors=True)


def make_tls_files(names: Iterable[str], directory: Path | None = None) -> TlsFiles:
    """Create a new CA and a server certificate for exactly `names`, and write them to disk.

    Args:
        names: the DNS names the certificate must list. Each name is listed explicitly, because a wildcard
            covers one label only.
        directory: where to write; a new private temporary directory when None.
    """
    ordered = tuple(dict.fromkeys(names))
    target = Path(tempfile.mkdtemp(prefix="twilio-explorer-sim-")) if directory is None else directory
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    ca = trustme.CA(organization_name="Twilio Region Explorer", organization_unit_name="local simulator CA")
    server = ca.issue_cert(*ordered)
    files = TlsFiles(
        directory=target,
        ca_pem=target / "ca.pem",
        cert_pem=target / "server-chain.pem",
        key_pem=target / "server-key.pem",
        names=ordered,
    )
    ca.cert_pem.write_to_path(str(files.ca_pem))
    server.private_key_pem.write_to_path(str(files.key_pem))
    os.chmod(files.key_pem, 0o600)
    with open(files.cert_pem, "wb") as chain:
        for blob in server.cert_chain_pems:
            chain.write(blob.bytes())
    return files
