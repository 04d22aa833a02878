"""examples/onboarding.ipynb runs green on a real ipykernel (nbclient) against the simulator: every code cell
has output, the rich mime types are there, no cell errs, and no secret appears in any output."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from explorer.core.regions import confirmed_regions
from explorer.sim.auth import demo_credentials
from explorer.sim.server import DEFAULT_SEED

nbformat = pytest.importorskip("nbformat", reason="the notebook extra: pip install -e '.[notebook]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook extra: pip install -e '.[notebook]'")

NOTEBOOK = Path(__file__).parents[2] / "examples" / "onboarding.ipynb"


def _secrets() -> list[str]:
    found: list[str] = []
    for demo in demo_credentials(DEFAULT_SEED, confirmed_regions()).values():
        for user, secret in ((demo.api_key_sid, demo.api_key_secret), (demo.account_sid, demo.auth_token)):
            found += [secret, base64.b64encode(f"{user}:{secret}".encode()).decode()]
    return found


def test_the_committed_notebook_has_no_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_onboarding_notebook_runs_on_a_real_kernel(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on the first error cell

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert all(cell.outputs for cell in notebook.cells if cell.cell_type == "code")
    mimes = {mime for o in outputs for mime in o.get("data", {})}
    assert {"text/html", "text/markdown", "text/plain", "application/vnd.jupyter.widget-view+json"} <= mimes

    html = "\n".join(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    assert "retired" in html and "api.sydney.au1.twilio.com" in html  # the wrong host and the fix
    assert "20003 Authentication failed (401)" in html  # the US1 key in AU1, explained as the app does
    assert "Wrong Region for this credential" in html  # the refusal before any I/O
    assert "records from 2 pages" in html  # the listing followed the server's link
    assert "$TWILIO_API_KEY:$TWILIO_API_SECRET" in html  # the docs-safe curl

    everything = json.dumps([o for o in outputs])
    assert not [s for s in _secrets() if s in everything]
