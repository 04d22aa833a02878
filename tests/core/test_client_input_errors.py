"""The Python API raises the project's errors, never httpx's or the OS's: bad URLs, CA files and proxies.

Each case is refused before any I/O: the mock transport records every request that reaches it.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from explorer.core.client import AsyncExplorerClient, ExplorerClient
from explorer.core.errors import InputError, TransportError
from explorer.core.exchange import Exchange, Timings
from explorer.core.profiles import Credential, Profile
from explorer.core.request import RequestSpec

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "inputSecret" + "5d" * 11
HOST = "api.sydney.au1.twilio.com"
LIST_URL = f"https://{HOST}/2010-04-01/Accounts/{ACCOUNT}/Calls.json"


def credential() -> Credential:
    return Credential(Profile.create("au1", ACCOUNT, "au1", api_key_sid=KEY), SECRET)


class Recorder:
    """A transport that answers 200 `{}` and remembers every request that reached it."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return httpx.Response(200, json={})


def page_linking_to(link: str) -> Exchange:
    """A first page of Calls whose `next_page_uri` is `link`."""
    body = json.dumps({"calls": [], "next_page_uri": link}).encode()
    return Exchange(
        "GET", LIST_URL, (), b"", 200, (("content-type", "application/json"),), body, Timings(0.01)
    )


BAD_LINKS = [
    pytest.param(f"https://{HOST}:99999/2010-04-01/Accounts/{ACCOUNT}/Calls.json?Page=1", "Port out of range", id="port-range"),
    pytest.param(f"https://{HOST}:abc/2010-04-01/Accounts/{ACCOUNT}/Calls.json?Page=1", "Port could not be cast", id="port-text"),
    pytest.param(f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json?Page=1&x=\x1b[2J", "non-printable", id="control"),
    pytest.param(f"/2010-04-01/Accounts/{ACCOUNT}/Calls.json?Page=1&x=" + "a" * 70_000, "characters long", id="64KiB"),
]  # fmt: skip


@pytest.mark.parametrize(("link", "reason"), BAD_LINKS)
def test_a_next_page_link_that_cannot_be_sent_is_a_transport_error(link: str, reason: str) -> None:
    """A server's next-page link with a bad port, a control character or over 64 KiB: TransportError, nothing sent."""
    recorder = Recorder()
    with (
        ExplorerClient(transport=httpx.MockTransport(recorder)) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.next_page(page_linking_to(link), credential())
    assert caught.value.message.startswith("the next-page link ")
    assert reason in caught.value.message
    assert caught.value.title in ("Invalid URL", "URL too long")
    assert len(caught.value.message) < 400
    assert recorder.seen == []


@pytest.mark.parametrize(("link", "reason"), BAD_LINKS)
async def test_the_app_client_refuses_the_same_links(link: str, reason: str) -> None:
    """The async client (the app's browser) raises the same TransportError for the same links."""
    recorder = Recorder()
    async with AsyncExplorerClient(transport=httpx.MockTransport(recorder)) as client:
        with pytest.raises(TransportError) as caught:
            await client.next_page(page_linking_to(link), credential())
    assert reason in caught.value.message
    assert recorder.seen == []


@pytest.mark.parametrize("url", [f"https://[/]/2010-04-01/Accounts/{ACCOUNT}.json", f"https://{HOST}/a\x1bb"])
def test_get_url_with_an_unusable_url_is_input_error(url: str) -> None:
    """`get_url` with a URL httpx cannot send is the caller's InputError, raised before any I/O."""
    recorder = Recorder()
    with (
        ExplorerClient(transport=httpx.MockTransport(recorder)) as client,
        pytest.raises(InputError) as caught,
    ):
        client.get_url(url, credential())
    assert caught.value.message.startswith(f"the URL {url!r} cannot be sent: ")
    assert recorder.seen == []


def test_a_request_over_64_kib_is_input_error() -> None:
    """A 70,000-character parameter value: InputError "URL too long" with no URL echoed, nothing sent."""
    recorder = Recorder()
    spec = RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", region="au1", edge="sydney",
                       query=(("To", "1" * 70_000),))  # fmt: skip
    with (
        ExplorerClient(transport=httpx.MockTransport(recorder)) as client,
        pytest.raises(InputError) as caught,
    ):
        client.send(spec, credential())
    length = len(spec.url(ACCOUNT))
    assert length > 70_000
    assert (
        caught.value.message == f"the request URL is {length:,} characters long; at most 65,536 can be sent"
    )
    assert recorder.seen == []


def test_a_redirect_to_an_unusable_url_is_a_transport_error() -> None:
    """A Location with a control character is the server's fault: TransportError, the redirect not followed."""
    recorder = Recorder()

    def redirect(request: httpx.Request) -> httpx.Response:
        recorder.seen.append(request)
        return httpx.Response(302, headers={"Location": f"https://{HOST}:70000/next"})

    with (
        ExplorerClient(transport=httpx.MockTransport(redirect)) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.get_url(LIST_URL, credential())
    assert caught.value.message.startswith(
        f"the redirect from {HOST} to 'https://{HOST}:70000/next' cannot be sent"
    )
    assert len(recorder.seen) == 1


def test_an_empty_path_parameter_is_input_error() -> None:
    """`Sid=` would build /Calls/.json (the list, not a call): refused as an empty path parameter."""
    with pytest.raises(InputError) as caught:
        RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", path_params=(("Sid", ""),))
    assert caught.value.message == "the path parameter {Sid} is empty"


# -- the client's set-up: CA bundles and proxies ----------------------------------------------------------


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "HTTPS_PROXY", "https_proxy",
                 "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def test_a_missing_ca_file_is_a_transport_error_naming_it(tmp_path: Path) -> None:
    """`verify=` a CA file that does not exist: TransportError naming the file, not FileNotFoundError."""
    missing = tmp_path / "ca.pem"
    with pytest.raises(TransportError) as caught:
        ExplorerClient(verify=str(missing))
    assert (
        caught.value.message
        == f"cannot load the CA bundle {missing} (given to the client): it does not exist"
    )
    assert caught.value.title == "CA bundle unusable"


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"])
@pytest.mark.parametrize("client_class", [ExplorerClient, AsyncExplorerClient])
def test_a_stopped_simulators_ca_in_the_environment_is_explained(
    variable: str, client_class: type[ExplorerClient] | type[AsyncExplorerClient], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """SSL_CERT_FILE or REQUESTS_CA_BUNDLE naming a deleted CA: the variable, the file and the unset command."""
    missing = tmp_path / "twilio-explorer-sim-x" / "ca.pem"
    monkeypatch.setenv(variable, str(missing))
    with pytest.raises(TransportError) as caught:
        client_class()
    assert caught.value.message == f"cannot load the CA bundle {missing} (from {variable}): it does not exist"
    assert caught.value.hint.endswith("unset SSL_CERT_FILE REQUESTS_CA_BUNDLE CURL_CA_BUNDLE HTTPS_PROXY")


def test_a_file_that_is_not_a_ca_bundle_is_explained(tmp_path: Path) -> None:
    """A CA path holding no certificate says so."""
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    with pytest.raises(TransportError) as caught:
        ExplorerClient(verify=str(junk))
    assert "not a PEM certificate bundle" in caught.value.message


@pytest.mark.parametrize(
    ("proxy", "shown"),
    [
        ("", "''"),
        ("bad", "bad"),
        ("ftp://127.0.0.1:21", "ftp://127.0.0.1:21"),
        ("http://user:hunter2@127.0.0.1:99999", "http://…@127.0.0.1:99999"),
        ("http://127.0.0.1:1\x1b", "'http://127.0.0.1:1\\x1b'"),
    ],
)
def test_an_unusable_proxy_is_a_transport_error_without_its_password(proxy: str, shown: str) -> None:
    """`proxy=` that httpx cannot use: TransportError showing the proxy without user info."""
    with pytest.raises(TransportError) as caught:
        ExplorerClient(proxy=proxy)
    assert caught.value.message.startswith(f"the proxy {shown} (given to the client) cannot be used: ")
    assert "hunter2" not in str(caught.value)


def test_an_unusable_proxy_from_the_environment_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTPS_PROXY that httpx refuses: the variable is named, its password is not shown."""
    monkeypatch.setenv("HTTPS_PROXY", "gopher://user:hunter2@127.0.0.1:70")
    with pytest.raises(TransportError) as caught:
        ExplorerClient()
    assert caught.value.message == (
        "the proxy gopher://127.0.0.1:70 (from HTTPS_PROXY) cannot be used: its scheme must be http://, https:// "
        "or socks5://, with a host"
    )
    assert "hunter2" not in str(caught.value)
