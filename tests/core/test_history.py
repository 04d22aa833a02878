"""History: what was sent is kept without secrets, privately, bounded, and readable despite damage."""

from __future__ import annotations

import asyncio
import base64
import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from explorer.core.client import ExplorerClient
from explorer.core.errors import TransportError
from explorer.core.history import (
    DATA_DIR_ENV,
    REDACTED_VALUE,
    History,
    HistoryEntry,
    HistoryError,
    data_dir,
    render_markdown,
)
from explorer.core.history_entry import FAILURES, failure_of
from explorer.core.profiles import Credential, Profile
from explorer.core.request import AuthKind, RequestSpec

ACCOUNT = "AC" + "a1" * 16
KEY = "SK" + "b2" * 16
SECRET = "zz-FAKE-SECRET-7f3e9c-never-on-disk"
SIP_PASSWORD = "sip-PASSWORD-4242-never-on-disk"
IE1 = Profile.create("ie1-work", ACCOUNT, "ie1", api_key_sid=KEY)
CALLS = "/2010-04-01/Accounts/{AccountSid}/Calls.json"
WHEN = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def ie1_spec(**changes: object) -> RequestSpec:
    fields: dict[str, object] = {"method": "GET", "path": CALLS, "region": "ie1", "edge": "dublin"}
    fields.update(changes)
    return RequestSpec(**fields)  # type: ignore[arg-type]


def entry(number: int = 0, **changes: object) -> HistoryEntry:
    spec = ie1_spec(query=(("PageSize", str(number)),), **changes)
    return HistoryEntry.from_outcome(
        spec, IE1, host=spec.fqdn, status=200, duration=0.25, sent_at=WHEN + timedelta(seconds=number)
    )


def send_for_real(spec: RequestSpec) -> HistoryEntry:
    """Send `spec` with a distinctive secret through the real client (mock transport) and record it."""

    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers["authorization"])
        return httpx.Response(201, json={"sid": "CA" + "0" * 32})

    with ExplorerClient(transport=httpx.MockTransport(answer)) as client:
        exchange = client.send(spec, Credential(IE1, SECRET))
    # The secret really went over the wire, so its absence from the file below means something.
    assert sent == ["Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()]
    return HistoryEntry.from_exchange(spec, IE1, exchange, sent_at=WHEN)


def test_a_sent_request_is_kept_without_its_secret(tmp_path: Path) -> None:
    """After a real send, the history file names the request, Region and host, and holds no secret."""
    spec = ie1_spec(
        method="POST",
        form=(("To", "+353 1 234 5678"), ("From", "+15005550006"), ("SipAuthPassword", SIP_PASSWORD)),
    )
    history = History(tmp_path / "history.jsonl")
    history.append(send_for_real(spec))

    raw = (tmp_path / "history.jsonl").read_text()
    token = base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
    for leak in (SECRET, SIP_PASSWORD, token, "Authorization", "Basic"):
        assert leak not in raw
    [kept] = history.entries()
    assert kept.host == "api.dublin.ie1.twilio.com"
    assert (kept.processing_region, kept.profile, kept.account_sid) == ("ie1", "ie1-work", ACCOUNT)
    assert kept.status == 201
    assert kept.form == (
        ("To", "+353 1 234 5678"),
        ("From", "+15005550006"),
        ("SipAuthPassword", REDACTED_VALUE),
    )
    assert kept.redacted == ("SipAuthPassword",)
    assert kept.sent_at == WHEN


def test_an_entry_becomes_the_same_request_again(tmp_path: Path) -> None:
    """Sending again from history rebuilds exactly the request description that was sent."""
    spec = RequestSpec(
        "GET",
        "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json",
        region="ie1",
        edge="dublin",
        path_params=(("CallSid", "CA" + "1" * 32),),
        query=(("DateCreated>", "2025-01-01"), ("PageToken", "PA123")),
        auth=AuthKind.AUTH_TOKEN,
    )
    history = History(tmp_path / "history.jsonl")
    history.append(
        HistoryEntry.from_outcome(spec, IE1, host=spec.fqdn, status=None, duration=1.5, sent_at=WHEN)
    )
    [kept] = history.entries()
    assert kept.to_spec() == spec
    assert kept.status is None
    assert kept.redacted == ()


def test_the_file_is_private(tmp_path: Path) -> None:
    """The history file has mode 0600, even if it existed with looser permissions, and stays so after clear."""
    path = tmp_path / "data" / "history.jsonl"
    history = History(path)
    history.append(entry())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.chmod(0o644)
    history.append(entry(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    history.clear()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert history.entries() == ()


def test_only_the_newest_entries_are_kept(tmp_path: Path) -> None:
    """With a limit of 20, after 50 sends the history shows the newest 20 and the file never exceeds 21 lines."""
    path = tmp_path / "history.jsonl"
    history = History(path, limit=20)
    longest = 0
    for number in range(50):
        history.append(entry(number))
        longest = max(longest, len(path.read_bytes().splitlines()))
    assert [e.query for e in history.entries()] == [(("PageSize", str(n)),) for n in range(30, 50)]
    assert longest == 21
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_another_writer_is_not_lost(tmp_path: Path) -> None:
    """Two History objects on one file (the app and a command line) both see every entry."""
    path = tmp_path / "history.jsonl"
    first, second = History(path, limit=5), History(path, limit=5)
    for number in range(8):
        (first if number % 2 else second).append(entry(number))
    assert [e.sent_at for e in first.entries()] == [WHEN + timedelta(seconds=n) for n in range(3, 8)]


def test_a_damaged_line_is_skipped_and_reported(tmp_path: Path) -> None:
    """A half-written line and a hand-edited one are skipped; the rest loads and a warning names the lines."""
    path = tmp_path / "history.jsonl"
    history = History(path)
    history.append(entry(1))
    good = entry(2).to_json()
    with path.open("a") as handle:
        handle.write('{"v": 1, "method": "GET", "pa\n')
        handle.write(json.dumps({**good, "status": "two hundred"}) + "\n")
        handle.write(b"\xff\xfe\n".decode("latin-1"))
    history.append(entry(3))

    contents = history.read()
    assert [e.sent_at.second for e in contents.entries] == [8, 10]
    assert [skip.line for skip in contents.skipped] == [2, 3, 4]
    assert contents.skipped[1].reason == "status is not an integer"
    warning = contents.warning
    assert isinstance(warning, HistoryError)
    assert warning.message.startswith("3 lines could not be read and were skipped (line 2: not JSON")


def test_an_append_after_an_unfinished_last_line_keeps_the_new_entry(tmp_path: Path) -> None:
    """A file whose last line lacks its newline: the next entry starts a line of its own and both are read."""
    path = tmp_path / "history.jsonl"
    history = History(path)
    history.append(entry(1))
    # The last line as a crash, a hand edit or another tool may leave it: complete JSON, no newline.
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    history.append(entry(2))
    history.append(entry(3))

    contents = history.read()
    assert [e.sent_at.second for e in contents.entries] == [8, 9, 10]
    assert contents.skipped == ()
    assert path.read_bytes().endswith(b"\n") and path.read_bytes().count(b"\n") == 3


def test_a_half_written_last_line_costs_only_itself(tmp_path: Path) -> None:
    """A line cut off mid-write is skipped and counted; the entry appended after it is intact."""
    path = tmp_path / "history.jsonl"
    history = History(path)
    history.append(entry(1))
    with path.open("ab") as handle:
        handle.write(b'{"v": 1, "method": "PO')
    history.append(entry(2))

    contents = history.read()
    assert [e.sent_at.second for e in contents.entries] == [8, 9]
    assert [skip.line for skip in contents.skipped] == [2]
    assert contents.warning is not None
    assert contents.warning.message.startswith("1 line could not be read and was skipped (line 2: not JSON")


def test_a_request_without_a_response_keeps_why(tmp_path: Path) -> None:
    """cancelled, reset, timeout and failed survive the file; an older line with no reason reads as failed."""
    path = tmp_path / "history.jsonl"
    history = History(path)
    spec = ie1_spec(method="POST", form=(("To", "+15005550006"),))
    for failure in FAILURES:
        history.append(
            HistoryEntry.from_outcome(spec, IE1, host=spec.fqdn, status=None, duration=0.5, sent_at=WHEN,
                                      failure=failure)
        )  # fmt: skip
    older = {**entry(4).to_json(), "status": None}
    del older["failure"]
    with path.open("a") as handle:
        handle.write(json.dumps(older) + "\n")
    assert [e.outcome for e in history.entries()] == [*FAILURES, "failed"]
    assert [e.status for e in history.entries()] == [None] * 5


@pytest.mark.parametrize(
    ("raised", "word"),
    [
        (httpx.ReadError("[Errno 104] Connection reset by peer"), "reset"),
        (httpx.RemoteProtocolError("peer closed connection without sending complete message body"), "reset"),
        (httpx.WriteError("[Errno 32] Broken pipe"), "reset"),
        (httpx.ReadTimeout("timed out"), "timeout"),
        (httpx.ConnectTimeout("timed out"), "timeout"),
        (httpx.ConnectError("[Errno 111] Connection refused"), "failed"),
    ],
)
def test_a_transport_failure_is_named_for_the_history(raised: httpx.TransportError, word: str) -> None:
    """The client's TransportError for each httpx failure gets the history's word for it."""

    def answer(request: httpx.Request) -> httpx.Response:
        raised.request = request
        raise raised

    with (
        ExplorerClient(transport=httpx.MockTransport(answer)) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.send(ie1_spec(), Credential(IE1, SECRET))
    assert failure_of(caught.value) == word
    assert failure_of(asyncio.CancelledError()) == "cancelled"


def test_an_unwritable_directory_is_explained(tmp_path: Path) -> None:
    """When the data directory cannot be created, the error names the file and the override variable."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    history = History(blocker / "history.jsonl")
    with pytest.raises(HistoryError) as caught:
        history.append(entry())
    assert str(blocker / "history.jsonl") in caught.value.message
    assert DATA_DIR_ENV in caught.value.hint


def test_the_data_dir_can_be_overridden(tmp_path: Path) -> None:
    """TWILIO_EXPLORER_DATA_DIR moves the history; otherwise it is in the platform's user data dir."""
    assert data_dir({DATA_DIR_ENV: str(tmp_path)}) == tmp_path
    assert data_dir({}).name == "twilio-region-explorer"


def test_markdown_export_is_chronological_with_status_duration_request_id_and_regional_variables() -> None:
    """The snippet lists the oldest request first; each shows its status, duration, time, Twilio-Request-Id
    and a curl whose secret variables are the processing Region's ($TWILIO_API_KEY_IE1, not $TWILIO_API_KEY)."""
    get = entry(2)
    post = HistoryEntry.from_outcome(
        RequestSpec("POST", "/v1/Conversations", product="conversations", region="au1", edge="sydney",
                    form=(("FriendlyName", "it's ```fenced```"),)),
        Profile.create("au1-work", ACCOUNT, "au1", api_key_sid=KEY),
        host="conversations.sydney.au1.twilio.com", status=201, duration=0.1, sent_at=WHEN,
        request_id="RQ" + "0f" * 16,
    )  # fmt: skip
    # Given newest first, as the history pane lists them: the export still reads oldest first.
    assert render_markdown([get, post]) == (
        "### POST conversations.sydney.au1.twilio.com (Region AU1)\n"
        "\n"
        f"`201` · 100 ms · 2025-03-04 05:06:07 UTC · Twilio-Request-Id `RQ{'0f' * 16}`\n"
        "\n"
        "````bash\n"
        "curl https://conversations.sydney.au1.twilio.com/v1/Conversations \\\n"
        "  --data-urlencode 'FriendlyName=it'\"'\"'s ```fenced```' \\\n"
        '  -u "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1"\n'
        "````\n"
        "\n"
        "### GET api.dublin.ie1.twilio.com (Region IE1)\n"
        "\n"
        "`200` · 250 ms · 2025-03-04 05:06:09 UTC\n"
        "\n"
        "```bash\n"
        'curl -G "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Calls.json" \\\n'
        "  --data-urlencode PageSize=2 \\\n"
        '  -u "$TWILIO_API_KEY_IE1:$TWILIO_API_SECRET_IE1"\n'
        "```\n"
    )
    assert ACCOUNT not in render_markdown([get, post])


def test_markdown_excerpt_is_trimmed_and_holds_no_secret_or_account_sid() -> None:
    """With excerpts, the response's first lines follow the curl: secrets and every Account SID replaced, cut with …."""
    other_account = "AC" + "9e" * 16
    token = "0123456789abcdef" * 2  # an Auth Token in a text field
    body = {
        "account_sid": ACCOUNT,
        "owner_account_sid": other_account,
        "sid": "SK" + "c3" * 16,
        "secret": SECRET,
        "friendly_name": f"note {token}",
        "next_page_uri": "/2010-04-01/Accounts/x.json?PageToken=PA123",
        "items": list(range(40)),
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json=body, headers={"Twilio-Request-Id": "RQ" + "1" * 32})

    spec = ie1_spec(method="POST", path="/2010-04-01/Accounts/{AccountSid}/Keys.json")
    with ExplorerClient(transport=httpx.MockTransport(answer)) as client:
        exchange = client.send(spec, Credential(IE1, SECRET))
    recorded = HistoryEntry.from_exchange(spec, IE1, exchange, sent_at=WHEN)
    markdown = render_markdown([recorded], excerpts=True)
    assert f"Twilio-Request-Id `RQ{'1' * 32}`" in markdown
    excerpt = markdown.split("Response (excerpt):\n\n", 1)[1]
    assert excerpt.startswith("```json\n{\n")
    assert '"sid": "SK' + "c3" * 16 + '"' in excerpt  # the record's own SID is what the docs are about
    assert '"secret": "[redacted]"' in excerpt
    assert f'"account_sid": "AC{"X" * 32}"' in excerpt
    assert f'"owner_account_sid": "AC{"X" * 32}"' in excerpt
    assert "<hidden: 32 characters>" in excerpt
    assert excerpt.endswith("\n…\n```\n")
    assert len(excerpt.splitlines()) <= 24 + 3
    for hidden in (SECRET, ACCOUNT, other_account, token):
        assert hidden not in markdown
    assert "excerpt" not in render_markdown([recorded])  # only when asked for
