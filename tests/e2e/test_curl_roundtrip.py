"""The curl command reproduces the request exactly: run by bash with real curl, it sends what httpx sends."""

from __future__ import annotations

import base64
import os
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.auth import basic_token
from explorer.core.curl import Credentials, Placeholders, render_curl
from explorer.core.profiles import Profile
from explorer.core.request import AuthKind, RequestSpec
from explorer.core.secret import Secret
from tests.e2e.echo_server import EchoServer, echo_server

pytestmark = pytest.mark.e2e

if shutil.which("curl") is None or shutil.which("bash") is None:
    pytest.skip("curl is not installed (Debian package: curl)", allow_module_level=True)

HOST = "api.sydney.au1.twilio.com"
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
API_KEY = "SK" + "fedcba9876543210" * 2

# Everything the issue names (quotes, $, backticks, !, newlines, +, &, =, %, spaces, non-ASCII) and more,
# control characters among them (ESC, BEL, DEL, a C1 CSI, a bidi override).
HOSTILE = "'\"$`!\n+&=% \\;|*?~#(){}[]<>é日本🙂\t\x1b\x07\x7f\x9b\u202e"
values = st.text(
    alphabet=st.sampled_from(HOSTILE) | st.sampled_from(string.ascii_letters + string.digits), max_size=12
)
names = st.text(alphabet=st.sampled_from("AaZz09_.-<>$ '!é"), min_size=1, max_size=8)
pairs = st.lists(st.tuples(names, values), max_size=3)
secrets = st.text(alphabet=st.sampled_from(HOSTILE.replace("\n", "") + "abc123:"), min_size=1, max_size=16)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EchoServer]:
    workdir = tmp_path_factory.mktemp("echo")
    with echo_server([HOST, "conversations.twilio.com"], workdir) as running:
        yield running


def _run(command: str, server: EchoServer, tmp_home: Path, env: dict[str, str]) -> None:
    # A private .curlrc routes the real hostname to the loopback server: the command itself stays unchanged.
    (tmp_home / ".curlrc").write_text(
        f'connect-to = "::127.0.0.1:{server.port}"\ncacert = "{server.ca_pem}"\n'
    )
    check = subprocess.run(["bash", "-n", "-c", command], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    result = subprocess.run(
        ["bash", "-c", command + " -sS -o /dev/null --fail"],
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ["PATH"],
            "CURL_HOME": str(tmp_home),
            "HOME": str(tmp_home),
            "LANG": "C.UTF-8",
            **env,
        },
        timeout=20,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _as_sent(spec: RequestSpec, username: str, secret: str) -> httpx.Request:
    """The request as the client puts it on the wire: `to_httpx` plus the header `CredentialAuth` writes."""
    request = spec.to_httpx(ACCOUNT_SID)
    request.headers["Authorization"] = "Basic " + basic_token(username, Secret(secret)).reveal()
    return request


def _assert_same_on_the_wire(server: EchoServer, sent: httpx.Request) -> None:
    got = server.received[-1]
    assert got.method == sent.method
    assert got.host == sent.url.host
    assert got.target.encode("latin-1") == sent.url.raw_path
    assert got.body == sent.content
    assert got.authorization == sent.headers["authorization"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=pairs, sid=values.filter(bool))
def test_get_with_placeholders_matches_httpx(
    server: EchoServer, tmp_path: Path, query: list[tuple[str, str]], sid: str
) -> None:
    """A GET with hostile query values and a hostile path value, secrets from shell variables, is sent as httpx sends it."""
    spec = RequestSpec(
        "GET",
        "/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json",
        region="au1",
        edge="sydney",
        path_params=(("Sid", sid),),
        query=tuple(query),
    )
    secret = "s3cr3t'$`!\"x"
    env = {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_API_KEY": API_KEY, "TWILIO_API_SECRET": secret}
    command = render_curl(spec, multiline=bool(len(query) % 2))
    assert secret not in command
    _run(command, server, tmp_path, env)
    _assert_same_on_the_wire(server, _as_sent(spec, API_KEY, secret))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=pairs, query=pairs, secret=secrets, method=st.sampled_from(["POST", "DELETE"]))
def test_writes_with_inline_secrets_match_httpx(
    server: EchoServer,
    tmp_path: Path,
    form: list[tuple[str, str]],
    query: list[tuple[str, str]],
    secret: str,
    method: str,
) -> None:
    """POST and DELETE with hostile form fields and an inline hostile secret are sent as httpx sends them."""
    spec = RequestSpec(
        method,
        "/v1/Conversations",
        product="conversations",
        form=tuple(form) if method == "POST" else (),
        query=tuple(query),
        auth=AuthKind.AUTH_TOKEN,
    )
    us1 = Profile.create("roundtrip", ACCOUNT_SID, "us1")  # conversations.twilio.com is processed in US1
    command = render_curl(
        spec,
        inline=Credentials(ACCOUNT_SID, ACCOUNT_SID, Secret(secret), us1),
        placeholders=Placeholders.GUIDE,
    )
    _run(command, server, tmp_path, {})
    _assert_same_on_the_wire(server, _as_sent(spec, ACCOUNT_SID, secret))


CONTROLS = "\x1b]0;pwned\x07 \x1b[2J \x7f\x85\x9b \u202e \u2028 \ufeff \x01\x1f\t\n\r"


def test_control_characters_are_quoted_visibly_and_reach_the_server_exactly(
    server: EchoServer, tmp_path: Path
) -> None:
    """Values, a name and an inline secret with ESC, BEL, DEL, C1, bidi and line controls: the command shows
    none of them raw (they are `$'\\x1b'` words), and bash + curl still send exactly what httpx sends."""
    form = (("Body", CONTROLS), ("Na\x1bme", "x"), ("Plain", "a b'c"))
    query = (("Q", "\x1b[31mred\x1b[0m"),)
    secret = "s\x1bcr\x07t"
    us1 = Profile.create("roundtrip", ACCOUNT_SID, "us1")  # conversations.twilio.com is processed in US1
    for spec in (
        RequestSpec("GET", "/v1/Conversations", product="conversations", query=query, auth=AuthKind.AUTH_TOKEN),
        RequestSpec("POST", "/v1/Conversations", product="conversations", form=form, query=query,
                    auth=AuthKind.AUTH_TOKEN),
    ):  # fmt: skip
        for multiline in (False, True):
            command = render_curl(
                spec, inline=Credentials(ACCOUNT_SID, ACCOUNT_SID, Secret(secret), us1), multiline=multiline
            )
            assert all(char.isprintable() for char in command.replace("\n", "")), command
            assert "$'Body=" in command or spec.method == "GET"
            _run(command, server, tmp_path, {})
            _assert_same_on_the_wire(server, _as_sent(spec, ACCOUNT_SID, secret))


def test_the_acceptance_command_requests_the_regional_url(server: EchoServer, tmp_path: Path) -> None:
    """The README's curl, with the three TWILIO_ variables set, requests the AU1 URL with the key and secret."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "explorer",
            "curl",
            "GET",
            "/2010-04-01/Accounts/{AccountSid}/Applications.json",
            "--region",
            "au1",
            "--edge",
            "sydney",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    command = result.stdout.strip()
    env = {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_API_KEY": API_KEY, "TWILIO_API_SECRET": "the-secret"}
    _run(command, server, tmp_path, env)
    got = server.received[-1]
    assert got.host == HOST
    assert got.target == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Applications.json"
    assert (
        got.authorization == "Basic " + base64.b64encode(f"{API_KEY}:the-secret".encode()).decode()
    )  # RFC 7617
