"""The progress dashboard: how tickets' tasks stand overall, which tickets are held up,
each technician's load, and completions per day. Each figure is one aggregate query
(db/repositories/tickets/task_progress.py); only the rate and the empty days are
worked out here."""

from dataclasses import dataclass

# Re-exported: what the dashboard answers with, for the router to map.
from db.repositories.tickets.task_progress import BlockedTicket as BlockedTicket
from db.repositories.tickets.task_progress import TechnicianLoad as TechnicianLoad
from db.unit_of_work import UnitOfWork
from services.clock import Clock, utc_now
from services.day_window_rules import day_window, filled
from services.errors import NotFound
from services.workflow.progress_rules import completion_rate

TECHNICIAN_NOT_FOUND = "Technician not found"


@dataclass(frozen=True)
class ProgressSummary:
    total_tasks: int
    tasks_pending: int
    tasks_in_progress: int
    tasks_completed: int
    tasks_blocked: int
    # completed / total as a percentage, one decimal; 0 with no tasks.
    completion_rate: float


@dataclass(frozen=True)
class DayCompletions:
    # The UTC day, YYYY-MM-DD.
    date: str
    tasks_completed: int


def progress_summary(uow: UnitOfWork) -> ProgressSummary:
    """Every ticket's tasks counted by status, and the share completed."""
    with uow:
        counts = uow.task_progress.status_counts()
    return ProgressSummary(
        total_tasks=counts.total,
        tasks_pending=counts.pending,
        tasks_in_progress=counts.in_progress,
        tasks_completed=counts.completed,
        tasks_blocked=counts.blocked,
        completion_rate=completion_rate(counts.completed, counts.total),
    )


def tickets_with_blocked_tasks(uow: UnitOfWork) -> list[BlockedTicket]:
    """The tickets having a blocked task, the most blocked first."""
    with uow:
        return uow.task_progress.blocked_tickets()


def technician_workload(uow: UnitOfWork, technician_id: str | None = None) -> list[TechnicianLoad]:
    """Each technician's assigned tasks by status (and anyone else's who has some); or
    the one user ``technician_id`` names, NotFound when none does."""
    with uow:
        loads = uow.task_progress.technician_loads(technician_id)
    if technician_id is not None and not loads:
        raise NotFound(TECHNICIAN_NOT_FOUND)
    return loads


def completion_timeline(
    uow: UnitOfWork, *, days_back: int, clock: Clock = utc_now
) -> list[DayCompletions]:
    """The tasks completed on each of the last ``days_back`` UTC days (today included,
    by ``clock``), oldest first, 0 on days without any. One query counts by day in the
    database; the days without completions are filled in here."""
    window = day_window(clock(), days_back)
    with uow:
        counts = dict(uow.task_progress.completions_by_day(window.start, window.end))
    return [DayCompletions(day, count) for day, count in filled(window.days, counts, 0)]
