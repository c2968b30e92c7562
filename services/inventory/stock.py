"""Stock levels and their thresholds: per product model and virtual warehouse, the
units there now against the level that warns (the rule: stock_rules.py).

Levels are counted by the database on every read (db/repositories/inventory/
stock_level.py), never kept: the units' places change only through moving.py, and a
level read after a movement counts it.
"""

from dataclasses import dataclass

# Re-exported: what the procedures take and answer with, for the router.
from db.repositories.inventory.stock_level import StockLevelFilter as StockLevelFilter
from db.repositories.inventory.stock_level import StockLevelRecord as StockLevelRecord
from db.tables.inventory import StockThresholdRow
from db.unit_of_work import UnitOfWork
from services.catalog.listing import Page
from services.catalog.product import existing_product
from services.clock import Clock, utc_now
from services.inventory.stock_report import report_filename, stock_report_csv
from services.inventory.stock_rules import CRITICAL, WARNING, default_reorder_quantity


@dataclass(frozen=True)
class ThresholdSetting:
    """inventory.setThreshold: reorder_quantity None is minimum_quantity x 2."""

    product_id: str
    virtual_warehouse_type: str
    minimum_quantity: int
    reorder_quantity: int | None = None
    alert_enabled: bool = True


@dataclass(frozen=True)
class LowStock:
    """The levels that alert (critical first), and how many of each status."""

    alerts: list[StockLevelRecord]
    critical_count: int
    warning_count: int


@dataclass(frozen=True)
class StockReport:
    csv: str
    filename: str


def stock_levels(
    uow: UnitOfWork, where: StockLevelFilter, *, offset: int, limit: int
) -> Page[StockLevelRecord]:
    with uow:
        rows = uow.stock_levels.list_page(where, offset=offset, limit=limit)
        return Page(rows=rows, total=uow.stock_levels.count(where))


def set_threshold(
    uow: UnitOfWork, setting: ThresholdSetting, *, actor_id: str, clock: Clock = utc_now
) -> None:
    """Set (or set again) the threshold of a product model in a virtual warehouse."""
    with uow:
        model = existing_product(uow, setting.product_id)
        reorder = setting.reorder_quantity
        uow.stock_thresholds.put(
            StockThresholdRow(
                product_id=model.id,
                virtual_warehouse_type=setting.virtual_warehouse_type,
                minimum_quantity=setting.minimum_quantity,
                reorder_quantity=(
                    default_reorder_quantity(setting.minimum_quantity)
                    if reorder is None
                    else reorder
                ),
                alert_enabled=setting.alert_enabled,
                updated_by_id=actor_id,
                updated_at=clock(),
            )
        )
        uow.commit()


def low_stock_alerts(uow: UnitOfWork) -> LowStock:
    with uow:
        alerts = uow.stock_levels.alerts()
    statuses = [level.status for level in alerts]
    return LowStock(
        alerts=alerts,
        critical_count=statuses.count(CRITICAL),
        warning_count=statuses.count(WARNING),
    )


def stock_report(
    uow: UnitOfWork, where: StockLevelFilter, *, clock: Clock = utc_now
) -> StockReport:
    """Every level ``where`` keeps, as CSV, named with today's date (UTC).

    The export is recorded in the audit log (committed with nothing else): the stock
    list leaves the system, and who took it is kept."""
    with uow:
        levels = uow.stock_levels.list_all(where)
        uow.commit()
    return StockReport(csv=stock_report_csv(levels), filename=report_filename(clock().date()))
