"""`twilio-explorer sim`: run the local regional simulator, in the foreground or in the background, and stop it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core.regions import confirmed_regions

if TYPE_CHECKING:
    from explorer.catalog.loader import Catalog
    from explorer.sim.faults import FaultRule
    from explorer.sim.server import Simulator

_DEFAULT_ENV_REGION = "au1"
_REGION_NAMES = ("TWILIO_REGION", "TWILIO_EDGE")
_ROUTING_NAMES = (
    "HTTPS_PROXY https_proxy HTTP_PROXY NO_PROXY no_proxy "
    "CURL_CA_BUNDLE REQUESTS_CA_BUNDLE SSL_CERT_FILE NODE_EXTRA_CA_CERTS"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `sim` command."""
    parser = subparsers.add_parser(
        "sim",
        help="run the local regional simulator (US1, IE1, AU1) behind a loopback HTTPS proxy",
        description="Serve Twilio's regional REST API on loopback with the real hostnames, for curl, httpx, "
        "twilio-python, twilio-node and twilio-cli through a proxy and a local CA (kept in the state directory "
        "and reused by every run). Stops on Ctrl-C, or with --stop when started with --detach.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        metavar="N",
        help="the proxy's port (default: the previous run's if it is free, else a free one)",
    )
    parser.add_argument(
        "--env-file",
        metavar="PATH",
        help="once ready, write `export NAME=VALUE` lines (proxy, CA, demo credentials) to PATH; removed on exit",
    )
    parser.add_argument(
        "--env-region",
        choices=confirmed_regions(),
        default=_DEFAULT_ENV_REGION,
        help="the Region whose demo credentials the env file also exports as TWILIO_API_KEY, TWILIO_API_SECRET "
        "and TWILIO_AUTH_TOKEN, with TWILIO_REGION and TWILIO_EDGE (default: au1; us1 sets neither)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--detach",
        action="store_true",
        help="run in the background: return once the env file is written (default "
        "<state dir>/simulator.env) and print how to stop it",
    )
    mode.add_argument("--stop", action="store_true", help="stop the simulator started with --detach")
    mode.add_argument("--detached", action="store_true", help=argparse.SUPPRESS)  # the background process
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
        help="switch a fault on: rate-limit, server-error, unavailable, reset, truncated, malformed, slow-body, "
        "clock-skew (Date 10 minutes ahead), tls-mismatch (a *.REGION certificate) (e.g. rate-limit@au1x3); "
        "repeatable",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Stop the background simulator, start one in the background, or run one in the foreground."""
    if args.stop:
        return _stop()
    if args.detach:
        return _detach(args)
    return _foreground(args)


def _stop() -> int:
    from explorer.sim import background

    stopped = background.stop()
    if stopped is None:
        print("no simulator is running in the background", flush=True)
    else:
        print(f"simulator stopped (pid {stopped.pid}); {stopped.env_file} removed", flush=True)
    return 0


def _detach(args: argparse.Namespace) -> int:
    import sys

    from explorer.cli.options import openapi_dir
    from explorer.core.paths import state_dir
    from explorer.sim import background

    env_path = Path(args.env_file) if args.env_file else state_dir() / "simulator.env"
    argv = [sys.executable, "-m", "explorer"]
    openapi = openapi_dir(args)
    if openapi is not None:
        argv += ["--openapi", str(openapi.resolve())]
    argv += ["sim", "--detached", "--env-file", str(env_path.resolve()), "--env-region", args.env_region]
    argv += ["--seed", args.seed, "--records", str(args.records), "--port", str(args.port)]
    for latency in args.latency:
        argv += ["--latency", latency]
    for fault in args.fault:
        argv += ["--fault", fault]
    detached = background.spawn(argv)
    lines = [
        f"Twilio regional simulator running in the background (pid {detached.pid}, proxy {detached.control_url})",
        f"  env file {env_path}   (sourcing it routes ALL HTTPS of that shell through the simulator)",
        f"  log      {background.log_path()}",
        "  stop it: twilio-explorer sim --stop",
    ]
    print("\n".join(lines), flush=True)
    return 0


def _foreground(args: argparse.Namespace) -> int:
    import contextlib
    import os
    import signal
    import threading

    from explorer.cli.options import openapi_dir
    from explorer.core.env_file import write_env_file
    from explorer.core.errors import SimulatorError
    from explorer.sim import background

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
    # SIGTERM (a service manager, `kill`, `sim --stop`) ends the simulator as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    sim = _start(args, rules, catalog)
    if args.detached and env_path is None:
        from explorer.core.paths import state_dir

        env_path = state_dir() / "simulator.env"
    try:
        background.remember_port(sim.proxy_port)
        for milliseconds, region in latencies:
            sim.faults.set_latency(milliseconds, region)
        if env_path is not None:
            values = sim.env(args.env_region)
            unset = [name for name in _REGION_NAMES if name not in values]
            write_env_file(env_path, values, _env_header(sim.proxy_url, args, os.getpid()), unset)
        if args.detached and env_path is not None:
            # Written last, after the env file: the parent returns as soon as it sees this record.
            background.write_record(background.Detached(os.getpid(), sim.control_url, env_path))
        _print_usage(sim, env_path, args.env_region)
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
        if args.detached:
            background.remove_record(os.getpid())
    print("simulator stopped", flush=True)
    return 0


def _start(args: argparse.Namespace, rules: list[FaultRule], catalog: Catalog | None) -> Simulator:
    from explorer.core.errors import SimulatorError
    from explorer.sim import background
    from explorer.sim.server import start_simulator

    def start(port: int) -> Simulator:
        return start_simulator(
            seed=args.seed, records=args.records, faults=rules, catalog=catalog, proxy_port=port
        )

    previous = background.last_port() if args.port == 0 else None
    if previous is not None:
        # The previous run's port: a shell that sourced its env file keeps reaching the simulator.
        try:
            return start(previous)
        except SimulatorError:
            pass  # taken by something else: any free port will do
    return start(args.port)


def _env_header(proxy_url: str, args: argparse.Namespace, pid: int) -> str:
    stop = "twilio-explorer sim --stop" if args.detached else "Ctrl-C where it runs"
    region = args.env_region.upper()
    return (
        "Twilio Region Explorer local simulator: demo credentials (fake), valid while it runs.\n"
        f"WARNING: sourcing this file routes ALL HTTPS of this shell (curl, Python, Node, the twilio CLI) through\n"
        f"the simulator's proxy {proxy_url}, and trusts only its CA: no real host is reachable from this shell.\n"
        "Plain HTTP to loopback stays direct (NO_PROXY). Use a separate shell, or undo it with:\n"
        f"  unset {_ROUTING_NAMES}\n"
        f"TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_AUTH_TOKEN are {region}'s (sim --env-region);\n"
        "TWILIO_*_US1, _IE1 and _AU1 hold each Region's.\n"
        f"Stop the simulator: {stop}   (or: kill {pid})"
    )


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


def _print_usage(sim: Simulator, env_path: Path | None, env_region: str) -> None:
    au1 = "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"
    lines = [
        f"Twilio regional simulator ready (seed {sim.seed!r}, {sim.records} records per list, started in "
        f"{sim.startup_seconds * 1000:.0f} ms)",
        f"  proxy    {sim.proxy_url}   (HTTPS_PROXY, and HTTP_PROXY for twilio-node; only loopback clients)",
        f"  CA       {sim.ca_pem_path}   (kept and reused by the next run)",
        f"  control  {sim.control_url}/faults   (GET, POST JSON, DELETE)",
        f"  account  {sim.account_sid}  (demo; every Region has its own token and key)",
    ]
    if env_path is not None:
        key = "$TWILIO_API_KEY:$TWILIO_API_SECRET"
        if env_region != "au1":
            key = "$TWILIO_API_KEY_AU1:$TWILIO_API_SECRET_AU1"
        lines += [
            f"  env file {env_path}   (sourcing it routes ALL HTTPS of that shell through the simulator)",
            "",
            f"  . {env_path}",
            f'  curl -sf "{au1}" -u "{key}"',
        ]
    else:
        lines += ["", "  add --env-file ./env.sh to get a file of exports with the demo credentials"]
    lines.append("Ctrl-C to stop.")
    print("\n".join(lines), flush=True)
