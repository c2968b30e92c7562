"""The parts used on a ticket: adding a line, changing its quantity or price, removing
it. Each is one unit of work that moves the stock through the ledger, recomputes the
ticket's money and writes the system's comment, or does nothing at all.

Lock order, the same in every writer of a ticket: the ticket first, then the part (in
``change_stock``). Two calls on one ticket take turns on the ticket; two tickets taking
the same part take turns on the part; nobody holds a part while waiting for a ticket,
so no two writers wait for each other.

Every refusal (a terminal ticket, a missing part, too little stock, a discount larger
than what would be left) comes before the first write, so a refused call has changed
nothing even before its transaction is rolled back.

Adding a part a ticket already has adds a second line: the contract's table has no
uniqueness, and a line may carry its own price (a second screen at a goodwill price).
"""

from datetime import datetime
from decimal import Decimal

from db.tables.tickets import ServiceTicketRow, TicketPartRow
from db.unit_of_work import UnitOfWork
from schemas.money import MONEY_MAX
from services.caller import Caller
from services.catalog.part import change_stock
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.tickets import parts_rules
from services.tickets.editing import lock_changeable_ticket, recompute_money, write_comment
from services.tickets.money_rules import line_total, ticket_money
from services.tickets.views import TicketPartRecord

LINE_NOT_FOUND = "Ticket part not found"


def add_ticket_part(
    uow: UnitOfWork,
    caller: Caller,
    *,
    ticket_id: str,
    part_id: str,
    quantity: int,
    unit_price: Decimal,
    clock: Clock = utc_now,
) -> TicketPartRecord:
    """A new line of ``quantity`` parts at ``unit_price`` each, taken from stock."""
    with uow:
        ticket = lock_changeable_ticket(uow, ticket_id)
        total = line_total(quantity, unit_price)
        _check_money(uow, ticket, without=None, extra=total)
        now = clock()
        try:
            part = change_stock(
                uow,
                part_id,
                -quantity,
                parts_rules.taken_reason(ticket.ticket_number),
                actor_id=caller.user_id,
                ticket_id=ticket.id,
                clock=lambda: now,
            )
        except NotFound:
            raise NotFound(f"Part {part_id} not found") from None
        line = TicketPartRow(
            ticket_id=ticket.id,
            part_id=part.id,
            quantity=quantity,
            unit_price=unit_price,
            total=total,
            created_at=now,
            updated_at=now,
        )
        uow.ticket_parts.add(line)
        _recompute(uow, ticket, now)
        text = parts_rules.added_text(part.name, quantity, unit_price, total)
        write_comment(uow, ticket, text, actor_id=caller.user_id, now=now)
        view = _view(uow, line.id)
        uow.commit()
        return view


def update_ticket_part(
    uow: UnitOfWork,
    caller: Caller,
    line_id: str,
    *,
    quantity: int | None = None,
    unit_price: Decimal | None = None,
    clock: Clock = utc_now,
) -> TicketPartRecord:
    """The line with a new quantity (the difference taken from or given back to stock)
    and/or a new price; None leaves one as it is. The same values again change nothing
    and write no comment."""
    with uow:
        ticket, line = _lock_line(uow, line_id)
        new_quantity = line.quantity if quantity is None else quantity
        new_price = line.unit_price if unit_price is None else unit_price
        if (new_quantity, new_price) == (line.quantity, line.unit_price):
            return _view(uow, line.id)
        old_quantity, old_price, old_total = line.quantity, line.unit_price, line.total
        new_total = line_total(new_quantity, new_price)
        _check_money(uow, ticket, without=line.id, extra=new_total)
        now = clock()
        delta = parts_rules.stock_delta(old_quantity, new_quantity)
        if delta:
            _move_stock(uow, caller, ticket, line.part_id, delta, now)
        line.quantity, line.unit_price, line.total = new_quantity, new_price, new_total
        line.updated_at = now
        _recompute(uow, ticket, now)
        view = _view(uow, line.id)
        text = parts_rules.changed_text(
            view.part_name,
            old_quantity=old_quantity,
            new_quantity=new_quantity,
            old_price=old_price,
            new_price=new_price,
            old_total=old_total,
            new_total=new_total,
        )
        write_comment(uow, ticket, text, actor_id=caller.user_id, now=now)
        uow.commit()
        return view


def delete_ticket_part(
    uow: UnitOfWork, caller: Caller, line_id: str, *, clock: Clock = utc_now
) -> None:
    """Remove the line, its parts given back to stock."""
    with uow:
        ticket, line = _lock_line(uow, line_id)
        _check_money(uow, ticket, without=line.id, extra=Decimal(0))
        view = _view(uow, line.id)
        now = clock()
        _move_stock(uow, caller, ticket, line.part_id, line.quantity, now)
        uow.ticket_parts.delete(line)
        _recompute(uow, ticket, now)
        text = parts_rules.removed_text(view.part_name, view.quantity, view.unit_price, view.total)
        write_comment(uow, ticket, text, actor_id=caller.user_id, now=now)
        uow.commit()


def _lock_line(uow: UnitOfWork, line_id: str) -> tuple[ServiceTicketRow, TicketPartRow]:
    """The line and its ticket, both locked: the ticket first (the lock order of every
    ticket writer), found through an unlocked read of the line; then the line re-read
    under the lock, as another call may have changed or removed it meanwhile."""
    seen = uow.ticket_parts.get(line_id)
    if seen is None:
        raise NotFound(LINE_NOT_FOUND)
    ticket = lock_changeable_ticket(uow, seen.ticket_id)
    line = uow.ticket_parts.lock(line_id)
    if line is None:
        raise NotFound(LINE_NOT_FOUND)
    return ticket, line


def _move_stock(
    uow: UnitOfWork,
    caller: Caller,
    ticket: ServiceTicketRow,
    part_id: str,
    delta: int,
    now: datetime,
) -> None:
    change_stock(
        uow,
        part_id,
        delta,
        parts_rules.reason_for(ticket.ticket_number, delta),
        actor_id=caller.user_id,
        ticket_id=ticket.id,
        clock=lambda: now,
    )


def _check_money(
    uow: UnitOfWork, ticket: ServiceTicketRow, *, without: str | None, extra: Decimal
) -> None:
    """Refuse, before anything is written, a change whose ticket money would not hold:
    the lines as they would be (``without`` the one changed or removed, ``extra`` its
    new total) under a discount larger than the rest, or past the columns' bound."""
    kept = [
        (row.quantity, row.unit_price)
        for row in uow.ticket_parts.of_ticket(ticket.id)
        if row.id != without
    ]
    ticket_money(
        service_fee=ticket.service_fee,
        diagnosis_fee=ticket.diagnosis_fee,
        discount_amount=ticket.discount_amount,
        part_lines=[*kept, (1, extra)],
        maximum=MONEY_MAX,
    )


def _recompute(uow: UnitOfWork, ticket: ServiceTicketRow, now: datetime) -> None:
    """The ticket's totals from its lines as they now stand; its money changed, so
    the ticket did."""
    recompute_money(uow, ticket)
    ticket.updated_at = now


def _view(uow: UnitOfWork, line_id: str) -> TicketPartRecord:
    view = uow.ticket_parts.view(line_id)
    if view is None:
        raise NotFound(LINE_NOT_FOUND)
    return view
