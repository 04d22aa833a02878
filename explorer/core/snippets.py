"""The same request as a twilio-python and a twilio-node snippet that reach the same host.

Both set region *and* edge (the libraries' own rules would otherwise send the request elsewhere, see
`explorer.core.hosts`) and read secrets from the environment. String values are written with `repr` (Python)
and `json.dumps` (JavaScript), which always yield valid literals; neither leaves a control character raw
(`repr` escapes every non-printable character, and `_js` escapes those `json.dumps` lets through).
"""

from __future__ import annotations

__all__ = ["render_node", "render_python"]

import json

from explorer.core.curl import Placeholders
from explorer.core.request import AuthKind, RequestSpec

_BASE = "https://{product}.twilio.com"


def _js(value: object) -> str:
    """A JavaScript literal for `value`; non-printable characters (DEL, C1, bidi overrides) as `\\uHHHH`."""
    text = json.dumps(value, ensure_ascii=False)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _js_escape(char) for char in text)


def _js_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JavaScript strings hold it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _base_url(spec: RequestSpec, names: dict[str, str]) -> tuple[str, str]:
    """The unrewritten URL the library is given (it applies region and edge itself), and the SID variable."""
    path = spec.encoded_path("{account_sid}")
    return _BASE.format(product=spec.product) + path, names["account_sid"]


def render_python(spec: RequestSpec, placeholders: Placeholders = Placeholders.TWILIO) -> str:
    """A twilio-python script sending `spec` with `Client.request` and the same region and edge."""
    names = placeholders.names
    url, sid_var = _base_url(spec, names)
    if spec.auth is AuthKind.API_KEY:
        user, password = f'os.environ["{names["api_key"]}"]', f'os.environ["{names["api_secret"]}"]'
    else:
        user, password = f'os.environ["{sid_var}"]', f'os.environ["{names["auth_token"]}"]'
    lines = [
        "import os",
        "",
        "from twilio.rest import Client",
        "",
        f"account_sid = os.environ[{sid_var!r}]",
        "client = Client(",
        f"    {user},",
        f"    {password},",
        "    account_sid,",
        f"    region={spec.host_plan.region!r},",
        f"    edge={spec.host_plan.edge!r},",
        ")",
        "response = client.request(",
        f"    {spec.method!r},",
        f"    {url!r}.format(account_sid=account_sid),",
        f"    params={dict(spec.query)!r},",
        f"    data={dict(spec.form)!r},",
        ")",
        "print(response.status_code, response.text)",
    ]
    return "\n".join(lines) + "\n"


def render_node(spec: RequestSpec, placeholders: Placeholders = Placeholders.TWILIO) -> str:
    """A twilio-node script sending `spec` with `client.request` and the same region and edge."""
    names = placeholders.names
    url, sid_var = _base_url(spec, names)
    if spec.auth is AuthKind.API_KEY:
        user, password = f"process.env.{names['api_key']}", f"process.env.{names['api_secret']}"
    else:
        user, password = f"process.env.{sid_var}", f"process.env.{names['auth_token']}"
    js_url = json.dumps(url).replace("{account_sid}", '" + accountSid + "')
    lines = [
        'const twilio = require("twilio");',
        "",
        f"const accountSid = process.env.{sid_var};",
        f"const client = twilio({user}, {password}, {{",
        "  accountSid,",
        f"  region: {json.dumps(spec.host_plan.region)},",
        f"  edge: {json.dumps(spec.host_plan.edge)},",
        "});",
        "client",
        "  .request({",
        f"    method: {json.dumps(spec.method.lower())},",
        f"    uri: {js_url},",
        f"    params: {_js(dict(spec.query))},",
        f"    data: {_js(dict(spec.form))},",
        "  })",
        "  .then((response) => console.log(response.statusCode, JSON.stringify(response.body)));",
    ]
    return "\n".join(lines) + "\n"
