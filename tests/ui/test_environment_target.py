"""The app opens on TWILIO_REGION/TWILIO_EDGE, says where they came from, shows what each library builds, and
refuses an unknown Region in `:region` the way the command line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.cli.main import build_parser
from explorer.cli.options import app_options
from explorer.core.errors import UnknownNameError
from explorer.model.options import Options
from explorer.model.target import Target
from explorer.ui.app import ExplorerApp, make_app
from tests.ui.fakes import FakeTwilio, fake_session
from tests.ui.helpers import command, ready, shown
from tests.ui.notices import notices

ENVIRON = {"TWILIO_REGION": "au1", "TWILIO_EDGE": "sydney"}


def _options(*argv: str, environ: dict[str, str]) -> Options:
    return app_options(build_parser().parse_args(list(argv)), environ)


def test_the_start_target_comes_from_the_environment_unless_a_profile_is_named() -> None:
    target = _options(environ=ENVIRON).target
    assert target == Target("api", "au1", "sydney")
    assert target.source_text == "region au1 from TWILIO_REGION, edge sydney from TWILIO_EDGE"
    assert _options("--profile", "work", environ=ENVIRON).target == Target()
    assert _options(environ={}).target.source_text is None
    with pytest.raises(UnknownNameError, match="TWILIO_REGION"):
        _options(environ={"TWILIO_REGION": "xx1"})
    # Once changed in the app, the values no longer claim to come from the environment.
    assert target.with_region("ie1").source_text is None


def _app(twilio: FakeTwilio, tmp_path: Path, target: Target) -> ExplorerApp:
    return make_app(
        Options(copy_path=tmp_path / "c.sh", target=target),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )


async def test_picker_shows_the_source_and_what_each_library_builds(
    twilio: FakeTwilio, tmp_path: Path
) -> None:
    app = _app(twilio, tmp_path, _options(environ={"TWILIO_REGION": "au1"}).target)
    async with app.run_test(size=(130, 60)) as pilot:
        screen = await ready(pilot)
        assert screen.target.fqdn == "api.au1.twilio.com"
        assert "region au1 from TWILIO_REGION" in shown(app, "#live")
        table = shown(app, "#libraries")
        assert "What each library builds" in table
        names = ("python", "csharp")
        rows = {line.split()[0]: line for line in table.splitlines() if line.strip().startswith(names)}
        assert "api.au1.twilio.com" in rows["python"] and "retired" in rows["python"]
        assert "api.twilio.com" in rows["csharp"] and "ignores TWILIO_REGION" in rows["csharp"]
        await pilot.click("#preset-au1")
        await pilot.pause()
        table = shown(app, "#libraries")
        assert "region au1 from TWILIO_REGION" not in shown(app, "#live")
        assert table.count("api.sydney.au1.twilio.com") == 8


async def test_region_command_refuses_an_unknown_region(app: ExplorerApp) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "region xx1")
        assert screen.target == Target()
        messages = [n.message for n in notices(app)]
        assert any("unknown Region 'xx1'" in m and "us1, ie1, au1" in m for m in messages)
