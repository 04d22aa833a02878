"""`twilio-explorer serve` in headless Chromium: the served app renders, takes keys, sends a request, and `y`
delivers its files to the browser as downloads.

Chromium is Debian's (`apt-get install chromium`); Playwright from PyPI drives it with `executable_path`
(browser downloads are impossible here). What the page shows is read from the terminal stream the page
draws (the websocket's output, replayed through pyte, a VT100 emulator), since xterm.js paints on a canvas.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# The README's screenshots/serve.png is this test's view of the browser. A test run must not rewrite a file
# of the repository, so it is written only when asked: `EXPLORER_WRITE_SCREENSHOTS=1 tests/run -n 0
# tests/e2e/test_serve_browser.py` (tools/screenshots.py draws the others).
SCREENSHOT = Path(__file__).parents[2] / "screenshots" / "serve.png"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """`twilio-explorer serve` on a free loopback port, with private state and config; its URL."""
    port = _free_port()
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "explorer", "serve", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "serve did not listen within 30 s"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
    assert "Serving the explorer on http://127.0.0.1:" in (tmp_path / "serve.log").read_text()


class Screen:
    """The terminal the page draws, rebuilt from the websocket's output with pyte."""

    def __init__(self, page: Any) -> None:
        import pyte

        self.page = page
        self.screen: Any = None
        self.deliveries: list[str] = []

        def opened(socket_: Any) -> None:
            size = parse_qs(urlsplit(socket_.url).query)
            self.screen = pyte.Screen(int(size["width"][0]), int(size["height"][0]))
            stream = pyte.ByteStream(self.screen)

            def frame(payload: str | bytes) -> None:
                if isinstance(payload, bytes):
                    stream.feed(payload)
                elif "deliver_file_start" in payload:
                    self.deliveries.append(payload)

            socket_.on("framereceived", frame)

        page.on("websocket", opened)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display) if self.screen is not None else ""

    def click(self, label: str) -> None:
        """Click the middle of the first place the screen shows `label`."""
        rows = self.screen.display
        row = next(i for i, line in enumerate(rows) if label in line)
        column = rows[row].index(label) + len(label) / 2
        box = self.page.locator(".textual-terminal .xterm-screen").bounding_box()
        self.page.mouse.click(box["x"] + column * box["width"] / self.screen.columns,
                              box["y"] + (row + 0.5) * box["height"] / self.screen.lines)  # fmt: skip

    def toast(self, title: str) -> str:
        """The words of the notification titled `title` (the box from its title down, lines rejoined)."""
        rows = self.screen.display
        row = next(i for i, line in enumerate(rows) if title in line)
        column = rows[row].index(title)
        return " ".join(" ".join(line[column:].strip(" ▌▐▎▊").split()) for line in rows[row + 1 :])

    def wait_for(self, needle: str, timeout: float = 90) -> str:
        deadline = time.monotonic() + timeout
        while needle not in self.text:
            assert time.monotonic() < deadline, f"{needle!r} never appeared:\n{self.text}"
            self.page.wait_for_timeout(200)  # lets Playwright deliver the frames meanwhile
        return self.text


@pytest.mark.slow
def test_serve_in_headless_chromium(served: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian package chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            page = context.new_page()
            screen = Screen(page)
            downloads: list[tuple[str, str]] = []

            def download(route: Any) -> None:
                response = route.fetch()
                downloads.append((response.headers.get("content-disposition", ""), response.text()))
                route.fulfill(response=response)

            context.route("**/download/**", download)
            page.goto(served)
            text = screen.wait_for("account AC")  # the app is up, with the simulator's demo account
            assert "READ-ONLY" in text  # serve is read-only unless --allow-writes
            screen.click("AU1 Sydney")  # the Region picker's button, clicked where the page draws it
            screen.wait_for("host api.sydney.au1.twilio.com")
            page.keyboard.press("s")
            text = screen.wait_for(" 200 ")
            assert "Sent to" in text and "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC" in text
            assert '"first_page_uri"' in text
            shot = (
                SCREENSHOT if os.environ.get("EXPLORER_WRITE_SCREENSHOTS") == "1" else tmp_path / "serve.png"
            )
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000  # a page drawn, not a blank one

            page.keyboard.press("y")  # under serve: the files come to the browser, and the notice says so
            screen.wait_for("curl copied")
            assert "Your browser downloads last-curl.sh, demo-au1.env." in screen.toast("curl copied")
            deadline = time.monotonic() + 30
            while len(downloads) < 2:
                assert time.monotonic() < deadline, f"downloads: {downloads!r}"
                page.wait_for_timeout(200)
            files = dict(downloads)
            assert (
                'curl "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"'
                in files["attachment; filename=last-curl.sh"]
            )
            assert "export HTTPS_PROXY=http://127.0.0.1:" in files["attachment; filename=demo-au1.env"]

            page.keyboard.press("h")  # the history's Markdown export of the request just sent, downloaded too
            screen.wait_for("api.sydney.au1.twilio.com/2010-04-01/Accounts/")
            page.keyboard.press("m")
            screen.wait_for("Markdown snippet")
            while len(downloads) < 3:
                assert time.monotonic() < deadline + 30, f"downloads: {downloads!r}"
                page.wait_for_timeout(200)
            snippet = dict(downloads)["attachment; filename=history-snippet.md"]
            assert "api.sydney.au1.twilio.com" in snippet and "```" in snippet
            assert "Your browser downloads history-snippet.md." in screen.toast("Markdown snippet")
        finally:
            browser.close()


def test_serve_refuses_a_bad_port_and_warns_off_loopback() -> None:
    from explorer.cli.serve_cmd import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "serve", "--port", "0"], capture_output=True, text=True
    )
    assert result.returncode == 2 and "is not a TCP port" in result.stderr


def test_the_served_command_is_read_only_unless_writes_are_allowed() -> None:
    from explorer.cli.main import build_parser
    from explorer.cli.serve_cmd import app_command

    parser = build_parser()
    assert app_command(parser.parse_args(["serve"])).endswith("-m explorer --read-only --sim")
    allowed = app_command(parser.parse_args(["serve", "--allow-writes", "--profile", "work"]))
    assert "--read-only" not in allowed and allowed.endswith("--profile work")
