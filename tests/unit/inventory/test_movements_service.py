"""The movements' services on the in-memory fakes: a movement row with every change of
place (from where the unit was), assignments with their ticket's comment, and refusals
that write nothing and commit nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import WarehouseRow
from db.tables.inventory import PhysicalProductRow, RmaBatchItemRow, RmaBatchRow
from db.tables.tickets import ServiceTicketRow
from services.errors import BadRequest, Conflict, NotFound, PreconditionFailed
from services.inventory.assignment import assign_to_ticket
from services.inventory.movement_rules import MovementRequest
from services.inventory.movements import movement_history, record_movement
from tests.factories.auth import caller
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def warehouse(uow: FakeUnitOfWork, name: str) -> WarehouseRow:
    row = WarehouseRow(name=name, code=name.upper(), created_at=T0, updated_at=T0)
    uow.warehouses.add(row)
    return row


@pytest.fixture
def shelf(uow: FakeUnitOfWork) -> WarehouseRow:
    return warehouse(uow, "shelf")


@pytest.fixture
def unit(uow: FakeUnitOfWork, shelf: WarehouseRow) -> PhysicalProductRow:
    row = PhysicalProductRow(
        serial_number="SN-00001",
        product_id="model",
        physical_warehouse_id=shelf.id,
        virtual_warehouse_type="warranty_stock",
        condition="new",
        created_at=T0,
        updated_at=T0,
    )
    uow.physical_products.add(row)
    return row


def new_ticket(uow: FakeUnitOfWork, number: str, status: str = "pending") -> ServiceTicketRow:
    row = ticket_row(number, customer_id="c", product_id="p", status=status)
    uow.tickets.add(row)
    return row


def record(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow, request: MovementRequest
) -> None:
    record_movement(uow, caller(owner), unit.id, request, notes="n", clock=FakeClock(T0))


def test_a_transfer_moves_the_unit_with_its_movement(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow, shelf: WarehouseRow
) -> None:
    bench = warehouse(uow, "bench")

    record(uow, owner, unit, MovementRequest("transfer", to_physical=bench.id))

    [movement] = uow.stock_movements.of_unit(unit.id)
    assert (movement.from_physical_warehouse_id, movement.to_physical_warehouse_id) == (
        shelf.id,
        bench.id,
    )
    assert (movement.movement_type, movement.moved_by_id, movement.created_at) == (
        "transfer",
        owner.id,
        T0,
    )
    assert unit.physical_warehouse_id == bench.id
    assert unit.id in uow.physical_products.locked
    assert uow.committed


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        (MovementRequest("transfer", to_virtual="in_service"), BadRequest),
        (MovementRequest("transfer", from_virtual="parts"), PreconditionFailed),
        (MovementRequest("transfer", to_physical="nowhere"), NotFound),
        (MovementRequest("transfer", to_virtual="parts", ticket_id="nothing"), NotFound),
        (MovementRequest("transfer", to_virtual="warranty_stock"), BadRequest),
        (MovementRequest("assignment", ticket_id="nothing"), NotFound),
    ],
)
def test_a_refused_movement_writes_nothing(
    uow: FakeUnitOfWork,
    owner: UserRow,
    unit: PhysicalProductRow,
    request_: MovementRequest,
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        record(uow, owner, unit, request_)

    assert uow.stock_movements.of_unit(unit.id) == []
    assert unit.virtual_warehouse_type == "warranty_stock"
    assert not uow.committed


def test_a_unit_in_an_rma_batch_moves_only_forced(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow
) -> None:
    batch = RmaBatchRow(supplier_name="S", status="shipped", created_at=T0, updated_at=T0)
    uow.rma_batches.add(batch)
    uow.rma_items.add(RmaBatchItemRow(batch_id=batch.id, product_id=unit.id, added_at=T0))

    with pytest.raises(PreconditionFailed):
        record(uow, owner, unit, MovementRequest("disposal"))
    record(uow, owner, unit, MovementRequest("disposal", force=True))

    assert unit.virtual_warehouse_type == "dead_stock"


def test_forced_out_of_service_lets_the_ticket_go(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow
) -> None:
    ticket = new_ticket(uow, "SV-1")
    assign_to_ticket(uow, caller(owner), serial_number=unit.serial_number, ticket_id=ticket.id)

    with pytest.raises(PreconditionFailed):
        record(uow, owner, unit, MovementRequest("return", to_virtual="parts"))
    record(uow, owner, unit, MovementRequest("return", to_virtual="parts", force=True))

    assert (unit.virtual_warehouse_type, unit.current_ticket_id) == ("parts", None)
    assert [m.movement_type for m in uow.stock_movements.of_unit(unit.id)] == [
        "assignment",
        "return",
    ]


def test_an_assignment_moves_into_service_with_the_tickets_comment(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow, shelf: WarehouseRow
) -> None:
    ticket = new_ticket(uow, "SV-1")

    assign_to_ticket(
        uow,
        caller(owner),
        serial_number=unit.serial_number,
        ticket_id=ticket.id,
        clock=FakeClock(T0),
    )

    [movement] = uow.stock_movements.of_unit(unit.id)
    assert (movement.movement_type, movement.reference_ticket_id) == ("assignment", ticket.id)
    assert (movement.from_virtual_warehouse_type, movement.to_virtual_warehouse_type) == (
        "warranty_stock",
        "in_service",
    )
    assert (unit.current_ticket_id, unit.physical_warehouse_id) == (ticket.id, shelf.id)
    [comment] = uow.ticket_comments.rows.values()
    assert (
        comment.comment == "Product SN-00001 assigned to this ticket (from warranty_stock, shelf)"
    )
    assert (comment.comment_type, comment.created_by) == ("system", owner.id)
    assert ticket.id in uow.tickets.locked
    assert uow.committed


def test_assigning_again_to_its_ticket_writes_nothing(
    uow: FakeUnitOfWork, owner: UserRow, unit: PhysicalProductRow
) -> None:
    ticket = new_ticket(uow, "SV-1")
    assign_to_ticket(uow, caller(owner), serial_number=unit.serial_number, ticket_id=ticket.id)
    commits = uow.commits

    assign_to_ticket(uow, caller(owner), serial_number=unit.serial_number, ticket_id=ticket.id)

    assert len(uow.stock_movements.of_unit(unit.id)) == 1
    assert len(uow.ticket_comments.rows) == 1
    assert uow.commits == commits


@pytest.mark.parametrize(
    ("setup", "error"),
    [("serving-another", Conflict), ("finished-ticket", PreconditionFailed)],
)
def test_refused_assignments_write_nothing(
    uow: FakeUnitOfWork,
    owner: UserRow,
    unit: PhysicalProductRow,
    setup: str,
    error: type[Exception],
) -> None:
    if setup == "serving-another":
        other = new_ticket(uow, "SV-OTHER")
        unit.virtual_warehouse_type, unit.current_ticket_id = "in_service", other.id
    ticket = new_ticket(uow, "SV-1", "completed" if setup == "finished-ticket" else "pending")

    with pytest.raises(error):
        assign_to_ticket(uow, caller(owner), serial_number=unit.serial_number, ticket_id=ticket.id)

    assert uow.stock_movements.of_unit(unit.id) == []
    assert uow.ticket_comments.rows == {}
    assert not uow.committed


def test_an_unknown_unit_has_no_history(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        movement_history(uow, "nothing", offset=0, limit=5)
