"""The stock report: stock levels as a CSV file a spreadsheet opens.

Written with the csv module, which quotes what needs quoting (commas, quotes, line
breaks); each text cell is first neutralised (services/inventory/stock_rules.py) so a
model named "=HYPERLINK(...)" is shown, not run.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Final

from db.repositories.inventory.stock_level import StockLevelRecord
from services.inventory.stock_rules import neutralised

# The columns, named as getStockLevels names the fields.
HEADER: Final = (
    "product_id",
    "product_name",
    "sku",
    "product_type",
    "virtual_warehouse_type",
    "current_stock",
    "threshold",
    "reorder_quantity",
    "status",
    "alert_enabled",
)


def report_cells(level: StockLevelRecord) -> tuple[str, ...]:
    """One level's cells, in HEADER's order, as written (before neutralising)."""
    return (
        level.id,
        level.name,
        level.sku,
        level.type,
        level.virtual_warehouse_type,
        str(level.current_stock),
        str(level.threshold),
        str(level.reorder_quantity),
        level.status,
        "true" if level.alert_enabled else "false",
    )


def stock_report_csv(levels: Iterable[StockLevelRecord]) -> str:
    """The header, then one line per level (CRLF line ends, as RFC 4180 and the csv
    module write them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(tuple(neutralised(cell) for cell in report_cells(level)) for level in levels)
    return out.getvalue()


def report_filename(today: date) -> str:
    return f"stock-report-{today.isoformat()}.csv"
