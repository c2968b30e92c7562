"""Units' services on the fakes: a catalog with one model and one warehouse."""

from datetime import UTC, datetime

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 5, 20, 9, tzinfo=UTC)
MODEL_ID = "model-1"
WAREHOUSE_ID = "warehouse-1"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def uow(owner: UserRow, stranger: UserRow) -> FakeUnitOfWork:
    # The users of tests/unit/conftest.py's unit of work, and a catalog.
    uow = FakeUnitOfWork([owner, stranger])
    uow.brands.add(
        BrandRow(id="brand-1", name="Apple", name_key="apple", created_at=T0, updated_at=T0)
    )
    uow.product_models.add(
        ProductModelRow(
            id=MODEL_ID,
            name="iPhone 15",
            sku="IP15",
            type="phone",
            brand_id="brand-1",
            created_at=T0,
            updated_at=T0,
        )
    )
    uow.warehouses.add(
        WarehouseRow(id=WAREHOUSE_ID, name="Main", code="MAIN", created_at=T0, updated_at=T0)
    )
    return uow
