"""Workflow: the task types a repair is made of, and the templates that order them.

A template is versioned: changing one (``workflow.template.update``) deactivates it and
adds a new row with ``version + 1`` pointing back at it (``previous_version_id``), so
tickets started on an old version keep the steps they were started with. Names are
unique ignoring case: every task type's (``name_key``, a plain unique constraint), and
among the active templates only (a partial unique index on ``name_key WHERE
is_active``), since every version of a template keeps its name.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import (
    LONG_NAME_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    SERVICE_TYPE_MAX_LENGTH,
    TASK_CATEGORY_MAX_LENGTH,
)

SERVICE_TYPES = ("warranty", "paid", "replacement")
ACTIVE_ONLY = text("is_active")


class TaskTypeRow(SQLModel, table=True):
    """A kind of step of a repair ("Diagnosis", "Screen Calibration")."""

    __tablename__ = "task_types"
    __table_args__ = (
        CheckConstraint(
            "estimated_duration_minutes IS NULL OR estimated_duration_minutes > 0",
            name="duration_positive",
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    # The casefolded name: unique, so two task types never differ only in case.
    name_key: str = Field(unique=True, max_length=LONG_NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    category: str | None = Field(default=None, max_length=TASK_CATEGORY_MAX_LENGTH)
    estimated_duration_minutes: int | None = Field(default=None)
    requires_notes: bool = Field(default=False)
    requires_photo: bool = Field(default=False)
    is_active: bool = Field(default=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TaskTemplateRow(SQLModel, table=True):
    """One version of a template: the ordered task types of a kind of repair."""

    __tablename__ = "task_templates"
    __table_args__ = (
        CheckConstraint(
            "service_type IN ('warranty', 'paid', 'replacement')", name="service_type_known"
        ),
        CheckConstraint("version >= 1", name="version_positive"),
        # Unique among the active versions only: the old versions of a template keep
        # its name, and settle a race between two creators (or updaters) of one name.
        Index(
            "uq_task_templates_active_name_key",
            "name_key",
            unique=True,
            sqlite_where=ACTIVE_ONLY,
            postgresql_where=ACTIVE_ONLY,
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    name_key: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    # RESTRICT: a product model a template is for is not deleted from under it.
    product_type: str | None = Field(
        default=None,
        foreign_key="product_models.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    service_type: str = Field(max_length=SERVICE_TYPE_MAX_LENGTH)
    enforce_sequence: bool = Field(default=True)
    is_active: bool = Field(default=True)
    version: int = Field(default=1)
    # The version this one replaced; RESTRICT: a version others derive from stays.
    previous_version_id: str | None = Field(
        default=None,
        foreign_key="task_templates.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    # Who made this version; kept (as NULL) when the user is deleted.
    created_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TemplateTaskRow(SQLModel, table=True):
    """One step of a template version: a task type at a place in the sequence."""

    __tablename__ = "template_tasks"
    __table_args__ = (
        UniqueConstraint("template_id", "sequence_order"),
        CheckConstraint("sequence_order >= 1", name="sequence_order_positive"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    template_id: str = Field(
        foreign_key="task_templates.id", ondelete="CASCADE", max_length=ID_LENGTH
    )
    # RESTRICT: a task type some template uses is deactivated, never deleted.
    task_type_id: str = Field(
        foreign_key="task_types.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    sequence_order: int
    is_required: bool = Field(default=True)
    custom_instructions: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
