"""In-memory product models."""

from typing import TYPE_CHECKING

from db.repositories.catalog.product import ProductFilter, ProductListing
from db.tables.catalog import ProductModelRow
from tests.fakes.base import InMemoryRepository
from tests.fakes.catalog.listing import by_name, matches, page

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeProductModelRepository(InMemoryRepository[ProductModelRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow
        # What refers to each model, as the SQL repository finds it in the referring
        # tables (PRODUCT_MODEL_REFERENCES); tests set it to stand for parts etc.
        self.used_by: dict[str, list[str]] = {}

    def _listing(self, row: ProductModelRow) -> ProductListing:
        brand = self._uow.brands.rows[row.brand_id]
        return ProductListing.of(row, brand)

    def _matching(self, where: ProductFilter) -> list[ProductModelRow]:
        return by_name(
            row
            for row in self.rows.values()
            if matches(where.search, row.name, row.sku)
            and where.brand_id in (None, row.brand_id)
            and where.type in (None, row.type)
        )

    def list_page(self, where: ProductFilter, *, offset: int, limit: int) -> list[ProductListing]:
        return [self._listing(row) for row in page(self._matching(where), offset, limit)]

    def count(self, where: ProductFilter) -> int:
        return len(self._matching(where))

    def listing(self, product_id: str) -> ProductListing | None:
        row = self.rows.get(product_id)
        return None if row is None else self._listing(row)

    def with_sku(self, sku: str) -> ProductModelRow | None:
        return next((row for row in self.rows.values() if row.sku == sku), None)

    def referred_to_by(self, product_id: str) -> list[str]:
        return list(self.used_by.get(product_id, []))
