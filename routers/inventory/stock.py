"""``inventory.getStockLevels``, ``setThreshold``, ``getLowStockAlerts`` and
``exportStockReport``: per product model and virtual warehouse, the units there now
against the threshold that warns. Every signed-in role, as the contract's "Roles: All"."""

from __future__ import annotations

from typing import Any, Final

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.catalog.samples import PRODUCT_ID
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.inventory.stock import (
    ExportStockReportInput,
    GetStockLevelsInput,
    LowStockAlerts,
    SetThresholdInput,
    StockLevel,
    StockLevelPage,
    StockReport,
)
from services.inventory import stock as stock_service
from services.inventory.stock import StockLevelFilter, StockLevelRecord, ThresholdSetting

STATUS_RULE: Final = (
    "status: critical when current_stock is at or below threshold, warning when it is "
    "above but at most 1.5 x threshold, ok above that. A product model appears once "
    "per virtual warehouse where it has units or a threshold (threshold 0, "
    "reorder_quantity 0 and alert_enabled false where none is set; current_stock 0 "
    "where a threshold is set and no unit is). Counted when asked: exact after every "
    "movement."
)

LEVEL_EXAMPLE: Final[dict[str, Any]] = {
    "product_id": PRODUCT_ID,
    "product_name": "iPhone 15",
    "sku": "IP15-128",
    "product_type": "phone",
    "virtual_warehouse_type": "warranty_stock",
    "current_stock": 3,
    "threshold": 2,
    "reorder_quantity": 4,
    "status": "warning",
    "alert_enabled": True,
}
CRITICAL_EXAMPLE: Final[dict[str, Any]] = {
    **LEVEL_EXAMPLE,
    "virtual_warehouse_type": "parts",
    "current_stock": 0,
    "threshold": 1,
    "reorder_quantity": 2,
    "status": "critical",
}
REPORT_EXAMPLE: Final = (
    "product_id,product_name,sku,product_type,virtual_warehouse_type,current_stock,"
    "threshold,reorder_quantity,status,alert_enabled\r\n"
    f"{PRODUCT_ID},iPhone 15,IP15-128,phone,warranty_stock,3,2,4,warning,true\r\n"
)


def level_of(record: StockLevelRecord) -> StockLevel:
    return StockLevel(
        product_id=record.id,
        product_name=record.name,
        sku=record.sku,
        product_type=record.type,
        virtual_warehouse_type=record.virtual_warehouse_type,
        current_stock=record.current_stock,
        threshold=record.threshold,
        reorder_quantity=record.reorder_quantity,
        status=record.status,
        alert_enabled=record.alert_enabled,
    )


@(
    authed.input(GetStockLevelsInput)
    .output(StockLevelPage)
    .meta(
        summary="Stock per product model and virtual warehouse, with its status",
        description=(
            STATUS_RULE + " Ordered by product name, then SKU, then virtual warehouse. "
            "warehouse_type keeps one virtual warehouse's levels, status one status's; "
            "search finds the text in the model's name or SKU, ignoring case. limit "
            "(1-100, 50 by default) and offset give one page; total counts every match."
        ),
        examples=[
            Example("all", {}, {"stockLevels": [LEVEL_EXAMPLE, CRITICAL_EXAMPLE], "total": 2}),
            Example(
                "critical-parts",
                {"warehouse_type": "parts", "status": "critical", "search": "iphone"},
                {"stockLevels": [CRITICAL_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def get_stock_levels(ctx: SignedInContext, params: GetStockLevelsInput) -> StockLevelPage:
    where = StockLevelFilter(
        warehouse_type=params.warehouse_type, status=params.status, search=params.search
    )
    page = stock_service.stock_levels(
        ctx.unit_of_work(), where, offset=params.offset, limit=params.limit
    )
    return StockLevelPage(stock_levels=[level_of(row) for row in page.rows], total=page.total)


@(
    authed.input(SetThresholdInput)
    .output(SuccessResult)
    .meta(
        summary="Set the stock threshold of a product model in a virtual warehouse",
        description=(
            "Adds the threshold, or changes it when one is set. product_id names a "
            "product model (NOT_FOUND otherwise). minimum_quantity and reorder_quantity "
            "0-1,000,000; reorder_quantity left out is minimum_quantity x 2; "
            "alert_enabled (true by default) puts the level among getLowStockAlerts' "
            "when it is at warning or critical. Two callers setting the same threshold "
            "at once both succeed; the later one's values stay."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "minimum-two",
                {
                    "product_id": PRODUCT_ID,
                    "warehouse_type": "warranty_stock",
                    "minimum_quantity": 2,
                },
                {"success": True},
            ),
            Example(
                "silent",
                {
                    "product_id": PRODUCT_ID,
                    "warehouse_type": "parts",
                    "minimum_quantity": 1,
                    "reorder_quantity": 5,
                    "alert_enabled": False,
                },
                {"success": True},
            ),
        ],
    )
    .mutation
)
def set_threshold(ctx: SignedInContext, params: SetThresholdInput) -> SuccessResult:
    setting = ThresholdSetting(
        product_id=params.product_id,
        virtual_warehouse_type=params.warehouse_type,
        minimum_quantity=params.minimum_quantity,
        reorder_quantity=params.reorder_quantity,
        alert_enabled=params.alert_enabled,
    )
    stock_service.set_threshold(
        ctx.unit_of_work(), setting, actor_id=ctx.caller.user_id, clock=ctx.services.clock
    )
    return SuccessResult(success=True)


@(
    authed.output(LowStockAlerts)
    .meta(
        summary="The stock levels at warning or critical whose threshold alerts",
        description=(
            "The levels of getStockLevels (same fields) with status warning or critical "
            "and alert_enabled: critical first, then by product name, SKU and virtual "
            "warehouse; criticalCount and warningCount count them."
        ),
        examples=[
            Example(
                "two",
                {},
                {
                    "alerts": [CRITICAL_EXAMPLE, LEVEL_EXAMPLE],
                    "criticalCount": 1,
                    "warningCount": 1,
                },
            )
        ],
    )
    .query
)
def get_low_stock_alerts(ctx: SignedInContext, _: object) -> LowStockAlerts:
    low = stock_service.low_stock_alerts(ctx.unit_of_work())
    return LowStockAlerts(
        alerts=[level_of(row) for row in low.alerts],
        critical_count=low.critical_count,
        warning_count=low.warning_count,
    )


@(
    authed.input(ExportStockReportInput)
    .output(StockReport)
    .meta(
        summary="The stock levels as a CSV file",
        description=(
            "Every level getStockLevels would list with the same warehouse_type and "
            "status (no page), in its order: a header row of its field names, then one "
            "row per level (RFC 4180: commas, quotes and line breaks quoted; CRLF "
            "line ends). A cell starting with =, +, -, @, a tab or a carriage return "
            "gets a leading ' so spreadsheets show it instead of running it. filename: "
            "stock-report-YYYY-MM-DD.csv, today in UTC. The export is recorded in the "
            "audit log."
        ),
        examples=[
            Example(
                "warranty-stock",
                {"warehouse_type": "warranty_stock"},
                {"csv": REPORT_EXAMPLE, "filename": "stock-report-2026-11-20.csv"},
            )
        ],
    )
    .mutation
)
def export_stock_report(ctx: SignedInContext, params: ExportStockReportInput) -> StockReport:
    where = StockLevelFilter(warehouse_type=params.warehouse_type, status=params.status)
    report = stock_service.stock_report(ctx.unit_of_work(), where, clock=ctx.services.clock)
    return StockReport(csv=report.csv, filename=report.filename)


router: Router[RequestContext] = Router(
    {
        "getStockLevels": get_stock_levels,
        "setThreshold": set_threshold,
        "getLowStockAlerts": get_low_stock_alerts,
        "exportStockReport": export_stock_report,
    }
)
