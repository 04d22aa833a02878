"""The Python API: every public name resolves, and the documented example runs against the simulator."""

from __future__ import annotations

import subprocess
import sys

import pytest

from explorer import api
from explorer.core.errors import RegionScopeError


def test_every_public_name_resolves() -> None:
    """Each name in `explorer.api.__all__` is importable."""
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_importing_the_api_is_free() -> None:
    """`from explorer import api` loads neither httpx nor the simulator until a name is used."""
    code = "import sys; from explorer import api; print(sorted(m for m in sys.modules if m.startswith(('httpx', 'explorer.sim', 'textual'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_documented_example_lists_au1_applications() -> None:
    """The module docstring's example sends an AU1 list request to the simulator and gets AU1 applications."""
    spec = api.RequestSpec(
        "GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney"
    )
    assert api.classify_host(spec.fqdn).summary == "valid · AU1"
    assert '"$TWILIO_API_KEY:$TWILIO_API_SECRET"' in api.render_curl(spec)
    with api.start_simulator(records=5) as sim, api.simulator_client(sim) as client:
        exchange = client.send(spec, api.demo_credential(sim, "au1"))
        assert exchange.status_code == 200
        names = [app["friendly_name"] for app in exchange.json()["applications"]]
        assert names and all(name.startswith("AU1") for name in names)
        ie1_spec = api.RequestSpec(spec.method, spec.path, region="ie1", edge="dublin")
        with pytest.raises(RegionScopeError):
            client.send(ie1_spec, api.demo_credential(sim, "au1"))
