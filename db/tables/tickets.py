"""Service tickets: a repair of a customer's product, with its parts, comments,
attachments and tasks, and the counter its number is taken from.

A ticket's number is ``SV-YYYY-NNN``: the ``n``-th ticket of its year (UTC), taken from
that year's ``ticket_number_counters`` row inside the creating transaction, so numbers
are gap-free (see db/repositories/tickets/ticket.py). Money is ``MoneyAmount`` (exact); the
fees, the discount and the parts' total are never negative. What a ticket refers to
(its customer, its product model, its template, a part) is RESTRICTed: those are not
deleted from under it. What belongs to a ticket (its parts, comments, attachments and
tasks) goes with it (CASCADE).
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, MoneyAmount, UTCDateTime, new_id
from schemas.limits import (
    FILE_NAME_MAX_LENGTH,
    FILE_PATH_MAX_LENGTH,
    FILE_TYPE_MAX_LENGTH,
    LONG_NAME_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
    SHA256_HEX_LENGTH,
    TICKET_ENUM_MAX_LENGTH,
    TICKET_NUMBER_MAX_LENGTH,
    TICKET_STATUS_MAX_LENGTH,
    URL_MAX_LENGTH,
)

TICKET_STATUSES = ("pending", "in_progress", "completed", "cancelled")
PRIORITY_LEVELS = ("low", "normal", "high", "urgent")
WARRANTY_TYPES = ("warranty", "paid", "goodwill")
COMMENT_TYPES = ("note", "status_change", "assignment", "system")
TASK_STATUSES = ("pending", "in_progress", "completed", "blocked", "skipped")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK's SQL: ``column`` holds one of ``values`` (constants of this module)."""
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class ServiceTicketRow(SQLModel, table=True):
    """One repair. ``total_cost`` is ``service_fee + diagnosis_fee + parts_total -
    discount_amount``, kept by the procedures that change any of them; it has no CHECK
    of its own, as the contract bounds only its terms."""

    __tablename__ = "service_tickets"
    __table_args__ = (
        CheckConstraint(one_of("status", TICKET_STATUSES), name="status_known"),
        CheckConstraint(one_of("priority_level", PRIORITY_LEVELS), name="priority_level_known"),
        CheckConstraint(one_of("warranty_type", WARRANTY_TYPES), name="warranty_type_known"),
        CheckConstraint("service_fee >= 0", name="service_fee_not_negative"),
        CheckConstraint("diagnosis_fee >= 0", name="diagnosis_fee_not_negative"),
        CheckConstraint("discount_amount >= 0", name="discount_amount_not_negative"),
        CheckConstraint("parts_total >= 0", name="parts_total_not_negative"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    ticket_number: str = Field(unique=True, max_length=TICKET_NUMBER_MAX_LENGTH)
    status: str = Field(default="pending", max_length=TICKET_STATUS_MAX_LENGTH)
    priority_level: str = Field(default="normal", max_length=TICKET_ENUM_MAX_LENGTH)
    warranty_type: str = Field(default="paid", max_length=TICKET_ENUM_MAX_LENGTH)
    service_fee: Decimal = Field(sa_type=MoneyAmount)
    diagnosis_fee: Decimal = Field(default=Decimal(0), sa_type=MoneyAmount)
    discount_amount: Decimal = Field(default=Decimal(0), sa_type=MoneyAmount)
    parts_total: Decimal = Field(default=Decimal(0), sa_type=MoneyAmount)
    total_cost: Decimal = Field(sa_type=MoneyAmount)
    issue_description: str = Field(max_length=LONG_TEXT_MAX_LENGTH)
    notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    # RESTRICT: a customer, a product model or a template a ticket names stays.
    customer_id: str = Field(
        foreign_key="customers.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    product_id: str = Field(
        foreign_key="product_models.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    # The template version the ticket's tasks were made from (none: no tasks).
    template_id: str | None = Field(
        default=None,
        foreign_key="task_templates.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    # Users: kept (as NULL) when the user is deleted.
    assigned_to: str | None = Field(
        default=None,
        foreign_key="users.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    created_by: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set together by tickets.confirmDelivery, on a completed ticket.
    delivery_confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    delivery_confirmed_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    delivery_signature_url: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    delivery_notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TicketNumberCounterRow(SQLModel, table=True):
    """The last ticket number given out in a year: the next ticket of the year takes
    ``last_number + 1`` in the same transaction that inserts it."""

    __tablename__ = "ticket_number_counters"
    __table_args__ = (CheckConstraint("last_number >= 1", name="last_number_positive"),)

    # Not autoincrement: the year is the key, never made up by the database.
    year: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    last_number: int


class TicketPartRow(SQLModel, table=True):
    """Parts used on a ticket, at the price charged for them (``total`` is
    ``quantity * unit_price``)."""

    __tablename__ = "service_ticket_parts"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        CheckConstraint("total >= 0", name="total_not_negative"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    ticket_id: str = Field(
        foreign_key="service_tickets.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    # RESTRICT: a part some ticket used is not deleted.
    part_id: str = Field(
        foreign_key="parts.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    quantity: int
    unit_price: Decimal = Field(sa_type=MoneyAmount)
    total: Decimal = Field(sa_type=MoneyAmount)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TicketCommentRow(SQLModel, table=True):
    """A note on a ticket, by a user or written by the system for a change."""

    __tablename__ = "service_ticket_comments"
    __table_args__ = (CheckConstraint(one_of("comment_type", COMMENT_TYPES), name="type_known"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    ticket_id: str = Field(
        foreign_key="service_tickets.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    comment: str = Field(max_length=LONG_TEXT_MAX_LENGTH)
    comment_type: str = Field(default="note", max_length=TICKET_ENUM_MAX_LENGTH)
    is_internal: bool = Field(default=False)
    created_by: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class TicketAttachmentRow(SQLModel, table=True):
    """A file stored for a ticket (a photo, a receipt): where it is, and what it is."""

    __tablename__ = "service_ticket_attachments"
    __table_args__ = (CheckConstraint("file_size >= 0", name="file_size_not_negative"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    ticket_id: str = Field(
        foreign_key="service_tickets.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    file_name: str = Field(max_length=FILE_NAME_MAX_LENGTH)
    # Unique: one stored file is one attachment, so deleting it never orphans another.
    file_path: str = Field(unique=True, max_length=FILE_PATH_MAX_LENGTH)
    file_size: int
    file_type: str = Field(max_length=FILE_TYPE_MAX_LENGTH)
    # Hex SHA-256 of the content, when the server saw it.
    sha256: str | None = Field(default=None, max_length=SHA256_HEX_LENGTH)
    description: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    uploaded_by: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class TicketTaskRow(SQLModel, table=True):
    """One step of a ticket's repair, copied from its template's task (or added).

    ``(ticket_id, sequence_order)`` is unique: a ticket's steps have one order. Moving
    steps (switching template, inserting one) writes new orders in two passes, first
    past the largest order, then to their final places, so no statement ever meets a
    clash; every writer of a ticket's tasks holds the ticket's row lock.
    """

    __tablename__ = "service_ticket_tasks"
    __table_args__ = (
        UniqueConstraint("ticket_id", "sequence_order"),
        CheckConstraint("sequence_order >= 1", name="sequence_order_positive"),
        CheckConstraint(one_of("status", TASK_STATUSES), name="status_known"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    # No index of its own: the unique constraint's index starts with it.
    ticket_id: str = Field(
        foreign_key="service_tickets.id", ondelete="CASCADE", max_length=ID_LENGTH
    )
    # RESTRICT: a task type some ticket used is deactivated, never deleted.
    task_type_id: str = Field(
        foreign_key="task_types.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    # The template step it was copied from; NULL when added by hand or the step is gone.
    template_task_id: str | None = Field(
        default=None,
        foreign_key="template_tasks.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    name: str = Field(max_length=LONG_NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    sequence_order: int
    status: str = Field(default="pending", max_length=TICKET_ENUM_MAX_LENGTH)
    is_required: bool = Field(default=True)
    assigned_to_id: str | None = Field(
        default=None,
        foreign_key="users.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    notes: str | None = Field(default=None, max_length=LONG_TEXT_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TicketTemplateChangeRow(SQLModel, table=True):
    """One switch of a ticket's template mid-service (``workflow.switchTemplate``): who,
    when, why, from which template to which, and what it did to the tasks.

    The audit outlives neither its ticket (CASCADE) nor needs its templates gone
    (RESTRICT, as the ticket's own template: versions are deactivated, never deleted
    while used); the user who switched is kept as NULL when deleted.
    """

    __tablename__ = "ticket_template_changes"
    __table_args__ = (
        CheckConstraint("tasks_preserved >= 0", name="tasks_preserved_not_negative"),
        CheckConstraint("tasks_removed >= 0", name="tasks_removed_not_negative"),
        CheckConstraint("tasks_added >= 0", name="tasks_added_not_negative"),
        CheckConstraint("total_tasks >= 0", name="total_tasks_not_negative"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    ticket_id: str = Field(
        foreign_key="service_tickets.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    # NULL: the ticket had no template (and so no tasks from one) before the switch.
    old_template_id: str | None = Field(
        default=None,
        foreign_key="task_templates.id",
        ondelete="RESTRICT",
        index=True,
        max_length=ID_LENGTH,
    )
    new_template_id: str = Field(
        foreign_key="task_templates.id", ondelete="RESTRICT", index=True, max_length=ID_LENGTH
    )
    reason: str = Field(max_length=LONG_TEXT_MAX_LENGTH)
    tasks_preserved: int
    tasks_removed: int
    tasks_added: int
    total_tasks: int
    changed_by_id: str | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", max_length=ID_LENGTH
    )
    changed_at: datetime = Field(sa_type=UTCDateTime)
