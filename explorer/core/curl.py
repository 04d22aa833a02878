"""A request as a curl command that is safe to paste into documentation and reproduces it exactly.

By default the Account SID and the secret are shell variables inside double quotes, so the shell expands them
and nothing secret is printed: `-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"`. Every other word goes through
`shlex.quote`, except a word holding a control or other non-printable character: that one is written with
bash's ANSI-C quoting (`$'a\\x1bb'`, each such character as the `\\xHH` of its UTF-8 bytes), which bash and zsh
turn back into exactly those bytes, and which never puts a raw control character on the terminal that shows
the command. Query parameters are sent with `-G --data-urlencode`, form fields with one `--data-urlencode`
each; the parameter *name* is percent-encoded here (curl passes names as they are) so the bytes on the wire
match `RequestSpec.to_httpx` exactly.

A secret written inline is as good as sent, so `render_curl` applies the wire's scoping rule itself: it
refuses (`RegionScopeError`) to inline a credential into a command for a host outside the credential's
Region, whoever calls it. `Credentials` therefore always carries the profile its secret belongs to.
"""

from __future__ import annotations

__all__ = ["Credentials", "Placeholders", "path_variable", "render_curl", "shell_word"]

import re
import shlex
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum

from explorer.core.profiles import Credential, Profile
from explorer.core.request import AuthKind, RequestSpec, encode_component, split_template
from explorer.core.scoping import check_scope
from explorer.core.secret import Secret


class Placeholders(StrEnum):
    """Which shell variable names stand for the Account SID and the secrets."""

    TWILIO = "twilio"
    """The names twilio-cli and the helper libraries read: TWILIO_ACCOUNT_SID, TWILIO_API_KEY, ..."""
    GUIDE = "guide"
    """The names in Twilio's regional guide: ACCOUNT_SID, API_KEY_SID, API_KEY_SECRET, AUTH_TOKEN."""

    @property
    def names(self) -> dict[str, str]:
        """Variable names for `account_sid`, `api_key`, `api_secret` and `auth_token`."""
        if self is Placeholders.TWILIO:
            return {
                "account_sid": "TWILIO_ACCOUNT_SID",
                "api_key": "TWILIO_API_KEY",
                "api_secret": "TWILIO_API_SECRET",
                "auth_token": "TWILIO_AUTH_TOKEN",
            }
        return {
            "account_sid": "ACCOUNT_SID",
            "api_key": "API_KEY_SID",
            "api_secret": "API_KEY_SECRET",
            "auth_token": "AUTH_TOKEN",
        }


@dataclass(frozen=True, slots=True)
class Credentials:
    """Real values to write inline instead of placeholders. Only ever passed when the user asks for it.

    Raises:
        ValueError: a password without the profile it belongs to (its Region could not be checked).
    """

    account_sid: str | None = None
    """The Account SID (not a secret, but account-identifying)."""
    username: str | None = field(default=None, repr=False)
    """The API key SID, or the Account SID for an Auth Token."""
    password: Secret | None = field(default=None, repr=False)
    """The API key secret or the Auth Token; revealed only into the rendered command."""
    profile: Profile | None = None
    """Whose `password` it is: `render_curl` writes it only into a command for a host of this profile's Region."""

    def __post_init__(self) -> None:
        if self.password is not None and self.profile is None:
            # A programming error, not a user's: an unscoped secret could be printed for any host.
            raise ValueError("an inline password needs the profile whose Region scopes it")

    @classmethod
    def of(cls, credential: Credential) -> Credentials:
        """The Account SID, user name and secret of `credential`, scoped to its profile's Region.

        The one place the explorer reads a secret's text in order to print it.
        """
        profile = credential.profile
        return cls(profile.account_sid, credential.username, credential.secret, profile)


def shell_word(text: str) -> str:
    """`text` as one shell word: `shlex.quote`, or `$'...'` when it holds a non-printable character.

    The `$'...'` form keeps every byte (as `\\xHH`) and shows no raw control character. A NUL cannot be part
    of any command-line argument, in this form or another.
    """
    if text.isprintable():
        return shlex.quote(text)
    return "$'" + "".join(_ansi_c(char) for char in text) + "'"


_ANSI_C_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _ansi_c(char: str) -> str:
    if char in "\\'":
        return "\\" + char
    if char.isprintable():
        return char
    if char in _ANSI_C_SHORT:
        return _ANSI_C_SHORT[char]
    # Bytes, not \\u escapes: bash writes \\uHHHH in the current locale's encoding, not always UTF-8.
    return "".join(f"\\x{byte:02x}" for byte in char.encode("utf-8", "surrogatepass"))


def path_variable(path: str, name: str) -> str:
    """The shell variable that stands for path parameter `name` of `path`: `CALL_SID`, `SERVICE_SID`.

    A parameter named for what it identifies (`{ServiceSid}`, `{PhoneNumber}`) gives its own name in upper
    snake case; a bare `{Sid}` takes the singular of the collection before it (`/Calls/{Sid}` → `CALL_SID`,
    `/IncomingPhoneNumbers/{Sid}` → `INCOMING_PHONE_NUMBER_SID`).
    """
    word = name
    if name == "Sid":
        before = ""
        for text, is_param in split_template(path):
            if is_param and text == name:
                break
            if not is_param:
                before = text
        segment = before.rstrip("/").rsplit("/", 1)[-1]
        if segment and re.fullmatch(r"[A-Za-z]+", segment):
            word = _singular(segment) + "Sid"
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word).upper()


def _variable_word(path: str, name: str) -> str:
    """`$CALL_SID`, or `${CALL_SID}` when the path goes on with a character the shell would read as part of
    the variable's name."""
    pieces = split_template(path)
    variable = path_variable(path, name)
    for index, (text, is_param) in enumerate(pieces):
        if is_param and text == name:
            after = pieces[index + 1][0] if index + 1 < len(pieces) else ""
            if after[:1].isalnum() or after[:1] == "_":
                return "${" + variable + "}"
    return "$" + variable


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def render_curl(
    spec: RequestSpec,
    *,
    placeholders: Placeholders = Placeholders.TWILIO,
    inline: Credentials | None = None,
    multiline: bool = False,
    region_suffix: str | None = None,
    unset_params: Collection[str] = (),
) -> str:
    """Render `spec` as a curl command.

    Args:
        spec: the request.
        placeholders: which variable names to use where values are not inline.
        inline: values to write literally (the Account SID alone fills only the URL; username and password
            replace the `-u` placeholders). Secrets inline only when the caller was explicitly asked.
        multiline: one option per line, joined with ` \\`.
        region_suffix: append `_AU1` (say) to the secret variables' names, for shells that hold one key per
            Region (the simulator's env file does); the Account SID is the same in every Region.
        unset_params: path parameters to write as shell variables (`"$CALL_SID"`, `path_variable`) instead
            of their value in `spec`: the command documents an instance resource without naming one.

    Raises:
        RegionScopeError: `inline` holds a secret and the host is not processed in its profile's Region
            (the same rule as on the wire: `scoping.check_scope`).
        LabelError: the target's labels do not make a host.
    """
    names = placeholders.names
    if region_suffix:
        suffix = "_" + region_suffix.upper()
        names = {role: name if role == "account_sid" else name + suffix for role, name in names.items()}
    sid = inline.account_sid if inline and inline.account_sid else None
    variables = {name: _variable_word(spec.path, name) for name in unset_params}
    path = spec.encoded_path(sid if sid else f"${names['account_sid']}", variables)
    url = f"https://{spec.fqdn}{path}"
    if inline is not None and inline.password is not None:
        if inline.profile is None:  # only by going around __post_init__; refuse all the same
            raise ValueError("an inline password needs the profile whose Region scopes it")
        check_scope(inline.profile, url, printed=True)
    # Query parameters ride on -G --data-urlencode, unless a form body takes the data options; then the
    # (already encoded) query string goes straight into the URL.
    if spec.form and spec.query:
        url = f"{url}?{spec.query_string}"
    # The encoded path and query only hold characters that are inert inside double quotes, so one pair of
    # double quotes lets the shell expand the Account SID variable and keeps everything else literal.
    url_word = f'"{url}"' if "$" in url else shell_word(url)
    data = spec.form or spec.query

    head: list[str] = ["curl"]
    if spec.query and not spec.form:
        head.append("-G")
    if (
        spec.method not in ("GET", "POST")
        or (spec.method == "POST" and not spec.form)
        or (spec.method == "GET" and spec.form)
    ):
        head += ["-X", spec.method]
    head.append(url_word)
    options: list[str] = [
        f"--data-urlencode {shell_word(f'{encode_component(name)}={value}')}" for name, value in data
    ]
    options.append(f"-u {_user_word(spec, names, inline)}")
    if multiline:
        return " \\\n  ".join([" ".join(head), *options])
    return " ".join([*head, *options])


def _user_word(spec: RequestSpec, names: dict[str, str], inline: Credentials | None) -> str:
    if spec.auth is AuthKind.API_KEY:
        user_var, password_var = names["api_key"], names["api_secret"]
    else:
        user_var, password_var = names["account_sid"], names["auth_token"]
    if inline and inline.username is not None and inline.password is not None:
        return shell_word(f"{inline.username}:{inline.password.reveal()}")
    if inline and inline.account_sid and spec.auth is AuthKind.AUTH_TOKEN:
        return f'"{inline.account_sid}:${password_var}"'
    return f'"${user_var}:${password_var}"'
