"""The simulator's CA is kept in the state directory and reused, so clients trusting it survive a restart."""

from __future__ import annotations

import ssl
import stat
from pathlib import Path

import httpx
import pytest
import trustme

from explorer.core.paths import STATE_DIR_ENV
from explorer.sim.server import start_simulator
from explorer.sim.tls import make_tls_files
from tests.sim.sim_client import API_HOSTS


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_client_trusting_the_first_runs_ca_works_with_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CA file named by a stopped run's env still exists and verifies the next run's certificate."""
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))
    with start_simulator(seed="ca", records=1) as first:
        ca_file = first.env()["CURL_CA_BUNDLE"]
    assert Path(ca_file).exists()
    with start_simulator(seed="ca", records=1) as second:
        assert str(second.ca_pem_path) == ca_file
        creds = second.credentials["au1"]
        url = f"https://{API_HOSTS['au1']}/2010-04-01/Accounts/{second.account_sid}/Applications.json"
        verify = ssl.create_default_context(cafile=ca_file)
        with httpx.Client(proxy=second.proxy_url, verify=verify, trust_env=False) as http:
            assert http.get(url, auth=(creds.api_key_sid, creds.api_key_secret)).status_code == 200


def test_the_kept_ca_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CA's directory is 0700 and every file in it 0600 (the CA, and the server certificate kept beside it)."""
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))
    with start_simulator(seed="ca", records=1) as sim:
        ca_dir = sim.ca_pem_path.parent
    assert ca_dir == tmp_path / "simulator-ca"
    assert _mode(ca_dir) == 0o700
    kept = sorted(p.name for p in ca_dir.iterdir() if not p.name.startswith("."))
    assert kept[:2] == ["ca-key.pem", "ca.pem"]
    assert len(kept) == 4 and kept[2].startswith("server-") and kept[3].startswith("server-"), kept
    assert {_mode(ca_dir / name) for name in kept} == {0o600}


def test_the_next_run_reuses_the_signed_server_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signing (~0.3 s) happens once per CA and set of names; the next run copies it, and clients verify it."""
    ca_dir = tmp_path / "ca"
    first = make_tls_files(["api.sydney.au1.twilio.com"], tmp_path / "one", ca_dir=ca_dir)

    def no_signing(*names: str) -> None:
        raise AssertionError(f"signed again for {names}")

    monkeypatch.setattr(trustme.CA, "issue_cert", lambda self, *names: no_signing(*names))
    second = make_tls_files(["api.sydney.au1.twilio.com"], tmp_path / "two", ca_dir=ca_dir)
    assert second.cert_pem.read_bytes() == first.cert_pem.read_bytes()
    assert second.key_pem.read_bytes() == first.key_pem.read_bytes()
    with pytest.raises(AssertionError, match="signed again"):  # other names are signed for
        make_tls_files(["api.dublin.ie1.twilio.com"], tmp_path / "three", ca_dir=ca_dir)


def test_a_damaged_kept_server_certificate_is_signed_again(tmp_path: Path) -> None:
    """A kept certificate whose key was damaged is replaced, and the run's certificate verifies."""
    ca_dir = tmp_path / "ca"
    with start_simulator(seed="ca", records=1, ca_dir=ca_dir):
        pass
    for key in ca_dir.glob("server-*-key.pem"):
        key.write_text("not a key")
    with start_simulator(seed="ca", records=1, ca_dir=ca_dir) as sim:
        creds = sim.credentials["au1"]
        url = f"https://{API_HOSTS['au1']}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
        with httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False) as http:
            assert http.get(url, auth=(creds.api_key_sid, creds.api_key_secret)).status_code == 200


def test_a_damaged_ca_is_replaced_by_a_working_one(tmp_path: Path) -> None:
    """A CA key that does not belong to its certificate (or is not PEM) gives way to a new CA that verifies."""
    ca_dir = tmp_path / "ca"
    with start_simulator(seed="ca", records=1, ca_dir=ca_dir) as sim:
        original = sim.ca_pem_path.read_bytes()
    (ca_dir / "ca-key.pem").write_text("not a key")
    with start_simulator(seed="ca", records=1, ca_dir=ca_dir) as sim:
        assert sim.ca_pem_path.read_bytes() != original
        creds = sim.credentials["ie1"]
        url = f"https://{API_HOSTS['ie1']}/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
        with httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False) as http:
            assert http.get(url, auth=(creds.api_key_sid, creds.api_key_secret)).status_code == 200


def test_an_unwritable_state_directory_falls_back_to_a_throw_away_ca(tmp_path: Path) -> None:
    """When the CA cannot be kept (a file where its directory should be), the run still starts, as before."""
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    with start_simulator(seed="ca", records=1, ca_dir=blocked / "ca") as sim:
        assert sim.ca_pem_path.exists()
        assert not sim.ca_pem_path.is_relative_to(blocked)
        ca = sim.ca_pem_path
    assert not ca.exists()
