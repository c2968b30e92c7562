"""The template service on the in-memory fakes: validation order, versioning, deletion."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from db.repositories.workflow import TemplateFilter, TemplateUsage
from db.tables.auth import UserRow
from services.errors import BadRequest, Conflict, NotFound
from services.workflow import template as template_service
from services.workflow.template import TemplateDraft, TemplateStepDraft
from services.workflow.template_rules import EVER_USED, HAS_SUCCESSORS, IN_WORK, NO_LONGER_ACTIVE
from tests.factories.auth import caller
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.workflow.conftest import product_id, type_id


def draft_of(uow: FakeUnitOfWork, *names: str, **fields: object) -> TemplateDraft:
    tasks = tuple(
        TemplateStepDraft(task_type_id=type_id(uow, name), sequence_order=order)
        for order, name in enumerate(names, start=1)
    )
    return replace(
        TemplateDraft(name="Phone Repair", service_type="warranty", tasks=tasks), **fields
    )


def test_create_makes_version_one_with_its_tasks_in_order(
    uow: FakeUnitOfWork, admin: UserRow, clock: FakeClock
) -> None:
    draft = draft_of(uow, "Repair", "Diagnosis", product_type=product_id(uow))
    draft = replace(draft, tasks=tuple(reversed(draft.tasks)))

    tree = template_service.create_template(uow, caller(admin), draft, clock=clock)

    template = tree.template
    assert (template.name, template.version, template.previous_version_id) == (
        "Phone Repair",
        1,
        None,
    )
    assert (template.is_active, template.created_at) == (True, clock())
    assert tree.product is not None
    assert tree.product.sku == "APL-IP15"
    assert [(s.task.sequence_order, s.task_type.name) for s in tree.steps] == [
        (1, "Repair"),
        (2, "Diagnosis"),
    ]
    assert uow.templates.rows[template.id].created_by_id == admin.id
    assert uow.commits == 1


def test_checks_come_in_order_and_write_nothing(uow: FakeUnitOfWork, admin: UserRow) -> None:
    template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    commits, rows = uow.commits, dict(uow.templates.rows)
    duplicate = TemplateStepDraft(type_id(uow, "Repair"), 1)
    cases: list[tuple[TemplateDraft, type[Exception], str]] = [
        (replace(draft_of(uow), tasks=()), BadRequest, "at least one task"),
        (
            draft_of(uow, "Repair", tasks=(duplicate, duplicate), product_type="nope"),
            BadRequest,
            "Duplicate sequence orders: 1",
        ),
        (draft_of(uow, "Repair", product_type="nope"), NotFound, "Product model not found"),
        (
            draft_of(uow, "Repair", "Retired"),
            NotFound,
            f"Task type not found or inactive: {type_id(uow, 'Retired')}",
        ),
        (draft_of(uow, "Repair", name="PHONE REPAIR"), Conflict, "already exists"),
    ]

    for draft, error, message in cases:
        with pytest.raises(error, match=message):
            template_service.create_template(uow, caller(admin), draft)

    assert (uow.commits, uow.templates.rows) == (commits, rows)


def test_an_inactive_template_takes_no_name(uow: FakeUnitOfWork, admin: UserRow) -> None:
    template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"), is_active=False)

    again = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))

    assert again.template.is_active


def test_update_deactivates_the_version_and_links_its_successor(
    uow: FakeUnitOfWork, admin: UserRow, clock: FakeClock
) -> None:
    first = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    clock.advance(timedelta(minutes=5))

    second = template_service.update_template(
        uow,
        caller(admin),
        first.template.id,
        draft_of(uow, "Diagnosis", "Quality Check", enforce_sequence=False),
        clock=clock,
    )

    assert (second.template.version, second.template.previous_version_id) == (
        2,
        first.template.id,
    )
    assert (second.template.is_active, second.template.enforce_sequence) == (True, False)
    assert [step.task_type.name for step in second.steps] == ["Diagnosis", "Quality Check"]
    old = uow.templates.rows[first.template.id]
    assert (old.is_active, old.updated_at) == (False, clock())
    assert uow.templates.locked == [first.template.id]
    # The old version keeps its own tasks.
    kept = template_service.get_template(uow, first.template.id)
    assert [step.task_type.name for step in kept.steps] == ["Repair"]


def test_update_of_an_inactive_version_is_conflict(uow: FakeUnitOfWork, admin: UserRow) -> None:
    first = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    template_service.update_template(uow, caller(admin), first.template.id, draft_of(uow, "Repair"))
    commits = uow.commits

    with pytest.raises(Conflict, match=re.escape(NO_LONGER_ACTIVE)):
        template_service.update_template(
            uow, caller(admin), first.template.id, draft_of(uow, "Repair")
        )

    assert uow.commits == commits
    assert len(uow.templates.rows) == 2


def test_update_of_no_template_is_not_found(uow: FakeUnitOfWork, admin: UserRow) -> None:
    with pytest.raises(NotFound, match="Template not found"):
        template_service.update_template(uow, caller(admin), "missing", draft_of(uow, "Repair"))


def test_list_filters_and_sorts_newest_version_first(uow: FakeUnitOfWork, admin: UserRow) -> None:
    first = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    second = template_service.update_template(
        uow, caller(admin), first.template.id, draft_of(uow, "Repair")
    )
    other = template_service.create_template(
        uow, caller(admin), draft_of(uow, "Repair", name="alpha", service_type="paid")
    )

    def ids(**kept: Any) -> list[str]:
        trees = template_service.list_templates(uow, TemplateFilter(**kept))
        return [tree.template.id for tree in trees]

    assert ids() == [other.template.id, second.template.id, first.template.id]
    assert ids(is_active=True) == [other.template.id, second.template.id]
    assert ids(service_type="warranty", is_active=False) == [first.template.id]


@pytest.mark.parametrize("soft", [True, False])
def test_nothing_is_deleted_while_tickets_in_work_use_it(
    uow: FakeUnitOfWork, admin: UserRow, soft: bool
) -> None:
    tree = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    uow.templates.usages[tree.template.id] = TemplateUsage(ever_used=True, in_work=True)
    commits = uow.commits

    with pytest.raises(Conflict, match=re.escape(IN_WORK)):
        template_service.delete_template(uow, tree.template.id, soft=soft)

    assert uow.templates.rows[tree.template.id].is_active
    assert uow.commits == commits


def test_a_version_tickets_used_is_deactivated_not_deleted(
    uow: FakeUnitOfWork, admin: UserRow
) -> None:
    tree = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    uow.templates.usages[tree.template.id] = TemplateUsage(ever_used=True, in_work=False)

    with pytest.raises(Conflict, match=re.escape(EVER_USED)):
        template_service.delete_template(uow, tree.template.id, soft=False)
    template_service.delete_template(uow, tree.template.id, soft=True)

    assert not uow.templates.rows[tree.template.id].is_active


def test_a_version_others_derive_from_is_not_deleted(uow: FakeUnitOfWork, admin: UserRow) -> None:
    first = template_service.create_template(uow, caller(admin), draft_of(uow, "Repair"))
    template_service.update_template(uow, caller(admin), first.template.id, draft_of(uow, "Repair"))

    with pytest.raises(Conflict, match=re.escape(HAS_SUCCESSORS)):
        template_service.delete_template(uow, first.template.id, soft=False)


def test_deleting_for_good_takes_the_tasks_along(uow: FakeUnitOfWork, admin: UserRow) -> None:
    tree = template_service.create_template(
        uow, caller(admin), draft_of(uow, "Repair", "Diagnosis")
    )

    template_service.delete_template(uow, tree.template.id, soft=False)

    assert (uow.templates.rows, uow.templates.tasks) == ({}, {})
    with pytest.raises(NotFound):
        template_service.get_template(uow, tree.template.id)


@pytest.mark.parametrize("soft", [True, False])
def test_deleting_no_template_is_not_found(uow: FakeUnitOfWork, soft: bool) -> None:
    with pytest.raises(NotFound, match="Template not found"):
        template_service.delete_template(uow, "missing", soft=soft)
