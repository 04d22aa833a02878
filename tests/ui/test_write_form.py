"""The write form: required fields marked, enums as choices, patterns checked before sending, then the confirmation."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Select, Static

from explorer.model.target import Target
from explorer.ui.browser.confirm_write import ConfirmWriteScreen
from explorer.ui.browser.write_form import WriteFormScreen
from tests.ui.fakes import ACCOUNT_SID
from tests.ui.helpers import paste
from tests.ui.write_form_harness import APP_SID, APPLICATIONS, DELETE_ONE, FormHarness, ie1_form, text_of


async def fill(pilot: Pilot[None], form: WriteFormScreen, name: str, value: str) -> None:
    """Paste `value` into the field called `name`."""
    index = next(i for i, f in enumerate(form.fields) if f.name == name)
    form.query_one(f"#field-{index}", Input).focus()
    await paste(pilot, value)


async def test_required_fields_are_marked_and_first() -> None:
    """FriendlyName is required: it comes first, marked with *, and the Account SID is not asked for."""
    app = FormHarness(ie1_form())
    async with app.run_test(size=(120, 30)):
        labels = [str(label.render()) for label in app.screen.query(".field-label").results(Label)]
        assert labels == ["FriendlyName *", "VoiceMethod", "ApplicationSid", "Password"]
        assert app.screen.query_one("#field-0").has_focus


async def test_enums_are_choices_and_secrets_masked() -> None:
    """VoiceMethod offers GET and POST as choices; the Password input is masked."""
    app = FormHarness(ie1_form())
    async with app.run_test(size=(120, 30)) as pilot:
        select = app.screen.query_one("#field-1", Select)
        select.focus()
        await pilot.press("enter")  # the list the user picks from
        await pilot.pause()
        choices = [str(option.prompt) for option in select.query_one(OptionList).options]
        assert choices == ["(not sent)", "GET", "POST"]
        await pilot.press("escape")
        assert app.screen.query_one("#field-3", Input).password is True
        assert app.screen.query_one("#field-0", Input).password is False


async def test_problems_are_shown_next_to_their_fields_before_sending() -> None:
    """Review with no FriendlyName and a bad ApplicationSid shows both problems by their fields; nothing is returned."""
    form = ie1_form()
    app = FormHarness(form)
    async with app.run_test(size=(120, 30)) as pilot:
        await fill(pilot, form, "ApplicationSid", "AP123")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is form  # no confirmation: nothing can be sent
        assert text_of(form.query_one("#problem-0", Static)) == "✗ FriendlyName is required"
        assert text_of(form.query_one("#problem-2", Static)) == (
            "✗ ApplicationSid does not match the pattern ^AP[0-9a-fA-F]{32}$"
        )
        assert form.query_one("#problem-1").has_class("-shown") is False
        assert "2 values to fix; nothing was sent." in text_of(form.query_one("#write-error", Static))
        assert form.query_one("#field-0").has_focus
        assert app.results == []


async def test_confirmation_names_region_host_account_and_shows_curl() -> None:
    """A valid form goes to a confirmation naming IE1, api.dublin.ie1.twilio.com and the Account, with the curl."""
    form = ie1_form()
    app = FormHarness(form)
    async with app.run_test(size=(120, 30)) as pilot:
        await fill(pilot, form, "FriendlyName", "Dublin app")
        await fill(pilot, form, "ApplicationSid", APP_SID)
        await fill(pilot, form, "Password", "hunter2-secret")
        await pilot.press("enter")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmWriteScreen)
        summary = text_of(confirm.query_one("#confirm-write-summary", Static))
        assert "This will write to Twilio Region IE1." in summary
        assert "Host:    api.dublin.ie1.twilio.com" in summary
        assert f"Account: {ACCOUNT_SID}" in summary
        curl = text_of(confirm.query_one("#confirm-write-curl", Static))
        assert (
            "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Applications.json"
            in curl
        )
        assert "--data-urlencode 'FriendlyName=Dublin app'" in curl
        assert '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"' in curl
        assert "hunter2-secret" not in curl + summary
        assert app.results == []  # still nothing returned before the user says yes
        await pilot.click("#confirm-write-yes")
        await pilot.pause()
        assert len(app.results) == 1
        spec = app.results[0]
        assert spec is not None
        assert (spec.method, spec.fqdn) == ("POST", "api.dublin.ie1.twilio.com")
        assert spec.form == (
            ("FriendlyName", "Dublin app"),
            ("ApplicationSid", APP_SID),
            ("Password", "hunter2-secret"),
        )


async def test_back_from_the_confirmation_keeps_the_form() -> None:
    """Esc on the confirmation returns to the form with the values kept; Esc again cancels with nothing sent."""
    form = ie1_form()
    app = FormHarness(form)
    async with app.run_test(size=(120, 30)) as pilot:
        await fill(pilot, form, "FriendlyName", "Dublin app")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmWriteScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.values()["FriendlyName"] == "Dublin app"
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_delete_shows_the_fixed_sid_and_warns() -> None:
    """Deleting a record shows its Sid as a fixed value; the confirmation says it cannot be undone."""
    form = WriteFormScreen(
        DELETE_ONE,
        "DELETE",
        target=Target.preset("au1"),
        account_sid=ACCOUNT_SID,
        path_values={"Sid": APP_SID},
    )
    app = FormHarness(form)
    async with app.run_test(size=(120, 30)) as pilot:
        assert f"{APP_SID}  (from the record)" in text_of(form.query_one(".field-fixed", Static))
        await pilot.press("ctrl+r")
        await pilot.pause()
        summary = text_of(app.screen.query_one("#confirm-write-summary", Static))
        assert "This will delete from Twilio Region AU1." in summary
        assert "Host:    api.sydney.au1.twilio.com" in summary
        assert "Deleting cannot be undone." in summary
        assert f"Applications/{APP_SID}.json" in text_of(app.screen.query_one("#confirm-write-curl", Static))


async def test_initial_values_fill_the_form_and_redacted_ones_stay_empty() -> None:
    """Sent again from history, the form holds the old values; the redacted Password is empty and focused."""
    initial = {"FriendlyName": "Dublin app", "VoiceMethod": "POST", "Password": "[redacted]"}
    form = WriteFormScreen(
        APPLICATIONS, "POST", target=Target.preset("ie1"), account_sid=ACCOUNT_SID, initial=initial
    )
    app = FormHarness(form)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert form.values() == {
            "FriendlyName": "Dublin app",
            "VoiceMethod": "POST",
            "ApplicationSid": "",
            "Password": "",
        }
        assert form.query_one("#field-2").has_focus  # the first field still empty
