"""Changing a ticket: its fields, its technician and its status (``tickets.updateTicket``
and ``tickets.updateTicketStatus``, which is the same change with only a status).

One unit of work per change, the ticket locked first. Everything is checked before
anything is written (the technician, the status's transition, the required tasks, the
money), and each significant change leaves a comment with its old and new value:
the fees, the discount, the priority, the warranty (``system`` comments), the
technician (an ``assignment`` comment) and the status (a ``status_change`` comment),
so each reads in the ticket's history as what it is. The description and the notes
are text the caller sees as it now is: changing them leaves no comment.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from db.repositories.tickets.ticket import TicketViewRecord
from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow
from db.unit_of_work import UnitOfWork
from schemas.tickets.ticket import PriorityLevel, TicketStatus, WarrantyType
from services.caller import Caller
from services.changes import UNCHANGED, Changes, Unchanged
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.notifications.emails import NotificationSetup
from services.tickets.editing import (
    lock_changeable_ticket,
    recompute_money,
    view_of,
    write_comment,
)
from services.tickets.emails import queue_ticket_email
from services.tickets.lifecycle_rules import (
    LABELS,
    assignment_text,
    change_text,
    started_at_after,
    status_text,
)
from services.tickets.status_rules import (
    FINISHED_TASK_STATUSES,
    check_transition,
    refuse_unfinished_tasks,
    unfinished_required,
)

USER_NOT_FOUND = "User not found, or no longer active"
MONEY_FIELDS = frozenset({"service_fee", "diagnosis_fee", "discount_amount"})


@dataclass(frozen=True)
class TicketChanges(Changes[ServiceTicketRow]):
    """tickets.updateTicket: notes and assigned_to may be None (cleared)."""

    issue_description: str | Unchanged = UNCHANGED
    priority_level: PriorityLevel | Unchanged = UNCHANGED
    warranty_type: WarrantyType | Unchanged = UNCHANGED
    status: TicketStatus | Unchanged = UNCHANGED
    service_fee: Decimal | Unchanged = UNCHANGED
    diagnosis_fee: Decimal | Unchanged = UNCHANGED
    discount_amount: Decimal | Unchanged = UNCHANGED
    notes: str | Unchanged | None = UNCHANGED
    assigned_to: str | Unchanged | None = UNCHANGED


def update_ticket(
    uow: UnitOfWork,
    caller: Caller,
    ticket_id: str,
    changes: TicketChanges,
    *,
    setup: NotificationSetup,
    clock: Clock = utc_now,
) -> TicketViewRecord:
    """Apply ``changes`` to the ticket, all or nothing; a value equal to the current
    one is no change (no comment, no side effect)."""
    with uow:
        ticket = lock_changeable_ticket(uow, ticket_id)
        now = clock()
        assignee = _new_assignee(uow, ticket, changes.assigned_to)
        # None: the status stays (left out, or the current one again).
        status = None if changes.status in (UNCHANGED, ticket.status) else changes.status
        if status is not None:
            _check_move(uow, ticket, status)
        changed = _change_fields(uow, ticket, changes, actor_id=caller.user_id, now=now)
        if assignee is not None:
            _assign(uow, ticket, assignee.value, actor_id=caller.user_id, now=now)
        if status is not None:
            _move(uow, ticket, status, actor_id=caller.user_id, setup=setup, clock=clock, now=now)
        if changed or assignee is not None or status is not None:
            ticket.updated_at = now
        view = view_of(uow, ticket.id)
        uow.commit()
        return view


def update_ticket_status(
    uow: UnitOfWork,
    caller: Caller,
    ticket_id: str,
    status: TicketStatus,
    *,
    setup: NotificationSetup,
    clock: Clock = utc_now,
) -> TicketViewRecord:
    """The same change as :func:`update_ticket` with only a status: one path, one
    transition table."""
    return update_ticket(
        uow, caller, ticket_id, TicketChanges(status=status), setup=setup, clock=clock
    )


@dataclass(frozen=True)
class _Assignee:
    # The user the ticket goes to; None: nobody (unassigned).
    value: UserRow | None


def _new_assignee(
    uow: UnitOfWork, ticket: ServiceTicketRow, assigned_to: str | Unchanged | None
) -> _Assignee | None:
    """Who the ticket is to go to, when that changes (None: it does not); an unknown or
    deactivated user is NotFound."""
    if isinstance(assigned_to, Unchanged) or assigned_to == ticket.assigned_to:
        return None
    if assigned_to is None:
        return _Assignee(None)
    user = uow.users.get(assigned_to)
    if user is None or not user.is_active:
        raise NotFound(USER_NOT_FOUND)
    return _Assignee(user)


def _check_move(uow: UnitOfWork, ticket: ServiceTicketRow, status: str) -> None:
    """PreconditionFailed unless the ticket may go to ``status`` now: the transition
    table, and for completion its required tasks all completed or skipped."""
    check_transition(ticket.ticket_number, ticket.status, status)
    if status == "completed":
        tasks = uow.ticket_tasks.of_ticket(ticket.id)
        unfinished = unfinished_required(
            (task.name, task.status, task.is_required) for task in tasks
        )
        refuse_unfinished_tasks(ticket.ticket_number, unfinished)


def _change_fields(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    changes: TicketChanges,
    *,
    actor_id: str,
    now: datetime,
) -> bool:
    """Set the changed plain fields, recompute the money (BadRequest for a discount
    larger than the rest, before any comment is written), then comment each significant
    change. Whether anything changed."""
    commented: list[str] = []
    changed = False
    for field in ("issue_description", "notes", *LABELS):
        new = getattr(changes, field)
        if new is UNCHANGED or new == getattr(ticket, field):
            continue
        if field in LABELS:
            commented.append(change_text(field, getattr(ticket, field), new))
        setattr(ticket, field, new)
        changed = True
    if any(getattr(changes, field) is not UNCHANGED for field in MONEY_FIELDS):
        recompute_money(uow, ticket)
    for text in commented:
        write_comment(uow, ticket, text, actor_id=actor_id, now=now)
    return changed


def _assign(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    user: UserRow | None,
    *,
    actor_id: str,
    now: datetime,
) -> None:
    """Give the ticket to ``user`` (None: to nobody). Its unfinished tasks go with it;
    unassigning leaves them with whoever has them, as a record of who was on them."""
    previous = uow.users.get(ticket.assigned_to) if ticket.assigned_to is not None else None
    ticket.assigned_to = user.id if user is not None else None
    if user is not None:
        for task in uow.ticket_tasks.of_ticket(ticket.id):
            if task.status not in FINISHED_TASK_STATUSES and task.assigned_to_id != user.id:
                task.assigned_to_id = user.id
                task.updated_at = now
    text = assignment_text(
        previous.full_name if previous is not None else None,
        user.full_name if user is not None else None,
    )
    write_comment(uow, ticket, text, actor_id=actor_id, now=now, comment_type="assignment")


def _move(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    status: str,
    *,
    actor_id: str,
    setup: NotificationSetup,
    clock: Clock,
    now: datetime,
) -> None:
    """Move the ticket (already checked by :func:`_check_move`) to ``status``, with
    what the status sets; completing it emails its customer."""
    old = ticket.status
    ticket.status = status
    ticket.started_at = started_at_after(ticket.started_at, status, now)
    if status == "completed":
        ticket.completed_at = now
    text = status_text(old, status)
    write_comment(uow, ticket, text, actor_id=actor_id, now=now, comment_type="status_change")
    if status == "completed":
        queue_ticket_email(uow, setup, ticket, "service_completed", clock=clock)
