"""Rules of stock levels, on plain values: no unit of work, no database.

The database applies the same status rule in SQL (db/repositories/inventory/
stock_level.py), so a status filter and a page are the database's work; this is the
rule as Python states it, for the in-memory stores and for the tests that check the two
agree.
"""

from typing import Final

CRITICAL: Final = "critical"
WARNING: Final = "warning"
OK: Final = "ok"

# A cell starting with one of these is read as a formula by spreadsheets (OWASP's "CSV
# injection"): "=", "+", "-", "@", and tab and carriage return, which some spreadsheets
# skip before looking for the others.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
# Put before such a cell: spreadsheets show the text and run nothing.
NEUTRALISER: Final = "'"


def stock_status(current_stock: int, threshold: int) -> str:
    """Critical at or below the threshold, warning within 50% above it (up to and
    including 1.5 x threshold, compared in whole numbers: 2 x count <= 3 x threshold),
    ok above that. A place with no threshold has threshold 0: ok while it holds any
    unit."""
    if current_stock <= threshold:
        return CRITICAL
    if 2 * current_stock <= 3 * threshold:
        return WARNING
    return OK


def default_reorder_quantity(minimum_quantity: int) -> int:
    """What to reorder when no quantity is given: twice the minimum."""
    return minimum_quantity * 2


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet may show it without running it: a leading quote before
    a formula's first character; anything else unchanged."""
    return NEUTRALISER + cell if cell.startswith(FORMULA_STARTS) else cell
