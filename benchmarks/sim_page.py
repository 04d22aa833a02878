"""Latency of the simulator on ONE keep-alive connection through its proxy, against a floor.

Run: python benchmarks/sim_page.py [--rounds 3] [--requests 40] [--records 10000] [--page-sizes 50 1000]

What a client listing a big list sees: it walks DISTINCT pages of 10,000 Applications, following each page's
`next_page_uri` as twilio-python and the explorer do, on one keep-alive HTTPS connection through the CONNECT
proxy. Each round starts a fresh simulator (same seed), so its first walk is cold (no record generated, encoded
or cached yet); the second walk over the same pages is warm (records come from the simulator's encoded-record
cache). Cold and warm are reported apart, for 50-record pages and for 1000-record pages. Then three requests
the app and the official clients send all the time, repeated: a single record, an error (404 / 20404) and a
write (a POST that creates an Application).

Every simulator request is interleaved with the same request to a floor: a trivial loopback TLS server behind
its own CONNECT that answers the very same bytes from memory in one write (recorded beforehand from another
simulator of the same seed, so recording warms nothing). The floor is what the client, the TLS stack and
loopback cost on this machine at this moment; the simulator's own cost is the difference.

A regression that matters shows here as a p50 far above the floor: a missing TCP_NODELAY made every reply under
~64 kB wait for the peer's delayed ACK (about 40 ms on Linux) while the floor stayed at ~1 ms.

Wall-clock latency on a shared, loaded machine mostly measures the wait for a CPU, so each row also gives the
CPU this process spent per request (client, proxy and server all run in it): `cpu - floor cpu` is what the
simulator itself costs, and it moves only when the code does. Times are each request's send-to-last-byte;
the client's JSON parsing (to find the next link) is outside them, for the simulator and the floor alike.
This is a benchmark, never a timed test: it prints a table and asserts nothing. `main(argv)` runs it from
another script (benchmarks/ may gather them).
"""

from __future__ import annotations

import argparse
import contextlib
import ssl
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sim_floor import Floor, raw_reply

from explorer.sim.server import Simulator, start_simulator

HOST = "api.sydney.au1.twilio.com"
SEED = "bench"
MISSING_SID = "AP" + "f" * 32


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of repeated request."""

    name: str
    """The row label."""
    method: str
    """The HTTP method."""
    path: str
    """The path and query on the AU1 API host."""
    form: dict[str, str] | None = None
    """The form body of a write."""


@dataclass
class Row:
    """One row of the table: each request's wall time and the CPU spent, for the simulator and the floor."""

    sim: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    sim_cpu: float = 0.0
    floor_cpu: float = 0.0


def _apps_path(sim: Simulator) -> str:
    return f"/2010-04-01/Accounts/{sim.account_sid}/Applications"


def _scenarios(sim: Simulator, one_sid: str) -> list[Scenario]:
    base = _apps_path(sim)
    return [
        Scenario("single record", "GET", f"{base}/{one_sid}.json"),
        Scenario("error 404/20404", "GET", f"{base}/{MISSING_SID}.json"),
        Scenario("write (create)", "POST", f"{base}.json", {"FriendlyName": "bench"}),
    ]


@contextlib.contextmanager
def _one_connection(proxy: str, verify: ssl.SSLContext) -> Iterator[httpx.Client]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(proxy=proxy, verify=verify, trust_env=False, limits=limits, timeout=60) as http:
        yield http


def _auth(sim: Simulator) -> tuple[str, str]:
    creds = sim.credentials["au1"]
    return creds.api_key_sid, creds.api_key_secret


def _first_page(sim: Simulator, page_size: int) -> str:
    return f"{_apps_path(sim)}.json?PageSize={page_size}"


def _record_walk(sim: Simulator, http: httpx.Client, page_size: int, floor: Floor) -> None:
    """Walk every page once on a simulator of the same seed, keeping each raw reply for the floor."""
    path: str | None = _first_page(sim, page_size)
    while path:
        response = http.get(f"https://{HOST}{path}", auth=_auth(sim))
        floor.replies[b"GET " + path.encode()] = raw_reply(response)
        path = response.json()["next_page_uri"]


def _timed(
    http: httpx.Client, method: str, url: str, auth: tuple[str, str], form: dict[str, str] | None
) -> tuple[httpx.Response, float, float]:
    """The response, its wall time and the CPU this process spent on it."""
    cpu, began = time.process_time(), time.perf_counter()
    response = http.request(method, url, data=form, auth=auth)
    return response, time.perf_counter() - began, time.process_time() - cpu


def _walk(sim: Simulator, sim_http: httpx.Client, floor_http: httpx.Client, page_size: int, row: Row) -> None:
    """One walk over every page, each simulator request next to the floor's."""
    auth = _auth(sim)
    path: str | None = _first_page(sim, page_size)
    pages = 0
    while path:
        url = f"https://{HOST}{path}"
        order = ("sim", "floor") if pages % 2 else ("floor", "sim")  # neither side always goes first
        for side in order:
            http = sim_http if side == "sim" else floor_http
            response, wall, cpu = _timed(http, "GET", url, auth, None)
            if response.status_code != 200:
                raise SystemExit(f"unexpected {response.status_code}: {response.text[:200]}")
            if side == "sim":
                row.sim.append(wall)
                row.sim_cpu += cpu
                path = response.json()["next_page_uri"]
            else:
                row.floor.append(wall)
                row.floor_cpu += cpu
        pages += 1


def _repeat(
    sim: Simulator, sim_http: httpx.Client, floor_http: httpx.Client, scenario: Scenario, count: int, row: Row
) -> None:
    url = f"https://{HOST}{scenario.path}"
    for n in range(count):
        order = ("sim", "floor") if n % 2 else ("floor", "sim")
        for side in order:
            http = sim_http if side == "sim" else floor_http
            _response, wall, cpu = _timed(http, scenario.method, url, _auth(sim), scenario.form)
            if side == "sim":
                row.sim.append(wall)
                row.sim_cpu += cpu
            else:
                row.floor.append(wall)
                row.floor_cpu += cpu


def _p(samples: list[float], percentile: int) -> float:
    if len(samples) < 2:
        return samples[0] * 1000 if samples else float("nan")
    return statistics.quantiles(samples, n=100, method="inclusive")[percentile - 1] * 1000


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table (`argv`: the command line's arguments; sys.argv when None)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3, help="fresh simulators per page size (default 3)")
    parser.add_argument("--requests", type=int, default=40, help="repeats of each other request (default 40)")
    parser.add_argument(
        "--records", type=int, default=10_000, help="Applications in the list (default 10000)"
    )
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[50, 1000], help="(default 50 1000)")
    args = parser.parse_args(argv)
    rounds, count, records = max(1, args.rounds), max(2, args.requests), max(1, args.records)

    rows: dict[str, Row] = {}
    with Floor(HOST) as floor, start_simulator(seed=SEED, records=records) as recorder:
        with _one_connection(recorder.proxy_url, recorder.ssl_context()) as http:
            for size in args.page_sizes:
                _record_walk(recorder, http, size, floor)
        with _one_connection(f"http://127.0.0.1:{floor.port}", floor.client_context()) as floor_http:
            for size in args.page_sizes:
                for _round in range(rounds):
                    with (
                        start_simulator(seed=SEED, records=records) as sim,
                        _one_connection(sim.proxy_url, sim.ssl_context()) as sim_http,
                    ):
                        for walk in ("cold", "warm"):
                            name = f"{size}-record page, {walk} walk"
                            _walk(sim, sim_http, floor_http, size, rows.setdefault(name, Row()))
            with (
                start_simulator(seed=SEED, records=records) as sim,
                _one_connection(sim.proxy_url, sim.ssl_context()) as sim_http,
            ):
                first = sim_http.get(f"https://{HOST}{_first_page(sim, 1)}", auth=_auth(sim))
                scenarios = _scenarios(sim, first.json()["applications"][0]["sid"])
                for scenario in scenarios:
                    recorded = sim_http.request(
                        scenario.method, f"https://{HOST}{scenario.path}", data=scenario.form, auth=_auth(sim)
                    )
                    floor.replies[scenario.method.encode() + b" " + scenario.path.encode()] = raw_reply(
                        recorded
                    )
                for _round in range(rounds):
                    for scenario in scenarios:
                        _repeat(
                            sim, sim_http, floor_http, scenario, count, rows.setdefault(scenario.name, Row())
                        )

    print(
        f"one keep-alive connection through the proxy; {records} Applications; walks follow next_page_uri over "
        f"distinct pages, {rounds} fresh simulators per page size (cold: first walk; warm: second); "
        f"{rounds} x {count} of each other request; interleaved with the floor (ms)"
    )
    print(
        f"{'request':<30} {'n':>5} {'sim p50':>8} {'sim p99':>8} {'floor p50':>10} {'floor p99':>10} "
        f"{'p50 over floor':>15} {'sim cpu':>8} {'floor cpu':>10}"
    )
    for name, row in rows.items():
        n = len(row.sim)
        sim_p50, floor_p50 = _p(row.sim, 50), _p(row.floor, 50)
        print(
            f"{name:<30} {n:>5} {sim_p50:>8.2f} {_p(row.sim, 99):>8.2f} {floor_p50:>10.2f} "
            f"{_p(row.floor, 99):>10.2f} {sim_p50 - floor_p50:>+15.2f} {row.sim_cpu / n * 1000:>8.2f} "
            f"{row.floor_cpu / len(row.floor) * 1000:>10.2f}"
        )


if __name__ == "__main__":
    main()
