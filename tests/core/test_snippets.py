"""The twilio-python and twilio-node snippets are valid code for any parameter values."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.request import RequestSpec
from explorer.core.snippets import render_node, render_python

values = st.text(alphabet=st.sampled_from("'\"$`!\n+&=% \\{}é日\u2028"), max_size=8)


@settings(max_examples=100, deadline=None)
@given(query=st.lists(st.tuples(st.sampled_from(["PageSize", "To", "a'b"]), values), max_size=3))
def test_python_snippet_compiles(query: list[tuple[str, str]]) -> None:
    """Whatever the values, the twilio-python snippet is valid Python that keeps them intact."""
    spec = RequestSpec(
        "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", region="au1", edge="sydney", query=tuple(query)
    )
    source = render_python(spec)
    compile(source, "snippet.py", "exec")
    assert "region='au1'" in source


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (Debian package: nodejs)")
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.lists(st.tuples(st.sampled_from(["FriendlyName", 'x"y']), values), max_size=2))
def test_node_snippet_parses(tmp_path: Path, form: list[tuple[str, str]]) -> None:
    """Whatever the values, the twilio-node snippet passes `node --check`."""
    spec = RequestSpec(
        "POST", "/v1/Conversations", product="conversations", region="ie1", edge="dublin", form=tuple(form)
    )
    script = tmp_path / "snippet.js"
    script.write_text(render_node(spec), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
