"""A theme switch re-highlights the response body the inspector shows, without clearing it first."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explorer.core.exchange import Exchange, Timings
from explorer.model.outcome import Outcome
from explorer.model.target import Target
from explorer.ui.request.inspector import Inspector

BODY = (
    b'{"applications": [{"friendly_name": "Sydney app", "sid": "AP0123", "voice_caller_id_lookup": false}]}'
)


class InspectorHarness(App[None]):
    """The inspector alone, with a JSON response shown."""

    def compose(self) -> ComposeResult:
        yield Inspector("GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", "", id="inspector")


async def test_a_new_pygments_style_rehighlights_the_body_shown() -> None:
    """Setting pygments_style alone redraws the body in the new colours; the response stays on screen."""
    app = InspectorHarness()
    async with app.run_test(size=(100, 30)) as pilot:
        inspector = app.query_one(Inspector)
        url = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Applications.json"
        headers = (("Content-Type", "application/json"),)
        exchange = Exchange("GET", url, (), b"", 200, headers, BODY, Timings(0.01))
        inspector.outcome = Outcome(Target("api", "au1", "sydney"), url, exchange, None)
        await pilot.pause()
        before = app.export_screenshot()
        inspector.pygments_style = "friendly"
        await pilot.pause()
        after = app.export_screenshot()
        assert "Sydney" in after  # the body is still there (the SVG writes spaces as &#160;)
        assert after != before
