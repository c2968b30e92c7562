"""In-memory stock thresholds, keyed by (product model, virtual warehouse)."""

from db.tables.inventory import StockThresholdRow


class FakeStockThresholdRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], StockThresholdRow] = {}

    def add(self, row: StockThresholdRow) -> None:
        self.rows[(row.product_id, row.virtual_warehouse_type)] = row

    def find(self, product_id: str, virtual_warehouse_type: str) -> StockThresholdRow | None:
        return self.rows.get((product_id, virtual_warehouse_type))

    def put(self, row: StockThresholdRow) -> None:
        self.rows[(row.product_id, row.virtual_warehouse_type)] = row
