"""A new ticket's tasks, copied from its template (what the contract left to a database
trigger), inside the creating unit of work.

The template is chosen first (``choose_plan``, before the ticket's number is taken: the
number's counter is held until commit, so reads come before it); its tasks are written
once the ticket is (``write_tasks``). Each task copies its template step: the task type,
the step it came from, the task type's name, the step's instructions (or else the task
type's description), the order and whether it is required; each starts ``pending``.
"""

from dataclasses import dataclass
from datetime import datetime

from db.repositories.workflow import TemplateStep
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.unit_of_work import UnitOfWork
from services.tickets.template_rules import choose_template, service_type_for


@dataclass(frozen=True)
class TaskPlan:
    """The template a ticket takes (None: no tasks) and the steps to copy from it."""

    template_id: str | None
    steps: list[TemplateStep]


NO_TASKS = TaskPlan(template_id=None, steps=[])


def choose_plan(uow: UnitOfWork, *, product_id: str, warranty_type: str) -> TaskPlan:
    """The active template for the product model and the warranty type's service type,
    with its steps in order (see template_rules for which one)."""
    candidates = uow.templates.active_candidates(product_id, service_type_for(warranty_type))
    chosen = choose_template(candidates, product_id)
    if chosen is None:
        return NO_TASKS
    tree = uow.templates.tree(chosen.id)
    if tree is None:  # read a moment ago in this transaction: never, short of a bug
        return NO_TASKS
    return TaskPlan(template_id=chosen.id, steps=tree.steps)


def write_tasks(
    uow: UnitOfWork, ticket: ServiceTicketRow, plan: TaskPlan, *, now: datetime
) -> list[TicketTaskRow]:
    """The ticket's tasks, one per step of the plan, added to the unit of work."""
    tasks = [
        TicketTaskRow(
            ticket_id=ticket.id,
            task_type_id=step.task_type.id,
            template_task_id=step.task.id,
            name=step.task_type.name,
            description=step.task.custom_instructions or step.task_type.description,
            sequence_order=step.task.sequence_order,
            is_required=step.task.is_required,
            status="pending",
            created_at=now,
            updated_at=now,
        )
        for step in plan.steps
    ]
    for task in tasks:
        uow.ticket_tasks.add(task)
    return tasks
