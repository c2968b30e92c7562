"""What may happen to a ticket's task, on plain values (issue 16).

Who: the technician the task is assigned to, or a manager or admin.

Where a task's status may go (one table, for ``workflow.updateTaskStatus`` and
``workflow.completeTask``)::

    pending     -> in_progress | completed | blocked | skipped
    in_progress -> pending | completed | blocked | skipped
    blocked     -> pending | in_progress | skipped
    skipped     -> pending | in_progress
    completed   -> (nothing: final)

A blocked task is unblocked (back to pending or in progress) before it is completed; a
skipped one may be taken up again. Completing a completed task is a Conflict (the same
completion twice), any other move out of ``completed`` is PreconditionFailed. Staying in
the status a task has (other than ``completed``) changes nothing.

Notes are appended, one entry per line: ``[YYYY-MM-DD HH:MM:SS UTC] Full Name: note``.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Final

from services.errors import Conflict, PermissionDenied, PreconditionFailed

TASK_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "pending": frozenset({"in_progress", "completed", "blocked", "skipped"}),
    "in_progress": frozenset({"pending", "completed", "blocked", "skipped"}),
    "blocked": frozenset({"pending", "in_progress", "skipped"}),
    "skipped": frozenset({"pending", "in_progress"}),
    "completed": frozenset(),
}
# Roles that may change any task; everyone else only the tasks assigned to them.
TASK_MANAGERS: Final = frozenset({"admin", "manager"})
# A prerequisite no longer holds up later tasks once it is one of these.
SETTLED: Final = frozenset({"completed", "skipped"})
COMPLETION_NOTES_MIN_LENGTH: Final = 5


def refuse_stranger(*, caller_id: str, caller_role: str, assigned_to_id: str | None) -> None:
    """PermissionDenied unless the caller is the task's assignee or a manager/admin."""
    if caller_role in TASK_MANAGERS or (assigned_to_id is not None and assigned_to_id == caller_id):
        return
    raise PermissionDenied("Only the technician assigned to this task, or a manager, may change it")


def check_task_transition(name: str, current: str, new: str) -> None:
    """Conflict when completing a completed task, PreconditionFailed naming the task's
    status and where it may go when ``current`` may not go to ``new``. Staying in the
    same status (not completed) passes: the caller changes nothing."""
    if current == "completed" and new == "completed":
        raise Conflict(f"Task {name} is already completed")
    if current == new:
        return
    onward = TASK_TRANSITIONS[current]
    if new not in onward:
        allowed = " or ".join(sorted(onward)) or "nothing (it is final)"
        raise PreconditionFailed(f"Task {name} is {current}: it can go to {allowed}, not {new}")


def unsettled_prerequisites(
    sequence_order: int, tasks: Iterable[tuple[str, int, str, bool]]
) -> list[str]:
    """The names of the required tasks before ``sequence_order`` (given as ``(name,
    sequence_order, status, is_required)``) that are neither completed nor skipped."""
    return [
        name
        for name, order, status, is_required in tasks
        if order < sequence_order and is_required and status not in SETTLED
    ]


def refuse_unsettled(name: str, unsettled: list[str]) -> None:
    """With sequence enforced, a task waits for the required ones before it."""
    if unsettled:
        raise PreconditionFailed(
            f"Task {name} cannot be completed before its earlier required tasks: "
            + ", ".join(unsettled)
        )


def refuse_notes_required(name: str, *, requires_notes: bool) -> None:
    """A task type that requires notes is completed through completeTask, which takes
    them, not by a bare status change."""
    if requires_notes:
        raise PreconditionFailed(
            f"Task {name} requires completion notes: complete it with workflow.completeTask"
        )


def notes_entry(now: datetime, author: str, note: str) -> str:
    """One line of a task's notes: ``[2026-02-03 10:00:00 UTC] Full Name: note``."""
    stamp = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return f"[{stamp} UTC] {author}: {note}"


def appended_notes(existing: str | None, entry: str, *, max_length: int) -> str:
    """The notes with ``entry`` on a new line after them; PreconditionFailed when they
    would outgrow what a task keeps (``max_length``, its column's)."""
    notes = entry if not existing else f"{existing}\n{entry}"
    if len(notes) > max_length:
        raise PreconditionFailed(
            f"The task's notes would exceed {max_length} characters: no room for this note"
        )
    return notes
