"""The plan of a template switch (``workflow.switchTemplate``), as pure data: which of
a ticket's tasks stay, which go, which of the new template's steps come, and the order
each ends in.

Work done or under way is never lost: completed and in-progress tasks stay whatever
the new template holds. A pending, blocked or skipped task stays only when the new
template has its task type too (the step is still part of the repair); otherwise it
goes. A step of the new template comes when the ticket has no task of its type. The
kept tasks come first, in their order, then the new steps in the template's order;
orders run 1..n without gaps.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from services.errors import PreconditionFailed

SWITCHABLE_STATUSES: Final = ("pending", "in_progress")
# Statuses whose task stays whatever the new template holds.
KEPT_STATUSES: Final = ("completed", "in_progress")


class PlannedTask(Protocol):
    """What the plan reads of a ticket's task (a row, or a test's stand-in)."""

    @property
    def id(self) -> str: ...
    @property
    def task_type_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def sequence_order(self) -> int: ...


class PlannedStep(Protocol):
    """What the plan reads of the new template's step."""

    @property
    def id(self) -> str: ...
    @property
    def task_type_id(self) -> str: ...
    @property
    def sequence_order(self) -> int: ...


@dataclass(frozen=True)
class SwitchPlan:
    """``kept``: (task id, its new order), in the new order; ``removed``: task ids;
    ``added``: (step id, its new order), in the template's order."""

    kept: list[tuple[str, int]]
    removed: list[str]
    added: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return len(self.kept) + len(self.added)


def refuse_unswitchable(
    *,
    ticket_number: str,
    status: str,
    current_template_id: str | None,
    new_template_id: str,
    new_template_active: bool,
    task_statuses: Sequence[str],
) -> None:
    """PreconditionFailed naming the rule the switch breaks, if it breaks one.

    A ticket without tasks may switch (it has nothing completed to be all of); one
    whose every task is completed has nothing left for a new template to change.
    """
    if status not in SWITCHABLE_STATUSES:
        raise PreconditionFailed(
            f"Ticket {ticket_number} is {status}: only a pending or in_progress ticket "
            "can switch template"
        )
    if not new_template_active:
        raise PreconditionFailed("The new template is not active: switch to an active one")
    if new_template_id == current_template_id:
        raise PreconditionFailed(
            f"Ticket {ticket_number} already uses this template: choose a different one"
        )
    if task_statuses and all(status == "completed" for status in task_statuses):
        raise PreconditionFailed(
            f"Every task of ticket {ticket_number} is completed: there is nothing left to switch"
        )


def plan_switch(tasks: Sequence[PlannedTask], steps: Sequence[PlannedStep]) -> SwitchPlan:
    """Which tasks stay, go and come, and their new orders (see the module's rules)."""
    template_types = {step.task_type_id for step in steps}
    ordered = sorted(tasks, key=lambda task: task.sequence_order)
    kept_tasks = [
        task
        for task in ordered
        if task.status in KEPT_STATUSES or task.task_type_id in template_types
    ]
    kept_ids = {task.id for task in kept_tasks}
    removed = [task.id for task in ordered if task.id not in kept_ids]
    # The ticket's types before the switch: a removed task's type is one the template
    # lacks, so it never decides whether a step comes.
    ticket_types = {task.task_type_id for task in ordered}
    new_steps = [
        step
        for step in sorted(steps, key=lambda step: step.sequence_order)
        if step.task_type_id not in ticket_types
    ]
    kept = [(task.id, order) for order, task in enumerate(kept_tasks, start=1)]
    added = [(step.id, order) for order, step in enumerate(new_steps, start=len(kept) + 1)]
    return SwitchPlan(kept=kept, removed=removed, added=added)


def parking_orders(kept: Sequence[tuple[str, int]], largest: int) -> list[tuple[str, int]]:
    """The first pass's orders: each kept task just past ``largest`` (the ticket's
    largest order before the switch), in the same relative order, so none meets
    another task's order, old or new (new orders are at most the task count, which
    ``largest`` is never below)."""
    return [(task_id, largest + index) for index, (task_id, _) in enumerate(kept, start=1)]
