"""Failures explained right: DNS, TLS (untrusted, mismatch, expired), reset, truncated, timeouts, a failing service.

Real failures on loopback wherever one can be made: a trustme CA the client does not trust, a certificate
for another name, an expired one, a reset after the request, the simulator's truncated body, its latency
past the client's timeout, its 429/500/503 faults. DNS failure is `getaddrinfo` raising as it does offline.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from explorer.core.client import AsyncExplorerClient, ExplorerClient
from explorer.core.connection import ConnectionSetup
from explorer.core.errors import TransportError
from explorer.core.failures import transport_failure
from explorer.core.profiles import Credential, Profile
from explorer.core.request import RequestSpec
from explorer.core.verify import login, verify_credential
from explorer.model.explain import explain_error
from explorer.model.target import Target
from explorer.sim.faults import FaultKind, FaultRule
from explorer.sim.server import Simulator, start_simulator
from tests.core.tls_peer import expired_leaf, tls_peer, write_ca

HOST = "api.sydney.au1.twilio.com"
ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "explainSecret" + "7e" * 10


def credential() -> Credential:
    return Credential(Profile.create("au1", ACCOUNT, "au1", api_key_sid=KEY), SECRET)


def account_spec() -> RequestSpec:
    return RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}.json", region="au1", edge="sydney")


@pytest.fixture(autouse=True)
def no_environment_trust(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CA and proxy come from each test, never from the machine running the tests."""
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "HTTPS_PROXY", "https_proxy",
                 "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def twilio_ca() -> trustme.CA:
    """The CA that signs the peer's certificates."""
    return trustme.CA()


@pytest.fixture(scope="module")
def other_ca_pem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CA that signed nothing the peer shows: trusting only it makes every certificate untrusted."""
    return write_ca(trustme.CA(), tmp_path_factory.mktemp("other-ca"))


@pytest.fixture(scope="module")
def twilio_ca_pem(twilio_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_ca(twilio_ca, tmp_path_factory.mktemp("twilio-ca"))


def failure_of(client: ExplorerClient) -> TransportError:
    with client, pytest.raises(TransportError) as caught:
        client.send(account_spec(), credential())
    assert SECRET not in str(caught.value)
    return caught.value


# -- TLS ---------------------------------------------------------------------------------------------------


def test_an_untrusted_ca_is_a_verify_failure_naming_the_bundle(
    twilio_ca: trustme.CA, other_ca_pem: Path
) -> None:
    """A certificate from a CA the client does not trust says "not trusted" and names the CA file in use."""
    with tls_peer(twilio_ca.issue_cert(HOST)) as peer:
        error = failure_of(ExplorerClient(proxy=peer.proxy_url, verify=str(other_ca_pem)))
    assert error.title == "TLS certificate not trusted"
    assert error.message.startswith(
        f"GET {HOST} failed: certificate verify failed: the certificate presented for {HOST} is not signed by a "
        "CA the client trusts (unable to get local issuer certificate); the client trusts the CA bundle "
        f"{other_ca_pem} given to the client"
    )
    assert "mismatch" not in error.message.lower()
    assert "SSL_CERT_FILE" in error.hint


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"])
def test_the_environment_bundle_is_named(
    variable: str, twilio_ca: trustme.CA, other_ca_pem: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the bundle from SSL_CERT_FILE or REQUESTS_CA_BUNDLE, the verify failure names the variable and file."""
    monkeypatch.setenv(variable, str(other_ca_pem))
    with tls_peer(twilio_ca.issue_cert(HOST)) as peer:
        error = failure_of(ExplorerClient(proxy=peer.proxy_url))
    assert error.title == "TLS certificate not trusted"
    assert error.message.endswith(f"; the client trusts {variable} ({other_ca_pem})")


def test_requests_ca_bundle_is_honoured(
    twilio_ca: trustme.CA, twilio_ca_pem: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUESTS_CA_BUNDLE (which the simulator's env file sets) is trusted like SSL_CERT_FILE."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(twilio_ca_pem))
    with tls_peer(twilio_ca.issue_cert(HOST)) as peer, ExplorerClient(proxy=peer.proxy_url) as client:
        assert client.send(account_spec(), credential()).status_code == 200


def test_a_certificate_for_another_name_is_a_hostname_mismatch(
    twilio_ca: trustme.CA, twilio_ca_pem: Path
) -> None:
    """A trusted certificate that does not list the host is a mismatch, with no Region advice for a real host."""
    with tls_peer(twilio_ca.issue_cert("portal.example.org")) as peer:
        error = failure_of(ExplorerClient(proxy=peer.proxy_url, verify=str(twilio_ca_pem)))
    assert error.title == "TLS hostname mismatch"
    assert error.message.startswith(
        f"GET {HOST} failed: the certificate presented does not cover the name {HOST}"
    )
    assert "another site's certificate" in error.message
    assert "region=" not in error.hint


def test_an_expired_certificate_is_called_expired(twilio_ca: trustme.CA, twilio_ca_pem: Path) -> None:
    """A trusted certificate past its end date is "expired", and the clock is named as a likely cause."""
    with tls_peer(expired_leaf(twilio_ca, HOST)) as peer:
        error = failure_of(ExplorerClient(proxy=peer.proxy_url, verify=str(twilio_ca_pem)))
    assert error.title == "TLS certificate expired"
    assert error.message.startswith(f"GET {HOST} failed: the certificate presented for {HOST} has expired")
    assert "clock" in error.message and "date and time" in error.hint


# -- connection reset, truncated body, timeouts -------------------------------------------------------------

RESET = "the connection was closed before a response arrived (reset by the server, a proxy or a firewall"


def test_a_reset_connection_has_its_own_words(twilio_ca: trustme.CA, twilio_ca_pem: Path) -> None:
    """A TCP reset after the request is "Connection reset", never "ReadError: ReadError"."""
    with tls_peer(twilio_ca.issue_cert(HOST), "reset") as peer:
        error = failure_of(ExplorerClient(proxy=peer.proxy_url, verify=str(twilio_ca_pem)))
    assert error.title == "Connection reset"
    assert error.message.startswith(f"GET {HOST} failed: {RESET}")
    assert error.hint.startswith("send again (a GET is safe to repeat)")


async def test_a_reset_connection_in_the_app_client(twilio_ca: trustme.CA, twilio_ca_pem: Path) -> None:
    """The app's async client words a reset the same way (asyncio reports it with an empty message)."""
    with tls_peer(twilio_ca.issue_cert(HOST), "reset") as peer:
        async with AsyncExplorerClient(proxy=peer.proxy_url, verify=str(twilio_ca_pem)) as client:
            with pytest.raises(TransportError) as caught:
                await client.send(account_spec(), credential())
    assert caught.value.title == "Connection reset"
    assert "ReadError" not in caught.value.message


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator(seed="explain", records=3) as running:
        yield running


@pytest.fixture
def sim_au1(sim: Simulator) -> Iterator[Credential]:
    """The simulator's AU1 demo key; faults and latency are cleared afterwards."""
    demo = sim.credentials["au1"]
    yield Credential(Profile.create("au1-demo", sim.account_sid, "au1", api_key_sid=demo.api_key_sid),
                     demo.api_key_secret)  # fmt: skip
    sim.faults.clear()


def test_a_truncated_body_says_the_body_was_cut_short(sim: Simulator, sim_au1: Credential) -> None:
    """Headers and half a body, then a closed connection: "Response cut short", not a protocol error name."""
    sim.faults.add(FaultRule(FaultKind.TRUNCATED, times=1))
    with (
        ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(account_spec(), sim_au1)
    assert caught.value.title == "Response cut short"
    assert caught.value.message.startswith(
        f"GET {HOST} failed: the connection closed in the middle of the response body (peer closed connection "
        "without sending complete message body"
    )


def test_a_connection_closed_before_the_answer_is_a_reset(sim: Simulator, sim_au1: Credential) -> None:
    """The simulator's reset fault (closed before any response) reads as a reset, with the repeat advice for a POST."""
    sim.faults.add(FaultRule(FaultKind.RESET, times=1))
    spec = RequestSpec("POST", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1",
                       edge="sydney", form=(("FriendlyName", "x"),))  # fmt: skip
    with (
        ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(spec, sim_au1)
    assert caught.value.title == "Connection reset"
    assert caught.value.hint.startswith("the server may or may not have applied the POST")


def test_a_read_timeout_says_no_answer_came_in_time(sim: Simulator, sim_au1: Credential) -> None:
    """Latency past the client's timeout: "No answer in time", with the timeout in seconds."""
    sim.faults.set_latency(1500, "au1")
    with (
        ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context(), timeout=0.3) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(account_spec(), sim_au1)
    assert caught.value.title == "No answer in time"
    assert caught.value.message == (
        f"GET {HOST} failed: connected, but no answer came for 0.3 s (the request may still be running on the server)"
    )


@pytest.mark.parametrize(
    ("raised", "title", "words"),
    [
        (httpx.ConnectTimeout, "Connection timed out", f"no connection to {HOST} within 20 s"),
        (httpx.WriteTimeout, "Sending timed out", "the request could not be sent within 20 s"),
        (httpx.PoolTimeout, "No free connection", "no free connection in the client's pool within 20 s"),
    ],
)
def test_each_timeout_has_its_own_words(raised: type[httpx.TimeoutException], title: str, words: str) -> None:
    """Connect, write and pool timeouts are each named for what timed out."""

    def time_out(request: httpx.Request) -> httpx.Response:
        raise raised("timed out", request=request)

    error = failure_of(ExplorerClient(transport=httpx.MockTransport(time_out)))
    assert error.title == title
    assert error.message.startswith(f"GET {HOST} failed: {words}")


# -- DNS ----------------------------------------------------------------------------------------------------


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Name lookups fail as they do with no network."""

    def no_dns(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)


@pytest.mark.usefixtures("offline")
def test_dns_failure_on_a_real_host_blames_the_network_not_the_settings() -> None:
    """Offline, api.sydney.au1 "did not resolve"; the fix is the network, never the region/edge already in use."""
    error = failure_of(ExplorerClient())
    assert error.title == "Host did not resolve"
    assert error.message == (
        f"GET {HOST} failed: the name {HOST} did not resolve (DNS: Temporary failure in name resolution). It is a "
        "real Twilio host (valid · AU1), so this machine could not look it up: no network, a DNS server that does "
        "not answer, or a network that only lets traffic out through a proxy"
    )
    assert error.hint == "check the network connection; behind a proxy, set HTTPS_PROXY; then send again"
    explained = explain_error(error, Target("api", "au1", "sydney"))
    assert "set region=au1 and edge=sydney" not in explained.fix + explained.cause


def test_dns_failure_on_a_host_that_does_not_exist_gives_the_host_fix() -> None:
    """A host Twilio does not serve (frankfurt does not pair with ie1) gets the fix for the intended Region."""
    request = httpx.Request("GET", "https://api.frankfurt.ie1.twilio.com/")
    try:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    except socket.gaierror as lookup:
        error = httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        error.__cause__ = lookup
    failure = transport_failure(
        error, method="GET", host="api.frankfurt.ie1.twilio.com", setup=ConnectionSetup("certifi", None, 20)
    )
    assert failure.title == "Host did not resolve"
    assert "It does not exist in real Twilio: frankfurt does not pair with ie1" in failure.message
    assert failure.hint == (
        "set region=ie1 and edge=dublin (both) to get api.dublin.ie1.twilio.com (api.dublin.ie1.twilio.com)"
    )


# -- a failing service is not a refusal ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "retry"),
    [
        (FaultKind.RATE_LIMIT, 429, "retry after 1 s (the Retry-After header)"),
        (
            FaultKind.SERVER_ERROR,
            500,
            "retry in a minute; if it keeps failing, check https://status.twilio.com",
        ),
        (FaultKind.UNAVAILABLE, 503, "retry after 1 s (the Retry-After header)"),
    ],
)
def test_verify_under_a_failing_service_says_so_and_when_to_retry(
    sim: Simulator, sim_au1: Credential, kind: FaultKind, status: int, retry: str
) -> None:
    """429/500/503 while verifying: "could not be checked", the service failed, and when to retry."""
    sim.faults.add(FaultRule(kind, times=1))
    with ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as client:
        outcome = verify_credential(client, sim_au1)
    assert (outcome.ok, outcome.service_failed) == (False, True)
    assert outcome.summary.startswith(
        f"AU1 profile 'au1-demo' could not be checked: {HOST} failed with HTTP {status}"
    )
    assert "refused" not in outcome.summary + outcome.explanation
    assert "says nothing about the credential" in outcome.explanation
    assert outcome.explanation.endswith(f"{retry}.")


def test_login_under_a_failing_service_is_not_a_refused_token(sim: Simulator, tmp_path: Path) -> None:
    """A 503 while checking the Auth Token fails the login as a service failure, and creates nothing."""
    from explorer.core.config_file import ProfilesFile
    from explorer.core.credential_store import InMemoryStore
    from explorer.core.profile_book import ProfileBook

    book = ProfileBook(ProfilesFile(tmp_path / "profiles.toml"), InMemoryStore(), environ={})
    sim.faults.add(FaultRule(FaultKind.UNAVAILABLE, times=1))
    try:
        with (
            ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as client,
            pytest.raises(TransportError) as caught,
        ):
            login(client, book, "key", account_sid=sim.account_sid, region="au1",
                  auth_token=sim.credentials["au1"].auth_token)  # fmt: skip
    finally:
        sim.faults.clear()
    assert caught.value.title == "Service failed"
    assert "refused" not in str(caught.value)
    assert "retry after 1 s (the Retry-After header)" in caught.value.hint
    assert book.profiles() == []


def test_the_app_explains_a_503_as_a_failing_service() -> None:
    """In the app, a 503 is "the service failed" with the Retry-After wait, not "Twilio refused the request"."""
    from explorer.core.exchange import Exchange, Timings
    from explorer.model.explain import explain_exchange

    body = b'{"code": 20503, "message": "Service unavailable", "status": 503}'
    exchange = Exchange(
        "POST", f"https://{HOST}/x.json", (), b"", 503, (("Retry-After", "7"),), body, Timings(0.1)
    )
    explained = explain_exchange(exchange, Target("api", "au1", "sydney"))
    assert explained is not None
    assert explained.title == "20503 HTTP 503: the service failed"
    assert explained.cause == (
        "Service unavailable: Twilio (or a proxy in front of it) failed; the request itself may be fine"
    )
    assert (
        explained.fix == "retry after 7 s (the Retry-After header); a POST may have been applied: look first"
    )


def test_profiles_verify_prints_service_failed_and_exits_1(
    sim: Simulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`profiles verify` under a 503 prints "service failed:", the retry advice, and exits 1, never "refused"."""
    from explorer.cli.main import main

    demo = sim.credentials["au1"]
    for name, value in {"TWILIO_ACCOUNT_SID": sim.account_sid, "TWILIO_API_KEY": demo.api_key_sid,
                        "TWILIO_API_SECRET": demo.api_key_secret, "TWILIO_REGION": "au1",
                        "TWILIO_EXPLORER_CONFIG_DIR": str(tmp_path)}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    sim.faults.add(FaultRule(FaultKind.UNAVAILABLE, times=1))
    try:
        status = main(
            ["profiles", "verify", "env", "--proxy", sim.proxy_url, "--cacert", str(sim.ca_pem_path)]
        )
    finally:
        sim.faults.clear()
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith(
        f"service failed: AU1 profile 'env' could not be checked: {HOST} failed with HTTP 503, Twilio error 20503"
    )
    assert out.endswith("retry after 1 s (the Retry-After header).\n")
    assert "refused" not in out and demo.api_key_secret not in out


@pytest.mark.usefixtures("offline")
def test_dns_failure_through_a_proxy_names_the_proxy() -> None:
    """Through a proxy only the proxy's name is looked up here: its failure names the proxy, not Twilio's host."""
    error = failure_of(ExplorerClient(proxy="http://proxy.corp.invalid:3128"))
    assert error.title == "Proxy did not resolve"
    assert error.message == (
        f"GET {HOST} failed: the name of the proxy http://proxy.corp.invalid:3128 did not resolve (DNS: Temporary "
        "failure in name resolution)"
    )
