"""The rules of parts' stock, on plain values."""

from __future__ import annotations

import pytest

from services.catalog.part_rules import is_low_stock, stock_after
from services.errors import PreconditionFailed


@pytest.mark.parametrize(
    ("stock", "minimum", "low"),
    [(0, 0, True), (2, 2, True), (1, 2, True), (3, 2, False), (1, 0, False)],
)
def test_low_stock_is_at_or_below_the_minimum(stock: int, minimum: int, low: bool) -> None:
    assert is_low_stock(stock, minimum) is low


def test_stock_after_adds_the_delta_down_to_zero_and_up_to_the_maximum() -> None:
    assert stock_after("Screen", 5, -5, maximum=10) == 0
    assert stock_after("Screen", 5, 5, maximum=10) == 10
    assert stock_after("Screen", 0, 3, maximum=10) == 3


def test_below_zero_names_the_part_and_its_stock() -> None:
    with pytest.raises(PreconditionFailed, match=r"'Screen' has 2 in stock: cannot take out 3"):
        stock_after("Screen", 2, -3, maximum=10)


def test_past_the_maximum_is_refused() -> None:
    with pytest.raises(PreconditionFailed, match=r"most a part can hold \(10\)"):
        stock_after("Screen", 8, 3, maximum=10)
