"""80×24: the title, the Region presets and the browser's footer whole; URLs and curl wrapped between tokens."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.widgets import Button, Footer, Static

from explorer.model.target import PRESETS
from explorer.ui.shell.status_header import StatusHeader
from explorer.ui.text import Breakable, elide_middle
from tests.ui.counted_app import build, place
from tests.ui.helpers import command, ready, settle

CURL = (
    'curl "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Calls.json?PageSize=20&Page=1"'
    ' \\\n  -u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'
)


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text().splitlines()


def test_curl_wraps_after_slashes_and_between_arguments() -> None:
    """At any width from 20 to 80, no line is wider, and no token breaks: the lines join back to the command."""
    tokens = ("$TWILIO_ACCOUNT_SID", "Calls.json", "PageSize=20", '"$TWILIO_API_KEY:$TWILIO_API_SECRET"')
    for width in range(20, 81):
        lines = rendered(Breakable(Text(CURL)), width)
        assert all(len(line) <= width for line in lines), width
        assert "".join(lines).replace(" ", "") == CURL.replace(" ", "").replace("\n", ""), width
        for token in tokens:
            if len(token) <= width:
                assert any(token in line for line in lines), (width, token, lines)
    assert rendered(Breakable(Text(CURL)), 40)[:3] == [
        'curl "https://api.dublin.ie1.twilio.com/',
        "2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/",
        'Calls.json?PageSize=20&Page=1" \\',
    ]


def test_a_path_is_elided_in_the_middle() -> None:
    """The history's Path column keeps the version and the resource: `/2010-04-01/…/Calls.json`."""
    assert elide_middle("/2010-04-01/Accounts/{AccountSid}/Calls.json", 28) == "/2010-04-01/…/Calls.json"
    assert elide_middle("/v1/Services", 28) == "/v1/Services"
    long = "/2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists/CL11/Credentials.json"
    assert elide_middle(long, 20) == "…/Credentials.json"
    assert len(elide_middle("/" + "x" * 40, 28)) == 28


async def test_80x24_shows_the_title_whole_presets_and_the_browser_footer(tmp_path: Path) -> None:
    """At 80×24: the title in the header, every preset label whole, every footer key inside the screen,
    and "1 resource" when the tree search leaves one."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await settle(pilot)
        assert "Region Explorer" in str(main.query_one(StatusHeader).render()).splitlines()[0]
        for region, _ in PRESETS:
            button = main.query_one(f"#preset-{region}", Button)
            assert button.size.width >= len(str(button.label)) + 2, (region, button.label, button.size)
        await command(pilot, "applications")
        await settle(pilot)
        for focus in ("#tree", "#browser-table #rows"):
            await place(pilot, main, "browse", focus)
            footer = main.query_one(Footer)
            keys = list(footer.children)
            assert keys and all(key.region.right <= footer.region.right for key in keys), focus
        await place(pilot, main, "browse", "#tree")
        await pilot.press("slash", *"api:applications")
        await settle(pilot)
        detail = str(main.query_one("#tree-detail", Static).render())
        assert detail.startswith("1 resource in US1"), detail
