"""In-memory task types and task templates (with their tasks and the product models
templates may name)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from db.records import record_of
from db.repositories.catalog.product import ProductSummaryRecord
from db.repositories.workflow import (
    TaskTypeRecord,
    TemplateFilter,
    TemplateRecord,
    TemplateStep,
    TemplateTaskRecord,
    TemplateTree,
    TemplateUsage,
)
from db.tables.catalog import ProductModelRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from tests.fakes.base import InMemoryRepository

if TYPE_CHECKING:
    from tests.fakes.unit_of_work import FakeUnitOfWork


class FakeTaskTypeRepository(InMemoryRepository[TaskTypeRow]):
    def list_active(self) -> list[TaskTypeRecord]:
        active = [row for row in self.rows.values() if row.is_active]
        return [
            record_of(TaskTypeRecord, row)
            for row in sorted(active, key=lambda row: (row.name_key, row.id))
        ]

    def get_by_name_key(self, name_key: str) -> TaskTypeRow | None:
        return next((row for row in self.rows.values() if row.name_key == name_key), None)

    def active_ids(self, task_type_ids: Iterable[str]) -> set[str]:
        return {
            task_type_id
            for task_type_id in task_type_ids
            if (row := self.rows.get(task_type_id)) is not None and row.is_active
        }


class FakeTemplateRepository(InMemoryRepository[TaskTemplateRow]):
    def __init__(self, uow: "FakeUnitOfWork") -> None:
        super().__init__()
        self._uow = uow
        self.tasks: dict[str, TemplateTaskRow] = {}
        # The catalog's product models, as tests put them there.
        self.products: dict[str, ProductModelRow] = {}
        # What referring tables (tickets) would answer, per template id.
        self.usages: dict[str, TemplateUsage] = {}

    def add_task(self, task: TemplateTaskRow) -> None:
        self.tasks[task.id] = task

    def flush(self) -> None:
        return None

    def listing(self, kept: TemplateFilter) -> list[TemplateTree]:
        given = kept.given()
        rows = [
            row
            for row in self.rows.values()
            if all(getattr(row, name) == value for name, value in given.items())
        ]
        rows.sort(key=lambda row: (row.name_key, -row.version, row.id))
        return [self._tree_of(row) for row in rows]

    def tree(self, template_id: str) -> TemplateTree | None:
        row = self.rows.get(template_id)
        return None if row is None else self._tree_of(row)

    def get_active_by_name_key(self, name_key: str) -> TaskTemplateRow | None:
        return next(
            (row for row in self.rows.values() if row.is_active and row.name_key == name_key),
            None,
        )

    def product_exists(self, product_id: str) -> bool:
        return product_id in self.products

    def has_successor(self, template_id: str) -> bool:
        return any(row.previous_version_id == template_id for row in self.rows.values())

    def usage(self, template_id: str) -> TemplateUsage:
        return self.usages.get(template_id, TemplateUsage(ever_used=False, in_work=False))

    def delete(self, template: TaskTemplateRow) -> None:
        for task_id in [task.id for task in self.tasks.values() if task.template_id == template.id]:
            del self.tasks[task_id]
        del self.rows[template.id]

    def active_candidates(self, product_id: str, service_type: str) -> list[TemplateRecord]:
        kept = [
            row
            for row in self.rows.values()
            if row.is_active
            and row.service_type == service_type
            and row.product_type in (None, product_id)
        ]
        by_id = sorted(kept, key=lambda row: row.id)
        newest_first = sorted(by_id, key=lambda row: row.created_at, reverse=True)
        return [record_of(TemplateRecord, row) for row in newest_first]

    def _tree_of(self, row: TaskTemplateRow) -> TemplateTree:
        product = self.products.get(row.product_type) if row.product_type else None
        tasks = sorted(
            (task for task in self.tasks.values() if task.template_id == row.id),
            key=lambda task: task.sequence_order,
        )
        task_types = self._uow.task_types.rows
        return TemplateTree(
            template=record_of(TemplateRecord, row),
            product=None if product is None else record_of(ProductSummaryRecord, product),
            steps=[
                TemplateStep(
                    record_of(TemplateTaskRecord, task),
                    record_of(TaskTypeRecord, task_types[task.task_type_id]),
                )
                for task in tasks
            ],
        )
