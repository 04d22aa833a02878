"""The history pane: the list newest first, send again, copy as curl, and the Markdown export."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.widgets import DataTable

from explorer.core.history import History, HistoryEntry
from explorer.core.request import RequestSpec
from explorer.model.session import Session
from explorer.ui.history.pane import HistoryPane
from tests.ui.fakes import ACCOUNT_SID, KEYS
from tests.ui.history_harness import IE1, SIP_PASSWORD, WHEN, HistoryHarness, sample_history


async def loaded(app: HistoryHarness, pilot: object) -> HistoryPane:
    """Wait for the pane's thread worker to read the file."""
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    return app.query_one(HistoryPane)


async def test_entries_are_listed_newest_first(tmp_path: Path) -> None:
    """The table lists every request, newest first, with time, method, Region, host, path and status."""
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        table = app.query_one(DataTable)
        assert table.row_count == 3
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1:3] == ["2026-03-01 09:32:00", "POST"]
        assert first[4:6] == ["IE1", "api.dublin.ie1.twilio.com"]
        assert first[6] == "…/Credentials.json"  # elided in the middle; the detail below has it whole
        assert [str(cell) for cell in table.get_row_at(1)][4:6] == ["AU1", "api.sydney.au1.twilio.com"]
        assert [e.method for e in pane.entries] == ["POST", "POST", "GET"]


async def test_send_again_posts_the_spec(tmp_path: Path) -> None:
    """Enter on the AU1 create posts SendAgain with that exact request."""
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"))
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert len(app.sent) == 1
        spec = app.sent[0].spec
        assert (spec.method, spec.fqdn, spec.form) == (
            "POST",
            "api.sydney.au1.twilio.com",
            (("FriendlyName", "Sydney app"),),
        )
        assert app.sent[0].redacted == ()


async def test_send_again_names_the_values_to_enter_again(tmp_path: Path) -> None:
    """An entry whose password was not kept says that Password must be entered again."""
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.sent[0].redacted == ("Password",)
        assert ("Password", "[redacted]") in app.sent[0].spec.form
        detail = str(pane.query_one("#history-detail").render())
        assert "enter again before sending: Password" in detail


async def test_copy_as_curl_is_docs_safe(tmp_path: Path) -> None:
    """y copies the curl with "$TWILIO_…" placeholders, never the Account SID or a secret."""
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"))
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("y")
        await pilot.pause()
        assert '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"' in app.clipboard_text
        assert (
            "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID" in app.clipboard_text
        )
        assert SIP_PASSWORD not in app.clipboard_text and ACCOUNT_SID not in app.clipboard_text


async def test_copy_as_curl_saves_the_file_and_demo_env_that_y_saves_elsewhere(tmp_path: Path) -> None:
    """y saves the curl to the owner's copy file (0600) and, for the demo, the env of the entry's Region beside it."""
    copy_path = tmp_path / "state" / "last-curl.sh"
    asked: list[str] = []

    def env_for(region: str) -> dict[str, str]:
        asked.append(region)
        return {"TWILIO_REGION": region, "TWILIO_API_KEY": KEYS[region]}

    session = Session("demo", "local simulator", ACCOUNT_SID, (), demo=True, env_for=env_for)
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"), copy_path=copy_path, session=session)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("down", "y")  # the AU1 create
        await pilot.pause()
        assert copy_path.read_text() == app.clipboard_text + "\n"
        assert stat.S_IMODE(copy_path.stat().st_mode) == 0o600
        assert "https://api.sydney.au1.twilio.com/" in app.clipboard_text
        assert asked == ["au1"]
        env_file = copy_path.with_name("demo-au1.env")
        assert f"export TWILIO_API_KEY={KEYS['au1']}" in env_file.read_text()
        assert stat.S_IMODE(env_file.stat().st_mode) == 0o600


async def test_markdown_export_is_private_and_names_host_and_region(tmp_path: Path) -> None:
    """Marking two entries and pressing m writes a 0600 Markdown file naming each host and Region, shown by path."""
    target = tmp_path / "out" / "snippet.md"
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"), export_path=target)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        await pilot.press("space", "down", "space", "m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(pane.marked) == 2
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        text = target.read_text()
        assert "(Region IE1)" in text and "(Region AU1)" in text
        assert "api.dublin.ie1.twilio.com" in text and "api.sydney.au1.twilio.com" in text
        assert "```bash\ncurl" in text and text.rstrip().endswith("```")
        assert SIP_PASSWORD not in text and ACCOUNT_SID not in text
        assert str(target) in str(pane.query_one("#history-status").render())


async def test_a_damaged_line_shows_a_warning(tmp_path: Path) -> None:
    """A damaged line in the file gives a warning above the entries that could be read, not a crash."""
    history = sample_history(tmp_path / "history.jsonl")
    with history.path.open("ab") as handle:
        handle.write(b"{not json\n")
    app = HistoryHarness(history)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        assert app.query_one(DataTable).row_count == 3
        status = pane.query_one("#history-status")
        assert "History partly unreadable" in str(status.render())
        assert status.has_class("-warning")


async def test_an_unreadable_history_is_explained(tmp_path: Path) -> None:
    """A history path that is a directory shows why it cannot be read; the pane stays usable."""
    (tmp_path / "history.jsonl").mkdir()
    app = HistoryHarness(History(tmp_path / "history.jsonl"))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        status = pane.query_one("#history-status")
        assert "cannot read the history file" in str(status.render())
        await pilot.press("enter", "y", "m")
        assert app.sent == [] and app.clipboard_text == ""


async def test_unreadable_lines_are_counted_in_the_view(tmp_path: Path) -> None:
    """Two damaged lines among three entries: the view says "2 lines could not be read" above the three."""
    history = sample_history(tmp_path / "history.jsonl")
    with history.path.open("ab") as handle:
        handle.write(b"{not json\n\xff\xfe\n")
    app = HistoryHarness(history)
    async with app.run_test(size=(120, 30)) as pilot:
        pane = await loaded(app, pilot)
        assert app.query_one(DataTable).row_count == 3
        assert "2 lines could not be read" in str(pane.query_one("#history-status").render())


async def test_a_request_without_a_response_shows_why(tmp_path: Path) -> None:
    """A POST cancelled in flight is listed with the status "cancelled", not dropped and not a plain "failed"."""
    history = History(tmp_path / "history.jsonl")
    spec = RequestSpec("POST", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="ie1", edge="dublin",
                       form=(("FriendlyName", "x"),))  # fmt: skip
    history.append(
        HistoryEntry.from_outcome(spec, IE1, host=spec.fqdn, status=None, duration=1.5, sent_at=WHEN,
                                  failure="cancelled")
    )  # fmt: skip
    app = HistoryHarness(history)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        row = [str(cell) for cell in app.query_one(DataTable).get_row_at(0)]
        assert row[2:4] == ["POST", "cancelled"]


async def test_markdown_export_replaces_a_planted_symlink_instead_of_following_it(tmp_path: Path) -> None:
    """A symlink at the export path is replaced by the snippet; the file it pointed to is left untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    target = tmp_path / "snippet.md"
    target.symlink_to(victim)
    app = HistoryHarness(sample_history(tmp_path / "history.jsonl"), export_path=target)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert victim.read_text() == "keep me\n"
    assert not target.is_symlink() and "```bash\ncurl" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
