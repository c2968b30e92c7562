"""``tickets.createTicket``: a new ticket, in one unit of work (all or nothing).

In order: the customer (the given one, or found by the phone's digits, or made), the
product model, the parts (each must exist), the money (a discount larger than the rest
is BadRequest) and the template: all read and checked before the ticket's number is
taken, since the number's counter stays locked until the commit (docs/decisions.md,
"Tickets: the ground") and other creators wait on it. Then the number, the ticket,
each part line with its stock taken through the parts' ledger (refused below zero,
naming the part), the tasks copied from the template, the system's comment, and the
``ticket_created`` email queued for the customer. Any refusal on the way rolls back
everything, the number included.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from db.repositories.tickets.task import TicketTaskView
from db.repositories.tickets.ticket import TicketViewRecord
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketPartRow
from db.unit_of_work import UnitOfWork
from schemas.money import MONEY_MAX
from services.catalog.part import change_stock
from services.clock import Clock, utc_now
from services.customers import CUSTOMER_NOT_FOUND, EMAIL_TAKEN
from services.customers_rules import phone_key
from services.errors import Conflict, NotFound, PreconditionFailed
from services.notifications.emails import NotificationSetup
from services.tickets.editing import view_of, write_comment
from services.tickets.emails import queue_ticket_email
from services.tickets.money_rules import line_total, ticket_money
from services.tickets.number_rules import numbering_year, ticket_number
from services.tickets.task_generation import TaskPlan, choose_plan, write_tasks

PRODUCT_NOT_FOUND = "Product model not found"


@dataclass(frozen=True)
class CustomerData:
    """``customer_data``: an existing customer's id, or who to find by phone or make."""

    name: str
    phone: str
    id: str | None = None
    email: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class PartLine:
    part_id: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class NewTicket:
    customer: CustomerData
    product_id: str
    description: str
    service_fee: Decimal
    priority_level: str = "normal"
    warranty_type: str = "paid"
    diagnosis_fee: Decimal = Decimal(0)
    discount_amount: Decimal = Decimal(0)
    parts: Sequence[PartLine] = ()


@dataclass(frozen=True)
class CreatedTicket:
    ticket: TicketViewRecord
    tasks: list[TicketTaskView]


def create_ticket(
    uow: UnitOfWork,
    setup: NotificationSetup,
    new: NewTicket,
    *,
    actor_id: str,
    clock: Clock = utc_now,
) -> CreatedTicket:
    """Open the ticket ``new`` describes for the caller ``actor_id`` (see the module)."""
    with uow:
        now = clock()
        customer_id = _customer_for(uow, new.customer, now)
        if uow.product_models.get(new.product_id) is None:
            raise NotFound(PRODUCT_NOT_FOUND)
        _refuse_missing_parts(uow, new.parts)
        money = ticket_money(
            service_fee=new.service_fee,
            diagnosis_fee=new.diagnosis_fee,
            discount_amount=new.discount_amount,
            part_lines=[(line.quantity, line.unit_price) for line in new.parts],
            maximum=MONEY_MAX,
        )
        plan = choose_plan(uow, product_id=new.product_id, warranty_type=new.warranty_type)
        # From here on the year's counter is held: only writes follow.
        year = numbering_year(now)
        ticket = ServiceTicketRow(
            ticket_number=ticket_number(year, uow.tickets.next_number(year)),
            priority_level=new.priority_level,
            warranty_type=new.warranty_type,
            service_fee=new.service_fee,
            diagnosis_fee=new.diagnosis_fee,
            discount_amount=new.discount_amount,
            parts_total=money.parts_total,
            total_cost=money.total_cost,
            issue_description=new.description,
            customer_id=customer_id,
            product_id=new.product_id,
            template_id=plan.template_id,
            created_by=actor_id,
            created_at=now,
            updated_at=now,
        )
        uow.tickets.add(ticket)
        _add_parts(uow, ticket, new.parts, actor_id=actor_id, clock=clock, now=now)
        # The totals were computed above from these very lines (money_rules.ticket_money,
        # as recompute_money does): not read back while the counter is held.
        write_tasks(uow, ticket, plan, now=now)
        write_comment(uow, ticket, creation_comment(ticket, new, plan), actor_id=actor_id, now=now)
        queue_ticket_email(uow, setup, ticket, "ticket_created", clock=clock)
        created = CreatedTicket(
            ticket=view_of(uow, ticket.id), tasks=uow.ticket_tasks.views_of_ticket(ticket.id)
        )
        uow.commit()
        return created


def creation_comment(ticket: ServiceTicketRow, new: NewTicket, plan: TaskPlan) -> str:
    """The system's record of the creation: the number, the money, the parts, the tasks."""
    parts = sum(line.quantity for line in new.parts)
    tasks = f"{len(plan.steps)} tasks from its template" if plan.template_id else "no tasks"
    return (
        f"Ticket {ticket.ticket_number} created ({ticket.warranty_type}, "
        f"{ticket.priority_level} priority): {parts} parts for {ticket.parts_total}, "
        f"total {ticket.total_cost}; {tasks}"
    )


def _customer_for(uow: UnitOfWork, data: CustomerData, now: datetime) -> str:
    """The id of the ticket's customer: the given one as it is (NotFound when there is
    none), or the one with the phone's digits, or a new one (an email another customer
    has is a Conflict, as in customers.createCustomer)."""
    if data.id is not None:
        if uow.customers.get(data.id) is None:
            raise NotFound(CUSTOMER_NOT_FOUND)
        return data.id
    key = phone_key(data.phone)
    found = uow.customers.by_phone_key(key)
    if found is not None:
        return found.id
    if data.email is not None and uow.customers.by_email(data.email) is not None:
        raise Conflict(EMAIL_TAKEN)
    customer = CustomerRow(
        name=data.name,
        phone=data.phone,
        phone_key=key,
        email=data.email,
        address=data.address,
        created_at=now,
        updated_at=now,
    )
    uow.customers.add(customer)
    return customer.id


def _refuse_missing_parts(uow: UnitOfWork, lines: Sequence[PartLine]) -> None:
    """Every part named must exist: PreconditionFailed naming the first that does not
    (the ticket cannot be made as asked; its own fields are fine)."""
    for line in lines:
        if uow.parts.get(line.part_id) is None:
            raise PreconditionFailed(f"Part {line.part_id} does not exist")


def _add_parts(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    lines: Sequence[PartLine],
    *,
    actor_id: str,
    clock: Clock,
    now: datetime,
) -> None:
    """Each line, with its stock taken (PreconditionFailed naming the part when there
    is not enough; the caller's unit of work then rolls back every line)."""
    reason = f"Used on ticket {ticket.ticket_number}"
    for line in lines:
        change_stock(
            uow,
            line.part_id,
            -line.quantity,
            reason,
            actor_id=actor_id,
            ticket_id=ticket.id,
            clock=clock,
        )
        uow.ticket_parts.add(
            TicketPartRow(
                ticket_id=ticket.id,
                part_id=line.part_id,
                quantity=line.quantity,
                unit_price=line.unit_price,
                total=line_total(line.quantity, line.unit_price),
                created_at=now,
                updated_at=now,
            )
        )
