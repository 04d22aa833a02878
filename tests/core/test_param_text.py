"""The `Name=value&Other=value` text of a request's parameters and a list's filters: one reading for both."""

from __future__ import annotations

import pytest

from explorer.core.errors import InputError
from explorer.core.param_text import format_params, parse_params


def test_pairs_are_read_in_order_with_values_taken_literally() -> None:
    """Names are trimmed, values kept as typed (`+`, spaces, `=`), empty pieces skipped."""
    assert parse_params(" To=+61 400&&Body=a=b c& ") == (("To", "+61 400"), ("Body", "a=b c"))
    assert parse_params("") == ()


def test_a_piece_without_an_equals_sign_is_refused_with_the_fix() -> None:
    """`Status` alone names the piece and says how to write it."""
    with pytest.raises(InputError) as caught:
        parse_params("A=1&Status")
    assert caught.value.message == "the parameter 'Status' has no '='"
    assert caught.value.hint == "write Name=value&Other=value"


def test_formatting_reads_back_the_same_pairs() -> None:
    """What the field shows parses back to the same pairs."""
    pairs = (("Status", "completed"), ("To", "+61 400"))
    assert format_params(pairs) == "Status=completed&To=+61 400"
    assert parse_params(format_params(pairs)) == pairs
