"""§1 and §3 of issue 17 as a user meets them: fqdn and curl read TWILIO_REGION/TWILIO_EDGE, say where each
value came from and which libraries would ignore it, warn on stderr, and fail under --check/--strict."""

from __future__ import annotations

import json

import pytest

from explorer.cli.main import build_parser, main
from explorer.core.errors import LabelError
from explorer.core.target_source import resolve_target


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("TWILIO_REGION", "TWILIO_EDGE", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_precedence_flags_then_profile_then_environment() -> None:
    environ = {"TWILIO_REGION": "AU1", "TWILIO_EDGE": "sydney"}
    from_env = resolve_target(environ)
    assert (from_env.region.value, from_env.edge.value) == ("au1", "sydney")
    assert from_env.describe() == "region au1 from TWILIO_REGION, edge sydney from TWILIO_EDGE"
    # Each variable on its own, as the libraries read them.
    mixed = resolve_target(environ, region="ie1")
    assert mixed.describe() == "region ie1 from --region, edge sydney from TWILIO_EDGE"
    # A profile's region and edge go together and keep the environment out.
    profiled = resolve_target(environ, profile=("work", None, None))
    assert (profiled.region.value, profiled.edge.value) == (None, None)
    assert profiled.environment_in_play
    assert resolve_target(environ, edge="dublin", profile=("w", "au1", "sydney")).describe() == (
        "region not set, edge dublin from --edge"
    )
    with pytest.raises(LabelError, match="TWILIO_EDGE"):
        resolve_target({"TWILIO_EDGE": "syd ney"})


def test_fqdn_reads_the_environment_and_names_ignoring_libraries(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("TWILIO_REGION", "au1")
    env.setenv("TWILIO_EDGE", "sydney")
    assert main(["fqdn"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "api.sydney.au1.twilio.com"
    assert "region au1 from TWILIO_REGION, edge sydney from TWILIO_EDGE" in out
    assert "twilio-csharp would ignore TWILIO_REGION and TWILIO_EDGE and build api.twilio.com" in out
    assert "twilio-ruby would ignore" in out
    assert "twilio-python would ignore" not in out
    # The flag wins over the variable.
    assert main(["fqdn", "--region", "ie1", "--edge", "dublin", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["fqdn"] == "api.dublin.ie1.twilio.com"
    assert {p["part"]: p["origin"] for p in document["parts"]}["region"] == "--region"


def test_check_and_strict_exit_1_on_a_verdict_that_is_not_valid(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["--region", "au1"], ["--edge", "sydney"], ["--region", "ie1", "--edge", "roaming"],
                 ["--product", "conversations", "--region", "au1", "--edge", "sydney"], ["--region", "xx1"]):  # fmt: skip
        assert main(["fqdn", *argv]) == 0, argv
        assert "twilio-explorer: warning:" in capsys.readouterr().err, argv
        assert main(["fqdn", *argv, "--check"]) == 1, argv
        assert main(["fqdn", *argv, "--strict"]) == 1, argv
        capsys.readouterr()
    for argv in (["--region", "au1", "--edge", "sydney"], []):
        assert main(["fqdn", *argv, "--check"]) == 0
        assert capsys.readouterr().err == ""
    env.setenv("TWILIO_REGION", "au1")
    assert main(["fqdn", "--check"]) == 1


def test_fqdn_explains_an_unknown_region(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fqdn", "--region", "xx1"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == [
        "api.xx1.twilio.com",
        "verdict: unknown: unknown region or edge 'xx1'",
    ]
    assert "warning: api.xx1.twilio.com: unknown" in captured.err


def test_all_libraries_prints_one_row_per_library(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("TWILIO_REGION", "au1")
    env.setenv("TWILIO_EDGE", "sydney")
    assert main(["fqdn", "--all-libraries"]) == 0
    captured = capsys.readouterr()
    rows = {line.split()[0]: line for line in captured.out.splitlines()[2:10]}
    assert list(rows) == ["twilio-python", "twilio-node", "twilio-csharp", "twilio-java", "twilio-ruby",
                          "twilio-php", "twilio-go", "twilio-cli"]  # fmt: skip
    assert "api.sydney.au1.twilio.com" in rows["twilio-python"] and rows["twilio-python"].endswith(" -")
    assert (
        "api.twilio.com" in rows["twilio-csharp"] and 'TwilioClient.SetRegion("au1")' in rows["twilio-csharp"]
    )
    assert "Twilio.configure" in rows["twilio-ruby"]
    assert "api.sydney.us1.twilio.com" in rows["twilio-cli"] and "edge ignored" in rows["twilio-cli"]
    assert "3 of 8 libraries" in captured.err
    assert main(["fqdn", "--all-libraries", "--check"]) == 1
    assert main(["fqdn", "--all-libraries", "--region", "au1", "--edge", "sydney", "--check"]) == 0


def test_library_with_version(env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fqdn", "--library", "python==9.9.0", "--region", "au1", "--check"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "api.sydney.au1.twilio.com"
    assert main(["fqdn", "--library", "python==9.9.0", "--region", "in1", "--check"]) == 1
    out = capsys.readouterr().out
    assert (
        out.splitlines()[0]
        == "(raises KeyError: 'in1' (Client() raises: the 9.8.8–9.10.0 region map has no such key))"
    )
    assert (
        main(["fqdn", "--library", "node==5.12.0", "--library", "go==v1.30.1", "--region", "au1", "--json"])
        == 0
    )
    hosts = [row["fqdn"] for row in json.loads(capsys.readouterr().out)]
    assert hosts == ["api.sydney.au1.twilio.com", "api.au1.twilio.com"]
    assert main(["fqdn", "--library", "perl"]) == 2
    assert "unknown library 'perl'" in capsys.readouterr().err
    assert main(["fqdn", "--library", "python", "--url", "https://api.twilio.com"]) == 2


def test_curl_reads_the_environment_and_gates_on_the_verdict(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("TWILIO_REGION", "au1")
    assert main(["curl", "GET", "/2010-04-01/Accounts.json"]) == 0
    captured = capsys.readouterr()
    assert "https://api.au1.twilio.com/" in captured.out
    assert "region au1 from TWILIO_REGION" in captured.err
    assert "twilio-csharp would ignore TWILIO_REGION" in captured.err
    assert "warning: api.au1.twilio.com: retired" in captured.err and "edge=sydney" in captured.err
    assert main(["curl", "GET", "/2010-04-01/Accounts.json", "--strict"]) == 1
    env.setenv("TWILIO_EDGE", "sydney")
    assert main(["curl", "GET", "/2010-04-01/Accounts.json", "--strict"]) == 0
    assert "https://api.sydney.au1.twilio.com/" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["curl", "GET", "/x", "--region", "xx1"],
        ["catalog", "--region", "xx1"],
        ["curl", "GET", "/x", "--region", "de1"],
    ],
)
def test_unknown_region_is_a_usage_error_listing_the_known_ones(
    argv: list[str], env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "unknown Region" in err and "one of: us1, ie1, au1, jp1" in err


def test_unknown_region_from_the_environment_names_the_variable(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("TWILIO_REGION", "xx1")
    assert main(["curl", "GET", "/x"]) == 2
    assert "unknown Region 'xx1' (from TWILIO_REGION)" in capsys.readouterr().err


def test_help_states_precedence_and_exit_codes() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name in ("fqdn", "curl"):
        text = " ".join(subparsers.choices[name].format_help().split())  # type: ignore[attr-defined]
        assert "else TWILIO_REGION/TWILIO_EDGE" in text, name
        assert "Exit codes: 0" in text and "--strict" in text, name


def test_readme_debugging_example_is_the_real_output(
    env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    prompt = "$ TWILIO_REGION=au1 twilio-explorer fqdn --all-libraries --check\n"
    block = readme.split(prompt, 1)[1].split("\n```", 1)[0]
    env.setenv("TWILIO_REGION", "au1")
    assert main(["fqdn", "--all-libraries", "--check"]) == 1
    assert capsys.readouterr().out.rstrip("\n") == block
