"""Write forms built from a catalogue operation: the fields, their validation, the request and its confirmation.

`build_form` turns an operation's query and form parameters into `FormField`s (required ones first, as the
catalogue orders them otherwise); path parameters are not editable, they appear only as fixed values (the
`Sid` of the record being updated). `validate_form` checks every value before anything is sent and reports
every problem at once in a `FormError`. `write_spec` makes the `RequestSpec`, and `describe_write` the text
the confirmation dialog shows: the Region, the host and the Account, before anything is written.

Twilio's patterns are ECMAScript regular expressions. Python's `re` reads the ones Twilio uses (`^AC[0-9a-fA-F]
{32}$`); a pattern it cannot compile is left unchecked (`FormField.pattern_checked` is False) rather than
blocking the form, since the server validates again anyway.

    FormError(InputError)    one or more values are not acceptable; `problems` lists them per field
"""

from __future__ import annotations

__all__ = [
    "FieldProblem",
    "FormError",
    "FormField",
    "build_form",
    "describe_write",
    "field_from_param",
    "validate_form",
    "write_spec",
]

import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from explorer.core.endpoint import Endpoint, Param
from explorer.core.errors import InputError
from explorer.core.request import ACCOUNT_SID_PARAM, AuthKind, RequestSpec

_EDITABLE = ("query", "form")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BOOLEANS = {"true": "true", "false": "false"}
# Parameters whose values are secrets of their own: the confirmation names them but masks the value.
_SECRET_PARAM = re.compile(r"(?i)password|secret|token")
_NOT_SECRET = frozenset({"PageToken"})


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str] | None:
    # ECMAScript spells a named group (?<name>...); Python wants (?P<name>...). Lookbehinds (?<= (?<! stay.
    translated = re.sub(r"\(\?<(?![=!])", "(?P<", pattern)
    try:
        return re.compile(translated)
    except re.error:
        return None


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of a write form."""

    name: str
    """The parameter name on the wire (`FriendlyName`, `StartTime>`)."""
    location: str
    """`query`, `form`, or `path` for a fixed value."""
    type: str
    """JSON schema type: `string`, `integer`, `number`, `boolean`, `array`."""
    required: bool = False
    """Whether the operation requires a value."""
    choices: tuple[str, ...] = ()
    """The allowed values, when the catalogue lists them (offer them as a choice)."""
    pattern: str | None = None
    """The catalogue's regular expression for the value, if any."""
    minimum: float | None = None
    """Smallest allowed number."""
    maximum: float | None = None
    """Largest allowed number."""
    format: str | None = None
    """JSON schema format, a hint for the input (`uri`, `date-time`, `phone-number`)."""
    fixed: str | None = None
    """For a path parameter: its value, shown but not editable."""

    @property
    def editable(self) -> bool:
        """Whether the user types a value (False for fixed path values)."""
        return self.fixed is None

    @property
    def pattern_checked(self) -> bool:
        """Whether `pattern` can be checked here (False when Python cannot compile Twilio's pattern)."""
        return self.pattern is not None and _compile(self.pattern) is not None

    @property
    def secret(self) -> bool:
        """Whether the value is a secret of its own (a SIP password, a call token): mask it when shown."""
        return bool(_SECRET_PARAM.search(self.name)) and self.name not in _NOT_SECRET


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """Why one value is not acceptable."""

    name: str
    """The field's name."""
    message: str
    """What is wrong, in a few words (`is required`, `must be one of GET, POST`)."""


class FormError(InputError):
    """One or more form values are not acceptable; nothing was sent."""

    title = "Check the form"

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        """Every problem, in field order."""
        listed = "; ".join(f"{problem.name} {problem.message}" for problem in self.problems)
        count = len(self.problems)
        super().__init__(
            f"{count} value{'s' if count != 1 else ''} to fix: {listed}",
            hint="correct the marked fields; nothing was sent",
        )


def field_from_param(param: Param, *, fixed: str | None = None) -> FormField:
    """The form field for one catalogue parameter."""
    return FormField(
        name=param.name,
        location=param.location,
        type=param.type,
        required=param.required,
        choices=param.enum,
        pattern=param.pattern,
        minimum=param.minimum,
        maximum=param.maximum,
        format=param.format,
        fixed=fixed,
    )


_COMMON_FIELDS = frozenset({"FriendlyName", "UniqueName"})


def build_form(
    endpoint: Endpoint, method: str, *, path_values: Mapping[str, str] | None = None
) -> tuple[FormField, ...]:
    """The form for `method` on `endpoint`: fixed path values first, then required fields, then the rest.

    Args:
        endpoint: the catalogue endpoint (a list for create, an instance for update and delete).
        method: `POST`, `DELETE`, ... (`GET` gives the list's filters).
        path_values: values for the path parameters (the record's `Sid`); each becomes a fixed field.
            `{AccountSid}` never appears: it comes from the credential.

    Raises:
        InputError: the endpoint has no such operation, or a path parameter has no value.
    """
    operation = endpoint.operation(method)
    if operation is None:
        offered = ", ".join(o.method for o in endpoint.operations) or "none"
        raise InputError(
            f"{endpoint.id} has no {method.upper()} operation", hint=f"its operations are: {offered}"
        )
    values = dict(path_values or {})
    fixed: list[FormField] = []
    for name in endpoint.path_params:
        if name == ACCOUNT_SID_PARAM:
            continue
        if name not in values:
            raise InputError(
                f"{endpoint.id} needs a value for {{{name}}}",
                hint="open the record first; its path values fill the form",
            )
        param = next((p for p in operation.params if p.name == name), None)
        param = param or Param(name=name, location="path", type="string", required=True)
        fixed.append(field_from_param(param, fixed=values[name]))
    # Header and JSON-body parameters are left out: a RequestSpec sends neither.
    editable = [field_from_param(p) for p in operation.params if p.location in _EDITABLE]
    # Required fields first, then the fields people fill most (FriendlyName names nearly every Twilio
    # resource), then the catalogue's order: a create form should not open on ApiVersion.
    editable.sort(key=lambda f: (not f.required, f.name not in _COMMON_FIELDS))
    return (*fixed, *editable)


def _check(field: FormField, value: str) -> tuple[str, list[str]]:
    """The value as it is sent, and what is wrong with it."""
    problems: list[str] = []
    cleaned = value
    number: float | None = None
    if field.type == "integer":
        if _INTEGER.fullmatch(value.strip()):
            cleaned = str(int(value.strip()))
            number = int(cleaned)
        else:
            problems.append(f"must be a whole number, not {value!r}")
    elif field.type == "number":
        try:
            number = float(value.strip())
        except ValueError:
            problems.append(f"must be a number, not {value!r}")
        else:
            if not math.isfinite(number):
                problems.append(f"must be a finite number, not {value!r}")
                number = None
            else:
                cleaned = value.strip()
    elif field.type == "boolean":
        normalized = _BOOLEANS.get(value.strip().lower())
        if normalized is None:
            problems.append(f"must be true or false, not {value!r}")
        else:
            cleaned = normalized
    if number is not None:
        if field.minimum is not None and number < field.minimum:
            problems.append(f"must be at least {_number(field.minimum)}")
        if field.maximum is not None and number > field.maximum:
            problems.append(f"must be at most {_number(field.maximum)}")
    if field.choices and cleaned not in field.choices:
        problems.append("must be one of " + ", ".join(field.choices))
    if field.pattern is not None:
        compiled = _compile(field.pattern)
        # JSON Schema patterns are not anchored: a match anywhere counts unless the pattern anchors itself.
        if compiled is not None and compiled.search(cleaned) is None:
            problems.append(f"does not match the pattern {field.pattern}")
    return cleaned, problems


def _number(value: float) -> str:
    # The catalogue holds ints or floats (JSON has one number type); show 5, not 5.0.
    return str(int(value)) if float(value).is_integer() else str(value)


def validate_form(fields: Iterable[FormField], values: Mapping[str, str]) -> dict[str, str]:
    """Check `values` against `fields` and return the values to send, in field order.

    An empty value means "not given". Integers and booleans are normalised (`" 07"` → `7`, `TRUE` → `true`);
    other values are sent exactly as typed. Fixed fields are not in the result (they go in the path).

    Raises:
        FormError: any value is missing, not a choice, not a number, out of range, does not match its
            pattern, or names no field. Every problem is listed, not just the first.
    """
    field_list = [f for f in fields if f.editable]
    known = {f.name for f in field_list}
    problems: list[FieldProblem] = []
    cleaned: dict[str, str] = {}
    for field in field_list:
        value = values.get(field.name, "")
        if value == "":
            if field.required:
                problems.append(FieldProblem(field.name, "is required"))
            continue
        result, wrong = _check(field, value)
        problems.extend(FieldProblem(field.name, message) for message in wrong)
        if not wrong:
            cleaned[field.name] = result
    problems.extend(
        FieldProblem(name, "is not a parameter of this operation")
        for name in values
        if name not in known and values[name] != ""
    )
    if problems:
        raise FormError(problems)
    return cleaned


def write_spec(
    endpoint: Endpoint,
    method: str,
    fields: Iterable[FormField],
    values: Mapping[str, str],
    *,
    region: str | None,
    edge: str | None,
    auth: AuthKind = AuthKind.API_KEY,
) -> RequestSpec:
    """The request that sends validated `values` (from `validate_form`) with `fields`' fixed path values.

    Raises:
        InputError: a path value is missing, or the region or edge is not usable.
    """
    field_list = list(fields)
    locations = {f.name: f.location for f in field_list}
    return RequestSpec(
        method=method.upper(),
        path=endpoint.path,
        product=endpoint.product,
        region=region,
        edge=edge,
        path_params=tuple((f.name, f.fixed) for f in field_list if f.fixed is not None),
        query=tuple((n, v) for n, v in values.items() if locations.get(n) == "query"),
        form=tuple((n, v) for n, v in values.items() if locations.get(n) == "form"),
        auth=auth,
    )


_VERBS = {"POST": "write to", "PUT": "write to", "DELETE": "delete from"}


def describe_write(spec: RequestSpec, account_sid: str, region: str) -> str:
    """The confirmation text: which Region, host and Account are written to, and what is sent.

    Args:
        spec: the write about to be sent.
        account_sid: the Account it is sent for.
        region: the Processing Region of the credential (`ie1`).
    """
    verb = _VERBS.get(spec.method, "send to")
    lines = [
        f"This will {verb} Twilio Region {region.upper()}.",
        f"  Region:  {region.upper()}",
        f"  Host:    {spec.fqdn}",
        f"  Account: {account_sid}",
        f"  Request: {spec.method} {spec.encoded_path(account_sid)}",
    ]
    sent = [*spec.query, *spec.form]
    if sent:
        lines.append("  Values:")
        width = max(len(name) for name, _ in sent)
        for name, value in sent:
            shown = "•" * 8 if _SECRET_PARAM.search(name) and name not in _NOT_SECRET else value
            lines.append(f"    {name.ljust(width)}  {shown}")
    elif spec.method == "DELETE":
        lines.append("  Deleting cannot be undone.")
    return "\n".join(lines)
