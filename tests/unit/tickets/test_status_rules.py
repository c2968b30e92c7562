"""Where a ticket's status may go, and what holds up its completion."""

import itertools

import pytest

from services.errors import PreconditionFailed
from services.tickets.status_rules import (
    TRANSITIONS,
    check_transition,
    refuse_terminal,
    refuse_unfinished_tasks,
    unfinished_required,
)

ALLOWED = {
    ("pending", "in_progress"),
    ("pending", "cancelled"),
    ("in_progress", "pending"),
    ("in_progress", "completed"),
    ("in_progress", "cancelled"),
}
STATUSES = sorted(TRANSITIONS)


@pytest.mark.parametrize(("current", "new"), sorted(ALLOWED))
def test_the_contract_s_transitions_are_allowed(current: str, new: str) -> None:
    check_transition("SV-2026-001", current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        pair
        for pair in itertools.product(STATUSES, STATUSES)
        if pair not in ALLOWED and pair[0] != pair[1]
    ],
)
def test_every_other_transition_names_the_current_status(current: str, new: str) -> None:
    with pytest.raises(PreconditionFailed, match=f"SV-2026-001 is {current}"):
        check_transition("SV-2026-001", current, new)


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_terminal_tickets_do_not_change(status: str) -> None:
    with pytest.raises(PreconditionFailed, match=f"is {status}: it can no longer change"):
        refuse_terminal("SV-2026-001", status)


@pytest.mark.parametrize("status", ["pending", "in_progress"])
def test_open_tickets_may_change(status: str) -> None:
    refuse_terminal("SV-2026-001", status)


def test_required_tasks_not_completed_or_skipped_hold_up_completion() -> None:
    tasks = [
        ("Diagnose", "completed", True),
        ("Replace screen", "in_progress", True),
        ("Clean", "pending", False),
        ("Test", "skipped", True),
        ("Call customer", "blocked", True),
    ]
    unfinished = unfinished_required(tasks)
    assert unfinished == ["Replace screen", "Call customer"]
    with pytest.raises(PreconditionFailed, match="Replace screen, Call customer"):
        refuse_unfinished_tasks("SV-2026-001", unfinished)
    refuse_unfinished_tasks("SV-2026-001", [])
