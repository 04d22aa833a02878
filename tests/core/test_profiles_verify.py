"""Verify and login against the local regional simulator: per-Region credentials, explained."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import keyring.backends.fail
import pytest

from explorer.core.client import ExplorerClient
from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import InMemoryStore, KeyringStore
from explorer.core.errors import CredentialError, KeyringUnavailableError, RegionScopeError
from explorer.core.profile_book import ProfileBook
from explorer.core.profiles import Credential, Profile
from explorer.core.verify import login, verify_credential
from explorer.sim.server import Simulator, start_simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with start_simulator() as simulator:
        yield simulator


@pytest.fixture
def client(sim: Simulator) -> Iterator[ExplorerClient]:
    with ExplorerClient(proxy=sim.proxy_url, verify=sim.ssl_context()) as explorer_client:
        yield explorer_client


@pytest.fixture
def book(tmp_path: Path) -> ProfileBook:
    return ProfileBook(ProfilesFile(tmp_path / "profiles.toml"), InMemoryStore(), environ={})


def key_profile(sim: Simulator, region: str, key_region: str | None = None) -> Credential:
    """A `region` profile holding the API key of `key_region` (default: its own)."""
    key = sim.credentials[key_region or region]
    profile = Profile.create(f"{region}-demo", sim.account_sid, region, api_key_sid=key.api_key_sid)
    return Credential(profile, key.api_key_secret)


@pytest.mark.parametrize(("region", "host"), [("us1", "api.twilio.com"), ("ie1", "api.dublin.ie1.twilio.com"),
                                              ("au1", "api.sydney.au1.twilio.com")])  # fmt: skip
def test_verify_each_regions_own_key(sim: Simulator, client: ExplorerClient, region: str, host: str) -> None:
    """Each Region's own demo key verifies on that Region's host."""
    outcome = verify_credential(client, key_profile(sim, region))
    assert outcome.ok
    assert outcome.summary == (
        f"{region.upper()} profile '{region}-demo' works on {host}: account 'Demo account (simulator)' (active)"
    )
    assert outcome.exchange.url == f"https://{host}/2010-04-01/Accounts/{sim.account_sid}.json"
    assert outcome.exchange.timings.total > 0


def test_us1_key_in_au1_names_the_region_specific_credential(sim: Simulator, client: ExplorerClient) -> None:
    """A US1 key saved as an AU1 profile gets 20003, explained as a credential from the wrong Region."""
    credential = key_profile(sim, "au1", key_region="us1")
    outcome = verify_credential(client, credential)
    assert not outcome.ok
    assert outcome.summary == (
        "AU1 profile 'au1-demo' was refused by api.sydney.au1.twilio.com: HTTP 401, Twilio error 20003 (Authenticate)"
    )
    assert outcome.explanation.startswith(
        f"Likely cause: this API key {credential.username} was not issued in AU1. Credentials are per Region"
    )
    assert f"profiles login au1-demo --account-sid {sim.account_sid} --region au1" in outcome.explanation


def test_wrong_secret_in_us1_is_explained_without_blaming_the_region_first(
    sim: Simulator, client: ExplorerClient
) -> None:
    """In US1 a 20003 lists the mismatch first and the other-Region cause after it."""
    us1 = sim.credentials["us1"]
    profile = Profile.create("main", sim.account_sid, "us1", api_key_sid=us1.api_key_sid)
    outcome = verify_credential(client, Credential(profile, "0" * 32))
    assert not outcome.ok
    assert outcome.explanation.startswith("The Account SID and the API key")


def test_verify_on_another_regions_host_is_refused_before_sending(sim: Simulator) -> None:
    """`--host` outside the profile's Region is refused; the transport never sees a request."""
    seen: list[httpx.Request] = []
    with (
        ExplorerClient(
            transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
        ) as client,
        pytest.raises(RegionScopeError),
    ):
        verify_credential(client, key_profile(sim, "au1"), host="api.dublin.ie1.twilio.com")
    assert seen == []


def test_login_creates_and_saves_an_au1_key(
    sim: Simulator, client: ExplorerClient, book: ProfileBook
) -> None:
    """login with AU1's Auth Token creates an AU1 key, saves it, and forgets the token."""
    au1 = sim.credentials["au1"]
    outcome = login(client, book, "au1-login", account_sid=sim.account_sid, region="au1", auth_token=au1.auth_token,
                    friendly_name="explorer test")  # fmt: skip
    saved = outcome.profile
    assert (saved.region, saved.edge, saved.kind, outcome.token_profile) == ("au1", "sydney", "api-key", None)
    assert [p.name for p in book.profiles()] == ["au1-login"]
    credential = book.credential("au1-login")
    assert credential.secret != au1.auth_token
    assert verify_credential(client, credential).ok
    # The new key is an AU1 key: it does not work in IE1.
    ie1 = Credential(
        Profile.create("ie1", sim.account_sid, "ie1", api_key_sid=saved.api_key_sid), credential.secret
    )
    assert not verify_credential(client, ie1).ok


def test_login_can_keep_the_token(sim: Simulator, client: ExplorerClient, book: ProfileBook) -> None:
    """--keep-auth-token-as saves the token as its own Auth Token profile."""
    au1 = sim.credentials["au1"]
    outcome = login(client, book, "k", account_sid=sim.account_sid, region="au1", auth_token=au1.auth_token,
                    keep_auth_token_as="au1-token")  # fmt: skip
    assert outcome.token_profile is not None and outcome.token_profile.kind == "auth-token"
    assert book.credential("au1-token").secret == au1.auth_token
    assert verify_credential(client, book.credential("au1-token")).ok


def test_login_with_a_us1_token_for_au1_is_refused(
    sim: Simulator, client: ExplorerClient, book: ProfileBook
) -> None:
    """A US1 Auth Token offered for AU1 is refused with the Region explanation, and nothing is saved."""
    with pytest.raises(CredentialError) as caught:
        login(client, book, "x", account_sid=sim.account_sid, region="au1",
              auth_token=sim.credentials["us1"].auth_token)  # fmt: skip
    assert caught.value.message.startswith(
        "AU1 profile 'x' was refused by api.sydney.au1.twilio.com: HTTP 401, Twilio error 20003 (Authenticate). "
        "Likely cause: this Auth Token was not issued in AU1."
    )
    assert sim.credentials["us1"].auth_token not in str(caught.value)
    assert book.profiles() == []


def test_login_without_a_keyring_makes_no_request(sim: Simulator, tmp_path: Path) -> None:
    """With no keyring, login stops before any request, so no key is created that could not be saved."""
    seen: list[httpx.Request] = []
    book = ProfileBook(
        ProfilesFile(tmp_path / "profiles.toml"),
        KeyringStore(backend=keyring.backends.fail.Keyring()),
        environ={},
    )
    with (
        ExplorerClient(
            transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(500))
        ) as client,
        pytest.raises(KeyringUnavailableError),
    ):
        login(client, book, "x", account_sid=sim.account_sid, region="au1",
              auth_token=sim.credentials["au1"].auth_token)  # fmt: skip
    assert seen == []
    assert not (tmp_path / "profiles.toml").exists()
