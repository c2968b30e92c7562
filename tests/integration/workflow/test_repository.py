"""The workflow repositories on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one): templates read in two queries whatever their number, the
name unique among active templates only, and the usage check over referring tables."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, column, table, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.repositories.references import Reference
from db.repositories.workflow import (
    IN_WORK_STATUSES,
    TEMPLATE_USERS,
    TEMPLATE_USERS_IN_WORK,
    TemplateFilter,
    TemplateUsage,
)
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.tickets import make_ticket
from tests.factories.workflow import make_product_model
from tests.integration.conftest import UowFactory
from tests.integration.rows import save


def task_type(name: str) -> TaskTypeRow:
    return TaskTypeRow(name=name, name_key=name.casefold(), created_at=NOW, updated_at=NOW)


def template(name: str, *, is_active: bool = True, **fields: Any) -> TaskTemplateRow:
    return TaskTemplateRow(
        name=name,
        name_key=name.casefold(),
        service_type="warranty",
        is_active=is_active,
        created_at=NOW,
        updated_at=NOW,
        **fields,
    )


def tasks_of(row: TaskTemplateRow, *types: TaskTypeRow) -> list[TemplateTaskRow]:
    # Stored in reverse sequence order: the read must sort them.
    return [
        TemplateTaskRow(template_id=row.id, task_type_id=kind.id, sequence_order=order)
        for order, kind in reversed(list(enumerate(types, start=1)))
    ]


@pytest.mark.parametrize("count", [1, 7])
def test_templates_are_read_in_two_queries_whatever_their_number(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str], count: int
) -> None:
    with sessions() as session:
        product_id = make_product_model(session).id
    kinds = [task_type("Diagnosis"), task_type("Repair")]
    rows = [template(f"T{n}", product_type=product_id if n % 2 else None) for n in range(count)]
    save(sessions, *kinds, *rows, *[task for row in rows for task in tasks_of(row, *kinds)])
    queries.clear()

    with make_uow(read_only=True) as uow:
        trees = uow.templates.listing(TemplateFilter())

    assert queries == ["compiled", "compiled"]
    assert [tree.template.name for tree in trees] == [f"T{n}" for n in range(count)]
    for n, tree in enumerate(trees):
        assert (tree.product is not None) == bool(n % 2)
        assert [(s.task.sequence_order, s.task_type.name) for s in tree.steps] == [
            (1, "Diagnosis"),
            (2, "Repair"),
        ]


def test_filters_keep_the_tasks_of_the_kept_templates(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    kind = task_type("Diagnosis")
    kept, dropped = template("Kept"), template("Dropped", is_active=False)
    save(sessions, kind, kept, dropped, *tasks_of(kept, kind), *tasks_of(dropped, kind))

    with make_uow(read_only=True) as uow:
        trees = uow.templates.listing(TemplateFilter(is_active=True, service_type="warranty"))
        none = uow.templates.listing(TemplateFilter(service_type="paid"))
        one = uow.templates.tree(dropped.id)

    assert [(tree.template.id, len(tree.steps)) for tree in trees] == [(kept.id, 1)]
    assert none == []
    assert one is not None
    assert (one.template.id, one.template.is_active, len(one.steps)) == (dropped.id, False, 1)


def test_a_name_is_unique_among_the_active_templates_only(
    sessions: sessionmaker[Session],
) -> None:
    save(sessions, template("Phone Repair"), template("PHONE REPAIR", is_active=False))
    save(sessions, template("phone repair", is_active=False))

    with pytest.raises(IntegrityError):
        save(sessions, template("Phone repair"))


def test_a_task_types_name_is_unique_ignoring_case(sessions: sessionmaker[Session]) -> None:
    save(sessions, task_type("Diagnosis"))

    with pytest.raises(IntegrityError):
        save(sessions, task_type("DIAGNOSIS"))


# A stand-in for another table that refers to templates, next to the real tickets.
_lists = table("scratch_lists", column("template_ref"))
PARTS_LISTS = Reference(_lists.c.template_ref, "parts lists")


@pytest.fixture
def lists_table(migrated_engine: Engine) -> Engine:
    with migrated_engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch_lists (template_ref VARCHAR(36))"))
    return migrated_engine


@pytest.mark.parametrize(
    ("tickets", "lists", "usage"),
    [
        ([], [], TemplateUsage(ever_used=False, in_work=False)),
        ([("other", "pending")], [], TemplateUsage(ever_used=False, in_work=False)),
        ([("it", "completed")], [], TemplateUsage(ever_used=True, in_work=False)),
        ([("it", "cancelled"), ("it", "in_progress")], [], TemplateUsage(True, True)),
        ([("it", "pending")], [], TemplateUsage(ever_used=True, in_work=True)),
        ([("other", "pending")], ["it"], TemplateUsage(ever_used=True, in_work=False)),
    ],
)
def test_usage_looks_at_every_referring_table_in_one_statement(
    lists_table: Engine,
    sessions: sessionmaker[Session],
    make_uow: UowFactory,
    queries: list[str],
    tickets: list[tuple[str, str]],
    lists: list[str],
    usage: TemplateUsage,
) -> None:
    versions = {"it": template("It"), "other": template("Other")}
    save(sessions, *versions.values())
    with sessions() as session:
        for name, status in tickets:
            make_ticket(session, template_id=versions[name].id, status=status)
    with lists_table.begin() as connection:
        for name in lists:
            connection.execute(
                text("INSERT INTO scratch_lists VALUES (:id)"), {"id": versions[name].id}
            )
    it = versions["it"].id
    with make_uow() as uow:
        queries.clear()
        found = uow.templates.usage(it, (*TEMPLATE_USERS, PARTS_LISTS), TEMPLATE_USERS_IN_WORK)
        statements = len(queries)
        by_tickets = uow.templates.usage(it)

    assert found == usage
    assert statements == 1
    # The registered referrers are the tickets: what they say, without the lists.
    assert by_tickets == TemplateUsage(
        ever_used=any(name == "it" for name, _ in tickets),
        in_work=any(name == "it" and status in IN_WORK_STATUSES for name, status in tickets),
    )
