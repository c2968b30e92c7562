"""The ticket part lines' service on the in-memory fakes: stock through the ledger,
the ticket's money, the system's comments, and refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import PartRow
from db.tables.tickets import ServiceTicketRow
from services.errors import BadRequest, NotFound, PreconditionFailed
from services.tickets import parts as parts_service
from services.tickets.views import TicketPartRecord
from tests.factories.auth import caller
from tests.factories.tickets import ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


@pytest.fixture
def ticket(uow: FakeUnitOfWork) -> ServiceTicketRow:
    row = ticket_row("SV-2026-007", customer_id="c", product_id="p")
    uow.tickets.add(row)
    return row


@pytest.fixture
def part(uow: FakeUnitOfWork) -> PartRow:
    row = PartRow(
        name="Screen",
        sku="SCR-1",
        unit_price=Decimal("129.90"),
        stock_quantity=5,
        minimum_stock=0,
        created_at=T0,
        updated_at=T0,
    )
    uow.parts.add(row)
    return row


def add(
    uow: FakeUnitOfWork,
    owner: UserRow,
    clock: FakeClock,
    ticket: ServiceTicketRow,
    part: PartRow,
    quantity: int = 2,
    unit_price: str = "0.10",
) -> TicketPartRecord:
    return parts_service.add_ticket_part(
        uow,
        caller(owner),
        ticket_id=ticket.id,
        part_id=part.id,
        quantity=quantity,
        unit_price=Decimal(unit_price),
        clock=clock,
    )


def comments(uow: FakeUnitOfWork, ticket: ServiceTicketRow) -> list[str]:
    """The ticket's comments in the order they were written (the fake clock stands
    still, so their times are equal)."""
    return [row.comment for row in uow.ticket_comments.rows.values() if row.ticket_id == ticket.id]


def test_add_takes_stock_adds_the_line_recomputes_and_comments(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=3)

    assert (line.quantity, line.unit_price, line.total) == (3, Decimal("0.10"), Decimal("0.30"))
    assert (line.part_name, line.part_sku, line.created_at) == ("Screen", "SCR-1", clock())
    assert part.stock_quantity == 2
    [entry] = uow.parts.entries_of(part.id)
    assert (entry.delta, entry.stock_after, entry.ticket_id, entry.actor_id) == (
        -3,
        2,
        ticket.id,
        owner.id,
    )
    assert entry.reason == "Used on ticket SV-2026-007"
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("0.30"), Decimal("100.30"))
    assert ticket.updated_at == clock()
    [comment] = uow.ticket_comments.of_ticket(ticket.id)
    assert comment.comment == "Part added: Screen, 3 x 0.10 = 0.30"
    assert (comment.comment_type, comment.created_by) == ("system", owner.id)
    assert uow.commits == 1


def test_the_ticket_is_locked_before_the_part(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part)
    parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=3, clock=clock)

    # Both stores record their locks; the ticket's always came first (see the
    # service's module doc): adding locks ticket then part, updating the same.
    assert uow.tickets.locked == [ticket.id, ticket.id]
    assert uow.parts.locked == [part.id, part.id]
    assert uow.ticket_parts.locked == [line.id]


def test_the_same_part_twice_makes_two_lines(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    first = add(uow, owner, clock, ticket, part, quantity=1, unit_price="10.00")
    second = add(uow, owner, clock, ticket, part, quantity=1, unit_price="7.50")

    assert first.id != second.id
    assert ticket.parts_total == Decimal("17.50")
    assert part.stock_quantity == 3


def test_add_refuses_more_than_the_stock_and_changes_nothing(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    with pytest.raises(PreconditionFailed, match="Screen"):
        add(uow, owner, clock, ticket, part, quantity=6)

    assert (part.stock_quantity, uow.parts.entries, uow.ticket_parts.rows) == (5, [], {})
    assert (ticket.parts_total, comments(uow, ticket), uow.commits) == (Decimal(0), [], 0)


def test_add_names_a_missing_part_and_refuses_a_missing_ticket(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    missing_part = PartRow(
        name="Gone", sku="G", unit_price=Decimal(1), created_at=T0, updated_at=T0
    )
    with pytest.raises(NotFound, match=f"Part {missing_part.id} not found"):
        add(uow, owner, clock, ticket, missing_part)
    missing_ticket = ticket_row("SV-2026-999", customer_id="c", product_id="p")
    with pytest.raises(NotFound, match="Ticket not found"):
        add(uow, owner, clock, missing_ticket, part)
    assert (uow.ticket_parts.rows, uow.commits) == ({}, 0)


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_terminal_tickets_parts_do_not_change(
    uow: FakeUnitOfWork,
    owner: UserRow,
    clock: FakeClock,
    ticket: ServiceTicketRow,
    part: PartRow,
    status: str,
) -> None:
    line = add(uow, owner, clock, ticket, part)
    ticket.status = status
    uow.commits = 0

    with pytest.raises(PreconditionFailed, match=f"SV-2026-007 is {status}"):
        add(uow, owner, clock, ticket, part)
    with pytest.raises(PreconditionFailed, match=status):
        parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=1, clock=clock)
    with pytest.raises(PreconditionFailed, match=status):
        parts_service.delete_ticket_part(uow, caller(owner), line.id, clock=clock)
    assert (part.stock_quantity, len(uow.ticket_parts.rows), uow.commits) == (3, 1, 0)


def test_update_takes_more_or_gives_back_the_difference(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=2, unit_price="10.00")
    added_at = clock()
    clock.advance(timedelta(minutes=5))

    more = parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=5, clock=clock)
    assert (more.quantity, more.total, part.stock_quantity) == (5, Decimal("50.00"), 0)
    assert (more.created_at, more.updated_at) == (added_at, clock())
    fewer = parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=1, clock=clock)
    assert (fewer.quantity, fewer.total, part.stock_quantity) == (1, Decimal("10.00"), 4)

    deltas = [(entry.delta, entry.reason) for entry in uow.parts.entries_of(part.id)]
    assert deltas == [
        (-2, "Used on ticket SV-2026-007"),
        (-3, "Used on ticket SV-2026-007"),
        (4, "Returned from ticket SV-2026-007"),
    ]
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("10.00"), Decimal("110.00"))
    assert comments(uow, ticket)[1:] == [
        "Part changed: Screen, quantity 2 → 5; total 20.00 → 50.00",
        "Part changed: Screen, quantity 5 → 1; total 50.00 → 10.00",
    ]


def test_update_of_the_price_alone_moves_no_stock(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=3, unit_price="0.10")

    changed = parts_service.update_ticket_part(
        uow, caller(owner), line.id, unit_price=Decimal("0.20"), clock=clock
    )

    assert (changed.unit_price, changed.total, part.stock_quantity) == (
        Decimal("0.20"),
        Decimal("0.60"),
        2,
    )
    assert len(uow.parts.entries) == 1
    assert comments(uow, ticket)[-1] == (
        "Part changed: Screen, unit price 0.10 → 0.20; total 0.30 → 0.60"
    )
    assert ticket.total_cost == Decimal("100.60")


def test_update_to_the_same_values_writes_nothing(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=3)
    uow.commits = 0

    same = parts_service.update_ticket_part(
        uow, caller(owner), line.id, quantity=3, unit_price=Decimal("0.10"), clock=clock
    )

    assert same == line
    assert (len(comments(uow, ticket)), len(uow.parts.entries), uow.commits) == (1, 1, 0)


def test_update_refuses_more_than_the_stock_and_changes_nothing(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=2)
    uow.commits = 0

    with pytest.raises(PreconditionFailed, match="Screen"):
        parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=6, clock=clock)

    assert (uow.ticket_parts.rows[line.id].quantity, part.stock_quantity, uow.commits) == (2, 3, 0)


def test_unknown_lines_are_not_found(uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock) -> None:
    with pytest.raises(NotFound, match="Ticket part not found"):
        parts_service.update_ticket_part(uow, caller(owner), "nope", quantity=1, clock=clock)
    with pytest.raises(NotFound, match="Ticket part not found"):
        parts_service.delete_ticket_part(uow, caller(owner), "nope", clock=clock)


def test_delete_gives_the_parts_back_and_recomputes(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    kept = add(uow, owner, clock, ticket, part, quantity=1, unit_price="5.00")
    removed = add(uow, owner, clock, ticket, part, quantity=3, unit_price="0.10")

    parts_service.delete_ticket_part(uow, caller(owner), removed.id, clock=clock)

    assert list(uow.ticket_parts.rows) == [kept.id]
    assert part.stock_quantity == 4
    assert uow.parts.entries[-1].delta == 3
    assert uow.parts.entries[-1].reason == "Returned from ticket SV-2026-007"
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("5.00"), Decimal("105.00"))
    assert comments(uow, ticket)[-1] == (
        "Part removed: Screen, 3 x 0.10 = 0.30 (returned to stock)"
    )


def test_a_discount_larger_than_what_is_left_refuses_the_change(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    line = add(uow, owner, clock, ticket, part, quantity=2, unit_price="50.00")
    # 100.00 fee + 100.00 of parts: a 160.00 discount needs 60.00 of them.
    ticket.discount_amount = Decimal("160.00")
    uow.commits = 0

    with pytest.raises(BadRequest, match=r"discount_amount 160\.00"):
        parts_service.delete_ticket_part(uow, caller(owner), line.id, clock=clock)
    with pytest.raises(BadRequest, match="discount_amount"):
        parts_service.update_ticket_part(
            uow, caller(owner), line.id, unit_price=Decimal("10.00"), clock=clock
        )
    with pytest.raises(BadRequest, match="discount_amount"):
        parts_service.update_ticket_part(uow, caller(owner), line.id, quantity=1, clock=clock)

    # Refused before the first write: the stock, the line and the comments stay.
    assert (part.stock_quantity, len(uow.parts.entries), uow.commits) == (3, 1, 0)
    assert uow.ticket_parts.rows[line.id].quantity == 2
    assert len(comments(uow, ticket)) == 1
    # Parts of 60.00 still cover it.
    parts_service.update_ticket_part(
        uow, caller(owner), line.id, unit_price=Decimal("30.00"), clock=clock
    )
    assert ticket.total_cost == Decimal("0.00")


def test_money_past_the_columns_bound_is_refused(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, ticket: ServiceTicketRow, part: PartRow
) -> None:
    part.stock_quantity = 1_000_000
    with pytest.raises(BadRequest, match="parts would come to"):
        add(uow, owner, clock, ticket, part, quantity=1_000_000, unit_price="9999999999.99")
    ticket.service_fee = Decimal("9999999999.00")
    with pytest.raises(BadRequest, match="total would come to"):
        add(uow, owner, clock, ticket, part, quantity=1, unit_price="100.00")
    assert (part.stock_quantity, uow.ticket_parts.rows, uow.commits) == (1_000_000, {}, 0)
