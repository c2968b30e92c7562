"""Units as the contract's answers show them (one mapping, shared by every
``inventory.*`` procedure that answers a unit)."""

from __future__ import annotations

from schemas.inventory.unit import PhysicalProduct, UnitBrand, UnitModel, UnitWarehouse
from services.inventory.views import UnitView


def unit_of(view: UnitView) -> PhysicalProduct:
    unit = view.unit
    warehouse = (
        None
        if unit.physical_warehouse_id is None or unit.warehouse_name is None
        else UnitWarehouse(
            id=unit.physical_warehouse_id,
            name=unit.warehouse_name,
            code=unit.warehouse_code or "",
            location=unit.warehouse_location,
        )
    )
    return PhysicalProduct.model_validate(
        {
            **unit._asdict(),
            "warranty_status": view.warranty_status,
            "product": UnitModel(
                id=unit.product_id,
                name=unit.model_name,
                sku=unit.model_sku,
                type=unit.model_type,
                brand=UnitBrand(id=unit.brand_id, name=unit.brand_name),
            ),
            "physical_warehouse": warehouse,
        }
    )
