"""`twilio-explorer history export`: what the app sent, as docs-ready Markdown or JSON, read from the history file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from explorer import api
from explorer.core.env_file import write_env_file
from explorer.core.history import History, HistoryEntry
from explorer.sim.server import Simulator

pytestmark = pytest.mark.e2e

APPLICATIONS = "/2010-04-01/Accounts/{AccountSid}/Applications.json"
EARLIER = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with api.start_simulator(seed="history-export", records=5) as running:
        yield running


def _record(sim: Simulator, history: History, region: str, edge: str, sent_at: datetime) -> HistoryEntry:
    """Send for real to the simulator and keep the entry, as the app does after each send."""
    spec = api.RequestSpec("GET", APPLICATIONS, region=region, edge=edge, query=(("PageSize", "2"),))
    credential = api.demo_credential(sim, region)
    with api.simulator_client(sim) as client:
        exchange = client.send(spec, credential)
    entry = HistoryEntry.from_exchange(spec, credential.profile, exchange, sent_at=sent_at)
    history.append(entry)
    return entry


def _export(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWILIO_")}
    env["TWILIO_EXPLORER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "explorer", "history", "export", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_markdown_export_is_chronological_and_each_curl_works_in_its_region(
    sim: Simulator, tmp_path: Path
) -> None:
    """Two real sends (IE1, then AU1, appended newest last) export oldest first with status, Request-Id and
    a curl per Region; pasted with the simulator's env file, each curl gets 200 with its own Region's key."""
    data_dir = tmp_path / "data"
    history = History(data_dir / "history.jsonl")
    au1 = _record(sim, history, "au1", "sydney", EARLIER + timedelta(minutes=5))
    ie1 = _record(sim, history, "ie1", "dublin", EARLIER)  # sent earlier, appended later
    assert ie1.request_id and au1.request_id
    result = _export(data_dir, "--excerpts")
    assert result.returncode == 0, result.stderr
    markdown = result.stdout
    headings = re.findall(r"^### (.+)$", markdown, re.MULTILINE)
    assert headings == [
        "GET api.dublin.ie1.twilio.com (Region IE1)",
        "GET api.sydney.au1.twilio.com (Region AU1)",
    ]
    assert "`200` · " in markdown and f"Twilio-Request-Id `{ie1.request_id}`" in markdown
    assert "$TWILIO_API_KEY_IE1:$TWILIO_API_SECRET_IE1" in markdown
    assert "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1" in markdown
    assert ie1.account_sid not in markdown and '"applications": [' in markdown
    env_file = tmp_path / "env.sh"
    write_env_file(env_file, sim.env())
    for curl in re.findall(r"```bash\n(.*?)\n```", markdown, re.DOTALL):
        pasted = subprocess.run(
            ["bash", "-c", f". {env_file}\n{curl} -sS --fail"],
            capture_output=True,
            text=True,
            env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "CURL_HOME": str(tmp_path)},
            timeout=30,
            check=False,
        )
        assert pasted.returncode == 0, pasted.stderr
        assert len(json.loads(pasted.stdout)["applications"]) == 2


def test_json_export_has_the_shape_of_every_list(sim: Simulator, tmp_path: Path) -> None:
    """`--format json` is `{schema, kind: history, items}`, oldest first, `--last N` the newest N."""
    data_dir = tmp_path / "data"
    history = History(data_dir / "history.jsonl")
    _record(sim, history, "au1", "sydney", EARLIER + timedelta(minutes=1))
    _record(sim, history, "ie1", "dublin", EARLIER)
    document = json.loads(_export(data_dir, "--format", "json").stdout)
    assert (document["schema"], document["kind"]) == (1, "history")
    assert [item["processing_region"] for item in document["items"]] == ["ie1", "au1"]
    assert all(item["request_id"] and item["status"] == 200 for item in document["items"])
    last = json.loads(_export(data_dir, "--format", "json", "--last", "1").stdout)
    assert [item["processing_region"] for item in last["items"]] == ["au1"]


def test_an_empty_history_says_where_requests_come_from(tmp_path: Path) -> None:
    """With no history file, Markdown export prints nothing and says why on stderr; exit 0."""
    result = _export(tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert "the history is empty" in result.stderr
