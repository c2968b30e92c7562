"""Stock levels (``inventory.getStockLevels``, ``getLowStockAlerts``,
``exportStockReport``) and the thresholds that set them off (``setThreshold``).

A stock level is one product model in one virtual warehouse: how many units are there
now, against the threshold set for that place. The answers' wrappers keep the
contract's camelCase (``stockLevels``, ``criticalCount``, ``warningCount``); the rows
are snake_case, as the contract spells them.
"""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import CamelOutput, SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, JsonInteger
from schemas.fields import ResourceId
from schemas.inventory.vocabulary import StockStatus, VirtualWarehouseType
from schemas.paging import PageInput

# Far above any shop's stock; kept low enough that the status rule's 3 x threshold
# stays a 32-bit integer in SQL (PostgreSQL's integer overflows past 2,147,483,647).
THRESHOLD_MAX: Final = 1_000_000

Quantity = Annotated[JsonInteger, Field(ge=0, le=THRESHOLD_MAX)]


class GetStockLevelsInput(PageInput):
    """One virtual warehouse's levels, one status's (None: all); ``search`` finds the
    text in the model's name or SKU, ignoring case."""

    warehouse_type: VirtualWarehouseType | None = None
    status: StockStatus | None = None


class ExportStockReportInput(SnakeInput):
    """The filters of getStockLevels but the search; every matching row, no page."""

    warehouse_type: VirtualWarehouseType | None = None
    status: StockStatus | None = None


class SetThresholdInput(SnakeInput):
    product_id: ResourceId
    warehouse_type: VirtualWarehouseType
    minimum_quantity: Quantity
    # Left out: minimum_quantity x 2.
    reorder_quantity: Quantity | None = None
    alert_enabled: JsonBoolean = True


class StockLevel(SnakeOutput):
    product_id: str
    product_name: str
    sku: str
    product_type: str
    virtual_warehouse_type: VirtualWarehouseType
    current_stock: int
    threshold: int
    reorder_quantity: int
    status: StockStatus
    alert_enabled: bool


class StockLevelPage(CamelOutput):
    stock_levels: list[StockLevel]
    total: int


class LowStockAlerts(CamelOutput):
    alerts: list[StockLevel]
    critical_count: int
    warning_count: int


class StockReport(SnakeOutput):
    csv: str
    filename: str
