"""A request description: what to send, on which host, with which kind of credential; never a secret.

Query strings and form bodies are percent-encoded here exactly as curl's `--data-urlencode` puts them on the
wire (curl 7.88, Debian 12): everything but `A-Z a-z 0-9 - . _ ~` is escaped and a space becomes `+`; in a
query string added with `-G`, curl's URL parser also lower-cases the hex digits. Twilio decodes all of these
the same way; matching them byte for byte lets a test prove that the curl command and the httpx request send
the same thing.
"""

from __future__ import annotations

__all__ = ["ACCOUNT_SID_PARAM", "AuthKind", "RequestSpec", "encode_pairs", "path_params", "split_template"]

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus

from explorer.core.errors import InputError
from explorer.core.hosts import HostPlan, plan_host

if TYPE_CHECKING:
    import httpx

ACCOUNT_SID_PARAM = "AccountSid"

_PARAM = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
# Literal path characters kept as they are; everything else is percent-encoded. None of these is special
# inside double quotes in a shell, which lets curl.py wrap a URL holding "$VARS" in one pair of quotes.
_PATH_SAFE = "/:@-._~"


class AuthKind(StrEnum):
    """Which credential a request is sent with (HTTP Basic either way)."""

    API_KEY = "api-key"
    """API key SID and secret."""
    AUTH_TOKEN = "auth-token"
    """Account SID and Auth Token."""


_ESCAPE = re.compile(r"%[0-9A-F]{2}")


def encode_component(value: str) -> str:
    """Percent-encode like curl's `--data-urlencode`: all but unreserved characters (UTF-8), space as `+`."""
    return quote_plus(value, safe="")


def encode_pairs(pairs: Iterable[tuple[str, str]], *, lower_hex: bool = False) -> str:
    """`name=value&...` with both sides percent-encoded, order kept; `lower_hex` as curl's `-G` sends it."""
    encoded = "&".join(f"{encode_component(name)}={encode_component(value)}" for name, value in pairs)
    return _ESCAPE.sub(lambda escape: escape.group().lower(), encoded) if lower_hex else encoded


def split_template(path: str) -> list[tuple[str, bool]]:
    """Split a path template into (text, is_param) pieces: `/A/{Sid}.json` → `/A/`, `Sid`, `.json`.

    Raises:
        InputError: the path does not start with `/`, or has an unbalanced brace.
    """
    if not path.startswith("/"):
        raise InputError(
            f"the path {path!r} must start with '/'", hint="for example /2010-04-01/Accounts.json"
        )
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _PARAM.finditer(path):
        pieces.append((path[position : match.start()], False))
        pieces.append((match.group(1), True))
        position = match.end()
    pieces.append((path[position:], False))
    for text, is_param in pieces:
        if not is_param and ("{" in text or "}" in text):
            raise InputError(
                f"the path {path!r} has an unbalanced '{{' or '}}'", hint="write parameters as {Name}"
            )
    return [(text, is_param) for text, is_param in pieces if text or is_param]


def path_params(path: str) -> tuple[str, ...]:
    """The names of a path template's `{Params}`, in order: `/A/{AccountSid}/Calls/{Sid}` → AccountSid, Sid."""
    return tuple(text for text, is_param in split_template(path) if is_param)


def _encode_segment_value(value: str) -> str:
    encoded = quote(value, safe="")
    # "." and ".." would be squashed as dot-segments by curl and httpx; encode them so both send them as is.
    if encoded in (".", ".."):
        encoded = encoded.replace(".", "%2E")
    return encoded


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """One Twilio REST request, immutable and free of secrets."""

    method: str
    """HTTP method, upper case."""
    path: str
    """Path template, `{AccountSid}` and other `{Params}` allowed."""
    product: str = "api"
    """Product host label."""
    region: str | None = None
    """Region setting (None: unset)."""
    edge: str | None = None
    """Edge setting (None: unset)."""
    path_params: tuple[tuple[str, str], ...] = ()
    """Values for `{Params}` other than `{AccountSid}`, which comes from the Account SID."""
    query: tuple[tuple[str, str], ...] = ()
    """Query parameters, in order."""
    form: tuple[tuple[str, str], ...] = ()
    """Form fields (application/x-www-form-urlencoded), in order."""
    auth: AuthKind = AuthKind.API_KEY
    """Which kind of credential it is sent with."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z]+", self.method):
            raise InputError(
                f"the method {self.method!r} is not an HTTP method", hint="use GET, POST or DELETE"
            )
        pieces = split_template(self.path)
        given = dict(self.path_params)
        for name, _ in (*self.query, *self.form):
            if not name:
                raise InputError("a parameter has an empty name", hint="write NAME=VALUE")
        for text, is_param in pieces:
            if is_param and text != ACCOUNT_SID_PARAM and text not in given:
                raise InputError(
                    f"the path parameter {{{text}}} has no value", hint=f"pass --param {text}=VALUE"
                )
            if is_param and given.get(text) == "":
                # An empty segment turns /Calls/{Sid}.json into /Calls/.json: another resource, not this one.
                raise InputError(
                    f"the path parameter {{{text}}} is empty", hint=f"pass --param {text}=VALUE with a value"
                )
        self.host_plan  # noqa: B018 - validates region, edge and product now, not at send time

    @property
    def host_plan(self) -> HostPlan:
        """The host the helper libraries build for this request's product, region and edge."""
        return plan_host(self.product, self.region, self.edge)

    @property
    def fqdn(self) -> str:
        """The host the request goes to."""
        return self.host_plan.fqdn

    def encoded_path(self, account_sid: str, variables: Mapping[str, str] | None = None) -> str:
        """The path with every parameter percent-encoded; `account_sid` may be a placeholder like `$VAR`.

        `variables` maps parameter names to text written as it is instead of their value: a shell variable
        (`$CALL_SID`) that a curl command leaves for the reader to set.
        """
        values = dict(self.path_params)
        out: list[str] = []
        for text, is_param in split_template(self.path):
            if not is_param:
                out.append(quote(text, safe=_PATH_SAFE))
            elif variables and text in variables:
                out.append(variables[text])
            elif text == ACCOUNT_SID_PARAM and text not in values:
                # A placeholder ($TWILIO_ACCOUNT_SID) must reach the shell unencoded; a real SID has no
                # character to encode anyway.
                out.append(account_sid)
            else:
                out.append(_encode_segment_value(values[text]))
        return "".join(out)

    @property
    def query_string(self) -> str:
        """The encoded query string, without `?`.

        curl sends a query built with `-G --data-urlencode` with lower-case hex; when a form body takes the data
        options the query is written into the URL as is (upper case), see `explorer.core.curl`.
        """
        return encode_pairs(self.query, lower_hex=not self.form)

    @property
    def body(self) -> bytes:
        """The encoded form body."""
        return encode_pairs(self.form).encode("ascii")

    def url(self, account_sid: str) -> str:
        """The exact URL, query included."""
        url = f"https://{self.fqdn}{self.encoded_path(account_sid)}"
        return f"{url}?{self.query_string}" if self.query else url

    def to_httpx(self, account_sid: str) -> httpx.Request:
        """The `httpx.Request` to send, without credentials.

        The Authorization header is added at send time by an `httpx.Auth` (`explorer.core.auth`), so no
        frame between here and the socket holds the secret as text.
        """
        import httpx  # deferred: the command line must not pay for httpx

        headers = {"Accept": "application/json"}
        content: bytes | None = None
        if self.form:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            content = self.body
        return httpx.Request(self.method, self.url(account_sid), headers=headers, content=content)

    def __str__(self) -> str:
        return f"{self.method} https://{self.fqdn}{self.path}"
