"""The database floor's ``inventory.listProducts``: one page of units, written by hand.

Two queries on the request's connection, as Switchyard's ``list_units`` runs them: the
page of the units in one virtual warehouse, each joined to its product model, the
model's brand and its warehouse, then how many units that warehouse holds. Each row
becomes the app's output model, ``PhysicalProduct``, with its warranty status judged on
today (UTC) by the app's own rule, its model (with the brand) under ``product`` and its
warehouse under ``physical_warehouse``; the page a ``UnitPage``, dumped in JSON mode, so
the ``result`` is Switchyard's to the byte. Of the params only the virtual warehouse and
the paging are read, with the contract's defaults: that is the filter the benchmark
sends, and a floor validates nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, Protocol

from schemas.inventory.unit import (
    PhysicalProduct,
    UnitBrand,
    UnitModel,
    UnitPage,
    UnitWarehouse,
)
from schemas.paging import PAGE_LIMIT_DEFAULT
from services.inventory.warranty_rules import warranty_status

Row = dict[str, Any]


class UnitReader(Protocol):
    """What the page needs of a floor connection."""

    async def unit_page(
        self, *, virtual_warehouse_type: str, limit: int, offset: int
    ) -> list[Row]: ...
    async def unit_count(self, *, virtual_warehouse_type: str) -> int: ...


def unit_of(row: Row, today: date) -> PhysicalProduct:
    # The row's own columns validate as the unit's fields (the joined ones, named
    # model_* and so on, are not fields and are left out); the embedded two are built
    # from the joined columns.
    warehouse = (
        None
        if row["physical_warehouse_id"] is None
        else UnitWarehouse(
            id=row["physical_warehouse_id"],
            name=row["warehouse_name"],
            code=row["warehouse_code"],
            location=row["warehouse_location"],
        )
    )
    return PhysicalProduct.model_validate(
        {
            **row,
            "warranty_status": warranty_status(row["warranty_end_date"], today),
            "product": UnitModel(
                id=row["product_id"],
                name=row["model_name"],
                sku=row["model_sku"],
                type=row["model_type"],
                brand=UnitBrand(id=row["brand_id"], name=row["brand_name"]),
            ),
            "physical_warehouse": warehouse,
        }
    )


async def answer_unit_page(params: Row, connection: UnitReader) -> Any:
    place = params["virtual_warehouse_type"]
    limit = params.get("limit", PAGE_LIMIT_DEFAULT)
    offset = params.get("offset", 0)
    today = datetime.now(UTC).date()
    rows = await connection.unit_page(virtual_warehouse_type=place, limit=limit, offset=offset)
    page = UnitPage(
        products=[unit_of(row, today) for row in rows],
        total=await connection.unit_count(virtual_warehouse_type=place),
    )
    return page.model_dump(mode="json")
