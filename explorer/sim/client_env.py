"""The environment that points every ordinary client at the simulator, with each Region's credentials.

- curl, httpx and twilio-python (requests) read `HTTPS_PROXY`/`https_proxy`.
- twilio-node 5 and twilio-cli read only `HTTP_PROXY`, and use it for HTTPS through CONNECT; they switch
  axios' own proxy off, so with `HTTPS_PROXY` alone they resolve the real host (ENOTFOUND offline).
  [CODE] twilio-node src/base/RequestClient.ts and twilio-cli-core src/services/cli-http-client.js:
  `if (process.env.HTTP_PROXY) ... new HttpsProxyAgent(process.env.HTTP_PROXY)`.
  The lowercase `http_proxy` is left alone: only curl reads it, for plain HTTP, which needs no simulator.
- `NO_PROXY`/`no_proxy` keep plain-HTTP calls to loopback direct in curl, httpx and requests, which honour
  it; twilio-node and twilio-cli only ever call Twilio's hosts.
- The CA for curl, requests, Python's ssl (httpx) and Node.

- With a Region: its credentials also under the unsuffixed names that the docs-safe curl (`$TWILIO_API_KEY`,
  `$TWILIO_API_SECRET`) and the helper libraries read, with `TWILIO_REGION` and `TWILIO_EDGE` together: never
  a region without its edge, which builds a retired host. US1 needs neither (its host is `api.twilio.com`).
- Every Region's credentials as `TWILIO_API_KEY_US1` and so on.

The values include demo secrets: write them only to files the user asked for, never to logs.
"""

from __future__ import annotations

__all__ = ["LOOPBACK_NO_PROXY", "client_env"]

from collections.abc import Mapping
from pathlib import Path

from explorer.core.errors import SimulatorError
from explorer.sim.auth import RegionCredentials

LOOPBACK_NO_PROXY = "localhost,127.0.0.1,::1"
"""`NO_PROXY`: plain-HTTP calls to loopback (a local webhook server, a dev server) never go to the simulator."""


def client_env(
    proxy_url: str,
    ca_pem: Path,
    account_sid: str,
    credentials: Mapping[str, RegionCredentials],
    region: str | None = None,
) -> dict[str, str]:
    """The variables, in the order an env file lists them (see the module's docstring).

    Args:
        proxy_url: the simulator's proxy (also its control endpoint).
        ca_pem: the CA certificate clients must trust.
        account_sid: the demo Account SID.
        credentials: each served Region's demo credentials.
        region: the Region whose credentials are also exported unsuffixed, or None.

    Raises:
        SimulatorError: `region` is not one of `credentials`.
    """
    from explorer.core.verdict import recommend  # only here: importing the simulator stays as cheap as before

    ca = str(ca_pem)
    values = {
        "HTTPS_PROXY": proxy_url,
        "https_proxy": proxy_url,
        "HTTP_PROXY": proxy_url,
        "NO_PROXY": LOOPBACK_NO_PROXY,
        "no_proxy": LOOPBACK_NO_PROXY,
        "CURL_CA_BUNDLE": ca,
        "REQUESTS_CA_BUNDLE": ca,
        "SSL_CERT_FILE": ca,
        "NODE_EXTRA_CA_CERTS": ca,
        "TWILIO_ACCOUNT_SID": account_sid,
    }
    if region is not None:
        creds = credentials.get(region.lower())
        if creds is None:
            raise SimulatorError(
                f"the simulator serves no Region {region!r}",
                hint=f"choose one of {', '.join(credentials)}",
            )
        values["TWILIO_API_KEY"] = creds.api_key_sid
        values["TWILIO_API_SECRET"] = creds.api_key_secret
        values["TWILIO_AUTH_TOKEN"] = creds.auth_token
        fix = recommend("api", region.lower())
        if fix.region is not None and fix.edge is not None:
            values["TWILIO_REGION"] = fix.region
            values["TWILIO_EDGE"] = fix.edge
    for name, creds in credentials.items():
        label = name.upper()
        values[f"TWILIO_API_KEY_{label}"] = creds.api_key_sid
        values[f"TWILIO_API_SECRET_{label}"] = creds.api_key_secret
        values[f"TWILIO_AUTH_TOKEN_{label}"] = creds.auth_token
    values["TWILIO_EXPLORER_SIM_CONTROL"] = proxy_url
    return values
