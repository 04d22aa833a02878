"""The history's excerpt of a big list page: the same lines as formatting it whole, for a fraction of it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from explorer.core import excerpt
from explorer.core.excerpt import ACCOUNT_SID_SHOWN, MAX_LINES, response_excerpt

ACCOUNT = "AC" + "a1" * 16


def _page(records: int, *, nested: bool) -> dict[str, Any]:
    def record(n: int) -> dict[str, Any]:
        item: dict[str, Any] = {"sid": f"AP{n:032x}", "account_sid": ACCOUNT, "friendly_name": f"app {n}"}
        if nested:
            item["subresource_uris"] = {f"link{k}": f"/2010-04-01/x/{k}.json" for k in range(40)}
            item["auth_token"] = "s3cret-value"
        return item

    return {"applications": [record(n) for n in range(records)], "next_page_uri": "/2010?Page=1", "page": 0}


def _whole(body: bytes) -> str:
    """The excerpt as it was made before: the whole body scrubbed and formatted, then cut."""
    text = json.dumps(excerpt._scrub(json.loads(body)), indent=2, ensure_ascii=False)
    text = excerpt._ACCOUNT_SID.sub(ACCOUNT_SID_SHOWN, excerpt.redact_secretish(text))
    lines = text.splitlines()
    shown = "\n".join(lines[:MAX_LINES])
    cut = len(lines) > MAX_LINES
    if len(shown) > excerpt.MAX_CHARS:
        shown, cut = shown[: excerpt.MAX_CHARS].rsplit("\n", 1)[0], True
    return "\n".join(excerpt.visible(line) for line in shown.split("\n")) + ("\n…" if cut else "")


@pytest.mark.parametrize("records", [0, 1, 2, 3, 7, 8, 24, 25, 26, 1000])
@pytest.mark.parametrize("nested", [False, True])
def test_a_page_excerpt_reads_as_if_the_whole_page_were_formatted(records: int, nested: bool) -> None:
    """Whatever the page's size and nesting, the excerpt's lines (and its closing …) are those of the whole."""
    body = json.dumps(_page(records, nested=nested)).encode()
    assert response_excerpt(body) == _whole(body)


def test_an_excerpt_formats_only_the_members_it_can_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1,000-record page is formatted for the records that fit in the excerpt, not all of them."""
    formatted: list[Any] = []
    real_dumps = json.dumps

    def dumps(value: Any, **options: Any) -> str:
        formatted.append(value)
        return real_dumps(value, **options)

    monkeypatch.setattr(excerpt.json, "dumps", dumps)
    shown = response_excerpt(real_dumps(_page(1000, nested=True)).encode())
    assert shown is not None and shown.endswith("\n…")
    (document,) = formatted
    assert _members(document) <= MAX_LINES + 1


def _members(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(_members(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(_members(item) for item in value)
    return 0
