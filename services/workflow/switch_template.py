"""Switching a ticket's template mid-service (``workflow.switchTemplate``), in one unit
of work: lock the ticket, check the rules, drop the tasks the new template no longer
wants, move the kept ones to the front in two passes, add the new template's steps the
ticket lacks, record the new template on the ticket and the switch in its audit.

Orders move in two passes because ``(ticket_id, sequence_order)`` is unique and checked
per statement: the kept tasks first go past the ticket's largest order (where nothing
is), then to 1..k; only then do the new steps take k+1..n. The pending changes are
flushed between passes, so the database sees them in that order. Every writer of a
ticket's tasks holds the ticket's lock, so two switches of one ticket take turns: the
second sees the first's outcome (and is refused, or switches again from it).
"""

from dataclasses import dataclass
from datetime import datetime

from db.repositories.workflow import TemplateStep, TemplateTree
from db.tables.tickets import ServiceTicketRow, TicketTaskRow, TicketTemplateChangeRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.tickets.editing import lock_ticket
from services.workflow.switch_rules import (
    SwitchPlan,
    parking_orders,
    plan_switch,
    refuse_unswitchable,
)

TEMPLATE_NOT_FOUND = "Template not found"


@dataclass(frozen=True)
class SwitchSummary:
    tasks_preserved: int
    tasks_removed: int
    tasks_added: int
    total_tasks: int


def switch_template(
    uow: UnitOfWork,
    caller: Caller,
    ticket_id: str,
    *,
    new_template_id: str,
    reason: str,
    clock: Clock = utc_now,
) -> SwitchSummary:
    """Switch the ticket to the new template, keeping the work done (see the module)."""
    with uow:
        ticket = lock_ticket(uow, ticket_id)
        # Locked too: a template being deleted or replaced meanwhile waits for this
        # switch (or is seen gone), instead of the ticket naming a vanished one.
        locked = uow.templates.lock(new_template_id)
        tree = None if locked is None else uow.templates.tree(locked.id)
        if tree is None:
            raise NotFound(TEMPLATE_NOT_FOUND)
        tasks = uow.ticket_tasks.of_ticket(ticket.id)
        refuse_unswitchable(
            ticket_number=ticket.ticket_number,
            status=ticket.status,
            current_template_id=ticket.template_id,
            new_template_id=tree.template.id,
            new_template_active=tree.template.is_active,
            task_statuses=[task.status for task in tasks],
        )
        plan = plan_switch(tasks, [step.task for step in tree.steps])
        now = clock()
        _apply(uow, ticket, tasks, tree, plan, now=now)
        summary = SwitchSummary(
            tasks_preserved=len(plan.kept),
            tasks_removed=len(plan.removed),
            tasks_added=len(plan.added),
            total_tasks=plan.total,
        )
        uow.template_changes.add(
            TicketTemplateChangeRow(
                ticket_id=ticket.id,
                old_template_id=ticket.template_id,
                new_template_id=tree.template.id,
                reason=reason,
                tasks_preserved=summary.tasks_preserved,
                tasks_removed=summary.tasks_removed,
                tasks_added=summary.tasks_added,
                total_tasks=summary.total_tasks,
                changed_by_id=caller.user_id,
                changed_at=now,
            )
        )
        ticket.template_id = tree.template.id
        ticket.updated_at = now
        uow.commit()
        return summary


def _apply(
    uow: UnitOfWork,
    ticket: ServiceTicketRow,
    tasks: list[TicketTaskRow],
    tree: TemplateTree,
    plan: SwitchPlan,
    *,
    now: datetime,
) -> None:
    by_id = {task.id: task for task in tasks}
    for task_id in plan.removed:
        uow.ticket_tasks.delete(by_id[task_id])
    largest = max((task.sequence_order for task in tasks), default=0)
    _move(by_id, parking_orders(plan.kept, largest), now=now)
    uow.ticket_tasks.flush()
    _move(by_id, plan.kept, now=now)
    uow.ticket_tasks.flush()
    steps = {step.task.id: step for step in tree.steps}
    for step_id, order in plan.added:
        uow.ticket_tasks.add(_task_of(ticket, steps[step_id], order, now=now))


def _move(by_id: dict[str, TicketTaskRow], orders: list[tuple[str, int]], *, now: datetime) -> None:
    for task_id, order in orders:
        task = by_id[task_id]
        if task.sequence_order != order:
            task.sequence_order = order
            task.updated_at = now


def _task_of(
    ticket: ServiceTicketRow, step: TemplateStep, order: int, *, now: datetime
) -> TicketTaskRow:
    """A pending task copied from the step, as a new ticket's tasks are
    (services/tickets/task_generation)."""
    return TicketTaskRow(
        ticket_id=ticket.id,
        task_type_id=step.task_type.id,
        template_task_id=step.task.id,
        name=step.task_type.name,
        description=step.task.custom_instructions or step.task_type.description,
        sequence_order=order,
        is_required=step.task.is_required,
        status="pending",
        created_at=now,
        updated_at=now,
    )
