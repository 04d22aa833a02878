"""The `:` command bar and the Ctrl+P palette."""

from __future__ import annotations

from pathlib import Path

from explorer.model.target import Target
from explorer.ui.app import ExplorerApp
from explorer.ui.browser.pane import BrowserPane
from explorer.ui.shell.command_bar import CommandBar
from tests.ui.counted_app import build
from tests.ui.helpers import command, ready, settle, type_command
from tests.ui.notices import notices


async def test_region_command_moves_to_au1(app: ExplorerApp) -> None:
    """`:region au1` typed key by key moves the host to api.sydney.au1.twilio.com and closes the bar."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await type_command(pilot, "region au1")
        assert screen.target.fqdn == "api.sydney.au1.twilio.com"
        assert not screen.query_one(CommandBar).display


async def test_edge_and_product_commands(app: ExplorerApp) -> None:
    """`:region ie1`, `:edge london-ix`, `:product messaging` build messaging.london-ix.ie1.twilio.com."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "region ie1")
        await command(pilot, "edge london-ix")
        await command(pilot, "product messaging")
        assert screen.target == Target("messaging", "ie1", "london-ix")
        assert screen.target.fqdn == "messaging.london-ix.ie1.twilio.com"


async def test_unknown_command_is_explained(app: ExplorerApp) -> None:
    """`:regoin au1` leaves the target alone and shows an error naming the known commands."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "regoin au1")
        assert screen.target == Target()
        messages = [n.message for n in notices(app)]
        assert any("no command 'regoin'" in m and "region" in m for m in messages)


async def test_bad_label_is_refused(app: ExplorerApp) -> None:
    """`:edge sydney.evil.com` is refused: a dot is not allowed in a label, the host stays in twilio.com."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "edge sydney.evil.com")
        assert screen.target.edge is None
        assert any("not a DNS label" in n.message for n in notices(app))


async def test_escape_closes_the_bar(app: ExplorerApp) -> None:
    """`:` opens the bar, Esc closes it without running anything."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("colon")
        bar = screen.query_one(CommandBar)
        assert bar.display and bar.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display


async def test_theme_command_switches_theme(app: ExplorerApp) -> None:
    """`:theme light` switches to the light theme."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        assert app.theme == "explorer-dark"
        await command(pilot, "theme light")
        assert app.theme == "explorer-light"
        await command(pilot, "theme high-contrast")
        assert app.theme == "explorer-high-contrast"


async def test_palette_offers_region_commands(app: ExplorerApp) -> None:
    """Ctrl+P, typing `au1`, Enter switches to AU1 like the command bar does."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Region: AU1")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert getattr(screen, "target", None) == Target("api", "au1", "sydney")


async def test_bindings_have_ids_and_tooltips(app: ExplorerApp) -> None:
    """Every binding of the main screen has an id and a tooltip, and none sits only on ctrl+s/j/o/b."""
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        from textual.binding import Binding

        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            assert binding.id and binding.tooltip
            assert binding.key not in ("ctrl+s", "ctrl+j", "ctrl+o", "ctrl+b")


async def test_bare_unknown_word_is_an_unknown_command_with_a_guess(tmp_path: Path) -> None:
    """`:foo` is no command and no resource: it says so (not "Catalogue error"); `:regin` guesses `:region`;
    `:applications` still opens the resource."""
    app, _ = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot)
        await command(pilot, "foo")
        await settle(pilot)
        foo = [n for n in notices(app) if "'foo'" in n.message]
        assert foo, [n.message for n in notices(app)]
        assert foo[-1].title == "Unknown command"
        assert foo[-1].message.startswith("there is no command 'foo'. Fix: ")
        assert "Catalogue" not in foo[-1].title
        await command(pilot, "regin")
        await settle(pilot)
        guess = "there is no command 'regin'. Fix: did you mean :region?"
        assert any(n.message.startswith(guess) for n in notices(app))
        await command(pilot, "applications")
        await settle(pilot)
        browser = screen.query_one(BrowserPane)
        assert browser.navigator.root is not None and browser.navigator.root.id == "api:applications"


async def test_theme_error_ends_its_sentence_before_the_fix(app: ExplorerApp) -> None:
    """`:theme bogus`: "there is no theme 'bogus'. Fix: use one of: …", never glued together."""
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await command(pilot, "theme bogus")
        messages = [n.message for n in notices(app)]
        assert any(m.startswith("there is no theme 'bogus'. Fix: use one of: ") for m in messages), messages
