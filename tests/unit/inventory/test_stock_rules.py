"""The stock status rule and the CSV cell rule, on plain values."""

from __future__ import annotations

import pytest

from services.inventory.stock_rules import default_reorder_quantity, neutralised, stock_status


@pytest.mark.parametrize(
    ("current_stock", "threshold", "status"),
    [
        (0, 0, "critical"),
        (1, 0, "ok"),
        (10, 10, "critical"),
        (9, 10, "critical"),
        (11, 10, "warning"),
        (15, 10, "warning"),  # exactly 1.5 x
        (16, 10, "ok"),
        (3, 2, "warning"),
        (4, 3, "warning"),  # 1.5 x is 4.5
        (5, 3, "ok"),
        (2, 1, "ok"),  # 1.5 x is 1.5: 2 is above it
    ],
)
def test_status_at_and_around_the_boundaries(
    current_stock: int, threshold: int, status: str
) -> None:
    assert stock_status(current_stock, threshold) == status


def test_the_reorder_quantity_defaults_to_twice_the_minimum() -> None:
    assert [default_reorder_quantity(minimum) for minimum in (0, 1, 7)] == [0, 2, 14]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("iPhone =15", "iPhone =15"),
        ("'=already", "'=already"),
        ("", ""),
        ("12", "12"),
    ],
)
def test_only_a_formula_start_is_neutralised(cell: str, written: str) -> None:
    assert neutralised(cell) == written
