"""The ticket reads on the test's database (SQLite, or PostgreSQL when DATABASE_URL
names one): a page and its count in two queries, every ticket in one, a ticket's tasks
in one, whatever the number of rows; and the template candidates of a new ticket."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.repositories.tickets.ticket import TicketFilter
from db.tables.tickets import TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow
from tests.factories.auth import DEFAULT_TIME as NOW
from tests.factories.tickets import make_customer, make_ticket
from tests.factories.workflow import make_product_model
from tests.integration.conftest import UowFactory
from tests.integration.rows import save


@pytest.mark.parametrize("count", [1, 6])
def test_a_page_and_its_total_in_two_queries(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str], count: int
) -> None:
    with sessions() as session:
        customer_id = make_customer(session, name="Paging Customer").id
        made = [make_ticket(session, customer_id=customer_id).id for _ in range(count)]
    queries.clear()

    with make_uow(read_only=True) as uow:
        where = TicketFilter(customer_id=customer_id, search="paging", status="pending")
        page = uow.tickets.list_page(where, offset=0, limit=50)
        total = uow.tickets.count(where)

    assert queries == ["compiled", "compiled"]
    assert sorted(row.id for row in page) == sorted(made)
    assert total == count
    assert {row.customer_name for row in page} == {"Paging Customer"}


def test_every_ticket_in_one_query(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str]
) -> None:
    with sessions() as session:
        made = {make_ticket(session).id for _ in range(4)}
    queries.clear()

    with make_uow(read_only=True) as uow:
        rows = uow.tickets.list_all()

    assert queries == ["compiled"]
    assert made <= {row.id for row in rows}


def test_a_ticket_with_no_storable_filter_finds_nothing(make_uow: UowFactory) -> None:
    with make_uow(read_only=True) as uow:
        where = TicketFilter(customer_id="bad\x00id")
        assert (uow.tickets.list_page(where, offset=0, limit=5), uow.tickets.count(where)) == (
            [],
            0,
        )


def test_a_tickets_tasks_in_one_query_with_types_and_assignee(
    sessions: sessionmaker[Session], make_uow: UowFactory, queries: list[str]
) -> None:
    kinds = [
        TaskTypeRow(
            name=f"Kind {n} {NOW}", name_key=f"kind {n} {NOW}", created_at=NOW, updated_at=NOW
        )
        for n in range(3)
    ]
    with sessions() as session:
        ticket = make_ticket(session)
    tasks = [
        TicketTaskRow(
            ticket_id=ticket.id,
            task_type_id=kind.id,
            name=kind.name,
            sequence_order=order,
            created_at=NOW,
            updated_at=NOW,
        )
        # Stored in reverse order: the read sorts them.
        for order, kind in reversed(list(enumerate(kinds, start=1)))
    ]
    save(sessions, *kinds, *tasks)
    queries.clear()

    with make_uow(read_only=True) as uow:
        views = uow.ticket_tasks.views_of_ticket(ticket.id)

    assert queries == ["compiled"]
    assert [view.task.sequence_order for view in views] == [1, 2, 3]
    assert [view.task_type.id for view in views] == [kind.id for kind in kinds]
    assert all(view.task.assignee_full_name is None for view in views)


def test_template_candidates_are_the_active_ones_of_the_model_or_any(
    sessions: sessionmaker[Session], make_uow: UowFactory
) -> None:
    with sessions() as session:
        product_id = make_product_model(session).id
        other_id = make_product_model(session).id

    def template(name: str, **fields: Any) -> TaskTemplateRow:
        values: dict[str, Any] = {
            "name": name,
            "name_key": name.casefold(),
            "service_type": "paid",
            "created_at": NOW,
            "updated_at": NOW,
        }
        values.update(fields)
        return TaskTemplateRow(**values)

    tag = product_id[:8]
    rows = [
        template(f"Mine {tag}", product_type=product_id),
        template(f"Newer mine {tag}", product_type=product_id, created_at=NOW + timedelta(1)),
        template(f"Any {tag}"),
        template(f"Other {tag}", product_type=other_id),
        template(f"Inactive {tag}", product_type=product_id, is_active=False),
        template(f"Warranty {tag}", product_type=product_id, service_type="warranty"),
    ]
    save(sessions, *rows)

    with make_uow(read_only=True) as uow:
        found = uow.templates.active_candidates(product_id, "paid")

    # Newest first; the two of one instant in id order (the rule decides between them).
    names = [row.name for row in found if row.name.endswith(tag)]
    assert names[0] == f"Newer mine {tag}"
    assert set(names) == {f"Newer mine {tag}", f"Any {tag}", f"Mine {tag}"}
