"""The simulator's local certificate authority (kept and reused) and its per-run server certificate (trustme).

The CA lives in the state directory (`simulator-ca/` under `explorer.core.paths.state_dir()`): its certificate
and private key are written once, privately (directory 0700, files 0600), and every later run signs its server
certificate with the same CA. A shell that sourced an env file earlier (`CURL_CA_BUNDLE`, `SSL_CERT_FILE`,
`NODE_EXTRA_CA_CERTS` all name `ca.pem`) therefore keeps working with the next simulator run, instead of failing
with a missing file once the run that wrote it stops.

That CA is trusted only where an env file or a client names it, never system-wide; its key is as private as the
demo secrets beside it. When the state directory cannot be written, the CA is a throw-away one in the run's
temporary directory, as before.

The server certificate and its key are written per run into a private temporary directory that
`TlsFiles.remove` deletes. Signing it is most of a simulator's start (~0.3 s: trustme checks each of the ~800
names through `idna`), so beside a kept CA the signed certificate is kept too, named for the CA and the names
it lists, and the next run with the same CA and names copies it instead of signing again. It expires when the
CA does (trustme's default), and its key is as private as the CA's.
"""

from __future__ import annotations

__all__ = ["CA_DIR_NAME", "TlsFiles", "default_ca_dir", "load_or_create_ca", "make_tls_files"]

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trustme

from explorer.core.atomic_file import write_atomically

CA_DIR_NAME = "simulator-ca"
"""The CA's directory under the state directory."""
_CA_CERT = "ca.pem"
_CA_KEY = "ca-key.pem"


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """Where the simulator's TLS material lives on disk."""

    directory: Path
    """The run's private temporary directory (mode 0700): the server certificate and key."""
    ca_pem: Path
    """The CA certificate clients should trust (`CURL_CA_BUNDLE`, `REQUESTS_CA_BUNDLE`, ...)."""
    cert_pem: Path
    """The server certificate chain."""
    key_pem: Path
    """The server's private key."""
    names: tuple[str, ...]
    """The DNS names the server certificate lists, exactly."""
    ca_kept: bool
    """True when the CA is the one kept in the state directory (it outlives this run)."""
    ca: trustme.CA | None = field(default=None, repr=False, compare=False)
    """The CA itself, to sign the certificates the tls-mismatch fault presents (`explorer.sim.tls_faults`)."""

    def remove(self) -> None:
        """Delete this run's files (idempotent); a kept CA stays."""
        shutil.rmtree(self.directory, ignore_errors=True)


def default_ca_dir() -> Path:
    """`<state dir>/simulator-ca`: where the kept CA lives (`$TWILIO_EXPLORER_STATE_DIR` moves it)."""
    from explorer.core.paths import state_dir

    return state_dir() / CA_DIR_NAME


def _new_ca() -> trustme.CA:
    return trustme.CA(organization_name="Twilio Region Explorer", organization_unit_name="local simulator CA")


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    # Two simulators starting at once must not each write a CA: the loser's server certificate would be signed
    # by a CA that is no longer on disk.
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the rename below still keeps each file whole
        yield
        return
    with open(directory / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load_or_create_ca(directory: Path) -> trustme.CA:
    """The CA kept in `directory`, created there (0700 directory, 0600 files) the first time.

    A damaged pair (unreadable, not PEM, mismatched) is replaced by a new CA.

    Raises:
        OSError: the directory cannot be created or written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    cert_path, key_path = directory / _CA_CERT, directory / _CA_KEY
    with _locked(directory):
        try:
            cert_pem, key_pem = cert_path.read_bytes(), key_path.read_bytes()
            _check_pair(cert_pem, key_pem)
            ca = trustme.CA.from_pem(cert_pem, key_pem)
        except (OSError, ValueError, TypeError):  # missing, damaged, or a key that needs a password
            ca = _new_ca()
            write_atomically(key_path, ca.private_key_pem.bytes())
            write_atomically(cert_path, ca.cert_pem.bytes())
        for path in (cert_path, key_path):
            os.chmod(path, 0o600)
    return ca


def _check_pair(cert_pem: bytes, key_pem: bytes) -> None:
    # from_pem accepts a key that does not belong to the certificate; signing with it would give certificates
    # that no client accepts.
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    certificate = x509.load_pem_x509_certificate(cert_pem)
    key = serialization.load_pem_private_key(key_pem, password=None)
    spki, der = serialization.PublicFormat.SubjectPublicKeyInfo, serialization.Encoding.DER
    certified = certificate.public_key().public_bytes(der, spki)
    if certified != key.public_key().public_bytes(der, spki):
        raise ValueError("the kept CA key does not belong to its certificate")


def make_tls_files(
    names: Iterable[str], directory: Path | None = None, ca_dir: Path | None = None
) -> TlsFiles:
    """Sign a server certificate for exactly `names` with the kept CA, and write it to disk.

    Args:
        names: the DNS names the certificate must list. Each name is listed explicitly, because a wildcard
            covers one label only.
        directory: where to write this run's files; a new private temporary directory when None.
        ca_dir: where the CA is kept and reused; `default_ca_dir()` when None. When it cannot be written, a
            throw-away CA is made in `directory` instead.
    """
    ordered = tuple(dict.fromkeys(names))
    target = Path(tempfile.mkdtemp(prefix="twilio-explorer-sim-")) if directory is None else directory
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    kept_dir = default_ca_dir() if ca_dir is None else ca_dir
    try:
        ca = load_or_create_ca(kept_dir)
        ca_pem, kept = kept_dir / _CA_CERT, True
    except OSError:
        ca, ca_pem, kept = _new_ca(), target / _CA_CERT, False
        ca.cert_pem.write_to_path(str(ca_pem))
    chain_pem, key_pem = _server_certificate(ca, ordered, kept_dir if kept else None)
    files = TlsFiles(
        directory=target,
        ca_pem=ca_pem,
        cert_pem=target / "server-chain.pem",
        key_pem=target / "server-key.pem",
        names=ordered,
        ca_kept=kept,
        ca=ca,
    )
    write_atomically(files.key_pem, key_pem)
    write_atomically(files.cert_pem, chain_pem)
    return files


def _server_certificate(ca: trustme.CA, names: tuple[str, ...], kept_dir: Path | None) -> tuple[bytes, bytes]:
    """The server certificate chain and key for `names`: the one kept beside the CA, or a newly signed one."""
    if kept_dir is None:
        return _signed(ca, names)
    # Named for the CA and the names: another CA (a damaged one replaced) or another set of hosts signs anew.
    digest = hashlib.sha256(ca.cert_pem.bytes() + "\n".join(names).encode()).hexdigest()[:24]
    chain_path, key_path = kept_dir / f"server-{digest}.pem", kept_dir / f"server-{digest}-key.pem"
    with _locked(kept_dir):
        try:
            chain_pem, key_pem = chain_path.read_bytes(), key_path.read_bytes()
            _check_pair(chain_pem, key_pem)  # the first certificate of the chain is the server's
        except (OSError, ValueError, TypeError):  # not kept yet, or damaged: sign again
            chain_pem, key_pem = _signed(ca, names)
            with contextlib.suppress(OSError):  # kept for the next run if it can be; this run has its copy
                write_atomically(key_path, key_pem)
                write_atomically(chain_path, chain_pem)
        return chain_pem, key_pem


def _signed(ca: trustme.CA, names: tuple[str, ...]) -> tuple[bytes, bytes]:
    server = ca.issue_cert(*names)
    return b"".join(blob.bytes() for blob in server.cert_chain_pems), server.private_key_pem.bytes()
