"""Latency of the simulator on ONE keep-alive connection through its proxy, against a floor.

Run: python benchmarks/sim_page.py [--rounds 5] [--requests 40]

Four requests the app and the official clients send all the time, each on one keep-alive HTTPS connection
through the CONNECT proxy: a 50-record page, a single record, an error (404 / 20404) and a write (a POST that
creates an Application). They are interleaved, round by round, with a floor: a trivial loopback TLS server behind
its own CONNECT that answers the very same bytes from memory in one write. The floor is what the client, the
TLS stack and loopback cost on this machine at this moment; the simulator's own cost is the difference.

A regression that matters shows here as a p50 far above the floor: a missing TCP_NODELAY made every reply under
~64 kB wait for the peer's delayed ACK (about 40 ms on Linux) while the floor stayed at ~1 ms.

Wall-clock latency on a shared, loaded machine mostly measures the wait for a CPU, so each row also gives the
CPU this process spent per request (client, proxy and server all run in it): `cpu - floor cpu` is what the
simulator itself costs, and it moves only when the code does.
This is a benchmark, never a timed test: it prints a table and asserts nothing. `main(argv)` runs it from
another script (benchmarks/ may gather them).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ssl
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import trustme

from explorer.sim.server import Simulator, start_simulator

HOST = "api.sydney.au1.twilio.com"
MISSING_SID = "AP" + "f" * 32


@dataclass(frozen=True, slots=True)
class Scenario:
    """One kind of request."""

    name: str
    """The row label."""
    method: str
    """The HTTP method."""
    path: str
    """The path and query on the AU1 API host."""
    form: dict[str, str] | None = None
    """The form body of a write."""


def _scenarios(sim: Simulator, one_sid: str) -> list[Scenario]:
    base = f"/2010-04-01/Accounts/{sim.account_sid}/Applications"
    return [
        Scenario("50-record page", "GET", f"{base}.json?PageSize=50"),
        Scenario("single record", "GET", f"{base}/{one_sid}.json"),
        Scenario("error 404/20404", "GET", f"{base}/{MISSING_SID}.json"),
        Scenario("write (create)", "POST", f"{base}.json", {"FriendlyName": "bench"}),
    ]


# -- the floor: CONNECT, then TLS, then the recorded reply from memory -------------------------------------------


class Floor:
    """A loopback CONNECT + TLS server that answers each request line with bytes recorded from the simulator."""

    def __init__(self) -> None:
        self.ca = trustme.CA()
        self._server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(HOST).configure_cert(self._server_context)
        self.replies: dict[bytes, bytes] = {}
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def client_context(self) -> ssl.SSLContext:
        """A client context trusting only the floor's CA."""
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context

    def __enter__(self) -> Floor:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await writer.drain()
            await writer.start_tls(self._server_context)
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line = head.split(b"\r\n", 1)[0]
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                writer.write(self.replies[request_line.rsplit(b" ", 1)[0]])
                await writer.drain()
        writer.close()


def _raw_reply(response: httpx.Response) -> bytes:
    head = [f"HTTP/1.1 {response.status_code} {response.reason_phrase}".encode()]
    head += [name + b": " + value for name, value in response.headers.raw]
    return b"\r\n".join(head) + b"\r\n\r\n" + response.content


# -- measuring ------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _one_connection(proxy: str, verify: ssl.SSLContext) -> Iterator[httpx.Client]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(proxy=proxy, verify=verify, trust_env=False, limits=limits, timeout=30) as http:
        yield http


def _timed(send: Callable[[], httpx.Response], count: int, expect: int) -> tuple[list[float], float]:
    """Each request's wall time, and the CPU seconds this process spent on all of them."""
    times = []
    cpu_began = time.process_time()
    for _ in range(count):
        began = time.perf_counter()
        response = send()
        times.append(time.perf_counter() - began)
        if response.status_code != expect:
            raise SystemExit(f"unexpected {response.status_code}: {response.text[:200]}")
    return times, time.process_time() - cpu_began


def _p(samples: list[float], percentile: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[percentile - 1] * 1000


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its table (`argv`: the command line's arguments; sys.argv when None)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument(
        "--requests", type=int, default=40, help="requests per scenario per round (default 40)"
    )
    args = parser.parse_args(argv)
    rounds, count = max(1, args.rounds), max(2, args.requests)

    with start_simulator(seed="bench", records=1000) as sim, Floor() as floor:
        creds = sim.credentials["au1"]
        auth = (creds.api_key_sid, creds.api_key_secret)
        with (
            _one_connection(sim.proxy_url, sim.ssl_context()) as sim_http,
            _one_connection(f"http://127.0.0.1:{floor.port}", floor.client_context()) as floor_http,
        ):
            first = sim_http.get(
                f"https://{HOST}/2010-04-01/Accounts/{sim.account_sid}/Applications.json", auth=auth
            )
            scenarios = _scenarios(sim, first.json()["applications"][0]["sid"])
            expected: dict[str, int] = {}
            for scenario in scenarios:
                url = f"https://{HOST}{scenario.path}"
                recorded = sim_http.request(scenario.method, url, data=scenario.form, auth=auth)
                expected[scenario.name] = recorded.status_code
                target = scenario.path.encode()
                floor.replies[scenario.method.encode() + b" " + target] = _raw_reply(recorded)

            samples: dict[tuple[str, str], list[float]] = {}
            cpu: dict[tuple[str, str], float] = {}
            for round_number in range(rounds):
                for scenario in scenarios:
                    url = f"https://{HOST}{scenario.path}"
                    pair = [("simulator", sim_http), ("floor", floor_http)]
                    if round_number % 2:
                        pair.reverse()  # neither side always runs first, on a warmer cache
                    for label, http in pair:

                        def send(
                            http: httpx.Client = http, scenario: Scenario = scenario, url: str = url
                        ) -> httpx.Response:
                            return http.request(scenario.method, url, data=scenario.form, auth=auth)

                        times, spent = _timed(send, count, expected[scenario.name])
                        samples.setdefault((scenario.name, label), []).extend(times)
                        cpu[(scenario.name, label)] = cpu.get((scenario.name, label), 0.0) + spent

    print(
        f"one keep-alive connection through the proxy; {rounds} rounds x {count} requests, interleaved (ms)"
    )
    print(
        f"{'request':<18} {'sim p50':>8} {'sim p99':>8} {'floor p50':>10} {'floor p99':>10} "
        f"{'p50 over floor':>15} {'sim cpu':>8} {'floor cpu':>10}"
    )
    total = rounds * count
    for scenario in scenarios:
        sim_times, floor_times = samples[(scenario.name, "simulator")], samples[(scenario.name, "floor")]
        sim_p50, floor_p50 = _p(sim_times, 50), _p(floor_times, 50)
        sim_cpu = cpu[(scenario.name, "simulator")] / total * 1000
        floor_cpu = cpu[(scenario.name, "floor")] / total * 1000
        print(
            f"{scenario.name:<18} {sim_p50:>8.2f} {_p(sim_times, 99):>8.2f} {floor_p50:>10.2f} "
            f"{_p(floor_times, 99):>10.2f} {sim_p50 - floor_p50:>+15.2f} {sim_cpu:>8.2f} {floor_cpu:>10.2f}"
        )


if __name__ == "__main__":
    main()
