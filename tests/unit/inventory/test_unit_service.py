"""Registering and changing units (services/inventory/units.py) on the fakes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from services.changes import UNCHANGED
from services.errors import BadRequest, Conflict, NotFound
from services.inventory import units
from services.inventory.unit_rules import NewUnit
from services.inventory.units import UnitChanges, UnitFilter
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.inventory.conftest import MODEL_ID, T0, WAREHOUSE_ID


def new(**fields: Any) -> NewUnit:
    values: dict[str, Any] = {
        "serial_number": "SN-00001",
        "product_id": MODEL_ID,
        "virtual_warehouse_type": "warranty_stock",
        "condition": "new",
        "physical_warehouse_id": WAREHOUSE_ID,
        **fields,
    }
    return NewUnit(**values)


def test_a_registered_unit_has_its_receipt_from_nowhere(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    view = units.create_unit(uow, new(), actor_id="user-1", clock=clock)

    (receipt,) = uow.stock_movements.of_unit(view.unit.id)
    assert (receipt.movement_type, receipt.from_virtual_warehouse_type) == ("receipt", None)
    assert (receipt.to_virtual_warehouse_type, receipt.to_physical_warehouse_id) == (
        "warranty_stock",
        WAREHOUSE_ID,
    )
    assert (receipt.moved_by_id, receipt.created_at) == ("user-1", T0)
    assert view.unit.warehouse_name == "Main"
    assert uow.committed


@pytest.mark.parametrize(
    ("fields", "start", "end"),
    [
        ({"warranty_months": 12}, date(2026, 5, 20), date(2027, 5, 20)),  # today
        (
            {"warranty_months": 1, "purchase_date": date(2026, 1, 31)},
            date(2026, 1, 31),
            date(2026, 2, 28),
        ),
        (
            {"warranty_months": 0, "warranty_start_date": date(2026, 3, 1)},
            date(2026, 3, 1),
            date(2026, 3, 1),
        ),
        ({"warranty_start_date": date(2026, 3, 1)}, date(2026, 3, 1), None),
        ({}, None, None),
    ],
)
def test_the_warranty_starts_where_told_else_on_purchase_else_today(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    fields: dict[str, Any],
    start: date | None,
    end: date | None,
) -> None:
    view = units.create_unit(uow, new(**fields), actor_id=None, clock=clock)

    assert (view.unit.warranty_start_date, view.unit.warranty_end_date) == (start, end)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"virtual_warehouse_type": "in_service"}, BadRequest, "assignToTicket"),
        ({"product_id": "nope"}, NotFound, "Product model not found"),
        ({"physical_warehouse_id": "nope"}, NotFound, "Warehouse not found"),
    ],
)
def test_refusals_write_nothing(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    fields: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        units.create_unit(uow, new(**fields), actor_id=None, clock=clock)

    assert (uow.physical_products.rows, uow.stock_movements.rows, uow.committed) == ({}, {}, False)


def test_a_taken_serial_is_a_conflict(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    units.create_unit(uow, new(), actor_id=None, clock=clock)

    with pytest.raises(Conflict):
        units.create_unit(uow, new(), actor_id=None, clock=clock)


def test_an_update_locks_the_unit_and_recomputes_the_warranty(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    created = units.create_unit(
        uow, new(warranty_months=12, purchase_date=date(2026, 1, 10)), actor_id=None, clock=clock
    )
    clock.advance(timedelta(hours=1))

    months = units.update_unit(
        uow, created.unit.id, UnitChanges(warranty_months=6, condition="used"), clock=clock
    )
    restarted = units.update_unit(
        uow, created.unit.id, UnitChanges(warranty_start_date=None), clock=clock
    )
    unchanged_warranty = units.update_unit(
        uow, created.unit.id, UnitChanges(purchase_date=date(2025, 1, 1)), clock=clock
    )

    assert created.unit.id in uow.physical_products.locked
    assert months.unit.warranty_end_date == date(2026, 7, 10)
    assert (months.unit.condition, months.unit.updated_at) == ("used", T0 + timedelta(hours=1))
    # A start cleared while months stay: the purchase day again.
    assert restarted.unit.warranty_start_date == date(2026, 1, 10)
    # The purchase day alone changes no warranty.
    assert unchanged_warranty.unit.warranty_end_date == date(2026, 7, 10)


@pytest.mark.parametrize(
    "changes",
    [
        UnitChanges(virtual_warehouse_type="parts"),
        UnitChanges(physical_warehouse_id=None),
        UnitChanges(physical_warehouse_id="elsewhere"),
    ],
)
def test_an_update_never_moves_a_unit(
    uow: FakeUnitOfWork, clock: FakeClock, changes: UnitChanges
) -> None:
    created = units.create_unit(uow, new(), actor_id=None, clock=clock)

    with pytest.raises(BadRequest, match=r"inventory\.recordMovement"):
        units.update_unit(uow, created.unit.id, changes, clock=clock)

    unit = uow.physical_products.rows[created.unit.id]
    assert (unit.virtual_warehouse_type, unit.physical_warehouse_id) == (
        "warranty_stock",
        WAREHOUSE_ID,
    )


def test_repeating_the_place_is_accepted(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    created = units.create_unit(uow, new(), actor_id=None, clock=clock)
    same = UnitChanges(virtual_warehouse_type="warranty_stock", physical_warehouse_id=WAREHOUSE_ID)

    updated = units.update_unit(uow, created.unit.id, same, clock=clock)

    assert updated.unit.physical_warehouse_id == WAREHOUSE_ID
    assert UnitChanges().serial_number is UNCHANGED


def test_an_update_to_a_taken_serial_or_unknown_model_is_refused(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    first = units.create_unit(uow, new(), actor_id=None, clock=clock)
    units.create_unit(uow, new(serial_number="SN-00002"), actor_id=None, clock=clock)

    with pytest.raises(Conflict):
        units.update_unit(uow, first.unit.id, UnitChanges(serial_number="SN-00002"), clock=clock)
    with pytest.raises(NotFound, match="Product model"):
        units.update_unit(uow, first.unit.id, UnitChanges(product_id="nope"), clock=clock)
    with pytest.raises(NotFound, match="Product not found"):
        units.update_unit(uow, "nope", UnitChanges(condition="used"), clock=clock)


def test_the_list_judges_warranties_on_the_clocks_day(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    # Registered today with a 1-month warranty: 31 days ahead, active; 1 day later, soon.
    units.create_unit(uow, new(warranty_months=1), actor_id=None, clock=clock)

    active = units.list_units(
        uow, UnitFilter(warranty_status="active"), offset=0, limit=5, clock=clock
    )
    clock.advance(timedelta(days=1))
    soon = units.list_units(
        uow, UnitFilter(warranty_status="expiring_soon"), offset=0, limit=5, clock=clock
    )

    assert (active.total, soon.total) == (1, 1)
    assert soon.rows[0].warranty_status == "expiring_soon"
