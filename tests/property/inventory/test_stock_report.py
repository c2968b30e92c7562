"""The stock report's CSV for any text: no cell a spreadsheet reads as a formula, and
Python's csv reader gets back exactly the cells written (neutralised ones with their
leading quote), whatever commas, quotes and line breaks the names hold."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from db.repositories.inventory.stock_level import StockLevelRecord
from services.inventory.stock_report import HEADER, report_cells, stock_report_csv
from services.inventory.stock_rules import FORMULA_STARTS, NEUTRALISER, neutralised

# Text that a spreadsheet or a CSV parser may trip on, more often than chance would.
hostile = st.text(
    alphabet=st.sampled_from(list("=+-@\t\r\n,\"' ;aZ0")) | st.characters(codec="utf-8"),
    max_size=30,
)
levels = st.builds(
    StockLevelRecord,
    id=hostile,
    name=hostile,
    sku=hostile,
    type=hostile,
    virtual_warehouse_type=st.sampled_from(["parts", "dead_stock"]),
    current_stock=st.integers(0, 10**6),
    threshold=st.integers(0, 10**6),
    reorder_quantity=st.integers(0, 2 * 10**6),
    alert_enabled=st.booleans(),
    status=st.sampled_from(["ok", "warning", "critical"]),
)


@given(hostile)
def test_a_neutralised_cell_starts_no_formula_and_keeps_the_text(cell: str) -> None:
    written = neutralised(cell)

    assert not written.startswith(FORMULA_STARTS)
    assert written == (NEUTRALISER + cell if cell.startswith(FORMULA_STARTS) else cell)


@given(st.lists(levels, max_size=8))
def test_the_csv_reads_back_as_the_neutralised_cells(rows: list[StockLevelRecord]) -> None:
    read = list(csv.reader(io.StringIO(stock_report_csv(rows), newline="")))

    assert read[0] == list(HEADER)
    assert read[1:] == [[neutralised(cell) for cell in report_cells(row)] for row in rows]
