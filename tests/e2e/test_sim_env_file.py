"""The env file and `sim --detach`: the README's block pasted whole, every client from the env file alone.

Real processes: bash, curl, the `twilio-explorer` command, a Python with httpx and Node, all from the env file,
all on loopback. Each test has a state directory of its own (the kept CA, the background simulator's record).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from explorer.core.env_file import write_env_file
from explorer.sim.server import start_simulator

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"
AU1_URL = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"


def _shell_env(home: Path) -> dict[str, str]:
    # A fresh login-like environment: the venv's twilio-explorer first on PATH, no inherited proxy or CA.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return {
        "PATH": path,
        "HOME": str(home),
        "CURL_HOME": str(home),
        "LANG": "C.UTF-8",
        "TWILIO_EXPLORER_STATE_DIR": str(home / "state"),
    }


def _bash(script: str, cwd: Path, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=_shell_env(cwd),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def stop_after(tmp_path: Path) -> Iterator[None]:
    """Whatever a test leaves running in the background is stopped."""
    yield
    _bash("twilio-explorer sim --stop", tmp_path, timeout=30)


def _readme_commands() -> list[str]:
    """The commands of the README's simulator block (tests/e2e/test_readme_examples.py runs them all, as pasted)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Try it against the simulator", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def test_the_readme_curl_is_the_docs_safe_curl(tmp_path: Path) -> None:
    """The block's first curl is `twilio-explorer curl`'s output for AU1 with -sf added and output options after."""
    rendered = _bash(
        "twilio-explorer curl api:applications -r au1 -e sydney --region-vars --query PageSize=1", tmp_path
    )
    assert rendered.returncode == 0, rendered.stderr
    first_curl = next(command for command in _readme_commands() if command.startswith("curl "))
    assert first_curl.startswith(rendered.stdout.strip().replace("curl ", "curl -sf ", 1) + " -o /dev/null")


def test_detach_returns_with_the_env_file_written_and_says_so_inside(
    tmp_path: Path, stop_after: None
) -> None:
    """When --detach returns the file is whole; it warns about routing all HTTPS and says how to stop."""
    result = _bash("twilio-explorer sim --detach --env-file ./env.sh --env-region ie1 --records 3", tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "env.sh").read_text()
    assert "WARNING: sourcing this file routes ALL HTTPS of this shell" in text
    assert "Stop the simulator: twilio-explorer sim --stop" in text
    pid = int(re.search(r"\(pid (\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert f"kill {pid}" in text
    assert "export TWILIO_REGION=ie1\nexport TWILIO_EDGE=dublin\n" in text
    again = _bash("twilio-explorer sim --detach --env-file ./other.sh", tmp_path)
    assert again.returncode == 1  # a simulator error: the operation was tried and failed
    assert "already running in the background" in again.stderr
    assert "twilio-explorer sim --stop" in again.stderr


def test_stop_with_nothing_running_says_so(tmp_path: Path) -> None:
    """`sim --stop` without a background simulator says so and succeeds."""
    result = _bash("twilio-explorer sim --stop", tmp_path)
    assert (result.returncode, result.stdout) == (0, "no simulator is running in the background\n")


def test_the_help_states_the_env_regions_default(tmp_path: Path) -> None:
    """`sim --help` says which Region's credentials the unsuffixed names hold by default."""
    result = _bash("COLUMNS=200 twilio-explorer sim --help", tmp_path)
    assert "(default: au1; us1 sets neither)" in " ".join(result.stdout.split())


def test_a_shell_that_sourced_an_env_file_keeps_working_with_the_next_run(
    tmp_path: Path, stop_after: None
) -> None:
    """A shell keeps the first run's variables after it stops; the next run reuses its CA and port, so curl works."""
    first = _bash(
        "twilio-explorer sim --detach --env-file ./env.sh --records 3 && cp env.sh kept.sh", tmp_path
    )
    assert first.returncode == 0, first.stderr
    stopped = _bash("twilio-explorer sim --stop", tmp_path)
    assert "simulator stopped" in stopped.stdout
    assert not (tmp_path / "env.sh").exists()
    script = f'twilio-explorer sim --detach --env-file ./env.sh --records 3 >/dev/null && . ./kept.sh && curl -sf "{AU1_URL}" -u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'
    second = _bash(script, tmp_path)
    assert second.returncode == 0, second.stderr
    assert len(json.loads(second.stdout)["applications"]) == 3


# -- every client from the env file alone --------------------------------------------------------------------


class _Loopback(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"direct"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def loopback_http() -> Iterator[int]:
    """A plain-HTTP server on 127.0.0.1 (a webhook receiver, a dev server): it must stay reachable directly."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Loopback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def env_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The env file of a running simulator, for AU1, as `sim --env-file` writes it."""
    directory = tmp_path_factory.mktemp("env")
    with start_simulator(seed="env", records=4) as sim:
        path = directory / "env.sh"
        write_env_file(path, sim.env("au1"))
        yield path


def _sourced(env_file: Path, command: str) -> subprocess.CompletedProcess[str]:
    return _bash(f'. "{env_file}" && {command}', env_file.parent, timeout=60)


def test_curl_reaches_au1_and_plain_http_to_loopback_stays_direct(env_file: Path, loopback_http: int) -> None:
    """curl: the AU1 list with the unsuffixed key; http://127.0.0.1 and http://localhost answer directly."""
    listed = _sourced(env_file, f'curl -sf "{AU1_URL}" -u "$TWILIO_API_KEY:$TWILIO_API_SECRET"')
    assert len(json.loads(listed.stdout)["applications"]) == 4, listed.stderr
    for host in ("127.0.0.1", "localhost"):
        direct = _sourced(env_file, f"curl -sf http://{host}:{loopback_http}/")
        assert direct.stdout == "direct", direct.stderr


def test_httpx_from_the_environment_reaches_au1_and_loopback(env_file: Path, loopback_http: int) -> None:
    """httpx with only the environment: the AU1 list through the proxy, and plain HTTP to loopback directly."""
    script = textwrap.dedent(
        f"""
        import os, httpx
        url = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/" + os.environ["TWILIO_ACCOUNT_SID"] + "/Applications.json"
        listed = httpx.get(url, auth=(os.environ["TWILIO_API_KEY"], os.environ["TWILIO_API_SECRET"]))
        print(listed.status_code, listed.headers["x-home-region"], len(listed.json()["applications"]))
        print(httpx.get("http://127.0.0.1:{loopback_http}/").text)
        """
    )
    result = _sourced(env_file, f"{shlex.quote(sys.executable)} -c {shlex.quote(script)}")
    assert result.stdout.split("\n")[:2] == ["200 au1 4", "direct"], result.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_node_with_http_proxy_as_twilio_node_reads_it_reaches_au1(env_file: Path) -> None:
    """Node given only the env file: CONNECT through HTTP_PROXY (all twilio-node 5 reads), trust via NODE_EXTRA_CA_CERTS.

    twilio-node's RequestClient does `if (process.env.HTTP_PROXY) agent = HttpsProxyAgent(process.env.HTTP_PROXY)`
    with axios' own proxy off; this script does the same CONNECT-then-TLS with Node's core modules.
    """
    script = textwrap.dedent(
        """
        const http = require("http"), https = require("https"), tls = require("tls");
        const host = "api.sydney.au1.twilio.com";
        const proxy = new URL(process.env.HTTP_PROXY);
        const connect = http.request({host: proxy.hostname, port: proxy.port, method: "CONNECT", path: host + ":443"});
        connect.on("connect", (res, socket) => {
          const auth = Buffer.from(process.env.TWILIO_API_KEY + ":" + process.env.TWILIO_API_SECRET).toString("base64");
          const request = https.request({
            host, path: "/2010-04-01/Accounts/" + process.env.TWILIO_ACCOUNT_SID + "/Applications.json",
            headers: {Authorization: "Basic " + auth},
            createConnection: () => tls.connect({socket, servername: host}),
          }, (response) => {
            let body = "";
            response.on("data", (chunk) => body += chunk);
            response.on("end", () => {
              console.log(response.statusCode, response.headers["x-home-region"], JSON.parse(body).applications.length);
              socket.destroy();
            });
          });
          request.end();
        });
        connect.end();
        """
    )
    result = _sourced(env_file, f"node -e {shlex.quote(script)}")
    assert result.stdout.strip() == "200 au1 4", result.stderr


def test_killing_the_background_simulator_cleans_up_like_stop(tmp_path: Path) -> None:
    """`kill PID` (the line in the env file) ends it as cleanly as --stop: env file and record removed."""
    started = _bash("twilio-explorer sim --detach --env-file ./env.sh --records 1", tmp_path)
    assert started.returncode == 0, started.stderr
    record = json.loads((tmp_path / "state" / "simulator.json").read_text())
    os.kill(record["pid"], signal.SIGTERM)
    done = _bash(
        "for _ in $(seq 1 200); do [ -e state/simulator.json ] || exit 0; sleep 0.05; done; exit 1", tmp_path
    )
    assert done.returncode == 0
    assert not (tmp_path / "env.sh").exists()
