"""`twilio-explorer sim`: run the local regional simulator in the foreground and say how to use it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.sim.faults import FaultRule


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `sim` command."""
    parser = subparsers.add_parser(
        "sim",
        help="run the local regional simulator (US1, IE1, AU1) behind a loopback HTTPS proxy",
        description="Serve Twilio's regional REST API on loopback with the real hostnames, for curl, httpx, "
        "requests and Node through HTTPS_PROXY and a local CA. Stops on Ctrl-C.",
    )
    parser.add_argument(
        "--port", type=int, default=0, metavar="N", help="the proxy's port (default: a free one)"
    )
    parser.add_argument(
        "--env-file",
        metavar="PATH",
        help="once ready, write `export NAME=VALUE` lines (proxy, CA, demo credentials) to PATH; removed on exit",
    )
    parser.add_argument("--seed", default="demo", metavar="S", help="data and credentials derive from it")
    parser.add_argument("--records", type=int, default=60, metavar="N", help="records per list (default 60)")
    parser.add_argument(
        "--latency",
        action="append",
        default=[],
        metavar="MS|REGION=MS",
        help="added latency, for every Region (`200`) or one (`au1=300`); repeatable",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="KIND[@REGION][xN]",
        help="switch a fault on: rate-limit, server-error, unavailable, reset, truncated, malformed, slow-body "
        "(e.g. rate-limit@au1x3); repeatable",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the simulator, print how to use it, write the env file, and wait for Ctrl-C or SIGTERM."""
    import contextlib
    import signal
    import threading

    from explorer.cli.options import openapi_dir
    from explorer.core.errors import SimulatorError
    from explorer.sim.env_file import write_env_file
    from explorer.sim.server import start_simulator

    rules = [_parse_fault(spec) for spec in args.fault]
    latencies = [_parse_latency(text) for text in args.latency]
    _check_numbers(args)
    env_path = _checked_env_file(args.env_file)
    openapi = openapi_dir(args)
    catalog = None
    if openapi is not None:
        from explorer.catalog.loader import load_catalog

        catalog = load_catalog(openapi)
    stop = threading.Event()
    # SIGTERM (a service manager, `kill`) ends the simulator as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    sim = start_simulator(
        seed=args.seed, records=args.records, faults=rules, catalog=catalog, proxy_port=args.port
    )
    try:
        for milliseconds, region in latencies:
            sim.faults.set_latency(milliseconds, region)
        if env_path is not None:
            header = (
                "Twilio Region Explorer local simulator: demo credentials (fake), valid while it runs.\n"
                "Source it: . ./env.sh   (CURL_CA_BUNDLE then trusts only the simulator's CA)"
            )
            write_env_file(env_path, sim.env(), header)
        _print_usage(sim, env_path)
        try:
            while not stop.wait(0.5):
                if not sim.running:
                    raise SimulatorError("the simulator stopped unexpectedly")
        except KeyboardInterrupt:
            pass
    finally:
        sim.stop()
        if env_path is not None:
            with contextlib.suppress(OSError):  # never written (an unusable name), or removed already
                env_path.unlink()
    print("simulator stopped", flush=True)
    return 0


_MAX_LATENCY_MS = 600_000
"""Ten minutes: more is a typo, and would overflow the server's sleep."""
_MAX_RECORDS = 100_000
"""Records per list; every list is generated when the simulator starts."""


def _parse_latency(text: str) -> tuple[int, str | None]:
    from explorer.core.errors import InputError

    region, _, value = text.rpartition("=")
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > _MAX_LATENCY_MS:
        raise InputError(
            f"bad --latency {text!r}", hint=f"give 0 to {_MAX_LATENCY_MS} milliseconds, e.g. 200 or au1=300"
        )
    return int(value), region.strip().lower() or None


def _parse_fault(spec: str) -> FaultRule:
    from explorer.core.errors import InputError, SimulatorError
    from explorer.sim.faults import parse_fault_spec

    try:
        return parse_fault_spec(spec)
    except SimulatorError as error:
        # A --fault the parser refuses is bad input (exit 2), not a simulator that failed.
        raise InputError(f"--fault: {error.message}", hint=error.hint) from None


def _check_numbers(args: argparse.Namespace) -> None:
    from explorer.core.errors import InputError

    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port} is not a TCP port", hint="give 1 to 65535, or 0 for a free one")
    if not 0 <= args.records <= _MAX_RECORDS:
        raise InputError(f"--records {args.records} is out of range", hint=f"give 0 to {_MAX_RECORDS}")


def _checked_env_file(value: str | None) -> Path | None:
    """The --env-file path, refused before the simulator starts when its folder cannot take it."""
    import os

    from explorer.core.errors import InputError

    if not value:
        return None
    path = Path(value)
    directory = path.parent
    try:
        usable = directory.is_dir() and os.access(directory, os.W_OK | os.X_OK) and not path.is_dir()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        usable = False
    if not usable:
        shown = repr(value) if len(value) <= 120 else repr(value[:120]) + f"… ({len(value):,} characters)"
        raise InputError(
            f"--env-file {shown} cannot be written: its folder does not exist or is not writable, or it is a folder",
            hint="give a file path in a writable folder, e.g. ./env.sh",
        )
    return path


def _print_usage(sim: object, env_path: object) -> None:
    from explorer.sim.server import Simulator

    assert isinstance(sim, Simulator)
    au1 = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"
    lines = [
        f"Twilio regional simulator ready (seed {sim.seed!r}, {sim.records} records per list, started in "
        f"{sim.startup_seconds * 1000:.0f} ms)",
        f"  proxy    {sim.proxy_url}   (HTTPS_PROXY; only loopback clients)",
        f"  CA       {sim.ca_pem_path}",
        f"  control  {sim.control_url}/faults   (GET, POST JSON, DELETE)",
        f"  account  {sim.account_sid}  (demo; every Region has its own token and key)",
    ]
    if env_path is not None:
        lines += [
            f"  env file {env_path}",
            "",
            f"  . {env_path}",
            f'  curl -sf -u "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1" "{au1}"',
        ]
    else:
        lines += ["", "  add --env-file ./env.sh to get a file of exports with the demo credentials"]
    lines.append("Ctrl-C to stop.")
    print("\n".join(lines), flush=True)
