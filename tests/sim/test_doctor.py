"""`doctor`'s steps against the real simulator: each one passing, and each one failing the way users meet it."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from explorer.core.probes import ProbeFailure, name_covers
from explorer.core.profiles import Credential, CredentialKind, Profile
from explorer.core.secret import Secret
from explorer.model.doctor import STEPS, Checkup, Step, StepVerdict, resolve_settings, run_doctor
from explorer.model.doctor.network import Probe
from explorer.sim.faults import FaultKind, FaultRule
from explorer.sim.server import Simulator, start_simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """A simulator of this module's own: the tests switch faults on."""
    with start_simulator(seed="doctor", records=3) as running:
        yield running


@pytest.fixture(autouse=True)
def no_faults(sim: Simulator) -> Iterator[None]:
    yield
    sim.faults.clear()


def doctor(
    sim: Simulator,
    credential: Credential | None = None,
    profiles: tuple[Profile, ...] = (),
    secrets: dict[str, Credential] | None = None,
    environ: dict[str, str] | None = None,
    **flags: str,
) -> dict[str, Step]:
    """Run doctor through the simulator's proxy and CA; the rows by step key."""
    profile = credential.profile if credential is not None else None
    settings = resolve_settings(profile=profile, environ=environ or {}, **flags)
    held = secrets or {}
    checkup = Checkup(
        settings,
        credential=credential,
        profiles=profiles,
        load_credential=held.__getitem__,
        proxy=sim.proxy_url,
        verify=str(sim.ca_pem_path),
        environ={},
    )
    steps = list(run_doctor(checkup))
    assert [s.key for s in steps] == [key for key, _ in STEPS]
    return {s.key: s for s in steps}


def key_of(
    sim: Simulator, region: str, name: str | None = None, *, key_region: str | None = None
) -> Credential:
    """A profile of `region` holding the demo key of `key_region` (default: the same Region)."""
    creds = sim.credentials[key_region or region]
    profile = Profile.create(name or f"{region}-p", sim.account_sid, region, api_key_sid=creds.api_key_sid)
    return Credential(profile, Secret(creds.api_key_secret))


def test_a_good_au1_setup_passes_every_step(sim: Simulator) -> None:
    """An AU1 key with au1 + sydney: every row passes, the DNS row says the proxy did the resolving."""
    rows = doctor(sim, key_of(sim, "au1"))
    assert {key: row.verdict for key, row in rows.items()} == dict.fromkeys(rows, StepVerdict.PASS)
    assert rows["settings"].detail.startswith(
        "product api (default), region au1 (from profile 'au1-p'), edge sydney (from profile 'au1-p') → "
        "api.sydney.au1.twilio.com: valid · AU1"
    )
    assert rows["dns"].detail == (
        f"DNS is the proxy's business here: the proxy {sim.proxy_url} (given) resolved api.sydney.au1.twilio.com "
        "and opened a tunnel (CONNECT 200)"
    )
    assert rows["tls"].detail == (
        "the certificate covers api.sydney.au1.twilio.com (as api.sydney.au1.twilio.com); CA bundle: the CA "
        f"bundle {sim.ca_pem_path} given to doctor"
    )
    assert rows["credential"].detail.startswith("AU1 profile 'au1-p' works on api.sydney.au1.twilio.com")
    assert rows["clock"].detail.startswith("the local clock is within ")


def test_retired_host_fails_settings_dns_and_is_never_sent_the_credential(sim: Simulator) -> None:
    """TWILIO_REGION=au1 alone builds the retired api.au1: the proxy refuses CONNECT, nothing is sent there."""
    key = key_of(sim, "au1")
    # A profile saved without its edge (as twilio-cli's `profiles:create --region au1` did): the retired host.
    bare = Profile("au1-p", sim.account_sid, "au1", None, CredentialKind.API_KEY, key.profile.api_key_sid)
    rows = doctor(sim, Credential(bare, key.secret))
    assert rows["settings"].verdict is StepVerdict.FAIL
    assert "api.au1.twilio.com: retired" in rows["settings"].detail
    assert rows["settings"].fix == "set region=au1 and edge=sydney (both) to get api.sydney.au1.twilio.com"
    assert rows["dns"].verdict is StepVerdict.FAIL
    assert (
        "refused CONNECT api.au1.twilio.com:443 with 502 No such host api.au1.twilio.com"
        in rows["dns"].detail
    )
    assert rows["tls"].verdict is StepVerdict.SKIP
    assert rows["credential"].verdict is StepVerdict.FAIL
    assert rows["credential"].detail.startswith(
        "refused to send the AU1 credential of profile 'au1-p' to 'api.au1.twilio.com'"
    )
    assert rows["clock"].verdict is StepVerdict.SKIP


def test_the_certificate_not_covering_the_host_fails_tls(sim: Simulator) -> None:
    """The tls-mismatch fault on a served IE1 host: the TLS row names the wildcard that does not cover it."""
    sim.faults.add(FaultRule(FaultKind.TLS_MISMATCH, region="ie1", times=1))
    rows = doctor(sim, key_of(sim, "ie1"))
    assert rows["tls"].verdict is StepVerdict.FAIL
    assert rows["tls"].detail.startswith(
        "the certificate lists *.ie1.twilio.com, none of which covers api.dublin.ie1.twilio.com (a * spans one label)"
    )
    assert "TLS-inspecting proxy" in rows["tls"].fix
    assert rows["credential"].verdict is StepVerdict.SKIP  # the same host: not sent over a failed handshake


def test_a_wrong_edge_meets_the_real_mismatch_class(sim: Simulator) -> None:
    """au1 + dublin resolves but is not in the certificate: TLS fails, and the fix is the sydney edge."""
    rows = doctor(sim, key_of(sim, "au1"), edge="dublin")
    assert rows["dns"].verdict is StepVerdict.PASS
    assert rows["tls"].verdict is StepVerdict.FAIL
    assert "none of which covers api.dublin.au1.twilio.com" in rows["tls"].detail
    assert rows["tls"].fix == "set region=au1 and edge=sydney (both) to get api.sydney.au1.twilio.com"


def test_an_untrusted_ca_fails_tls_naming_the_bundle(sim: Simulator, tmp_path: object) -> None:
    """certifi's bundle does not trust the simulator's CA: the TLS row says so and names the bundle in use."""
    settings = resolve_settings(region="au1", edge="sydney", environ={})
    checkup = Checkup(settings, proxy=sim.proxy_url, verify=True, environ={})
    tls = next(s for s in run_doctor(checkup) if s.key == "tls")
    assert tls.verdict is StepVerdict.FAIL
    assert tls.detail.startswith("the certificate is not trusted: ")
    assert tls.detail.endswith("by the CA bundle in use, certifi's CA bundle (the default)")


def test_a_key_of_another_region_names_the_profile_that_works(sim: Simulator) -> None:
    """An 'AU1' profile holding IE1's key gets 20003; the row says so and names the AU1 profile that works."""
    wrong = key_of(sim, "au1", "au1-wrong", key_region="ie1")
    good = key_of(sim, "au1", "au1-good")
    rows = doctor(sim, wrong, profiles=(wrong.profile, good.profile), secrets={"au1-good": good})
    credential = rows["credential"]
    assert credential.verdict is StepVerdict.FAIL
    assert credential.detail.endswith("this key belongs to another Region (or was revoked), not AU1")
    assert "HTTP 401, Twilio error 20003" in credential.detail
    assert credential.fix.startswith(
        "profile 'au1-good' works on api.sydney.au1.twilio.com (checked just now): use --profile au1-good."
    )
    assert rows["clock"].verdict is StepVerdict.PASS  # a 401 carries a Date too


def test_a_host_of_another_region_is_refused_before_any_request(sim: Simulator) -> None:
    """An AU1 key with ie1 settings: the scope check refuses; the transport proves nothing was sent."""

    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"doctor sent {request.url} outside the credential's Region")

    au1 = key_of(sim, "au1")
    ie1 = key_of(sim, "ie1", "ie1-p")
    settings = resolve_settings(region="ie1", edge="dublin", profile=au1.profile, environ={})
    checkup = Checkup(
        settings, credential=au1, profiles=(au1.profile, ie1.profile), proxy=sim.proxy_url,
        verify=str(sim.ca_pem_path), environ={}, transport=httpx.MockTransport(never),
    )  # fmt: skip
    rows = {s.key: s for s in run_doctor(checkup)}
    assert rows["tls"].verdict is StepVerdict.PASS  # the host itself is fine
    assert rows["credential"].verdict is StepVerdict.FAIL
    assert rows["credential"].detail == (
        "refused to send the AU1 credential of profile 'au1-p' to 'api.dublin.ie1.twilio.com': the host is "
        "processed in IE1, not AU1; the credential was not sent"
    )
    assert rows["credential"].fix.endswith("; profiles of IE1: 'ie1-p'")


def test_a_product_not_offered_in_the_region_fails_with_its_source(sim: Simulator) -> None:
    """sync in IE1: not offered (reported), so DNS fails at the proxy and the product row cites its source."""
    rows = doctor(sim, key_of(sim, "ie1"), product="sync")
    product = rows["product"]
    assert product.verdict is StepVerdict.FAIL
    assert product.detail == "sync is not offered in IE1 (sync.dublin.ie1.twilio.com does not resolve)"
    assert product.source.endswith("[reported]")
    assert rows["dns"].verdict is StepVerdict.FAIL
    assert rows["libraries"].verdict is StepVerdict.FAIL


def test_clock_skew_fails_the_clock_step(sim: Simulator) -> None:
    """The server's Date ten minutes ahead: the clock row says the local clock is about 600 s behind."""
    sim.faults.add(FaultRule(FaultKind.CLOCK_SKEW, region="au1", skew_seconds=600))
    clock = doctor(sim, key_of(sim, "au1"))["clock"]
    assert clock.verdict is StepVerdict.FAIL
    seconds = int(clock.detail.split()[4])
    assert 595 <= seconds <= 605
    assert clock.detail.startswith(f"the local clock is {seconds} s behind api.sydney.au1.twilio.com's Date")
    assert clock.fix.startswith("sync the clock")


def test_environment_read_by_some_libraries_only_is_a_warning(sim: Simulator) -> None:
    """TWILIO_REGION/TWILIO_EDGE work for python but csharp and ruby ignore them: a warning naming them."""
    rows = doctor(sim, None, environ={"TWILIO_REGION": "au1", "TWILIO_EDGE": "sydney"})
    libraries = rows["libraries"]
    assert libraries.verdict is StepVerdict.WARN
    assert libraries.detail == (
        "python, node, java, php, go → api.sydney.au1.twilio.com; csharp (US1, not AU1), ruby (US1, not AU1) → "
        "api.twilio.com; twilio-cli (US1, not AU1) → api.sydney.us1.twilio.com"
    )
    assert (
        libraries.fix.splitlines()[0]
        == 'csharp: TwilioClient.SetRegion("au1"); TwilioClient.SetEdge("sydney"); (builds api.sydney.au1.twilio.com)'
    )
    assert rows["settings"].detail.startswith(
        "product api (default), region au1 (from TWILIO_REGION), edge sydney (from TWILIO_EDGE)"
    )
    assert rows["credential"].verdict is StepVerdict.SKIP


def test_a_proxy_that_does_not_answer_fails_dns() -> None:
    """A proxy on a closed port: the DNS row says the proxy does not answer, and TLS is skipped."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings = resolve_settings(region="au1", edge="sydney", environ={})
    rows = {s.key: s for s in run_doctor(Checkup(settings, proxy=f"http://127.0.0.1:{port}", environ={}))}
    assert rows["dns"].verdict is StepVerdict.FAIL
    assert rows["dns"].detail.startswith(
        f"DNS is the proxy's business here, but the proxy http://127.0.0.1:{port} (given): the proxy does not answer"
    )
    assert rows["tls"].verdict is StepVerdict.SKIP


def test_direct_dns_without_a_proxy_uses_the_resolver() -> None:
    """With no proxy, the DNS row resolves the name itself (a resolver passed in: tests stay on loopback)."""

    def resolver(host: str) -> tuple[str, ...]:
        if host == "api.sydney.au1.twilio.com":
            return ("203.0.113.7",)
        raise ProbeFailure(f"{host} does not resolve (Name or service not known)")

    def dns(**flags: str) -> Step:
        settings = resolve_settings(environ={}, **flags)
        probe = Probe(resolve=resolver, connect=lambda host, timeout: socket.socket())
        return next(s for s in run_doctor(Checkup(settings, environ={}, probe=probe)) if s.key == "dns")

    assert dns(region="au1", edge="sydney").detail == "api.sydney.au1.twilio.com resolves to 203.0.113.7"
    failed = dns(region="au1")
    assert (failed.verdict, failed.detail) == (
        StepVerdict.FAIL,
        "api.au1.twilio.com does not resolve (Name or service not known)",
    )


@pytest.mark.parametrize(
    ("pattern", "host", "covers"),
    [
        ("*.ie1.twilio.com", "conversations.ie1.twilio.com", True),
        ("*.ie1.twilio.com", "api.dublin.ie1.twilio.com", False),
        ("api.dublin.ie1.twilio.com", "API.dublin.ie1.twilio.com", True),
        ("*.twilio.com", "twilio.com", False),
    ],
)
def test_a_wildcard_covers_exactly_one_label(pattern: str, host: str, covers: bool) -> None:
    """RFC 6125: `*` stands for one whole label, never several, never none."""
    assert name_covers(pattern, host) is covers
