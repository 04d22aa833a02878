"""The notebook API against the real simulator: listing by the server's links, one record, writes, Region
scoping, the 401/20003 demonstration, and the sync and async forms in and out of a running loop."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from dataclasses import replace

import pytest

from explorer.core.errors import ExplorerError, InputError, RegionScopeError
from explorer.notebook import Explorer, Page, Response


def test_list_follows_the_servers_links_up_to_the_limit(au1: Explorer) -> None:
    """60 AU1 applications come in pages of 50: a limit of 55 takes two pages and says more are there."""
    page = au1.list("api:applications", limit=55)
    assert isinstance(page, Page)
    assert len(page) == 55 and page.pages == 2 and page.has_more
    assert page.host == "api.sydney.au1.twilio.com"
    # The second page is the one the first named, nothing the explorer built.
    assert (
        page.exchanges[1].url
        == "https://api.sydney.au1.twilio.com" + page.exchanges[0].json()["next_page_uri"]
    )
    assert all(r["friendly_name"].startswith("AU1") for r in page)
    whole = au1.list("api:applications", limit=1000)
    assert not whole.has_more and whole.next_url is None and len(whole) > 55
    assert len(whole) == sum(len(e.json()["applications"]) for e in whole.exchanges)


def test_list_with_a_page_size_and_a_filter(au1: Explorer) -> None:
    page = au1.list("api:applications", limit=3, page_size=3, FriendlyName="AU1 application 2")
    assert page.pages == 1
    assert "PageSize=3" in page.exchanges[0].url and "FriendlyName=AU1" in page.exchanges[0].url
    assert [r["friendly_name"] for r in page] == ["AU1 application 2"]


def test_get_one_record_and_a_missing_one(au1: Explorer) -> None:
    sid = au1.list("api:applications", limit=1)[0]["sid"]
    response = au1.get("api:applications", sid)
    assert response.ok and response.record is not None and response.record["sid"] == sid
    missing = au1.get("api:applications", "AP" + "0" * 32)
    assert missing.status_code == 404 and not missing.ok
    assert missing.explanation is not None and "20404" in missing.explanation.title


def test_create_writes_and_read_only_refuses_before_anything() -> None:
    with Explorer(region="ie1", edge="dublin", read_only=True) as ex:
        with pytest.raises(InputError, match="read-only"):
            ex.create("api:applications", FriendlyName="nope")
        assert "not started" in repr(ex)  # refused before the simulator was even started
    with Explorer(region="ie1") as ex:  # the edge comes with the Region, as :region does
        assert ex.target.edge == "dublin"
        created = ex.create("api:applications", FriendlyName="from a notebook")
        assert created.status_code == 201 and created.record is not None
        assert ex.get("api:applications", created.record["sid"]).record["friendly_name"] == "from a notebook"  # type: ignore[index]


def test_same_region_scoping_and_errors_as_the_app() -> None:
    """A region without an edge builds the retired host: no Region processes it, so nothing is sent."""
    with Explorer(region="au1", edge=None) as ex:
        assert ex.host().verdict.summary == "retired"
        with pytest.raises(ExplorerError) as caught:
            ex.list("api:applications")
        assert "AU1" in caught.value.text()
        with pytest.raises(ExplorerError, match="no resource named"):
            ex.curl("api:no-such-thing")


def test_the_wrong_region_key_demonstration_gets_401_20003(au1: Explorer) -> None:
    response = au1.send_with_key_of("us1")
    assert response.status_code == 401
    assert response.exchange.twilio_error[0] == 20003
    assert response.explanation is not None and "not issued in AU1" in response.explanation.cause
    # The normal path refuses the same thing before any I/O.
    us1_key = next(c for c in au1.session.credentials if c.profile.region == "us1")
    with pytest.raises(RegionScopeError):
        asyncio.run(au1.session.client().send(au1.request("api:applications").spec, us1_key))


def test_the_demonstration_is_refused_outside_the_simulator(au1: Explorer) -> None:
    real = Explorer(region="au1", edge="sydney")
    real._session = replace(au1.session, name="work", demo=False, stop=None)
    try:
        with pytest.raises(InputError, match="only to the local simulator"):
            real.send_with_key_of("us1")
    finally:
        real.close()


async def test_async_variants_and_sync_calls_inside_a_running_loop(au1: Explorer) -> None:
    """In a kernel the loop is already running: `await ex.alist` works, and so does the blocking `ex.list`."""
    asyncio.get_running_loop()
    page = await au1.alist("api:applications", limit=2)
    assert len(page) == 2
    same = au1.list("api:applications", limit=2)  # would raise "asyncio.run() cannot be called" if naive
    assert [r["sid"] for r in same] == [r["sid"] for r in page]
    one = await au1.aget("api:applications", page[0]["sid"])
    assert one.ok
    sent = await au1.asend("api:applications")
    assert sent.ok and isinstance(sent, Response)


def test_close_stops_the_simulator_and_refuses_later_requests() -> None:
    ex = Explorer(region="au1")
    ex.list("api:applications", limit=1)
    proxy = ex.session.proxy
    assert proxy is not None
    ex.close()
    ex.close()  # idempotent
    with pytest.raises(InputError, match="closed"):
        ex.list("api:applications", limit=1)
    import socket

    host, port = proxy.removeprefix("http://").rsplit(":", 1)
    with pytest.raises(OSError), socket.create_connection((host, int(port)), timeout=2):
        pass


def test_a_script_that_forgets_close_exits_cleanly() -> None:
    """The atexit hook stops the simulator: the interpreter exits with 0 and nothing on stderr."""
    code = (
        "from explorer import Explorer\n"
        "ex = Explorer(region='au1', edge='sydney')\n"
        "print(len(ex.list('api:applications', limit=3)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "3", "")


def test_to_pandas_and_its_clear_error_without_pandas(au1: Explorer, monkeypatch: pytest.MonkeyPatch) -> None:
    page = au1.list("api:applications", limit=4)
    pandas = pytest.importorskip("pandas", reason="pandas is in the notebook extra")
    frame = page.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and list(frame["sid"]) == [r["sid"] for r in page]
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` meets when it is not installed
    with pytest.raises(ExplorerError, match="pip install pandas"):
        page.to_pandas()


def test_importing_the_package_is_free() -> None:
    """`import explorer` loads no notebook code; `from explorer import Explorer` loads neither Textual nor
    ipywidgets nor the simulator."""
    code = (
        "import sys, explorer\n"
        "print(sorted(m for m in sys.modules if m.startswith('explorer.notebook')))\n"
        "from explorer import Explorer\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'ipywidgets', 'uvicorn'}))\n"
        "print(any(m.startswith('explorer.sim') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:3] == ["[]", "[]", "False"]
