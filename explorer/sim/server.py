"""Starting and stopping the simulator in-process: uvicorn and the CONNECT proxy on one background loop.

    with start_simulator(seed="demo", records=60) as sim:
        client = httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False)
        client.get(f"https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{sim.account_sid}/Applications.json",
                   auth=(sim.credentials["au1"].api_key_sid, sim.credentials["au1"].api_key_secret))

Both servers listen on 127.0.0.1 only, on random ports unless told otherwise; `stop()` closes every socket,
ends the thread and deletes the run's TLS files, within milliseconds. The CA stays in the state directory and
is reused by the next run (`explorer.sim.tls`), so an env file sourced earlier keeps working.
"""

from __future__ import annotations

__all__ = ["DEFAULT_RECORDS", "DEFAULT_SEED", "OpenConnection", "Simulator", "start_simulator"]

import asyncio
import contextlib
import os
import socket
import ssl
import threading
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from explorer.catalog.loader import Catalog, load_catalog
from explorer.core.errors import ExplorerError, SimulatorError
from explorer.core.regions import confirmed_regions
from explorer.sim.asgi_app import SimApp
from explorer.sim.auth import KeyRing, RegionCredentials, demo_credentials
from explorer.sim.client_env import client_env
from explorer.sim.faults import FaultPlan, FaultRule
from explorer.sim.proxy import TunnelProxy
from explorer.sim.records import RecordFactory
from explorer.sim.responses import quiet_uvicorn
from explorer.sim.served_hosts import served_hosts
from explorer.sim.store import DataStore
from explorer.sim.tls import TlsFiles, make_tls_files
from explorer.sim.tls_faults import install_tls_faults
from explorer.sim.tls_server import CoalescingHttpProtocol, PromptServer, nodelay_socket

DEFAULT_SEED = "demo"
DEFAULT_RECORDS = 60
"""Enough for a second page at the default PageSize of 50."""
_START_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class OpenConnection:
    """One TCP connection the simulator holds open, seen from its own side (for diagnostics and tests)."""

    role: str
    """`proxy` (a client's connection to the proxy), `tunnel` (the proxy's leg to the TLS server) or `tls`
    (the TLS server's side of a tunnel, or of a client connected directly)."""
    local_port: int
    """The simulator's port of the connection."""
    peer_port: int
    """The other end's port."""
    nodelay: bool
    """Whether TCP_NODELAY is on. Off, a reply written in two sends waits for the peer's delayed ACK."""


class Simulator:
    """A running simulator. Use `start_simulator` to make one; stop it with `stop()` or a `with` block."""

    def __init__(
        self,
        *,
        seed: str,
        records: int,
        catalog: Catalog,
        faults: FaultPlan,
        proxy_port: int,
        ca_dir: Path | None = None,
    ) -> None:
        self.seed = seed
        """The seed the data and credentials derive from."""
        self.records = records
        """The size of top-level lists."""
        self.faults = faults
        """The live fault plan: change it while the simulator runs."""
        self.regions: tuple[str, ...] = confirmed_regions()
        """The Regions it serves: the confirmed ones of `explorer.core.regions` (`us1`, `ie1`, `au1`)."""
        self.credentials: dict[str, RegionCredentials] = demo_credentials(seed, self.regions)
        """The demo credentials of each Region it serves."""
        self._catalog = catalog
        self._keyring = KeyRing(self.credentials)
        factory = RecordFactory(seed, self._keyring.account_sid, catalog.endpoints)
        self._store = DataStore(factory, records, self._keyring, self.credentials, seed)
        self._wanted_proxy_port = proxy_port
        self._ca_dir = ca_dir
        self._tls: TlsFiles | None = None
        self._proxy: TunnelProxy | None = None
        self._server: PromptServer | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._cleanup: weakref.finalize[[], Simulator] | None = None
        self.proxy_port = 0
        """The CONNECT proxy's port on 127.0.0.1."""
        self.tls_port = 0
        """The TLS server's port on 127.0.0.1 (for `curl --connect-to`)."""
        self.startup_seconds = 0.0
        """How long `start` took."""

    # -- public surface --------------------------------------------------------------------------------

    @property
    def account_sid(self) -> str:
        """The demo Account SID (the same in every Region)."""
        return self._keyring.account_sid

    @property
    def proxy_url(self) -> str:
        """`http://127.0.0.1:PORT`: the value for `HTTPS_PROXY` or httpx's `proxy=`."""
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def control_url(self) -> str:
        """The loopback-only control endpoint (`/health`, `/faults`)."""
        return self.proxy_url

    @property
    def ca_pem_path(self) -> Path:
        """The CA certificate clients must trust."""
        if self._tls is None:
            raise SimulatorError("the simulator is not running")
        return self._tls.ca_pem

    @property
    def hosts(self) -> dict[str, str]:
        """Every host the simulator serves, with the Region that processes it."""
        return dict(served_hosts())

    @property
    def running(self) -> bool:
        """True between a successful start and stop."""
        return self._thread is not None and self._thread.is_alive() and self._ready.is_set()

    def ssl_context(self) -> ssl.SSLContext:
        """A client SSL context trusting only the simulator's CA."""
        return ssl.create_default_context(cafile=str(self.ca_pem_path))

    def env(self, region: str | None = None) -> dict[str, str]:
        """Environment variables that point every ordinary client at the simulator (`explorer.sim.client_env`).

        Args:
            region: also export that Region's credentials under the unsuffixed names, with `TWILIO_REGION`
                and `TWILIO_EDGE` together.

        The values include demo secrets: write them only to files the user asked for, never to logs.

        Raises:
            SimulatorError: `region` is not a Region the simulator serves.
        """
        return client_env(self.proxy_url, self.ca_pem_path, self.account_sid, self.credentials, region)

    def control(self, method: str, path: str, body: bytes) -> tuple[int, Any]:
        """Answer the control endpoint: health and the fault plan (never credentials)."""
        import json

        if path == "/health":
            return 200, {
                "ok": True,
                "pid": os.getpid(),
                "regions": list(self.regions),
                "records": self.records,
            }
        if path != "/faults":
            return 404, {"error": f"no control resource {path}", "resources": ["/health", "/faults"]}
        try:
            if method == "POST":
                self.faults.apply_json(json.loads(body or b"{}"))
            elif method == "DELETE":
                self.faults.clear()
            elif method != "GET":
                return 405, {"error": "use GET, POST or DELETE"}
        except (ValueError, ExplorerError) as error:
            return 400, {"error": str(error)}
        return 200, self.faults.to_json()

    # -- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Start both servers and return once they accept connections.

        Raises:
            SimulatorError: a port is taken, or the servers did not come up in time.
        """
        started = time.perf_counter()
        self._tls = make_tls_files(served_hosts(), ca_dir=self._ca_dir)
        # If the process exits without stop() (an app that quits, a test that forgets), the run's files go anyway.
        self._cleanup = weakref.finalize(self, self._tls.remove)
        self._thread = threading.Thread(target=self._run, name="twilio-explorer-sim", daemon=True)
        self._thread.start()
        if not self._ready.wait(_START_TIMEOUT) or self._error is not None:
            error = self._error
            self.stop()
            if isinstance(error, SimulatorError):
                raise error
            raise SimulatorError(f"the simulator did not start: {error or 'timed out'}") from error
        self.startup_seconds = time.perf_counter() - started

    def stop(self) -> None:
        """Close every socket, end the thread and delete the run's TLS files (idempotent); the CA is kept."""
        loop, stop_event = self._loop, self._stop_event
        if loop is not None and stop_event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop_event.set)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._cleanup is not None:
            self._cleanup()
        self._ready.clear()

    def __enter__(self) -> Simulator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"proxy {self.proxy_url}" if self.running else "stopped"
        return f"<Simulator seed={self.seed!r} records={self.records} {state}>"

    # -- the background thread -------------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:  # noqa: BLE001 - reported to start() through _error
            self._error = error
            self._ready.set()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self) -> None:
        import uvicorn

        assert self._tls is not None
        self._stop_event = asyncio.Event()
        tls_socket = nodelay_socket()
        self.tls_port = tls_socket.getsockname()[1]
        app = SimApp(self._catalog, self._store, self._keyring, self.faults)
        quiet_uvicorn()
        config = uvicorn.Config(
            app,
            ssl_certfile=str(self._tls.cert_pem),
            ssl_keyfile=str(self._tls.key_pem),
            log_config=None,
            log_level="warning",
            access_log=False,  # URLs carry SIDs; nothing here needs a request log
            lifespan="off",
            http=CoalescingHttpProtocol,
            ws="none",
            server_header=False,  # Twilio sends no `server: uvicorn`
            date_header=False,  # responses.twilio_headers writes Date, so the clock-skew fault can move it
            backlog=512,
        )
        config.load()
        if config.ssl is not None and self._tls.ca is not None:
            install_tls_faults(config.ssl, self.faults, self._tls.ca)
        server = PromptServer(config)
        serving = asyncio.create_task(server.serve(sockets=[tls_socket]))
        proxy = TunnelProxy(self.tls_port, self.control)
        app.tunnels = proxy
        self._proxy, self._server = proxy, server
        try:
            self.proxy_port = await proxy.start(self._wanted_proxy_port)
            while not server.started:
                if serving.done():
                    serving.result()  # raises the server's start-up error
                    raise SimulatorError("the simulator's TLS server stopped during start-up")
                await asyncio.sleep(0.002)
            self._ready.set()
            await self._stop_event.wait()
        finally:
            # The proxy first: cutting both legs of every tunnel leaves the TLS server no client to wait for.
            await proxy.close()
            server.stop()
            with contextlib.suppress(Exception):
                await serving
            tls_socket.close()
            self._proxy = self._server = None

    def open_connections(self) -> list[OpenConnection]:
        """Every TCP connection the simulator holds open right now, from its side (diagnostics and tests)."""
        loop = self._loop
        if loop is None or loop.is_closed() or not self.running:
            return []
        return asyncio.run_coroutine_threadsafe(self._open_connections(), loop).result(timeout=5)

    async def _open_connections(self) -> list[OpenConnection]:
        sockets: list[tuple[str, Any]] = []
        if self._proxy is not None:
            sockets += self._proxy.open_sockets()
        if self._server is not None:
            for connection in self._server.server_state.connections:
                sockets.append(("tls", connection.transport.get_extra_info("socket")))
        found = []
        for role, sock in sockets:
            try:
                local, peer = sock.getsockname()[1], sock.getpeername()[1]
                nodelay = bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            except (AttributeError, OSError):  # no socket, or closed meanwhile
                continue
            found.append(OpenConnection(role, local, peer, nodelay))
        return found


def start_simulator(
    *,
    seed: str = DEFAULT_SEED,
    records: int = DEFAULT_RECORDS,
    latency_ms: int = 0,
    faults: Iterable[FaultRule] = (),
    catalog: Catalog | None = None,
    proxy_port: int = 0,
    ca_dir: Path | None = None,
) -> Simulator:
    """Start a simulator on loopback and return it, running. Use it as a context manager to stop it.

    Args:
        seed: data and credentials derive from it; the same seed gives the same simulator.
        records: the size of every top-level list (nested lists hold at most 10).
        latency_ms: latency added to every response, in every Region.
        faults: fault rules switched on from the start.
        catalog: the API catalogue to serve; the bundled one when None.
        proxy_port: the CONNECT proxy's port (0: a free one).
        ca_dir: where the CA is kept and reused across runs; `<state dir>/simulator-ca` when None.

    Raises:
        SimulatorError: it could not start (a port in use, an unreadable catalogue).
    """
    if records < 0:
        raise SimulatorError(f"--records must be 0 or more, not {records}")
    plan = FaultPlan(latency_ms)
    for rule in faults:
        plan.add(rule)
    try:
        resolved = catalog if catalog is not None else load_catalog()
    except ExplorerError as error:
        raise SimulatorError(
            f"the simulator needs the API catalogue: {error.message}", hint=error.hint
        ) from error
    simulator = Simulator(
        seed=str(seed),
        records=records,
        catalog=resolved,
        faults=plan,
        proxy_port=proxy_port,
        ca_dir=ca_dir,
    )
    simulator.start()
    return simulator
