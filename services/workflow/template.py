"""Task templates: the ordered task types of a kind of repair, kept in versions.

A template is never changed in place: ``update_template`` deactivates the version it is
given and adds its successor (``version + 1``, ``previous_version_id`` pointing back),
in one transaction, so whatever was started on the old version keeps the steps it was
started with, and every version stays readable by id. Two updates of one version race
for its row lock; the one that gets it second finds the version inactive and is
refused (Conflict), so exactly one successor is ever made.

Names are unique ignoring case among the active templates; the versions of one
template share its name (the old one is inactive).
"""

from dataclasses import dataclass
from datetime import datetime

# Re-exported: what the queries answer with, for the router to map.
from db.repositories.workflow import TemplateFilter as TemplateFilter
from db.repositories.workflow import TemplateTree as TemplateTree
from db.tables.workflow import TaskTemplateRow, TemplateTaskRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import BadRequest, Conflict, NotFound
from services.name_rules import name_key
from services.workflow.template_rules import (
    NO_LONGER_ACTIVE,
    deletion_refusal,
    duplicate_orders,
    missing_task_types,
    next_version,
)

TEMPLATE_NOT_FOUND = "Template not found"
PRODUCT_NOT_FOUND = "Product model not found"
NAME_TAKEN = "An active template with this name already exists"


@dataclass(frozen=True)
class TemplateStepDraft:
    """One task of a template to be made."""

    task_type_id: str
    sequence_order: int
    is_required: bool = True
    custom_instructions: str | None = None


@dataclass(frozen=True)
class TemplateDraft:
    """What a template version is made of (create's input, or update's whole new one)."""

    name: str
    service_type: str
    tasks: tuple[TemplateStepDraft, ...]
    description: str | None = None
    product_type: str | None = None
    enforce_sequence: bool = True


def list_templates(uow: UnitOfWork, kept: TemplateFilter) -> list[TemplateTree]:
    """The templates the filter keeps, each with its product and tasks, by name
    (ignoring case), newest version first."""
    with uow:
        return uow.templates.listing(kept)


def get_template(uow: UnitOfWork, template_id: str) -> TemplateTree:
    """Any version, active or not."""
    with uow:
        found = uow.templates.tree(template_id)
    if found is None:
        raise NotFound(TEMPLATE_NOT_FOUND)
    return found


def create_template(
    uow: UnitOfWork,
    caller: Caller,
    draft: TemplateDraft,
    *,
    is_active: bool = True,
    clock: Clock = utc_now,
) -> TemplateTree:
    """Version 1 of a new template."""
    _check_sequence(draft)
    with uow:
        _check_references(uow, draft)
        if is_active:
            _check_name_free(uow, draft.name)
        template = _version_of(draft, caller, is_active=is_active, now=clock())
        return _saved(uow, template, draft)


def update_template(
    uow: UnitOfWork,
    caller: Caller,
    template_id: str,
    draft: TemplateDraft,
    *,
    clock: Clock = utc_now,
) -> TemplateTree:
    """The successor of the active version ``template_id``, made of ``draft``; that
    version is deactivated in the same transaction."""
    _check_sequence(draft)
    with uow:
        # Locked first: a concurrent update of the same version waits here, then
        # finds it inactive (on SQLite the writing transaction is serial already).
        current = uow.templates.lock(template_id)
        if current is None:
            raise NotFound(TEMPLATE_NOT_FOUND)
        if not current.is_active:
            raise Conflict(NO_LONGER_ACTIVE)
        _check_references(uow, draft)
        now = clock()
        current.is_active = False
        current.updated_at = now
        # Written before the successor is: the two share a name, unique among the
        # active versions.
        uow.templates.flush()
        _check_name_free(uow, draft.name)
        successor = _version_of(draft, caller, is_active=True, now=now)
        successor.version = next_version(current.version)
        successor.previous_version_id = current.id
        return _saved(uow, successor, draft)


def delete_template(
    uow: UnitOfWork, template_id: str, *, soft: bool = True, clock: Clock = utc_now
) -> None:
    """Deactivate the version (soft), or delete it with its tasks."""
    with uow:
        template = uow.templates.lock(template_id)
        if template is None:
            raise NotFound(TEMPLATE_NOT_FOUND)
        usage = uow.templates.usage(template.id)
        refusal = deletion_refusal(
            soft=soft,
            in_work=usage.in_work,
            ever_used=usage.ever_used,
            has_successor=not soft and uow.templates.has_successor(template.id),
        )
        if refusal is not None:
            raise Conflict(refusal)
        if soft:
            template.is_active = False
            template.updated_at = clock()
        else:
            uow.templates.delete(template)
        uow.commit()


def _check_sequence(draft: TemplateDraft) -> None:
    if not draft.tasks:
        raise BadRequest("A template needs at least one task")
    duplicated = duplicate_orders(task.sequence_order for task in draft.tasks)
    if duplicated:
        orders = ", ".join(str(order) for order in duplicated)
        raise BadRequest(f"Duplicate sequence orders: {orders}")


def _check_references(uow: UnitOfWork, draft: TemplateDraft) -> None:
    if draft.product_type is not None and not uow.templates.product_exists(draft.product_type):
        raise NotFound(PRODUCT_NOT_FOUND)
    wanted = [task.task_type_id for task in draft.tasks]
    missing = missing_task_types(wanted, uow.task_types.active_ids(wanted))
    if missing:
        raise NotFound(f"Task type not found or inactive: {', '.join(missing)}")


def _check_name_free(uow: UnitOfWork, name: str) -> None:
    # A clear answer first; the partial unique index settles a race.
    if uow.templates.get_active_by_name_key(name_key(name)) is not None:
        raise Conflict(NAME_TAKEN)


def _version_of(
    draft: TemplateDraft, caller: Caller, *, is_active: bool, now: datetime
) -> TaskTemplateRow:
    return TaskTemplateRow(
        name=draft.name,
        name_key=name_key(draft.name),
        description=draft.description,
        product_type=draft.product_type,
        service_type=draft.service_type,
        enforce_sequence=draft.enforce_sequence,
        is_active=is_active,
        created_by_id=caller.user_id,
        created_at=now,
        updated_at=now,
    )


def _saved(uow: UnitOfWork, template: TaskTemplateRow, draft: TemplateDraft) -> TemplateTree:
    """Store the version and its tasks, commit, and answer it as ``get_template`` would."""
    uow.templates.add(template)
    uow.templates.flush()  # before its tasks, which refer to it
    for task in draft.tasks:
        uow.templates.add_task(
            TemplateTaskRow(
                template_id=template.id,
                task_type_id=task.task_type_id,
                sequence_order=task.sequence_order,
                is_required=task.is_required,
                custom_instructions=task.custom_instructions,
            )
        )
    # Read back inside the transaction (the compiled read flushes what is pending).
    tree = uow.templates.tree(template.id)
    if tree is None:
        raise RuntimeError("a template added in this transaction was not found in it")
    uow.commit()
    return tree
