"""The warehouse service on the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.catalog import warehouse as warehouse_service
from services.catalog.listing import PageRequest
from services.catalog.warehouse import NewWarehouse, WarehouseChanges
from services.errors import Conflict, NotFound
from tests.fakes import FakeClock, FakeUnitOfWork


def test_create_and_update(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    warehouse = warehouse_service.create_warehouse(
        uow, NewWarehouse(name="Main", code="MAIN", location="Back room"), clock=clock
    )
    clock.advance(timedelta(minutes=1))

    warehouse_service.update_warehouse(
        uow, warehouse.id, WarehouseChanges(code="MAIN-2", location=None), clock=clock
    )

    assert (warehouse.name, warehouse.code, warehouse.location) == ("Main", "MAIN-2", None)
    assert warehouse.updated_at == clock() != warehouse.created_at


def test_a_taken_code_is_refused(uow: FakeUnitOfWork) -> None:
    warehouse_service.create_warehouse(uow, NewWarehouse(name="A", code="A1"))
    other = warehouse_service.create_warehouse(uow, NewWarehouse(name="B", code="B1"))

    with pytest.raises(Conflict, match=warehouse_service.CODE_TAKEN):
        warehouse_service.create_warehouse(uow, NewWarehouse(name="C", code="A1"))
    with pytest.raises(Conflict, match=warehouse_service.CODE_TAKEN):
        warehouse_service.update_warehouse(uow, other.id, WarehouseChanges(code="A1"))
    warehouse_service.update_warehouse(uow, other.id, WarehouseChanges(code="B1"))
    assert other.code == "B1"


def test_missing_warehouses_are_not_found(uow: FakeUnitOfWork) -> None:
    message = warehouse_service.WAREHOUSE_NOT_FOUND
    with pytest.raises(NotFound, match=message):
        warehouse_service.update_warehouse(uow, "missing", WarehouseChanges(name="X"))
    with pytest.raises(NotFound, match=message):
        warehouse_service.delete_warehouse(uow, "missing")


def test_a_warehouse_something_refers_to_is_kept(uow: FakeUnitOfWork) -> None:
    warehouse = warehouse_service.create_warehouse(uow, NewWarehouse(name="A", code="A1"))
    uow.warehouses.used_by[warehouse.id] = ["serial-numbered products"]

    with pytest.raises(Conflict, match=r"^Warehouse is still used by serial-numbered products$"):
        warehouse_service.delete_warehouse(uow, warehouse.id)
    assert warehouse.id in uow.warehouses.rows


def test_delete_removes_an_unused_warehouse(uow: FakeUnitOfWork) -> None:
    warehouse = warehouse_service.create_warehouse(uow, NewWarehouse(name="A", code="A1"))

    warehouse_service.delete_warehouse(uow, warehouse.id)

    assert uow.warehouses.rows == {}


def test_list_searches_name_and_code(uow: FakeUnitOfWork) -> None:
    for name, code in (("Side", "NORTH-1"), ("North hall", "H-2"), ("South", "S-3")):
        warehouse_service.create_warehouse(uow, NewWarehouse(name=name, code=code))

    page = warehouse_service.list_warehouses(uow, PageRequest(search="north"))

    assert [w.name for w in page.rows] == ["North hall", "Side"]
    assert page.total == 2
