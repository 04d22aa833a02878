"""The rich views: HTML and Markdown with every foreign string escaped, concise reprs, no secret anywhere,
and the core's own values shown the same way inside IPython."""

from __future__ import annotations

import re

import pytest

from explorer.core.client import Exchange, Timings
from explorer.core.request import RequestSpec
from explorer.core.verdict import classify_host
from explorer.model.target import Target
from explorer.notebook import Curl, Explorer, HostReport, Page, Request, Response
from explorer.notebook.markup import md_code, md_text

HOSTILE = "<script>alert('x')</script> **bold** [link](http://evil) `tick` | pipe \x1b[31mred\x07 & done"


def _exchange(body: bytes, status: int = 400) -> Exchange:
    return Exchange(
        method="GET",
        url="https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC123/Applications.json",
        request_headers=(("Authorization", "Basic [redacted]"), ("X-Echo", HOSTILE)),
        request_body=b"",
        status_code=status,
        response_headers=(("Content-Type", "application/json"), ("X-Server", HOSTILE)),
        body=body,
        timings=Timings(0.0123),
    )


def _assert_escaped_html(html: str) -> None:
    assert "<script" not in html and "\x1b" not in html and "\x07" not in html
    assert "&lt;script&gt;" in html
    assert "\\x1b" in html  # the control character is shown, not obeyed


def _assert_escaped_markdown(markdown: str) -> None:
    assert "\x1b" not in markdown and "\x07" not in markdown
    # Outside code blocks, nothing renders as a tag, emphasis or link.
    outside = re.sub(r"(`{3,})[^\n]*\n.*?\n\1", "", markdown, flags=re.S)
    assert "<script" not in outside and "**bold**" not in outside and "](http" not in outside


def test_an_exchange_with_a_hostile_body_and_headers_is_escaped() -> None:
    body = (
        '{"code": 20003, "message": "' + HOSTILE.replace("\x1b", "\\u001b").replace("\x07", "\\u0007") + '"}'
    ).encode()
    response = Response(_exchange(body, 401), Target("api", "au1", "sydney"))
    html = response._repr_html_()
    _assert_escaped_html(html)
    assert "20003 Authentication failed" in html and "Basic [redacted]" in html
    _assert_escaped_markdown(response._repr_markdown_())
    assert repr(response).endswith("→ 401 error 20003 in 12 ms>")


def test_a_page_of_hostile_records_is_escaped() -> None:
    page = Page("api:applications", "api.sydney.au1.twilio.com", ({"sid": "AP1", "friendly_name": HOSTILE},),
                1, False, None)  # fmt: skip
    _assert_escaped_html(page._repr_html_())
    markdown = page._repr_markdown_()
    _assert_escaped_markdown(markdown)
    row = markdown.splitlines()[-1]
    assert row.count(" | ") == 1  # the value's `|` did not split the row into more cells
    assert (
        repr(page)
        == "<Page api:applications on api.sydney.au1.twilio.com: 1 records from 1 page · the whole list>"
    )


def test_markdown_helpers() -> None:
    assert md_text("a*b_c<d>&") == r"a\*b\_c&lt;d&gt;&amp;"
    fenced = md_code("x ``` y", "bash")
    assert fenced.startswith("````bash\n") and fenced.endswith("\n````")


def test_host_request_and_curl_views() -> None:
    ex = Explorer(region="au1", edge=None)  # nothing is sent: the session is never started
    report = ex.host()
    assert isinstance(report, HostReport)
    assert repr(report) == "<HostReport api.au1.twilio.com retired; fix: api.sydney.au1.twilio.com>"
    html = report._repr_html_()
    assert "explorer-bad" in html and "Fix:" in html and "api.sydney.au1.twilio.com" in html
    assert "**retired**" in report._repr_markdown_()
    ex.point("au1")
    assert "explorer-ok" in ex.host()._repr_html_() and "Fix:" not in ex.host()._repr_html_()
    request = ex.request("api:applications", FriendlyName=HOSTILE)
    assert isinstance(request, Request)
    _assert_escaped_html(request._repr_html_())
    curl = ex.curl("api:applications")
    assert isinstance(curl, Curl)
    assert '-u "$TWILIO_API_KEY:$TWILIO_API_SECRET"' in str(curl)
    assert curl._repr_markdown_().startswith("```bash\n")
    assert "language-bash" in curl._repr_html_()
    ex.close()


def test_no_secret_reaches_any_view(au1: Explorer) -> None:
    secrets = [c.secret.reveal() for c in au1.session.credentials]
    shown = []
    for value in (au1.send("api:applications"), au1.send_with_key_of("us1"), au1.list("api:applications", limit=3),
                  au1.curl("api:applications"), au1.request("api:applications"), au1.host()):  # fmt: skip
        shown += [repr(value), value._repr_html_(), value._repr_markdown_()]
    text = "\n".join(shown)
    assert "Basic [redacted]" in text
    assert not [s for s in secrets if s in text]


def test_the_cores_values_are_rich_in_ipython(au1: Explorer) -> None:
    """A Verdict, RequestSpec or Exchange from the Python API shows as the notebook's views in IPython."""
    pytest.importorskip("IPython", reason="IPython is in the notebook extra")
    from IPython.core.interactiveshell import InteractiveShell

    from explorer.notebook.ipython import enable_rich_output

    shell = InteractiveShell.instance()
    assert enable_rich_output()
    spec = RequestSpec(
        "GET", "/2010-04-01/Accounts/{AccountSid}/Applications.json", region="au1", edge="sydney"
    )
    for value, needle in ((classify_host("api.au1.twilio.com"), "retired"), (spec, "curl"),
                          (au1.send("api:applications").exchange, "200")):  # fmt: skip
        data, _ = shell.display_formatter.format(value)
        assert {"text/html", "text/markdown", "text/plain"} <= data.keys()
        assert needle in data["text/html"]
        assert len(data["text/plain"]) < 300  # concise, not a dataclass dump
