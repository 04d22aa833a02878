"""One options object, built once from the command line: `--openapi DIR` reaches the browser and the simulator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Tree

from explorer.cli.main import build_parser
from explorer.cli.options import app_options
from explorer.core.request import RequestSpec
from explorer.model.options import Options
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.browser.resource_tree import ResourceTree
from tests.ui.fakes import FakeTwilio, fake_session
from tests.ui.helpers import ready

FIXTURES = Path(__file__).parent.parent / "catalog" / "fixtures"
"""A hand-written description folder: widgets and gadgets, and no applications."""


def options_from(*argv: str, environ: dict[str, str] | None = None) -> Options:
    return app_options(build_parser().parse_args(list(argv)), environ or {})


def test_the_command_line_and_the_environment_build_the_options() -> None:
    """Flags and $TWILIO_EXPLORER_OPENAPI land in one frozen object; --sim wins over --profile."""
    options = options_from("--openapi", str(FIXTURES), "--read-only", "--theme", "light", "--profile", "au1")
    assert (options.openapi_dir, options.read_only, options.theme) == (FIXTURES, True, "light")
    assert options.profile == "au1" and not options.demo
    assert options_from("--profile", "au1", "--sim").demo
    assert options_from(environ={"TWILIO_EXPLORER_OPENAPI": str(FIXTURES)}).openapi_dir == FIXTURES
    assert options_from().openapi_dir is None and options_from().theme == "dark"
    with pytest.raises(AttributeError):
        options.read_only = False  # type: ignore[misc]


def tree_labels(app: ExplorerApp) -> list[str]:
    tree: Tree[Any] = app.screen.query_one(ResourceTree).tree_widget
    labels: list[str] = []
    nodes = list(tree.root.children)
    while nodes:
        node = nodes.pop()
        labels.append(str(node.label))
        nodes.extend(node.children)
    return labels


async def test_openapi_dir_reaches_the_browser(tmp_path: Path) -> None:
    """Launched with --openapi DIR, the browser lists DIR's resources (widgets), not the bundled ones."""
    twilio = FakeTwilio()
    options = options_from("--openapi", str(FIXTURES))
    app = make_app(
        Options(copy_path=tmp_path / "c.sh", openapi_dir=options.openapi_dir),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio),
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            labels = tree_labels(app)
            if labels:
                break
    assert any("widgets" in label for label in labels)
    assert any("gadgets" in label for label in labels)
    assert not any("applications" in label for label in labels)


def test_launch_starts_the_demo_simulator_on_the_options_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """`launch` hands --openapi DIR to the demo session (start-up and `:profile demo` alike)."""
    import explorer.assembly as assembly
    import explorer.ui.app as ui_app

    seen: list[Path | None] = []
    built: dict[str, Any] = {}

    def fake_demo(seed: str | None = None, *, openapi_dir: Path | None = None) -> Any:
        seen.append(openapi_dir)
        return fake_session(FakeTwilio())

    class NotRun:
        return_code = 0

        def run(self) -> int:
            return 0

    def fake_make_app(options: Options, **loaders: Any) -> NotRun:
        built.update(loaders, options=options)
        return NotRun()

    monkeypatch.setattr(assembly, "demo_session", fake_demo)
    monkeypatch.setattr(ui_app, "make_app", fake_make_app)
    assert assembly.launch(options_from("--openapi", str(FIXTURES))) == 0
    built["session_loader"]()
    built["profile_loader"]("demo")
    assert seen == [FIXTURES, FIXTURES]
    assert built["options"].openapi_dir == FIXTURES


async def test_the_demo_simulator_serves_the_openapi_dir() -> None:
    """The demo session started with DIR answers DIR's list (Widgets), which the bundled catalogue lacks."""
    from explorer.assembly import demo_session

    session = demo_session(openapi_dir=FIXTURES)
    try:
        us1 = next(c for c in session.credentials if c.profile.region == "us1")
        spec = RequestSpec("GET", "/2010-04-01/Accounts/{AccountSid}/Widgets.json")
        with session.sync_client() as client:
            exchange = client.send(spec, us1)
        assert exchange.status_code == 200, exchange.body[:200]
        assert "widgets" in exchange.json()
    finally:
        await session.aclose()
