"""RMA batches' service and rules on the in-memory fakes: what goes into a batch, the
lock order, what finalizing needs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import BrandRow, ProductModelRow
from db.tables.inventory import PhysicalProductRow
from services.errors import NotFound, PreconditionFailed
from services.inventory import rma
from services.inventory.rma_rules import finalizing_refused, why_not_added
from tests.factories.auth import caller
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture
def model(uow: FakeUnitOfWork) -> ProductModelRow:
    brand = BrandRow(name="Apple", name_key="apple", created_at=T0, updated_at=T0)
    uow.brands.add(brand)
    made = ProductModelRow(
        name="iPhone 15", sku="IP15", type="phone", brand_id=brand.id, created_at=T0, updated_at=T0
    )
    uow.product_models.add(made)
    return made


def unit(uow: FakeUnitOfWork, model: ProductModelRow, place: str = "warranty_stock") -> str:
    row = PhysicalProductRow(
        serial_number=f"SN-{len(uow.physical_products.rows):05}",
        product_id=model.id,
        virtual_warehouse_type=place,
        condition="faulty",
        created_at=T0,
        updated_at=T0,
    )
    uow.physical_products.add(row)
    return row.id


def draft(uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock) -> str:
    return rma.create_batch(uow, caller(owner), supplier_name="Ingram", clock=clock).batch.id


def test_units_are_locked_after_the_batch_in_id_order_and_named_once(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)
    ids = [unit(uow, model) for _ in range(4)]
    asked = [ids[2], ids[0], ids[3], ids[2], ids[1]]

    added = rma.add_units(uow, caller(owner), batch_id, asked, clock=clock)

    assert added == rma.AddedToBatch(4, [])
    assert uow.rma_batches.locked == [batch_id]
    assert uow.physical_products.locked == sorted(ids)
    assert uow.rma_items.count_in(batch_id) == 4


def test_an_added_unit_moves_to_staging_with_a_transfer_naming_the_batch(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)
    unit_id = unit(uow, model, "dead_stock")

    rma.add_units(uow, caller(owner), batch_id, [unit_id], clock=clock)

    assert uow.physical_products.rows[unit_id].virtual_warehouse_type == "rma_staging"
    [movement] = uow.stock_movements.rows.values()
    assert (movement.movement_type, movement.from_virtual_warehouse_type) == (
        "transfer",
        "dead_stock",
    )
    assert movement.notes is not None
    assert batch_id in movement.notes
    assert (movement.moved_by_id, movement.created_at) == (owner.id, clock())


def test_a_unit_already_in_staging_goes_in_without_a_movement(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)
    unit_id = unit(uow, model, "rma_staging")

    added = rma.add_units(uow, caller(owner), batch_id, [unit_id], clock=clock)

    assert added.added == 1
    assert uow.stock_movements.rows == {}


def test_errors_come_in_the_order_asked(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)

    added = rma.add_units(uow, caller(owner), batch_id, ["zz", "aa", "zz"], clock=clock)

    assert added == rma.AddedToBatch(0, ["zz: product not found", "aa: product not found"])


def test_a_submitted_batch_takes_nothing_and_an_unknown_one_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)
    unit_id = unit(uow, model)
    rma.add_units(uow, caller(owner), batch_id, [unit_id], clock=clock)
    rma.finalize_batch(uow, batch_id, clock=clock)

    with pytest.raises(PreconditionFailed, match="submitted"):
        rma.add_units(uow, caller(owner), batch_id, [unit(uow, model)], clock=clock)
    with pytest.raises(NotFound):
        rma.add_units(uow, caller(owner), "nope", [unit_id], clock=clock)
    with pytest.raises(NotFound):
        rma.finalize_batch(uow, "nope", clock=clock)


def test_details_show_the_units_with_their_warranty_today(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, model: ProductModelRow
) -> None:
    batch_id = draft(uow, owner, clock)
    unit_id = unit(uow, model)
    rma.add_units(uow, caller(owner), batch_id, [unit_id], clock=clock)

    details = rma.get_batch(uow, batch_id, clock=clock)

    assert details.batch.product_count == 1
    assert details.batch.batch.creator_full_name == owner.full_name
    [found] = details.entries
    assert (found.entry.product_id, found.entry.adder_full_name) == (unit_id, owner.full_name)
    assert (found.unit.unit.model_name, found.unit.warranty_status) == ("iPhone 15", "no_warranty")


@pytest.mark.parametrize(
    ("status", "count", "says"),
    [
        ("draft", 0, "empty"),
        ("submitted", 3, "already submitted"),
        ("completed", 0, "already completed"),
    ],
)
def test_only_a_draft_with_units_is_finalized(status: str, count: int, says: str) -> None:
    refusal = finalizing_refused(status, count)

    assert refusal is not None
    assert says in refusal
    assert finalizing_refused("draft", 1) is None


def test_why_a_unit_stays_out() -> None:
    serving = PhysicalProductRow(
        id="u1",
        serial_number="SN-1",
        product_id="m",
        virtual_warehouse_type="in_service",
        current_ticket_id="t",
        condition="used",
        created_at=T0,
        updated_at=T0,
    )

    assert why_not_added("u0", None, None, "b") == "u0: product not found"
    assert "already in this batch" in (why_not_added("u1", serving, "b", "b") or "")
    assert "RMA batch other" in (why_not_added("u1", serving, "other", "b") or "")
    assert "in service" in (why_not_added("u1", serving, None, "b") or "")
    serving.virtual_warehouse_type, serving.current_ticket_id = "parts", None
    assert why_not_added("u1", serving, None, "b") is None
