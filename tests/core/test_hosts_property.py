"""No input may ever produce a host outside twilio.com."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import LabelError
from explorer.core.hosts import plan_host

anything = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["au1", "ie1", "sydney", "x.y", "a:1"]))


@settings(max_examples=300)
@given(product=st.text(max_size=20), region=anything, edge=anything)
def test_every_planned_host_stays_inside_twilio_com(
    product: str, region: str | None, edge: str | None
) -> None:
    """Whatever the product, region and edge, the host is a twilio.com name of DNS labels, or an error."""
    try:
        fqdn = plan_host(product, region, edge).fqdn
    except LabelError:
        return
    assert fqdn.endswith(".twilio.com")
    assert all(label and label.replace("-", "").isalnum() and label.isascii() for label in fqdn.split("."))
