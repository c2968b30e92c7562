"""In-memory serial-numbered units, viewed with the fake catalog's models, brands and
warehouses."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from db.repositories.inventory.unit import UNIT_FIELDS, UnitViewRecord
from db.tables.inventory import PhysicalProductRow
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
