"""Task types and versioned task templates: the stores the workflow services use.

Reads a template with its product and its tasks (each with its task type) in two
compiled queries, whatever the number of templates: the templates joined to their
product, then the tasks of the same templates joined to their task types, which the
repository hands back grouped under each template (never a query per template).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy import ColumnElement, bindparam, delete, literal_column, or_
from sqlmodel import col, select

from db.compiled_query import CompiledQuery
from db.records import columns_of, table_of
from db.repositories.base import SqlRepository, Store, storable
from db.repositories.catalog.product import ProductSummaryRecord
from db.repositories.references import Reference, uses
from db.tables.catalog import ProductModelRow
from db.tables.tickets import ServiceTicketRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow


class TaskTypeRecord(NamedTuple):
    """A task type as answered: every column but its name key and last change."""

    id: str
    name: str
    description: str | None
    category: str | None
    estimated_duration_minutes: int | None
    requires_notes: bool
    requires_photo: bool
    is_active: bool
    created_at: datetime


class TemplateRecord(NamedTuple):
    """A template version as answered (without its tasks and product)."""

    id: str
    name: str
    description: str | None
    product_type: str | None
    service_type: str
    enforce_sequence: bool
    is_active: bool
    version: int
    previous_version_id: str | None
    created_at: datetime


class TemplateTaskRecord(NamedTuple):
    id: str
    template_id: str
    task_type_id: str
    sequence_order: int
    is_required: bool
    custom_instructions: str | None


@dataclass(frozen=True)
class TemplateStep:
    """One task of a template, with its task type."""

    task: TemplateTaskRecord
    task_type: TaskTypeRecord


@dataclass(frozen=True)
class TemplateTree:
    """A template version with its product (if any) and its tasks in sequence order."""

    template: TemplateRecord
    product: ProductSummaryRecord | None
    steps: list[TemplateStep]


@dataclass(frozen=True)
class TemplateFilter:
    """Which templates a listing keeps; None keeps every value."""

    product_type: str | None = None
    service_type: str | None = None
    is_active: bool | None = None

    def given(self) -> dict[str, Any]:
        return {name: value for name, value in vars(self).items() if value is not None}


# A referrer in one of these statuses is still being worked on.
IN_WORK_STATUSES: Final = ("pending", "in_progress")


def in_work(status: ColumnElement[Any]) -> ColumnElement[bool]:
    """``status`` is one of IN_WORK_STATUSES (a Reference's ``only_when``). The names
    are written into the statement: constants of the code, never input, and a compiled
    query takes no list parameter."""
    return or_(*(status == literal_column(f"'{name}'") for name in IN_WORK_STATUSES))


_tickets = table_of(ServiceTicketRow)
# What uses template versions: every row (TEMPLATE_USERS), and those still in work
# (TEMPLATE_USERS_IN_WORK, each with ``only_when`` its status is in IN_WORK_STATUSES).
TEMPLATE_USERS: Final[tuple[Reference, ...]] = (Reference(_tickets.c.template_id, "tickets"),)
TEMPLATE_USERS_IN_WORK: Final[tuple[Reference, ...]] = (
    Reference(_tickets.c.template_id, "tickets", only_when=in_work(_tickets.c.status)),
)


@dataclass(frozen=True)
class TemplateUsage:
    ever_used: bool
    in_work: bool


class TaskTypeStore(Store[TaskTypeRow], Protocol):
    def list_active(self) -> list[TaskTypeRecord]: ...
    def get_by_name_key(self, name_key: str) -> TaskTypeRow | None: ...
    def active_ids(self, task_type_ids: Iterable[str]) -> set[str]: ...


class TemplateStore(Store[TaskTemplateRow], Protocol):
    def lock(self, template_id: str) -> TaskTemplateRow | None: ...
    def add_task(self, task: TemplateTaskRow) -> None: ...
    def flush(self) -> None: ...
    def listing(self, kept: TemplateFilter) -> list[TemplateTree]: ...
    def tree(self, template_id: str) -> TemplateTree | None: ...
    def get_active_by_name_key(self, name_key: str) -> TaskTemplateRow | None: ...
    def product_exists(self, product_id: str) -> bool: ...
    def has_successor(self, template_id: str) -> bool: ...
    def usage(self, template_id: str) -> TemplateUsage: ...
    def delete(self, template: TaskTemplateRow) -> None: ...
    def active_candidates(self, product_id: str, service_type: str) -> list[TemplateRecord]: ...


_task_types = table_of(TaskTypeRow)
_templates = table_of(TaskTemplateRow)
_tasks = table_of(TemplateTaskRow)
_products = table_of(ProductModelRow)

_ACTIVE_TASK_TYPES = CompiledQuery(
    select(*columns_of(TaskTypeRecord._fields, _task_types))
    .where(_task_types.c.is_active == bindparam("is_active"))
    .order_by(_task_types.c.name_key, _task_types.c.id)
)
_TEMPLATE_FIELDS = len(TemplateRecord._fields)
_TASK_FIELDS = len(TemplateTaskRecord._fields)
# What a listing (or one template by id) may filter on: the templates' own columns.
_FILTERABLE = ("id", "product_type", "service_type", "is_active")


class TaskTypeRepository(SqlRepository[TaskTypeRow]):
    row_type = TaskTypeRow

    def list_active(self) -> list[TaskTypeRecord]:
        rows = _ACTIVE_TASK_TYPES.all(self._link, is_active=True)
        return [TaskTypeRecord._make(row) for row in rows]

    def get_by_name_key(self, name_key: str) -> TaskTypeRow | None:
        statement = select(TaskTypeRow).where(col(TaskTypeRow.name_key) == name_key)
        return self._session.exec(statement).first()

    def active_ids(self, task_type_ids: Iterable[str]) -> set[str]:
        """Those of ``task_type_ids`` that name an active task type."""
        wanted = {task_type_id for task_type_id in task_type_ids if storable(task_type_id)}
        if not wanted:
            return set()
        statement = select(TaskTypeRow.id).where(
            col(TaskTypeRow.id).in_(wanted), col(TaskTypeRow.is_active)
        )
        return set(self._session.exec(statement))


class TemplateRepository(SqlRepository[TaskTemplateRow]):
    row_type = TaskTemplateRow

    def add_task(self, task: TemplateTaskRow) -> None:
        self._session.add(task)

    def flush(self) -> None:
        """Write what is pending now: the ORM orders no inserts by foreign key here, and
        a deactivated version must leave its name before its successor takes it."""
        self._session.flush()

    def listing(self, kept: TemplateFilter) -> list[TemplateTree]:
        return self._trees(kept.given())

    def tree(self, template_id: str) -> TemplateTree | None:
        if not storable(template_id):
            return None
        found = self._trees({"id": template_id})
        return found[0] if found else None

    def get_active_by_name_key(self, name_key: str) -> TaskTemplateRow | None:
        statement = select(TaskTemplateRow).where(
            col(TaskTemplateRow.name_key) == name_key, col(TaskTemplateRow.is_active)
        )
        return self._session.exec(statement).first()

    def product_exists(self, product_id: str) -> bool:
        if not storable(product_id):
            return False
        statement = select(ProductModelRow.id).where(col(ProductModelRow.id) == product_id)
        return self._session.exec(statement).first() is not None

    def has_successor(self, template_id: str) -> bool:
        """Whether a later version was made from this one."""
        statement = select(TaskTemplateRow.id).where(
            col(TaskTemplateRow.previous_version_id) == template_id
        )
        return self._session.exec(statement.limit(1)).first() is not None

    def usage(
        self,
        template_id: str,
        users: tuple[Reference, ...] = TEMPLATE_USERS,
        users_in_work: tuple[Reference, ...] = TEMPLATE_USERS_IN_WORK,
    ) -> TemplateUsage:
        """Whether any referrer ever used the template version, and whether one that is
        still in work does: one statement over every referring table."""
        used = uses(self._link, users + users_in_work, template_id)
        return TemplateUsage(ever_used=any(used[: len(users)]), in_work=any(used[len(users) :]))

    def delete(self, template: TaskTemplateRow) -> None:
        """Delete the version with its tasks (children first, explicitly: the result
        must not depend on the database enforcing ON DELETE CASCADE)."""
        self._session.exec(
            delete(TemplateTaskRow).where(col(TemplateTaskRow.template_id) == template.id)
        )
        self._session.delete(template)

    def _trees(self, filters: dict[str, Any]) -> list[TemplateTree]:
        names = frozenset(filters)
        templates = _template_query(names).all(self._link, **filters)
        if not templates:
            return []
        steps: dict[str, list[TemplateStep]] = {}
        for row in _steps_query(names).all(self._link, **filters):
            task = TemplateTaskRecord._make(row[:_TASK_FIELDS])
            step = TemplateStep(task, TaskTypeRecord._make(row[_TASK_FIELDS:]))
            steps.setdefault(task.template_id, []).append(step)
        return [_tree_of(row, steps) for row in templates]

    def active_candidates(self, product_id: str, service_type: str) -> list[TemplateRecord]:
        """The active templates of ``service_type`` a ticket for the product model
        ``product_id`` may take its tasks from: those for that model and those for any
        model (no product_type). Which one it takes is a rule of the tickets'
        (services/tickets/template_rules.py)."""
        if not storable(product_id):
            return []
        rows = _candidates().all(self._link, product_id=product_id, service_type=service_type)
        return [TemplateRecord._make(row) for row in rows]


def _tree_of(row: tuple[Any, ...], steps: dict[str, list[TemplateStep]]) -> TemplateTree:
    template = TemplateRecord._make(row[:_TEMPLATE_FIELDS])
    product = row[_TEMPLATE_FIELDS:]
    return TemplateTree(
        template=template,
        product=ProductSummaryRecord._make(product) if product[0] is not None else None,
        steps=steps.get(template.id, []),
    )


def _filtered(statement: Any, names: frozenset[str]) -> Any:
    for name in _FILTERABLE:
        if name in names:
            statement = statement.where(_templates.c[name] == bindparam(name))
    return statement


@cache
def _template_query(names: frozenset[str]) -> CompiledQuery:
    """The templates kept by the filters ``names``, each with its product: by name
    (ignoring case), the newest version first, then by id."""
    statement = select(
        *columns_of(TemplateRecord._fields, _templates),
        *columns_of(ProductSummaryRecord._fields, _products),
    ).join_from(_templates, _products, _templates.c.product_type == _products.c.id, isouter=True)
    statement = _filtered(statement, names).order_by(
        _templates.c.name_key, _templates.c.version.desc(), _templates.c.id
    )
    return CompiledQuery(statement)


@cache
def _steps_query(names: frozenset[str]) -> CompiledQuery:
    """The tasks of the same templates as ``_template_query(names)``, with their task
    types, in sequence order."""
    statement = (
        select(
            *columns_of(TemplateTaskRecord._fields, _tasks),
            *columns_of(TaskTypeRecord._fields, _task_types),
        )
        .join_from(_tasks, _templates, _tasks.c.template_id == _templates.c.id)
        .join(_task_types, _tasks.c.task_type_id == _task_types.c.id)
    )
    statement = _filtered(statement, names).order_by(_tasks.c.template_id, _tasks.c.sequence_order)
    return CompiledQuery(statement)


@cache
def _candidates() -> CompiledQuery:
    """Active templates of a service type for one product model or for any."""
    product_type = _templates.c.product_type
    statement = select(*columns_of(TemplateRecord._fields, _templates)).where(
        _templates.c.is_active,
        _templates.c.service_type == bindparam("service_type"),
        or_(product_type == bindparam("product_id"), product_type.is_(None)),
    )
    return CompiledQuery(statement.order_by(_templates.c.created_at.desc(), _templates.c.id))
