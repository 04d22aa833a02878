"""The fast commands: fqdn, regions and curl, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli.main import main


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args], capture_output=True, text=True, check=False, timeout=30
    )


def test_fqdn_valid_regional_host(capsys: pytest.CaptureFixture[str]) -> None:
    """au1 with sydney prints api.sydney.au1.twilio.com first, with a valid verdict."""
    assert main(["fqdn", "--product", "api", "--region", "au1", "--edge", "sydney"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "api.sydney.au1.twilio.com"
    assert lines[1].startswith("verdict: valid")


def test_fqdn_region_alone_is_retired_and_recommends_the_edge(capsys: pytest.CaptureFixture[str]) -> None:
    """au1 alone prints api.au1.twilio.com, retired, and recommends api.sydney.au1.twilio.com."""
    assert main(["fqdn", "--region", "au1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "api.au1.twilio.com"
    assert "retired" in out.splitlines()[1]
    assert "recommended: api.sydney.au1.twilio.com" in out


def test_fqdn_edge_alone_is_processed_in_us1(capsys: pytest.CaptureFixture[str]) -> None:
    """sydney alone prints api.sydney.us1.twilio.com, processed in US1."""
    assert main(["fqdn", "--edge", "sydney", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["fqdn"] == "api.sydney.us1.twilio.com"
    assert document["verdict"] == "edge-ignored"
    assert document["processing_region"] == "us1"
    assert document["recommended_fqdn"] == "api.sydney.au1.twilio.com"
    assert "US1" in document["explanation"]


def test_bad_input_is_one_clear_line_without_traceback() -> None:
    """A hostile region exits non-zero with one line on stderr and no traceback."""
    result = _cli("fqdn", "--region", "au1.evil.com")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert "not a DNS label" in result.stderr


def test_missing_path_parameter_becomes_a_variable_named_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    """A path parameter without --param is a shell variable named for what it identifies, not an error."""
    assert (
        main(["curl", "GET", "/v1/Services/{ServiceSid}/Conversations/{Sid}", "--product", "conversations"])
        == 0
    )
    assert capsys.readouterr().out.strip() == (
        'curl "https://conversations.twilio.com/v1/Services/$SERVICE_SID/Conversations/$CONVERSATION_SID" '
        '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'
    )


def test_snippets_still_need_every_path_parameter() -> None:
    """--snippets with a path parameter left out names the parameter and the option to pass."""
    result = _cli("curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "--snippets")
    assert result.returncode == 2
    assert "--param Sid=VALUE" in result.stderr
    assert "Traceback" not in result.stderr


def test_regions_json_lists_regions_and_edges_lists_the_retired_hosts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """regions -o json pairs ie1 with dublin and au1 with sydney; --edges names each legacy host retired."""
    assert main(["regions", "-o", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["schema"], document["kind"]) == (1, "regions")
    pairs = {r["id"]: r["rest_edge"] for r in document["items"]}
    assert pairs == {"us1": None, "ie1": "dublin", "au1": "sydney", "jp1": "tokyo"}
    assert not next(r for r in document["items"] if r["id"] == "jp1")["confirmed"]
    assert main(["regions", "--edges", "-o", "json"]) == 0
    edges = {e["id"]: e for e in json.loads(capsys.readouterr().out)["items"]}
    assert set(edges) >= {"sydney", "dublin", "roaming", "ashburn-ix", "sao-paulo-ix"}
    assert edges["sydney"]["legacy_host"] == "api.au1.twilio.com"
    assert edges["sydney"]["legacy_host_retired"] == "2026-04-28"
    assert edges["ashburn"]["legacy_host_retired"] is None  # api.us1.twilio.com was kept
    assert all(e["source"] for e in edges.values())


def test_curl_is_docs_safe_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """The default curl names variables, in double quotes, never values."""
    assert (
        main(
            [
                "curl",
                "GET",
                "/2010-04-01/Accounts/{AccountSid}/Applications.json",
                "--region",
                "au1",
                "--edge",
                "sydney",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out.strip()
    assert out == (
        'curl "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json" '
        '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"'
    )


def test_curl_guide_placeholders_and_multiline(capsys: pytest.CaptureFixture[str]) -> None:
    """--placeholders guide uses the regional guide's names; --multiline puts one option per line."""
    args = ["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "--query", "PageSize=20"]
    assert main([*args, "--placeholders", "guide", "--multiline"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == 'curl -G "https://api.twilio.com/2010-04-01/Accounts/$ACCOUNT_SID/Calls.json" \\'
    assert lines[1] == "  --data-urlencode PageSize=20 \\"
    assert lines[2] == '  -u "$API_KEY_SID:$API_KEY_SECRET"'


def test_inline_secrets_only_when_asked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Secrets from the environment appear only with --inline-secrets."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "1" * 32)
    monkeypatch.setenv("TWILIO_API_KEY", "SK" + "2" * 32)
    monkeypatch.setenv("TWILIO_API_SECRET", "not-for-docs")
    assert main(["curl", "GET", "/2010-04-01/Accounts/{AccountSid}.json"]) == 0
    assert "not-for-docs" not in capsys.readouterr().out
    assert main(["curl", "GET", "/2010-04-01/Accounts/{AccountSid}.json", "--inline-secrets"]) == 0
    out = capsys.readouterr().out
    assert "not-for-docs" in out
    assert "AC" + "1" * 32 in out


def test_snippets_set_region_and_edge(capsys: pytest.CaptureFixture[str]) -> None:
    """The python and node snippets set both region and edge so they reach the same host."""
    assert (
        main(
            [
                "curl",
                "GET",
                "/2010-04-01/Accounts/{AccountSid}/Calls.json",
                "--region",
                "ie1",
                "--edge",
                "dublin",
                "--snippets",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "region='ie1'" in out and "edge='dublin'" in out
    assert 'region: "ie1"' in out and 'edge: "dublin"' in out


@pytest.fixture
def env_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    values = {
        "TWILIO_ACCOUNT_SID": "AC" + "a" * 32,
        "TWILIO_API_KEY": "SK" + "b" * 32,
        "TWILIO_API_SECRET": "env-secret-value",
        "TWILIO_REGION": "au1",
        "TWILIO_EDGE": "sydney",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TWILIO_EXPLORER_CONFIG_DIR", str(tmp_path))
    return values


def test_curl_profile_fills_the_account_sid_and_region(
    env_profile: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--profile puts the profile's Account SID and regional host in the URL; the secret stays a variable."""
    assert main(["curl", "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "--profile", "env"]) == 0
    out = capsys.readouterr().out
    assert (
        f"https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{env_profile['TWILIO_ACCOUNT_SID']}/Calls.json"
        in out
    )
    assert '"$TWILIO_API_KEY:$TWILIO_API_SECRET"' in out
    assert "env-secret-value" not in out


def test_curl_profile_inline_secret_is_refused_for_another_region(
    env_profile: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An AU1 profile's secret is never written into a command for an IE1 host."""
    args = [
        "curl",
        "GET",
        "/2010-04-01/Accounts/{AccountSid}/Calls.json",
        "--profile",
        "env",
        "--inline-secrets",
    ]
    assert main(args) == 0
    assert "env-secret-value" in capsys.readouterr().out
    assert main([*args, "--region", "ie1", "--edge", "dublin"]) == 2
    captured = capsys.readouterr()
    assert "env-secret-value" not in captured.out + captured.err
    assert "AU1" in captured.err and "IE1" in captured.err


def test_curl_region_vars_name_the_secret_per_region(capsys: pytest.CaptureFixture[str]) -> None:
    """--region-vars names the key and secret for the host's Region, as the simulator's env file does."""
    assert main(["curl", "api:applications", "--region", "ie1", "--edge", "dublin", "--region-vars"]) == 0
    out = capsys.readouterr().out
    assert '-u "$TWILIO_API_KEY_IE1:$TWILIO_API_SECRET_IE1"' in out
    assert "/Accounts/$TWILIO_ACCOUNT_SID/" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["sim", "--fault", "bogus"],
            "twilio-explorer: error: --fault: unknown fault 'bogus'. Fix: use one of ",
        ),
        (["sim", "--port", "99999"], "twilio-explorer: error: --port 99999 is not a TCP port. Fix: "),
        (["sim", "--latency", "9" * 30], "twilio-explorer: error: bad --latency '" + "9" * 30 + "'. Fix: "),
        (
            ["sim", "--env-file", "/nonexistent/dir/env.sh"],
            "twilio-explorer: error: --env-file '/nonexistent/",
        ),
    ],
)
def test_simulator_options_are_checked_before_it_starts(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad --fault, --port, --latency or --env-file is bad input (exit 2), refused before anything starts."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
