"""The three official clients nobody here wrote, driven against the simulator from its env file alone.

twilio-python 9.13 (PyPI), twilio-node 5 and twilio-cli 6.2.4 (npm), each in a fresh shell that sources the env
file `twilio-explorer sim --detach` wrote and nothing else: the env file's proxy, CA, account, AU1 key and
`TWILIO_REGION`/`TWILIO_EDGE` must be all they need. Each lists Applications in pages of 3 (7 records, so it
follows next-page links), fetches one, creates one, deletes it, lists AU1's one v1 product (Elastic SIP
Trunking's trunks) and tries the US1 key on AU1 (401 / 20003). What they see must be what the explorer's own
`Listing` sees through the same env file.

No process here reaches beyond loopback: this one has the conftest guard; the Python client installs the same
guard; every Node process (the CLI's detached update check included) loads `clients/loopback_guard.js`, which
refuses and records any other connection, and the test fails on a record.
"""

from __future__ import annotations

import asyncio
import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.client import AsyncExplorerClient
from explorer.core.listing import Listing, list_spec
from explorer.core.profiles import Credential, Profile, ProfileSource
from tests.conformance.conftest import PAGE_SIZE, RECORDS, Background

pytestmark = pytest.mark.e2e

CLIENTS = Path(__file__).parent / "clients"
REPO = Path(__file__).resolve().parents[2]
NOT_FOUND = {"status": 404, "code": 20404}
WRONG_REGION = {"status": 401, "code": 20003}


def explorer_sids(background: Background, endpoint_id: str) -> list[str]:
    """The SIDs the explorer's own Listing pages through, configured from the env file's values."""
    env = background.exported
    profile = Profile.create(
        "conformance",
        env["TWILIO_ACCOUNT_SID"],
        env["TWILIO_REGION"],
        edge=env["TWILIO_EDGE"],
        api_key_sid=env["TWILIO_API_KEY"],
        source=ProfileSource.SESSION,
    )
    credential = Credential(profile, env["TWILIO_API_SECRET"])  # type: ignore[arg-type]  # wrapped at once
    endpoint = load_catalog().get(endpoint_id)
    spec = list_spec(endpoint, region=profile.region, edge=profile.edge, page_size=PAGE_SIZE)

    async def load() -> list[str]:
        async with AsyncExplorerClient(proxy=env["HTTPS_PROXY"], verify=env["SSL_CERT_FILE"]) as client:
            listing = Listing(client, credential, spec, endpoint)
            await listing.load_all()
            assert listing.pages > 1
            return [record["sid"] for record in listing.records]

    return asyncio.run(load())


def guarded_node(background: Background, node_modules: Path) -> dict[str, str]:
    """What every Node process gets besides the env file: the loopback guard, and where the packages are."""
    return {
        "NODE_OPTIONS": f"--require {CLIENTS / 'loopback_guard.js'}",
        "LOOPBACK_GUARD_LOG": str(background.folder / "guard.log"),
        "NODE_PATH": str(node_modules),
    }


def assert_no_escape(background: Background) -> None:
    log = background.folder / "guard.log"
    assert not log.exists(), log.read_text()


def assert_conforms(seen: dict[str, Any], background: Background, name: str) -> None:
    """One client's run against the explorer's view of the same lists."""
    applications = explorer_sids(background, "api:applications")
    assert len(applications) == RECORDS
    assert seen["listed"] == applications
    assert seen["fetched"]["sid"] == applications[1]
    assert seen["fetched"]["friendly_name"] == "AU1 application 2"
    created = seen["created"]
    assert created["friendly_name"] == f"conformance {name}"
    assert created["sid"].startswith("AP") and created["sid"] not in applications
    assert seen["after_create"] == [created["sid"], *applications]
    assert seen["deleted"] is True
    assert seen["after_delete"] == applications
    assert seen["gone"] == NOT_FOUND
    assert seen["trunks"] == explorer_sids(background, "trunking:trunks")
    assert seen["wrong_region"] == [WRONG_REGION, WRONG_REGION]
    assert_no_escape(background)


def test_twilio_python_from_the_env_file(background: Background, twilio_python: Path) -> None:
    """twilio-python 9.13: region and edge from the environment, proxy and CA through requests' variables."""
    script = CLIENTS / "python_client.py"
    done = background.run(f"{twilio_python} {script} {REPO} {PAGE_SIZE}")
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert (seen["region"], seen["edge"]) == ("au1", "sydney")
    assert_conforms(seen, background, "python")


def test_twilio_node_from_the_env_file(background: Background, node_modules: Path) -> None:
    """twilio-node 5: HTTP_PROXY (the only proxy variable it reads) and NODE_EXTRA_CA_CERTS."""
    done = background.run(
        f"node {CLIENTS / 'node_client.js'} {PAGE_SIZE}", guarded_node(background, node_modules)
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["version"].startswith("5.")
    assert (seen["region"], seen["edge"]) == ("au1", "sydney")
    assert_conforms(seen, background, "node")


@pytest.mark.slow
def test_twilio_cli_from_the_env_file(background: Background, node_modules: Path) -> None:
    """twilio-cli 6.2.4: credentials from TWILIO_ACCOUNT_SID / TWILIO_API_KEY / TWILIO_API_SECRET, no profile."""
    twilio = shlex.quote(str(node_modules / ".bin" / "twilio"))
    extra = guarded_node(background, node_modules)

    def cli(arguments: str, *, ok: bool = True, prefix: str = "") -> Any:
        done = background.run(f"{prefix}{twilio} {arguments} -o json", extra)
        assert (done.returncode == 0) is ok, (arguments, done.stdout, done.stderr)
        return json.loads(done.stdout) if done.stdout.strip() else None

    def error(records: list[dict[str, Any]]) -> dict[str, Any]:
        return {"status": records[0]["status"], "code": records[0]["code"]}

    version = background.run(f"{twilio} --version", extra)
    assert version.stdout.startswith("twilio-cli/6.2.4 "), version.stderr
    sids = lambda records: [record["sid"] for record in records]  # noqa: E731
    listed = sids(cli(f"api:core:applications:list --page-size {PAGE_SIZE}"))
    fetched = cli(f"api:core:applications:fetch --sid {listed[1]}")[0]
    created = cli('api:core:applications:create --friendly-name "conformance cli"')[0]
    after_create = explorer_sids(background, "api:applications")
    removed = background.run(f"{twilio} api:core:applications:remove --sid {created['sid']}", extra)
    assert removed.returncode == 0, removed.stderr
    us1_key = 'TWILIO_API_KEY="$TWILIO_API_KEY_US1" TWILIO_API_SECRET="$TWILIO_API_SECRET_US1" '
    seen = {
        "listed": listed,
        "fetched": {"sid": fetched["sid"], "friendly_name": fetched["friendlyName"]},
        "created": {"sid": created["sid"], "friendly_name": created["friendlyName"]},
        "after_create": after_create,
        "deleted": "The resource was deleted successfully" in removed.stderr,  # its message goes to stderr
        "after_delete": sids(cli(f"api:core:applications:list --page-size {PAGE_SIZE}")),
        "gone": error(cli(f"api:core:applications:fetch --sid {created['sid']}", ok=False)),
        "trunks": sids(cli(f"api:trunking:v1:trunks:list --page-size {PAGE_SIZE}")),
        "wrong_region": [
            error(cli("api:core:applications:list", ok=False, prefix=us1_key)),
            error(cli(f"api:core:applications:fetch --sid {listed[0]}", ok=False, prefix=us1_key)),
        ],
    }
    assert_conforms(seen, background, "cli")
