"""In-memory warehouses."""

from db.repositories.catalog.warehouse import WarehouseRecord
from db.tables.catalog import WarehouseRow
from tests.fakes.base import InMemoryRepository
from tests.fakes.catalog.listing import by_name, matches, page


class FakeWarehouseRepository(InMemoryRepository[WarehouseRow]):
    def __init__(self) -> None:
        super().__init__()
        # What refers to each warehouse (WAREHOUSE_REFERENCES); tests set it.
        self.used_by: dict[str, list[str]] = {}

    def _matching(self, search: str | None) -> list[WarehouseRow]:
        return by_name(row for row in self.rows.values() if matches(search, row.name, row.code))

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[WarehouseRecord]:
        return [
            WarehouseRecord._make(getattr(row, name) for name in WarehouseRecord._fields)
            for row in page(self._matching(search), offset, limit)
        ]

    def count(self, *, search: str | None) -> int:
        return len(self._matching(search))

    def with_code(self, code: str) -> WarehouseRow | None:
        return next((row for row in self.rows.values() if row.code == code), None)

    def referred_to_by(self, warehouse_id: str) -> list[str]:
        return list(self.used_by.get(warehouse_id, []))
