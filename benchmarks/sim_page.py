"""How long a 1,000-record page takes (target: under 50 ms) in a 10,000-record list. Run: python benchmarks/sim_page.py"""

from __future__ import annotations

import json
import statistics
import time

import httpx

from explorer.catalog.loader import load_catalog
from explorer.sim.auth import KeyRing, demo_credentials
from explorer.sim.records import ListRef, RecordFactory
from explorer.sim.server import start_simulator
from explorer.sim.store import DataStore


def _in_process() -> None:
    catalog = load_catalog()
    credentials = demo_credentials("bench", ("us1", "ie1", "au1"))
    keyring = KeyRing(credentials)
    store = DataStore(
        RecordFactory("bench", keyring.account_sid, catalog.endpoints), 10_000, keyring, credentials, "b"
    )
    for endpoint_id in ("api:applications", "api:calls", "conversations:conversations"):
        endpoint = catalog.get(endpoint_id)
        ref = ListRef(endpoint, "au1", tuple((name, keyring.account_sid) for name in endpoint.path_params))
        times = []
        for page in range(10):
            began = time.perf_counter()
            records = store.page(ref, page * 1000, 1000, "api.sydney.au1.twilio.com")
            json.dumps(records)
            times.append(time.perf_counter() - began)
        print(
            f"{endpoint_id:<30} 1,000 records + JSON: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms"
        )


def _over_https() -> None:
    with start_simulator(seed="bench", records=10_000) as sim:
        creds = sim.credentials["au1"]
        url = f"https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{sim.account_sid}/Applications.json"
        with httpx.Client(proxy=sim.proxy_url, verify=sim.ssl_context(), trust_env=False) as http:
            times, count = [], 0
            next_url: str | None = url + "?PageSize=1000"
            while next_url:
                began = time.perf_counter()
                body = http.get(next_url, auth=(creds.api_key_sid, creds.api_key_secret)).json()
                times.append(time.perf_counter() - began)
                count += len(body["applications"])
                uri = body["next_page_uri"]
                next_url = f"https://api.sydney.au1.twilio.com{uri}" if uri else None
    print(
        f"over HTTPS via the proxy: {count} applications in {len(times)} pages, per page median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    _in_process()
    _over_https()
