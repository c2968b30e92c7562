"""Where a ticket's status may go, on plain values.

One transition table serves ``tickets.updateTicket`` and ``tickets.updateTicketStatus``:
pending → in_progress | cancelled; in_progress → pending | completed | cancelled;
completed and cancelled are terminal. A terminal ticket's fields and parts stay as they
are (comments may still be added).
"""

from collections.abc import Iterable
from typing import Final

from services.errors import PreconditionFailed

TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "pending": frozenset({"in_progress", "cancelled"}),
    "in_progress": frozenset({"pending", "completed", "cancelled"}),
    "completed": frozenset(),
    "cancelled": frozenset(),
}
TERMINAL: Final = frozenset(status for status, onward in TRANSITIONS.items() if not onward)
# Tasks that no longer hold up a ticket's completion.
FINISHED_TASK_STATUSES: Final = frozenset({"completed", "skipped"})


def is_terminal(status: str) -> bool:
    return status in TERMINAL


def refuse_terminal(ticket_number: str, status: str) -> None:
    """A completed or cancelled ticket is not changed: PreconditionFailed naming why."""
    if is_terminal(status):
        raise PreconditionFailed(f"Ticket {ticket_number} is {status}: it can no longer change")


def check_transition(ticket_number: str, current: str, new: str) -> None:
    """PreconditionFailed, naming the current status, unless ``current`` may go to
    ``new``. Staying where it is is not a transition: callers skip it."""
    refuse_terminal(ticket_number, current)
    if new not in TRANSITIONS[current]:
        allowed = " or ".join(sorted(TRANSITIONS[current]))
        raise PreconditionFailed(
            f"Ticket {ticket_number} is {current}: it can go to {allowed}, not {new}"
        )


def unfinished_required(tasks: Iterable[tuple[str, str, bool]]) -> list[str]:
    """The names of the required tasks, given as ``(name, status, is_required)`` in
    their order, that are neither completed nor skipped."""
    return [
        name
        for name, status, is_required in tasks
        if is_required and status not in FINISHED_TASK_STATUSES
    ]


def refuse_unfinished_tasks(ticket_number: str, unfinished: list[str]) -> None:
    """Completing a ticket needs its required tasks done: PreconditionFailed naming
    the ones that are not."""
    if unfinished:
        raise PreconditionFailed(
            f"Ticket {ticket_number} cannot be completed: required tasks not done: "
            + ", ".join(unfinished)
        )
