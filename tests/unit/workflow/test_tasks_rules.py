"""The task rules on plain values: who, where a status may go, prerequisites, notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.errors import Conflict, PermissionDenied, PreconditionFailed
from services.workflow import task_rules
from services.workflow.task_rules import TASK_TRANSITIONS


@pytest.mark.parametrize("role", ["admin", "manager"])
def test_managers_change_any_task(role: str) -> None:
    task_rules.refuse_stranger(caller_id="u", caller_role=role, assigned_to_id="other")
    task_rules.refuse_stranger(caller_id="u", caller_role=role, assigned_to_id=None)


def test_the_assignee_changes_their_task() -> None:
    task_rules.refuse_stranger(caller_id="u", caller_role="technician", assigned_to_id="u")


@pytest.mark.parametrize("assigned", ["other", None])
@pytest.mark.parametrize("role", ["technician", "reception"])
def test_others_may_not(role: str, assigned: str | None) -> None:
    with pytest.raises(PermissionDenied):
        task_rules.refuse_stranger(caller_id="u", caller_role=role, assigned_to_id=assigned)


def test_completed_is_final() -> None:
    assert TASK_TRANSITIONS["completed"] == frozenset()
    for new in ("pending", "in_progress", "blocked", "skipped"):
        with pytest.raises(PreconditionFailed, match="completed"):
            task_rules.check_task_transition("Repair", "completed", new)


def test_completing_twice_is_a_conflict() -> None:
    with pytest.raises(Conflict, match="Repair"):
        task_rules.check_task_transition("Repair", "completed", "completed")


@pytest.mark.parametrize("current", ["pending", "in_progress", "blocked", "skipped"])
def test_staying_put_changes_nothing(current: str) -> None:
    task_rules.check_task_transition("Repair", current, current)


@pytest.mark.parametrize(
    ("current", "new"),
    [(current, new) for current, onward in TASK_TRANSITIONS.items() for new in sorted(onward)],
)
def test_every_listed_move_passes(current: str, new: str) -> None:
    task_rules.check_task_transition("Repair", current, new)


@pytest.mark.parametrize(("current", "new"), [("blocked", "completed"), ("skipped", "completed")])
def test_blocked_and_skipped_are_taken_up_again_before_completing(current: str, new: str) -> None:
    with pytest.raises(PreconditionFailed, match=f"is {current}: it can go to"):
        task_rules.check_task_transition("Repair", current, new)


def test_blocked_and_skipped_go_back_to_work() -> None:
    for current in ("blocked", "skipped"):
        assert {"pending", "in_progress"} <= TASK_TRANSITIONS[current]


def test_only_earlier_required_unsettled_tasks_hold_one_up() -> None:
    tasks = [
        ("Diagnosis", 1, "pending", True),
        ("Backup", 2, "pending", False),
        ("Parts", 3, "skipped", True),
        ("Repair", 4, "completed", True),
        ("Check", 5, "blocked", True),
        ("Clean", 6, "pending", True),
    ]
    assert task_rules.unsettled_prerequisites(6, tasks) == ["Diagnosis", "Check"]
    assert task_rules.unsettled_prerequisites(1, tasks) == []


def test_unsettled_prerequisites_are_named() -> None:
    task_rules.refuse_unsettled("Clean", [])
    with pytest.raises(PreconditionFailed, match="Diagnosis, Check"):
        task_rules.refuse_unsettled("Clean", ["Diagnosis", "Check"])


def test_a_type_needing_notes_is_completed_with_them() -> None:
    task_rules.refuse_notes_required("Repair", requires_notes=False)
    with pytest.raises(PreconditionFailed, match="completeTask"):
        task_rules.refuse_notes_required("Repair", requires_notes=True)


def test_a_note_line_carries_the_utc_time_and_author() -> None:
    local = datetime(2026, 2, 3, 12, 30, 5, tzinfo=timezone(timedelta(hours=2)))
    assert task_rules.notes_entry(local, "Tess Technician", "Screen replaced") == (
        "[2026-02-03 10:30:05 UTC] Tess Technician: Screen replaced"
    )


def test_notes_are_appended_line_by_line() -> None:
    first = task_rules.appended_notes(None, "a", max_length=10)
    assert first == "a"
    assert task_rules.appended_notes(first, "b", max_length=10) == "a\nb"
    assert task_rules.appended_notes("", "b", max_length=10) == "b"


def test_notes_do_not_outgrow_their_column() -> None:
    assert task_rules.appended_notes("12345", "6789", max_length=10) == "12345\n6789"
    with pytest.raises(PreconditionFailed, match="10 characters"):
        task_rules.appended_notes("12345", "67890", max_length=10)


def test_the_stamp_is_utc_whatever_the_clock() -> None:
    assert task_rules.notes_entry(datetime(2026, 1, 1, tzinfo=UTC), "A", "b").startswith(
        "[2026-01-01 00:00:00 UTC]"
    )
