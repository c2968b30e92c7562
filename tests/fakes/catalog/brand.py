"""In-memory brands."""

from typing import TYPE_CHECKING

from db.repositories.catalog.brand import BrandRecord
from db.tables.catalog import BrandRow
from tests.fakes.base import InMemoryRepository
from tests.fakes.catalog.listing import by_name, matches, page

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeBrandRepository(InMemoryRepository[BrandRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow

    def _matching(self, search: str | None) -> list[BrandRow]:
        return by_name(row for row in self.rows.values() if matches(search, row.name))

    def list_page(self, *, search: str | None, offset: int, limit: int) -> list[BrandRecord]:
        return [
            BrandRecord(row.id, row.name, row.created_at, row.updated_at)
            for row in page(self._matching(search), offset, limit)
        ]

    def count(self, *, search: str | None) -> int:
        return len(self._matching(search))

    def with_name_key(self, name_key: str) -> BrandRow | None:
        return next((row for row in self.rows.values() if row.name_key == name_key), None)

    def referred_to_by(self, brand_id: str) -> list[str]:
        models = self._uow.product_models.rows.values()
        return ["product models"] if any(row.brand_id == brand_id for row in models) else []
