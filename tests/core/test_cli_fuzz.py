"""Every command line, however hostile its values, ends in a clear error or a result: never a traceback.

The CLI runs in-process (`main(argv)`) for speed, in an isolated HOME and config directory, with an
in-memory keyring and `HTTPS_PROXY` pointing at a closed loopback port, so any request it tries fails at
once without leaving the machine. `sim` gets a stand-in for the simulator so no server starts.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import keyring
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from keyring.backend import KeyringBackend

from explorer.cli.main import main
from explorer.core.config_file import ProfilesFile
from explorer.core.errors import SimulatorError
from explorer.core.profiles import Profile

ACCOUNT = "AC" + "0123456789abcdef" * 2
KEY = "SK" + "fedcba9876543210" * 2
SECRET = "fuzzSecret" + "3c" * 11


class MemoryKeyring(KeyringBackend):
    """A keyring held in a dict: the fuzz must never reach the user's own."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Sandbox:
    """Files and stand-ins the fuzzed commands may touch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "config"
        self.not_pem = root / "not-a-ca.pem"
        self.not_pem.write_text("not a certificate\n")
        self.directory = root / "a-directory"
        self.directory.mkdir()
        self.keyring = MemoryKeyring()

    def reset(self) -> None:
        """One saved AU1 profile with its secret, as before each example."""
        self.keyring.entries.clear()
        ProfilesFile(self.config / "profiles.toml").save(
            {"au1": Profile.create("au1", ACCOUNT, "au1", api_key_sid=KEY)}
        )
        self.keyring.set_password("twilio-region-explorer", "au1", SECRET)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    root = tmp_path_factory.mktemp("cli-fuzz")
    box = Sandbox(root)
    patch = pytest.MonkeyPatch()
    for name in list(os.environ):
        if name.startswith(("TWILIO_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT")) or (
            name.lower() in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "requests_ca_bundle")
        ):
            patch.delenv(name)
    patch.setenv("HOME", str(root))
    patch.setenv("XDG_CONFIG_HOME", str(root / "xdg-config"))
    patch.setenv("XDG_DATA_HOME", str(root / "xdg-data"))
    patch.setenv("TWILIO_EXPLORER_CONFIG_DIR", str(box.config))
    patch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{_closed_port()}")

    def no_simulator(**_: Any) -> Any:
        raise SimulatorError("the fuzz does not start simulators")

    patch.setattr("explorer.sim.server.start_simulator", no_simulator)
    patch.setattr(signal, "signal", lambda *_: None)
    previous = keyring.get_keyring()
    keyring.set_keyring(box.keyring)
    try:
        yield box
    finally:
        keyring.set_keyring(previous)
        patch.undo()


def run_main(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """Run the CLI in this process; stdout and stderr encode as UTF-8 strictly, like a real terminal's."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code: Any = main(argv)
            except SystemExit as exit_:  # argparse: --help, --version and usage errors
                code = exit_.code
    finally:
        sys.stdin = saved_stdin
    texts = [stream.buffer.getvalue().decode("utf-8", "replace") for stream in (out, err)]  # type: ignore[attr-defined]
    return (0 if code is None else code), texts[0], texts[1]


# Values a hostile or careless user types. Real argv never holds NUL; it can hold lone surrogates (bytes
# that are not UTF-8, decoded with surrogateescape). No value names a host outside loopback.
_SPECIAL = [
    "", " ", "-", "--", ".", "..", "/", "[/]", "[bold red]x[/]", "\x1b[2J", "\x1b]0;title\x07", "a\nb", "\t",
    "{", "}", "{Sid}", "%", "%zz", "\udcff", "é", "\u202e", "A" * 5000, "9" * 30, "-1", "0", "99999",
    "http://[/]", "http://127.0.0.1:1", "http://127.0.0.1:99999", "https://localhost:1", "socks5://127.0.0.1:1",
    "ftp://127.0.0.1", "http://user:pass@127.0.0.1:1", "http://127.0.0.1:abc", "bad", "127.0.0.1:8080",
    "https://api.twilio.com:99999/x", "https://api.sydney.au1.twilio.com/a\x1bb", "/nonexistent/ca.pem",
    "/" + "x" * 5000, "au1", "ie1", "us1", "sydney", "dublin", "api", "env", "nope", ACCOUNT, KEY,
    "api.sydney.au1.twilio.com", "api.dublin.ie1.twilio.com", "example.com", "a\x1bb",
]  # fmt: skip
_TEXT = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)) | st.just("\udcfe"),
    max_size=30,
).filter(lambda text: "://" not in text)


def _values(sandbox: Sandbox) -> st.SearchStrategy[str]:
    files = [str(sandbox.not_pem), str(sandbox.directory), str(sandbox.root / "missing.pem")]
    pairs = ["Sid=", "=x", "Sid=[/]", "Sid=\x1b", "Sid=" + "A" * 70_000, "PageSize=-1", "a=b=c"]
    return st.one_of(st.sampled_from(_SPECIAL + files + pairs), _TEXT)


Slot = tuple[str | None, str]
"""An option (None: a positional argument) and the value a careful user would give it."""


def _templates(sandbox: Sandbox, proxy: str) -> list[list[Slot]]:
    """One sensible invocation per command: the fuzz keeps, drops or replaces each of its values."""
    import certifi

    net: list[Slot] = [("--proxy", proxy), ("--cacert", certifi.where())]
    account: list[Slot] = [("--account-sid", ACCOUNT), ("--region", "au1"), ("--edge", "sydney")]
    return [
        [(None, "regions"), ("--json", "")],
        [(None, "fqdn"), ("--product", "api"), ("--region", "au1"), ("--edge", "sydney"),
         ("--url", "https://api.sydney.au1.twilio.com"), ("--json", "")],
        [(None, "curl"), (None, "GET"), (None, "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json"),
         ("--param", "Sid=CA" + "0" * 32), ("--query", "PageSize=5"), ("--region", "au1"), ("--edge", "sydney"),
         ("--profile", "au1"), ("--inline-secrets", ""), ("--auth", "api-key"), ("--snippets", "")],
        [(None, "curl"), (None, "api:applications"), ("--data", "FriendlyName=x"), ("--product", "api"),
         ("--placeholders", "guide"), ("--region-vars", ""), ("--multiline", "")],
        [(None, "catalog"), ("--product", "api"), ("--region", "au1"), ("--instances", ""), ("--stats", "")],
        [(None, "sim"), ("--port", "0"), ("--seed", "demo"), ("--records", "3"), ("--latency", "au1=10"),
         ("--fault", "reset@au1x2"), ("--env-file", str(sandbox.root / "env.sh"))],
        [(None, "profiles"), (None, "add"), (None, "ie1"), *account[:2], ("--api-key", KEY),
         ("--secret-stdin", ""), ("--replace", "")],
        [(None, "profiles"), (None, "add"), (None, "tok"), *account, ("--auth-token", ""), ("--secret-stdin", "")],
        [(None, "profiles"), (None, "list"), ("--json", "")],
        [(None, "profiles"), (None, "remove"), (None, "au1")],
        [(None, "profiles"), (None, "verify"), (None, "au1"), ("--host", "api.sydney.au1.twilio.com"), *net],
        [(None, "profiles"), (None, "import-env"), (None, "imported")],
        [(None, "profiles"), (None, "login"), (None, "key"), *account, ("--friendly-name", "fuzz"),
         ("--keep-auth-token-as", "tok"), ("--secret-stdin", ""), *net],
    ]  # fmt: skip


def _mutated(template: list[Slot], values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """The template with each value kept (mostly), replaced by a hostile one, or left out."""

    def slot(option: str | None, valid: str, leading: bool) -> st.SearchStrategy[list[str]]:
        if leading:  # the command words themselves stay
            return st.just([valid])
        if option is not None and valid == "":  # a flag: on or off
            return st.sampled_from([[option], []])
        value = st.integers(0, 5).flatmap(
            lambda n: st.just(valid) if n < 3 else values if n < 5 else st.none()
        )
        return value.map(lambda v: [] if v is None else [v] if option is None else [option, v])

    leading = 0
    while leading < len(template) and template[leading][0] is None and template[leading][1] in (
        "regions", "fqdn", "curl", "catalog", "sim", "profiles", "add", "list", "remove", "verify",
        "import-env", "login",
    ):  # fmt: skip
        leading += 1
    parts = [slot(option, valid, index < leading) for index, (option, valid) in enumerate(template)]
    return st.tuples(*parts).map(lambda drawn: [word for part in drawn for word in part])


def _argv(sandbox: Sandbox, proxy: str) -> st.SearchStrategy[tuple[list[str], str]]:
    values = _values(sandbox)
    command = st.sampled_from(_templates(sandbox, proxy)).flatmap(lambda t: _mutated(t, values))
    globals_ = st.integers(0, 5).flatmap(
        lambda n: values.map(lambda v: ["--openapi", v]) if n == 0 else st.just([])
    )
    secret = st.sampled_from([SECRET, "", " ", "\x1b[2J", "A" * 5000]) | values
    return st.tuples(globals_, command, secret).map(lambda drawn: ([*drawn[0], *drawn[1]], drawn[2] + "\n"))


@pytest.mark.slow
def test_no_command_line_gives_a_traceback(sandbox: Sandbox) -> None:
    """300 hostile command lines over every command: exit 0, 1 or 2, never a traceback, never a bug."""
    verify = ["profiles", "verify", "au1"]
    login = ["profiles", "login", "key", "--account-sid", ACCOUNT, "--region", "au1", "--secret-stdin"]

    @settings(
        max_examples=300,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    # The reproductions of issue 10 run every time, before the generated cases.
    @example((["--openapi", "/" + "x" * 5000, "catalog"], ""))
    @example(([*verify, "--proxy", ""], ""))
    @example(([*verify, "--proxy", "bad"], ""))
    @example(([*verify, "--proxy", "socks5://127.0.0.1:1"], ""))
    @example(([*verify, "--proxy", "http://127.0.0.1:99999"], ""))
    @example(([*verify, "--cacert", str(sandbox.root / "missing.pem")], ""))
    @example(([*verify, "--cacert", str(sandbox.not_pem)], ""))
    @example(([*verify, "--host", "[/]"], ""))
    @example(([*verify, "--host", "api.sydney.au1.twilio.com:99999"], ""))
    @example(([*verify, "--host", "a\x1bb"], ""))
    @example(([*login, "--proxy", "bad"], SECRET + "\n"))
    @example(([*login, "--cacert", str(sandbox.root / "missing.pem")], SECRET + "\n"))
    @example((["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "--param", "Sid="], ""))
    @example((["profiles", "remove", "\udcff"], ""))
    @example((["sim", "--fault", "bogus"], ""))
    @example((["sim", "--env-file", str(sandbox.root / ("x" * 300))], ""))
    @given(_argv(sandbox, os.environ["HTTPS_PROXY"]))
    def check(case: tuple[list[str], str]) -> None:
        argv, stdin = case
        sandbox.reset()
        code, out, err = run_main(argv, stdin)
        assert code in (0, 1, 2), (argv, code, err)
        assert "Traceback" not in err, err
        assert "internal error" not in err, err
        assert SECRET not in out + err or "--inline-secrets" in argv

    check()
