"""The ipywidgets picker without a browser: change the dropdowns, press Send, read the outputs."""

from __future__ import annotations

import sys

import pytest

from explorer.core.errors import ExplorerError
from explorer.notebook import Explorer

pytest.importorskip("ipywidgets", reason="ipywidgets is in the notebook extra (pip install -e '.[notebook]')")


def test_the_picker_follows_region_edge_product_and_resource(au1: Explorer) -> None:
    picker = au1.picker()
    assert "api.sydney.au1.twilio.com" in picker.host.value and "valid · AU1" in picker.host.value
    assert "Applications.json" in picker.request.value and "$TWILIO_API_KEY" in picker.request.value

    picker.region.value = "ie1"  # the Region's edge comes with it, as :region
    assert picker.edge.value == "dublin"
    assert "api.dublin.ie1.twilio.com" in picker.host.value and "valid · IE1" in picker.request.value

    picker.edge.value = "(none)"  # region alone: the retired host, with the fix
    assert "api.ie1.twilio.com" in picker.host.value and "retired" in picker.host.value
    assert "api.dublin.ie1.twilio.com" in picker.host.value  # the fix names the host to use

    picker.region.value = "au1"
    picker.product.value = "messaging"
    assert picker.resource.value.startswith("messaging:")
    assert "messaging.sydney.au1.twilio.com" in picker.request.value
    assert not picker.send.disabled
    picker.resource.value = "messaging:services"
    assert "/v1/Services" in picker.request.value


def test_send_shows_the_exchange_and_a_failure_as_an_error(au1: Explorer) -> None:
    picker = au1.picker()
    picker.region.value = "au1"
    picker.send.click()
    assert "GET https://api.sydney.au1.twilio.com/" in picker.result.value and ">200<" in picker.result.value
    picker.edge.value = "(none)"  # the retired host: no Region's credential may go there
    assert picker.result.value == ""  # a change clears the last exchange
    picker.send.click()
    assert "explorer-error" in picker.result.value and "AU1" in picker.result.value
    picker.edge.value = "sydney"


def test_without_ipywidgets_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    ex = Explorer(region="au1")
    with pytest.raises(ExplorerError, match=r"\[notebook\]"):
        ex.picker()
    ex.close()
