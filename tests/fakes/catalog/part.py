"""In-memory parts, the product models they fit, and their stock ledger."""

from collections.abc import Sequence

from db.records import record_of
from db.repositories.catalog.part import PartFilter, PartRecord
from db.repositories.catalog.product import ProductSummaryRecord
from db.tables.catalog import PartRow, PartStockEntryRow, ProductModelRow
from tests.fakes.base import InMemoryRepository


class FakePartRepository(InMemoryRepository[PartRow]):
    def __init__(self) -> None:
        super().__init__()
        # (part id, product id) pairs, like the part_fits table.
        self.fits: set[tuple[str, str]] = set()
        self.entries: list[PartStockEntryRow] = []
        # The product models parts may fit: seeded by the tests.
        self.product_models: dict[str, ProductModelRow] = {}

    def find(self, part_id: str) -> PartRecord | None:
        row = self.rows.get(part_id)
        return record_of(PartRecord, row) if row is not None else None

    def _matching(self, where: PartFilter) -> list[PartRow]:
        needle = where.search.casefold() if where.search is not None else None
        low_stock = where.low_stock
        return [
            row
            for row in self.rows.values()
            if (needle is None or needle in row.name.casefold() or needle in row.sku.casefold())
            and (where.product_id is None or (row.id, where.product_id) in self.fits)
            and (low_stock is None or (row.stock_quantity <= row.minimum_stock) == low_stock)
        ]

    def list_parts(self, where: PartFilter, *, offset: int, limit: int) -> list[PartRecord]:
        rows = sorted(self._matching(where), key=lambda row: (row.name, row.id))
        return [record_of(PartRecord, row) for row in rows[offset : offset + limit]]

    def count_parts(self, where: PartFilter) -> int:
        return len(self._matching(where))

    def products_of(self, part_ids: Sequence[str]) -> dict[str, list[ProductSummaryRecord]]:
        found: dict[str, list[ProductSummaryRecord]] = {}
        for part_id in part_ids:
            models = [
                self.product_models[product_id]
                for fitted_part, product_id in self.fits
                if fitted_part == part_id
            ]
            models.sort(key=lambda model: (model.name, model.id))
            found[part_id] = [record_of(ProductSummaryRecord, model) for model in models]
        return found

    def sku_taken(self, sku: str, *, except_part_id: str | None = None) -> bool:
        return any(row.sku == sku and row.id != except_part_id for row in self.rows.values())

    def missing_products(self, product_ids: Sequence[str]) -> list[str]:
        return [product_id for product_id in product_ids if product_id not in self.product_models]

    def set_fits(self, part_id: str, product_ids: Sequence[str]) -> None:
        self.fits = {fit for fit in self.fits if fit[0] != part_id}
        self.fits.update((part_id, product_id) for product_id in product_ids)

    def add_entry(self, entry: PartStockEntryRow) -> None:
        self.entries.append(entry)

    def entries_of(self, part_id: str) -> list[PartStockEntryRow]:
        return [entry for entry in self.entries if entry.part_id == part_id]

    def is_referenced(self, part_id: str) -> bool:
        return any(entry.ticket_id is not None for entry in self.entries_of(part_id))

    def delete(self, part: PartRow) -> None:
        self.fits = {fit for fit in self.fits if fit[0] != part.id}
        self.entries = [entry for entry in self.entries if entry.part_id != part.id]
        del self.rows[part.id]
