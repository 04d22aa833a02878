"""Write forms: built from the catalogue, validated before sending, and confirmed with Region, host and Account."""

from __future__ import annotations

import pytest

from explorer.catalog.loader import load_catalog
from explorer.core.endpoint import Endpoint, EndpointKind, Operation, Param
from explorer.core.errors import InputError
from explorer.core.forms import (
    FieldProblem,
    FormError,
    FormField,
    build_form,
    describe_write,
    validate_form,
    write_spec,
)
from explorer.core.request import RequestSpec

ACCOUNT = "AC" + "a1" * 16
APP_SID = "AP" + "c3" * 16


def test_create_form_lists_required_fields_first_without_path_params() -> None:
    """Creating a call asks for To and From first; AccountSid is not a field, and enums become choices."""
    form = build_form(load_catalog().get("api:calls"), "POST")
    names = [field.name for field in form]
    assert names[:2] == ["To", "From"]
    assert all(field.required for field in form[:2]) and not any(field.required for field in form[2:])
    assert "AccountSid" not in names
    method = next(field for field in form if field.name == "Method")
    assert (method.location, method.choices, method.editable) == ("form", ("GET", "POST"), True)


def test_update_form_shows_the_record_sid_as_a_fixed_value() -> None:
    """Updating an application shows its Sid as a fixed, non-editable value before the editable fields."""
    form = build_form(load_catalog().get("api:applications:instance"), "POST", path_values={"Sid": APP_SID})
    assert (form[0].name, form[0].location, form[0].fixed, form[0].editable) == (
        "Sid",
        "path",
        APP_SID,
        False,
    )
    assert form[0].pattern == "^AP[0-9a-fA-F]{32}$"
    assert {field.location for field in form[1:]} == {"form"}


def test_update_form_without_the_record_is_refused() -> None:
    """Asking for an update form with no record to update explains that the record must be opened first."""
    with pytest.raises(InputError) as caught:
        build_form(load_catalog().get("api:applications:instance"), "POST")
    assert caught.value.message == "api:applications:instance needs a value for {Sid}"


def test_an_operation_the_resource_lacks_is_refused() -> None:
    """A delete form for a list names the operations it does have."""
    with pytest.raises(InputError) as caught:
        build_form(load_catalog().get("api:applications"), "DELETE")
    assert caught.value.hint == "its operations are: GET, POST"


def test_header_params_are_not_offered() -> None:
    """The X-Twilio-Webhook-Enabled header of a Conversations create is not a form field."""
    names = [field.name for field in build_form(load_catalog().get("conversations:conversations"), "POST")]
    assert "X-Twilio-Webhook-Enabled" not in names
    assert names[:2] == ["FriendlyName", "UniqueName"]


FIELDS = (
    FormField("To", "form", "string", required=True),
    FormField("From", "form", "string", required=True),
    FormField("Method", "form", "string", choices=("GET", "POST")),
    FormField("ApplicationSid", "form", "string", pattern="^AP[0-9a-fA-F]{32}$"),
    FormField("Timeout", "form", "integer", minimum=5, maximum=600),
    FormField("Ratio", "query", "number", minimum=0.5),
    FormField("Record", "form", "boolean"),
    FormField("Sid", "path", "string", fixed="CA" + "0" * 32),
)


def test_valid_values_are_normalised_and_kept_in_order() -> None:
    """Good values come back ready to send: whole numbers and booleans normalised, text exactly as typed."""
    values = {"Record": "TRUE", "To": " +353 1 ", "From": "+15005550006", "Timeout": " 030", "Ratio": "0.75",
              "ApplicationSid": APP_SID, "Method": "POST", "Unused": ""}  # fmt: skip
    assert validate_form(FIELDS, values) == {
        "To": " +353 1 ",
        "From": "+15005550006",
        "Method": "POST",
        "ApplicationSid": APP_SID,
        "Timeout": "30",
        "Ratio": "0.75",
        "Record": "true",
    }


def test_every_problem_is_listed_at_once() -> None:
    """Submitting a bad form lists every problem: missing, not a choice, pattern, number, range, unknown."""
    values = {"From": "", "Method": "PUT", "ApplicationSid": "AP123", "Timeout": "3", "Ratio": "nan",
              "Record": "yes", "Colour": "blue"}  # fmt: skip
    with pytest.raises(FormError) as caught:
        validate_form(FIELDS, values)
    assert caught.value.problems == (
        FieldProblem("To", "is required"),
        FieldProblem("From", "is required"),
        FieldProblem("Method", "must be one of GET, POST"),
        FieldProblem("ApplicationSid", "does not match the pattern ^AP[0-9a-fA-F]{32}$"),
        FieldProblem("Timeout", "must be at least 5"),
        FieldProblem("Ratio", "must be a finite number, not 'nan'"),
        FieldProblem("Record", "must be true or false, not 'yes'"),
        FieldProblem("Colour", "is not a parameter of this operation"),
    )
    assert caught.value.message.startswith("8 values to fix: To is required; From is required; Method must")
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        (FormField("N", "form", "integer"), "1.5", "must be a whole number, not '1.5'"),
        (FormField("N", "form", "integer", maximum=1000), "1001", "must be at most 1000"),
        (FormField("N", "form", "number"), "ten", "must be a number, not 'ten'"),
        (FormField("N", "form", "number", maximum=2.5), "3", "must be at most 2.5"),
    ],
)
def test_number_problems_are_explained(field: FormField, value: str, problem: str) -> None:
    """A value that is not a number of the right kind, or out of range, says which."""
    with pytest.raises(FormError) as caught:
        validate_form([field], {"N": value})
    assert caught.value.problems == (FieldProblem("N", problem),)


def test_an_ecmascript_named_group_pattern_is_checked() -> None:
    """A pattern written with ECMAScript's (?<name>...) is still checked in Python."""
    field = FormField("Code", "form", "string", pattern=r"^(?<digits>\d{4})$")
    assert field.pattern_checked
    assert validate_form([field], {"Code": "1234"}) == {"Code": "1234"}
    with pytest.raises(FormError):
        validate_form([field], {"Code": "12a4"})


def test_an_uncompilable_pattern_is_left_unchecked() -> None:
    """A pattern Python cannot compile does not block the form; the field says it is unchecked."""
    field = FormField("Name", "form", "string", pattern=r"^\p{L}+[$")
    assert not field.pattern_checked
    assert validate_form([field], {"Name": "anything"}) == {"Name": "anything"}


def test_the_write_request_is_built_from_the_form() -> None:
    """The validated form becomes the IE1 request: fixed Sid in the path, fields in the body."""
    endpoint = load_catalog().get("api:applications:instance")
    form = build_form(endpoint, "POST", path_values={"Sid": APP_SID})
    values = validate_form(form, {"FriendlyName": "Dublin app", "VoiceMethod": "GET"})
    spec = write_spec(endpoint, "post", form, values, region="ie1", edge="dublin")
    assert spec == RequestSpec(
        "POST",
        "/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json",
        region="ie1",
        edge="dublin",
        path_params=(("Sid", APP_SID),),
        form=(("FriendlyName", "Dublin app"), ("VoiceMethod", "GET")),
    )


def test_confirmation_names_region_host_and_account() -> None:
    """Before a create, the confirmation names the Region, the host, the Account and the values sent."""
    spec = RequestSpec(
        "POST",
        "/2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists/{Sid}/Credentials.json",
        region="au1",
        edge="sydney",
        path_params=(("Sid", "CL" + "0" * 32),),
        form=(("Username", "alice"), ("Password", "hunter2-SECRET")),
    )
    assert describe_write(spec, ACCOUNT, "au1") == (
        "This will write to Twilio Region AU1.\n"
        "  Region:  AU1\n"
        "  Host:    api.sydney.au1.twilio.com\n"
        f"  Account: {ACCOUNT}\n"
        f"  Request: POST /2010-04-01/Accounts/{ACCOUNT}/SIP/CredentialLists/CL{'0' * 32}/Credentials.json\n"
        "  Values:\n"
        "    Username  alice\n"
        "    Password  ••••••••"
    )


def test_delete_confirmation_warns_it_cannot_be_undone() -> None:
    """Before a delete, the confirmation says what is deleted where, and that it cannot be undone."""
    spec = RequestSpec(
        "DELETE",
        "/2010-04-01/Accounts/{AccountSid}/Applications/{Sid}.json",
        path_params=(("Sid", APP_SID),),
    )
    text = describe_write(spec, ACCOUNT, "us1")
    assert text.splitlines()[0] == "This will delete from Twilio Region US1."
    assert "  Host:    api.twilio.com" in text
    assert text.endswith("  Deleting cannot be undone.")


def test_a_catalogue_minimum_and_enum_apply() -> None:
    """A field built from a synthetic catalogue operation carries its minimum, maximum and choices."""
    endpoint = Endpoint(
        id="demo:things",
        name="things",
        product="demo",
        version="v1",
        path="/v1/Things",
        kind=EndpointKind.LIST,
        parent=None,
        list_key="things",
        envelope=None,
        default_columns=(),
        operations=(
            Operation(
                "POST",
                (
                    Param("Size", "form", "integer", required=True, minimum=1, maximum=3),
                    Param("Kind", "form", "string", enum=("a", "b")),
                ),
            ),
        ),
        max_page_size=None,
        fields=(),
    )
    form = build_form(endpoint, "POST")
    with pytest.raises(FormError) as caught:
        validate_form(form, {"Size": "0", "Kind": "c"})
    assert [problem.message for problem in caught.value.problems] == [
        "must be at least 1",
        "must be one of a, b",
    ]


def test_friendly_name_comes_first_among_optional_fields() -> None:
    """Creating an application opens on FriendlyName, not on ApiVersion and a dozen URLs."""
    fields = build_form(load_catalog().get("api:applications"), "POST", path_values={})
    editable = [f.name for f in fields if f.editable]
    assert editable[0] == "FriendlyName"
