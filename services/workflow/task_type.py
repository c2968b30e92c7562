"""Task types: the kinds of step a template orders ("Diagnosis", "Screen Calibration")."""

from dataclasses import dataclass

# Re-exported: what listing answers with, for the router to map.
from db.repositories.workflow import TaskTypeRecord as TaskTypeRecord
from db.tables.workflow import TaskTypeRow
from db.unit_of_work import UnitOfWork
from services.clock import Clock, utc_now
from services.errors import Conflict
from services.name_rules import name_key

NAME_TAKEN = "A task type with this name already exists"


@dataclass(frozen=True)
class NewTaskType:
    name: str
    description: str | None = None
    category: str | None = None
    estimated_duration_minutes: int | None = None
    requires_notes: bool = False
    requires_photo: bool = False
    is_active: bool = True


def list_task_types(uow: UnitOfWork) -> list[TaskTypeRecord]:
    """The active task types, by name."""
    with uow:
        return uow.task_types.list_active()


def create_task_type(uow: UnitOfWork, new: NewTaskType, *, clock: Clock = utc_now) -> TaskTypeRow:
    """A new task type; its name must be new ignoring case (the unique key settles a
    race between two creators)."""
    key = name_key(new.name)
    with uow:
        if uow.task_types.get_by_name_key(key) is not None:
            raise Conflict(NAME_TAKEN)
        now = clock()
        task_type = TaskTypeRow(
            name=new.name,
            name_key=key,
            description=new.description,
            category=new.category,
            estimated_duration_minutes=new.estimated_duration_minutes,
            requires_notes=new.requires_notes,
            requires_photo=new.requires_photo,
            is_active=new.is_active,
            created_at=now,
            updated_at=now,
        )
        uow.task_types.add(task_type)
        uow.commit()
        return task_type
