"""The local regional simulator: Twilio's regional REST API on loopback, reached with the real hostnames.

The public surface is `explorer.sim.server` (`start_simulator`, `Simulator`). This package imports nothing at
import time, so `import explorer.sim` stays free for the command line and the app's first frame.

    hosts      which hostnames are served, fail TLS, or do not resolve
    tls        the CA kept in the state directory, and each run's server certificate
    tls_server uvicorn on a TCP_NODELAY socket, stopped promptly
    proxy      the loopback CONNECT proxy (and the control endpoint)
    app        the ASGI application: routing, auth, lists, records, writes
    auth       demo credentials per Region; Basic authentication
    records    deterministic, lazily generated records, shaped by the published response schemas
    values     values that satisfy a schema node (types, patterns, formats, lengths, bounds)
    patterns   strings that match a description's regular expression
    documented Twilio's documented values where the schema says only "string"; consistent times
    quirks     the one list of places where Twilio answers differently from its own schema
    store      per-Region writes over the generated records
    writes     a write's parameters read from its body, refused when invalid
    validation checking writes and filters against the description; Twilio's error codes
    filters    list filters declared as query parameters, applied
    paging     list envelopes and paging links
    responses  Twilio's headers and error bodies; delivery, including broken bodies
    faults     the fault plan
    server     start and stop in-process
    background `sim --detach` / `--stop`, and the previous run's port
    env_file   the `export NAME=VALUE` file
"""
