"""Each fault knob, switched on from Python, the command-line syntax or the loopback control endpoint."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from explorer.core.errors import SimulatorError
from explorer.sim.faults import FaultKind, FaultRule, parse_fault_spec
from tests.sim.sim_client import SimClient


def _list(client: SimClient, region: str = "au1") -> httpx.Response:
    return client.get(client.api_url(region, "Applications.json"), region)


def test_rate_limit_gives_429_retry_after_and_20429_then_recovers(fresh_client: SimClient) -> None:
    """One rate-limit fault: the next request gets 429 with Retry-After and code 20429; the one after is fine."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.RATE_LIMIT, region="au1", times=1, retry_after=3))
    limited = _list(fresh_client)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "3"
    assert limited.json()["code"] == 20429
    assert _list(fresh_client).status_code == 200


@pytest.mark.parametrize(
    ("kind", "status", "code"), [(FaultKind.SERVER_ERROR, 500, 20500), (FaultKind.UNAVAILABLE, 503, 20503)]
)
def test_server_errors_have_twilio_bodies(
    fresh_client: SimClient, kind: FaultKind, status: int, code: int
) -> None:
    """500 and 503 faults answer with their status and a Twilio error code."""
    fresh_client.sim.faults.add(FaultRule(kind, times=1))
    response = _list(fresh_client)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_faults_apply_only_to_their_region(fresh_client: SimClient) -> None:
    """A fault scoped to AU1 leaves IE1 alone."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.SERVER_ERROR, region="au1"))
    assert _list(fresh_client, "ie1").status_code == 200
    assert _list(fresh_client, "au1").status_code == 500


def test_reset_drops_the_connection(fresh_client: SimClient) -> None:
    """A reset fault makes the client see its connection reset, with no response at all."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.RESET, times=1))
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        _list(fresh_client)
    assert _list(fresh_client).status_code == 200


def test_truncated_body_ends_early(fresh_client: SimClient) -> None:
    """A truncated fault sends fewer bytes than Content-Length promised, then closes."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.TRUNCATED, times=1))
    with pytest.raises(httpx.RemoteProtocolError):
        _list(fresh_client)


def test_malformed_body_is_not_json(fresh_client: SimClient) -> None:
    """A malformed fault delivers a complete 200 whose body does not parse as JSON."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.MALFORMED, times=1))
    response = _list(fresh_client)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_slow_body_arrives_complete_but_slowly(fresh_client: SimClient) -> None:
    """A slow-body fault delivers the full, valid body in pieces at least delay_ms apart."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.SLOW_BODY, times=1, delay_ms=50))
    started = time.monotonic()
    response = _list(fresh_client)
    assert len(response.json()["applications"]) == 12
    assert time.monotonic() - started >= 0.3  # 8 pieces, 7 pauses of 50 ms


def test_latency_is_added_per_region(fresh_client: SimClient) -> None:
    """Latency set for AU1 delays AU1 responses by at least that much."""
    fresh_client.sim.faults.set_latency(400, "au1")
    started = time.monotonic()
    assert _list(fresh_client).status_code == 200
    assert time.monotonic() - started >= 0.4
    assert fresh_client.sim.faults.latency_ms("ie1") == 0


def test_the_control_endpoint_switches_faults_on_and_off(fresh_client: SimClient) -> None:
    """POST /faults on the proxy port adds a rule, GET shows it, DELETE clears everything."""
    control = httpx.Client(base_url=fresh_client.sim.control_url, trust_env=False)
    added = control.post(
        "/faults", json={"latency_ms": {"ie1": 5}, "rules": [{"kind": "unavailable", "times": 2}]}
    )
    assert added.status_code == 200
    assert added.json()["rules"][0]["kind"] == "unavailable"
    assert added.json()["latency_ms"]["ie1"] == 5
    assert _list(fresh_client).status_code == 503
    assert control.delete("/faults").json() == {"latency_ms": {"*": 0}, "rules": []}
    assert _list(fresh_client).status_code == 200
    assert control.post("/faults", json={"rules": [{"kind": "explode"}]}).status_code == 400
    assert control.get("/health").json()["ok"] is True
    control.close()


def test_the_command_line_fault_syntax() -> None:
    """`rate-limit@au1x3` is three rate limits in AU1; `reset` is a reset everywhere, forever."""
    assert parse_fault_spec("rate-limit@au1x3") == FaultRule(FaultKind.RATE_LIMIT, region="au1", times=3)
    assert parse_fault_spec("reset") == FaultRule(FaultKind.RESET)
    assert parse_fault_spec("slow-bodyx2") == FaultRule(FaultKind.SLOW_BODY, times=2)
    with pytest.raises(SimulatorError):
        parse_fault_spec("explode@au1")


def test_clock_skew_moves_the_date_header(fresh_client: SimClient) -> None:
    """A clock-skew fault answers normally with a Date header ten minutes ahead; the next answer is on time."""
    from email.utils import parsedate_to_datetime

    fresh_client.sim.faults.add(FaultRule(FaultKind.CLOCK_SKEW, region="au1", times=1, skew_seconds=600))
    skewed = _list(fresh_client)
    assert skewed.status_code == 200
    ahead = parsedate_to_datetime(skewed.headers["date"]).timestamp() - time.time()
    assert 590 < ahead < 610
    assert skewed.headers.get_list("date") == [skewed.headers["date"]]  # one Date header, not uvicorn's too
    on_time = parsedate_to_datetime(_list(fresh_client).headers["date"]).timestamp() - time.time()
    assert abs(on_time) < 5


def test_tls_mismatch_presents_a_wildcard_that_does_not_cover_the_host(fresh_client: SimClient) -> None:
    """A tls-mismatch fault in IE1: the handshake for api.dublin.ie1 shows only *.ie1.twilio.com and fails."""
    fresh_client.sim.faults.add(FaultRule(FaultKind.TLS_MISMATCH, region="ie1", times=1))
    assert _list(fresh_client, "au1").status_code == 200  # another Region's handshake is untouched
    with pytest.raises(httpx.ConnectError, match="Hostname mismatch"):
        _list(fresh_client, "ie1")
    assert _list(fresh_client, "ie1").status_code == 200  # used up: the next handshake is the served one
