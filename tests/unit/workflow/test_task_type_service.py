"""The task type service on the in-memory fakes."""

from __future__ import annotations

import pytest

from services.errors import Conflict
from services.workflow import task_type as task_type_service
from services.workflow.task_type import NewTaskType
from tests.fakes import FakeClock, FakeUnitOfWork


def test_create_keeps_every_field_and_the_name_key(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    new = NewTaskType(
        name="Screen Calibration",
        description="d",
        category="Quality Check",
        estimated_duration_minutes=15,
        requires_notes=True,
        requires_photo=True,
        is_active=False,
    )

    row = task_type_service.create_task_type(uow, new, clock=clock)

    assert uow.task_types.rows[row.id] is row
    assert (row.name, row.name_key, row.category, row.estimated_duration_minutes) == (
        "Screen Calibration",
        "screen calibration",
        "Quality Check",
        15,
    )
    assert (row.requires_notes, row.requires_photo, row.is_active) == (True, True, False)
    assert row.created_at == row.updated_at == clock()
    assert uow.commits == 1


@pytest.mark.parametrize("name", ["diagnosis", "DIAGNOSIS", "Retired", "rEtIrEd"])
def test_a_name_taken_ignoring_case_is_conflict_active_or_not(
    uow: FakeUnitOfWork, name: str
) -> None:
    before = dict(uow.task_types.rows)

    with pytest.raises(Conflict, match="already exists"):
        task_type_service.create_task_type(uow, NewTaskType(name=name))

    assert (uow.task_types.rows, uow.commits) == (before, 0)


def test_list_answers_the_active_ones_by_name(uow: FakeUnitOfWork) -> None:
    listed = task_type_service.list_task_types(uow)

    assert [row.name for row in listed] == ["Diagnosis", "Quality Check", "Repair"]
    assert uow.commits == 0
