"""`explorer.core.regions` is the one source: a Region or edge added there reaches every place that lists them.

The places: the picker's options, the command bar's completions, the Ctrl+P palette, the simulator's hosts and
certificate names, the Regions it serves (credentials, `/health`), and its env file. The test adds a made-up
confirmed Region `zz1` with its own REST edge `testville` and checks each place offers it, without editing any.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from explorer.core import availability, regions
from explorer.core import sources as src
from explorer.core.availability import Availability, Claim
from explorer.core.regions import Edge, EdgeKind, Region
from explorer.sim.served_hosts import served_hosts
from explorer.sim.server import start_simulator
from explorer.ui.request.region_picker import edge_options, region_options
from explorer.ui.shell.command_bar import completions
from explorer.ui.shell.palette import palette_commands

NEW_HOST = "api.testville.zz1.twilio.com"


@pytest.fixture
def new_region(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """REGIONS gains `zz1` (REST edge `testville`), EDGES gains `testville`, and `api` is offered in zz1."""
    monkeypatch.setitem(regions.REGIONS, "zz1", Region("zz1", "Testland", "testville", True, src.DOC_REGIONS))
    monkeypatch.setitem(
        regions.EDGES, "testville", Edge("testville", "Testland", EdgeKind.PUBLIC, None, src.DOC_LEGACY)
    )
    # Which products a Region offers is its own table (the availability data), not a list of Regions.
    claim = Claim("api", "zz1", Availability.GA, src.DOC_AVAILABILITY, "test")
    monkeypatch.setitem(availability._CLAIMS, ("api", "zz1"), claim)
    served_hosts.cache_clear()
    yield
    served_hosts.cache_clear()


@pytest.mark.usefixtures("new_region")
def test_the_app_offers_a_new_region_and_edge_everywhere() -> None:
    """The picker, the command bar and the palette each offer zz1 and testville."""
    assert ("zz1  Testland", "zz1") in region_options()
    assert ("testville  public", "testville") in edge_options()
    assert {"region zz1", "edge testville"} <= set(completions())
    commands = {command for _, command, _ in palette_commands()}
    assert {"region zz1", "edge testville"} <= commands


@pytest.mark.usefixtures("new_region")
def test_the_simulator_serves_a_new_region(tmp_path: Path) -> None:
    """The simulator serves zz1: its host is in the certificate, it has demo credentials, /health and the env name it."""
    assert served_hosts()[NEW_HOST] == "zz1"
    assert served_hosts()["api.testville.us1.twilio.com"] == "us1"  # a new edge with the us1 label
    with start_simulator(seed="regions-source", records=1, ca_dir=tmp_path / "ca") as sim:
        assert "zz1" in sim.regions and "zz1" in sim.credentials
        assert "zz1" in sim.control("GET", "/health", b"")[1]["regions"]
        env = sim.env("zz1")
        assert env["TWILIO_API_KEY"] == sim.credentials["zz1"].api_key_sid
        assert (env["TWILIO_REGION"], env["TWILIO_EDGE"]) == ("zz1", "testville")
        assert env["TWILIO_API_KEY_ZZ1"] == sim.credentials["zz1"].api_key_sid
        # Through the proxy with certificate checks on: the name is in the certificate and zz1's key is accepted.
        with httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False, timeout=20) as http:
            creds = sim.credentials["zz1"]
            reply = http.get(
                f"https://{NEW_HOST}/2010-04-01/Accounts/{sim.account_sid}/Keys/{creds.api_key_sid}.json",
                auth=(creds.api_key_sid, creds.api_key_secret),
            )
        assert reply.headers["X-Home-Region"] == "zz1"
        assert reply.status_code == 200, reply.text


@pytest.mark.usefixtures("new_region")
def test_the_command_line_offers_a_new_region_and_edge(capsys: pytest.CaptureFixture[str]) -> None:
    """`regions` lists zz1 and testville, shell completion offers them, and `sim --env-region zz1` is accepted."""
    from explorer.cli.main import build_parser, main

    assert main(["regions", "-o", "tsv"]) == 0
    listed = capsys.readouterr().out
    assert "zz1" in listed and "testville" in listed
    for kind, word in (("regions", "zz1"), ("edges", "testville")):
        assert main(["__complete", kind]) == 0
        assert word in capsys.readouterr().out.split()
    assert build_parser().parse_args(["sim", "--env-region", "zz1"]).env_region == "zz1"
