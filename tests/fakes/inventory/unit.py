"""In-memory serial-numbered units, viewed with the fake catalog's models, brands and
warehouses."""

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from db.repositories.inventory.unit import (
    UNIT_FIELDS,
    UnitFilter,
    UnitViewRecord,
    WarrantyBounds,
    serial_search,
)
from db.tables.inventory import PhysicalProductRow, StockMovementRow
from services.inventory.warranty_rules import warranty_status
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakePhysicalProductRepository(InMemoryRepository[PhysicalProductRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def with_serial(self, serial_number: str) -> PhysicalProductRow | None:
        return next(
            (unit for unit in self.rows.values() if unit.serial_number == serial_number), None
        )

    def lock_by_serial(self, serial_number: str) -> PhysicalProductRow | None:
        unit = self.with_serial(serial_number)
        if unit is not None:
            self.locked.append(unit.id)
        return unit

    def lock_many(self, unit_ids: Sequence[str]) -> list[PhysicalProductRow]:
        found = [self.rows[unit_id] for unit_id in sorted(set(unit_ids)) if unit_id in self.rows]
        self.locked.extend(unit.id for unit in found)
        return found

    def serial_taken(self, serial_number: str) -> bool:
        return self.with_serial(serial_number) is not None

    def view(self, unit_id: str) -> UnitViewRecord | None:
        unit = self.rows.get(unit_id)
        return None if unit is None else self.view_of(unit)

    def view_by_serial(self, serial_number: str) -> UnitViewRecord | None:
        unit = self.with_serial(serial_number)
        return None if unit is None else self.view_of(unit)

    def view_of(self, unit: PhysicalProductRow) -> UnitViewRecord:
        model = self._uow.product_models.rows[unit.product_id]
        brand = self._uow.brands.rows[model.brand_id]
        warehouse = (
            None
            if unit.physical_warehouse_id is None
            else self._uow.warehouses.rows[unit.physical_warehouse_id]
        )
        return UnitViewRecord(
            *(getattr(unit, name) for name in UNIT_FIELDS),
            model_name=model.name,
            model_sku=model.sku,
            model_type=model.type,
            brand_id=brand.id,
            brand_name=brand.name,
            warehouse_name=None if warehouse is None else warehouse.name,
            warehouse_code=None if warehouse is None else warehouse.code,
            warehouse_location=None if warehouse is None else warehouse.location,
        )

    def list_page(
        self, where: UnitFilter, bounds: WarrantyBounds, *, offset: int, limit: int
    ) -> list[UnitViewRecord]:
        found = sorted(
            self._matching(where, bounds), key=lambda unit: (unit.created_at, unit.id), reverse=True
        )
        return [self.view_of(unit) for unit in found[offset : offset + limit]]

    def count(self, where: UnitFilter, bounds: WarrantyBounds) -> int:
        return len(self._matching(where, bounds))

    def serials_taken(self, serial_numbers: Collection[str]) -> set[str]:
        stored = {unit.serial_number for unit in self.rows.values()}
        return stored & set(serial_numbers)

    def known_models(self, product_ids: Collection[str]) -> set[str]:
        return set(self._uow.product_models.rows) & set(product_ids)

    def known_warehouses(self, warehouse_ids: Collection[str]) -> set[str]:
        return set(self._uow.warehouses.rows) & set(warehouse_ids)

    def receive_many(
        self, units: Sequence[Mapping[str, Any]], receipts: Sequence[Mapping[str, Any]]
    ) -> None:
        for unit in units:
            self.add(PhysicalProductRow(**unit))
        for receipt in receipts:
            self._uow.stock_movements.add(StockMovementRow(**receipt))

    def _matching(self, where: UnitFilter, bounds: WarrantyBounds) -> list[PhysicalProductRow]:
        def matches(unit: PhysicalProductRow) -> bool:
            status = warranty_status(unit.warranty_end_date, bounds.today)
            return (
                where.physical_warehouse_id in (None, unit.physical_warehouse_id)
                and where.virtual_warehouse_type in (None, unit.virtual_warehouse_type)
                and where.condition in (None, unit.condition)
                and where.warranty_status in (None, status)
                and (where.search is None or serial_search(where.search) in unit.serial_number)
            )

        return [unit for unit in self.rows.values() if matches(unit)]
