"""Doing a ticket's tasks (issue 16): the caller's tasks, starting, noting, completing.

Every change locks the task's ticket first, then loads the task (one lock order for
every writer of a ticket and its tasks: ``services.tickets.editing``), checks who the
caller is (the task's assignee, or a manager/admin), refuses a completed or cancelled
ticket, and only then applies the rules of ``task_rules``.
"""

from dataclasses import dataclass

# Re-exported for the router to map (routers never name db's repositories).
from db.repositories.tickets.task import MyTaskView as MyTaskView
from db.repositories.tickets.task import TicketTaskView as TicketTaskView
from db.tables.tickets import ServiceTicketRow, TicketTaskRow
from db.unit_of_work import UnitOfWork
from schemas.limits import LONG_TEXT_MAX_LENGTH
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import InvalidInput, NotFound
from services.tickets.editing import lock_ticket
from services.tickets.status_rules import refuse_terminal
from services.workflow import task_rules

TASK_NOT_FOUND = "Task not found"


@dataclass(frozen=True)
class TaskDependencies:
    """The tasks before one task, whether its template makes them wait, and how many
    required ones are not yet completed or skipped."""

    prerequisites: list[TicketTaskView]
    enforce_sequence: bool
    incomplete_count: int


@dataclass(frozen=True)
class TaskNotes:
    notes: str


def my_tasks(uow: UnitOfWork, caller: Caller) -> list[MyTaskView]:
    """The caller's tasks with their task types, tickets and customers (one query)."""
    with uow:
        return uow.ticket_tasks.assigned_to(caller.user_id)


def update_task_status(
    uow: UnitOfWork, caller: Caller, task_id: str, status: str, *, clock: Clock = utc_now
) -> TicketTaskView:
    """The task moved to ``status``. ``in_progress`` stamps ``started_at`` the first
    time; ``completed`` follows completeTask's rules and is refused for a task type
    that requires notes (those are completed with completeTask, which takes them)."""
    with uow:
        ticket, task = _lock_task(uow, caller, task_id)
        task_rules.check_task_transition(task.name, task.status, status)
        if status != task.status:
            now = clock()
            if status == "completed":
                task_type = uow.task_types.get(task.task_type_id)
                task_rules.refuse_notes_required(
                    task.name, requires_notes=task_type is not None and task_type.requires_notes
                )
                _refuse_waiting(uow, ticket, task)
                task.completed_at = now
                task.completed_by_id = caller.user_id
            if status == "in_progress" and task.started_at is None:
                task.started_at = now
            task.status = status
            task.updated_at = now
            uow.ticket_tasks.add(task)
        view = _view(uow, task.id)
        uow.commit()
        return view


def complete_task(
    uow: UnitOfWork,
    caller: Caller,
    task_id: str,
    completion_notes: str,
    *,
    clock: Clock = utc_now,
) -> TicketTaskView:
    """The task completed by the caller, its completion notes appended to its notes.
    With its template enforcing sequence, the required tasks before it must be
    completed or skipped first (PreconditionFailed naming them); a completed task is a
    Conflict."""
    notes = completion_notes.strip()
    if len(notes) < task_rules.COMPLETION_NOTES_MIN_LENGTH:
        raise InvalidInput(
            "completion_notes",
            f"must be at least {task_rules.COMPLETION_NOTES_MIN_LENGTH} characters",
        )
    with uow:
        ticket, task = _lock_task(uow, caller, task_id)
        task_rules.check_task_transition(task.name, task.status, "completed")
        _refuse_waiting(uow, ticket, task)
        now = clock()
        entry = task_rules.notes_entry(now, _author(uow, caller), notes)
        task.notes = task_rules.appended_notes(task.notes, entry, max_length=LONG_TEXT_MAX_LENGTH)
        task.status = "completed"
        task.completed_at = now
        task.completed_by_id = caller.user_id
        task.updated_at = now
        uow.ticket_tasks.add(task)
        view = _view(uow, task.id)
        uow.commit()
        return view


def add_task_notes(
    uow: UnitOfWork, caller: Caller, task_id: str, note: str, *, clock: Clock = utc_now
) -> TaskNotes:
    """The task's notes with ``[<UTC time>] <caller's name>: <note>`` appended."""
    with uow:
        _ticket, task = _lock_task(uow, caller, task_id)
        now = clock()
        entry = task_rules.notes_entry(now, _author(uow, caller), note.strip())
        task.notes = task_rules.appended_notes(task.notes, entry, max_length=LONG_TEXT_MAX_LENGTH)
        task.updated_at = now
        uow.ticket_tasks.add(task)
        uow.commit()
        return TaskNotes(task.notes)


def task_dependencies(uow: UnitOfWork, task_id: str) -> TaskDependencies:
    """The tasks before this one in its ticket's order (every one, required or not),
    whether the ticket's template enforces their order, and how many of the required
    ones are neither completed nor skipped."""
    with uow:
        ticket_id = uow.ticket_tasks.ticket_of_task(task_id)
        if ticket_id is None:
            raise NotFound(TASK_NOT_FOUND)
        views = uow.ticket_tasks.views_of_ticket(ticket_id)
        this = next((view for view in views if view.task.id == task_id), None)
        if this is None:
            raise NotFound(TASK_NOT_FOUND)
        before = [view for view in views if view.task.sequence_order < this.task.sequence_order]
        ticket = uow.tickets.get(ticket_id)
        enforce = ticket is not None and _enforces_sequence(uow, ticket)
        waiting = task_rules.unsettled_prerequisites(
            this.task.sequence_order, (_rule_tuple(view) for view in before)
        )
        return TaskDependencies(before, enforce, len(waiting))


def _lock_task(
    uow: UnitOfWork, caller: Caller, task_id: str
) -> tuple[ServiceTicketRow, TicketTaskRow]:
    """The task's ticket, locked, and then the task, once the caller may change it and
    the ticket is neither completed nor cancelled."""
    ticket_id = uow.ticket_tasks.ticket_of_task(task_id)
    if ticket_id is None:
        raise NotFound(TASK_NOT_FOUND)
    # Locked before the task is loaded: the row read next is the one committed last.
    ticket = lock_ticket(uow, ticket_id)
    task = uow.ticket_tasks.get(task_id)
    if task is None:
        raise NotFound(TASK_NOT_FOUND)
    task_rules.refuse_stranger(
        caller_id=caller.user_id, caller_role=caller.role, assigned_to_id=task.assigned_to_id
    )
    # The terminal check after the permission check: a stranger learns nothing more.
    refuse_terminal(ticket.ticket_number, ticket.status)
    return ticket, task


def _refuse_waiting(uow: UnitOfWork, ticket: ServiceTicketRow, task: TicketTaskRow) -> None:
    if not _enforces_sequence(uow, ticket):
        return
    others = uow.ticket_tasks.of_ticket(ticket.id)
    waiting = task_rules.unsettled_prerequisites(
        task.sequence_order,
        ((row.name, row.sequence_order, row.status, row.is_required) for row in others),
    )
    task_rules.refuse_unsettled(task.name, waiting)


def _enforces_sequence(uow: UnitOfWork, ticket: ServiceTicketRow) -> bool:
    """The ticket's template's enforce_sequence; a ticket without one enforces none."""
    if ticket.template_id is None:
        return False
    template = uow.templates.get(ticket.template_id)
    return template is not None and template.enforce_sequence


def _rule_tuple(view: TicketTaskView) -> tuple[str, int, str, bool]:
    task = view.task
    return (task.name, task.sequence_order, task.status, task.is_required)


def _author(uow: UnitOfWork, caller: Caller) -> str:
    if caller.user is not None:
        return caller.user.full_name
    user = uow.users.get(caller.user_id)
    return user.full_name if user is not None else caller.email


def _view(uow: UnitOfWork, task_id: str) -> TicketTaskView:
    view = uow.ticket_tasks.view(task_id)
    if view is None:
        raise NotFound(TASK_NOT_FOUND)
    return view
