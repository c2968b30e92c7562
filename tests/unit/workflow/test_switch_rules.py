"""The plan of a template switch, as pure data: examples, then properties over random
tasks and templates (orders 1..n, work done never removed, the summary adds up, and the
two passes never meet an order already taken)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.errors import PreconditionFailed
from services.workflow.switch_rules import (
    KEPT_STATUSES,
    parking_orders,
    plan_switch,
    refuse_unswitchable,
)

STATUSES = ("pending", "in_progress", "completed", "blocked", "skipped")
TYPES = ("diag", "repair", "clean", "test", "pack")


@dataclass(frozen=True)
class Task:
    id: str
    task_type_id: str
    status: str
    sequence_order: int


@dataclass(frozen=True)
class Step:
    id: str
    task_type_id: str
    sequence_order: int


def test_work_done_stays_unwanted_steps_go_and_missing_ones_come_after() -> None:
    tasks = [
        Task("a", "diag", "completed", 1),
        Task("b", "repair", "pending", 2),
        Task("c", "clean", "in_progress", 5),
        Task("d", "test", "blocked", 7),
    ]
    steps = [Step("s1", "pack", 1), Step("s2", "test", 2), Step("s3", "diag", 3)]

    plan = plan_switch(tasks, steps)

    assert plan.kept == [("a", 1), ("c", 2), ("d", 3)]
    assert plan.removed == ["b"]
    assert plan.added == [("s1", 4)]
    assert plan.total == 4


def test_a_ticket_without_tasks_takes_every_step() -> None:
    plan = plan_switch([], [Step("s2", "b", 2), Step("s1", "a", 1)])

    assert (plan.kept, plan.removed, plan.added) == ([], [], [("s1", 1), ("s2", 2)])


@pytest.mark.parametrize(
    ("status", "current", "active", "statuses", "rule"),
    [
        ("completed", "old", True, ["pending"], "only a pending or in_progress ticket"),
        ("cancelled", "old", True, ["pending"], "only a pending or in_progress ticket"),
        ("pending", "old", False, ["pending"], "not active"),
        ("in_progress", "new", True, ["pending"], "already uses this template"),
        ("in_progress", "old", True, ["completed", "completed"], "Every task"),
    ],
)
def test_each_rule_is_refused_by_name(
    status: str, current: str, active: bool, statuses: list[str], rule: str
) -> None:
    with pytest.raises(PreconditionFailed, match=rule):
        refuse_unswitchable(
            ticket_number="SV-2026-001",
            status=status,
            current_template_id=current,
            new_template_id="new",
            new_template_active=active,
            task_statuses=statuses,
        )


@pytest.mark.parametrize("statuses", [[], ["completed", "skipped"], ["pending"]])
def test_a_switchable_ticket_passes(statuses: list[str]) -> None:
    refuse_unswitchable(
        ticket_number="SV-2026-001",
        status="in_progress",
        current_template_id=None,
        new_template_id="new",
        new_template_active=True,
        task_statuses=statuses,
    )


@st.composite
def tickets_and_templates(draw: st.DrawFn) -> tuple[list[Task], list[Step]]:
    count = draw(st.integers(min_value=0, max_value=12))
    # Distinct orders with gaps, as a ticket's tasks may have after earlier changes.
    orders = draw(
        st.lists(
            st.integers(min_value=1, max_value=40), min_size=count, max_size=count, unique=True
        )
    )
    tasks = [
        Task(f"t{index}", draw(st.sampled_from(TYPES)), draw(st.sampled_from(STATUSES)), order)
        for index, order in enumerate(orders)
    ]
    step_types = draw(st.lists(st.sampled_from(TYPES), max_size=8))
    steps = [Step(f"s{index}", kind, index + 1) for index, kind in enumerate(step_types)]
    return tasks, draw(st.permutations(steps))


@given(tickets_and_templates())
def test_orders_run_one_to_n_and_work_done_is_never_removed(
    case: tuple[list[Task], list[Step]],
) -> None:
    tasks, steps = case
    plan = plan_switch(tasks, steps)
    by_id = {task.id: task for task in tasks}

    orders = [order for _, order in plan.kept + plan.added]
    assert orders == list(range(1, plan.total + 1))
    assert all(by_id[task_id].status not in KEPT_STATUSES for task_id in plan.removed)
    assert len(plan.kept) + len(plan.removed) == len(tasks)
    assert plan.total == len(plan.kept) + len(plan.added)
    # Kept tasks keep their relative order; a removed one's type is not in the template.
    kept_orders = [by_id[task_id].sequence_order for task_id, _ in plan.kept]
    assert kept_orders == sorted(kept_orders)
    template_types = {step.task_type_id for step in steps}
    assert all(by_id[task_id].task_type_id not in template_types for task_id in plan.removed)
    # A step comes only for a type the ticket lacked, and every type the ticket lacked comes.
    ticket_types = {task.task_type_id for task in tasks}
    step_by_id = {step.id: step for step in steps}
    added_types = {step_by_id[step_id].task_type_id for step_id, _ in plan.added}
    assert added_types == template_types - ticket_types


@given(tickets_and_templates())
def test_the_two_passes_never_meet_an_order_in_use(case: tuple[list[Task], list[Step]]) -> None:
    tasks, steps = case
    plan = plan_switch(tasks, steps)
    largest = max((task.sequence_order for task in tasks), default=0)
    kept_ids = {task_id for task_id, _ in plan.kept}
    current = {task.id: task.sequence_order for task in tasks if task.id in kept_ids}

    for orders in (parking_orders(plan.kept, largest), plan.kept):
        for task_id, order in orders:
            others = {value for other, value in current.items() if other != task_id}
            assert order not in others
            current[task_id] = order
    assert sorted(current.values()) == list(range(1, len(plan.kept) + 1))
