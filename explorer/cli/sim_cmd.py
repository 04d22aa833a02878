"""`twilio-explorer sim`: run the local regional simulator in the foreground and say how to use it."""

from __future__ import annotations

import argparse


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
    import signal
    import threading
    from pathlib import Path

    from explorer.cli.options import openapi_dir
    from explorer.core.errors import SimulatorError
    from explorer.sim.env_file import write_env_file
    from explorer.sim.faults import parse_fault_spec
    from explorer.sim.server import start_simulator

    rules = [parse_fault_spec(spec) for spec in args.fault]
    latencies = [_parse_latency(text) for text in args.latency]
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
    env_path = Path(args.env_file) if args.env_file else None
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
            env_path.unlink(missing_ok=True)
    print("simulator stopped", flush=True)
    return 0


def _parse_latency(text: str) -> tuple[int, str | None]:
    from explorer.core.errors import InputError

    region, _, value = text.rpartition("=")
    if not value.strip().isdigit():
        raise InputError(f"bad --latency {text!r}", hint="give milliseconds, e.g. 200 or au1=300")
    return int(value), region.strip().lower() or None


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
