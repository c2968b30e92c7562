"""``tickets.createTicket``'s service on the in-memory fakes: the customer, the checks
before the number, the parts and their ledger, the tasks, the comment and the email."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import BrandRow, PartRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow, TemplateTaskRow
from services.customer_tokens import CustomerLinkTokens
from services.errors import BadRequest, Conflict, NotFound, PreconditionFailed
from services.notifications.emails import NotificationSetup
from services.notifications.links import UnsubscribeLinks
from services.notifications.rendering import EmailRenderer
from services.tickets.intake import CustomerData, NewTicket, PartLine, create_ticket
from tests.fakes import FakeClock, FakeUnitOfWork

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
SETUP = NotificationSetup(
    renderer=EmailRenderer(),
    links=UnsubscribeLinks(
        "https://shop.example/", CustomerLinkTokens("customer-links-key-material-long-enough")
    ),
    max_retries=3,
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def product(uow: FakeUnitOfWork) -> ProductModelRow:
    brand = BrandRow(name="Apple", name_key="apple", created_at=NOW, updated_at=NOW)
    uow.brands.add(brand)
    model = ProductModelRow(
        name="iPhone 15",
        sku="IP15",
        type="phone",
        brand_id=brand.id,
        created_at=NOW,
        updated_at=NOW,
    )
    uow.product_models.add(model)
    return model


def part(uow: FakeUnitOfWork, name: str, stock: int) -> PartRow:
    row = PartRow(
        name=name,
        sku=f"SKU-{name}",
        unit_price=Decimal("10.00"),
        stock_quantity=stock,
        created_at=NOW,
        updated_at=NOW,
    )
    uow.parts.add(row)
    return row


def template(
    uow: FakeUnitOfWork,
    *,
    product_type: str | None,
    service_type: str = "paid",
    created_at: datetime = NOW,
) -> TaskTemplateRow:
    row = TaskTemplateRow(
        name="Repair",
        name_key="repair",
        product_type=product_type,
        service_type=service_type,
        created_at=created_at,
        updated_at=created_at,
    )
    uow.templates.add(row)
    for order, (name, instructions) in enumerate(
        [("Diagnosis", None), ("Screen Calibration", "Use the rig")], start=1
    ):
        task_type = TaskTypeRow(
            name=name,
            name_key=name.lower(),
            description=f"About {name}",
            created_at=NOW,
            updated_at=NOW,
        )
        uow.task_types.add(task_type)
        uow.templates.add_task(
            TemplateTaskRow(
                template_id=row.id,
                task_type_id=task_type.id,
                sequence_order=order,
                is_required=order == 1,
                custom_instructions=instructions,
            )
        )
    return row


def new_ticket(product: ProductModelRow, **fields: Any) -> NewTicket:
    values: dict[str, Any] = {
        "customer": CustomerData(name="Casey", phone="(555) 010-2030", email="casey@example.com"),
        "product_id": product.id,
        "description": "Cracked screen",
        "service_fee": Decimal("50.00"),
    }
    values.update(fields)
    return NewTicket(**values)


def create(uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, new: NewTicket) -> Any:
    return create_ticket(uow, SETUP, new, actor_id=owner.id, clock=clock)


def test_a_new_customer_gets_a_numbered_ticket_comment_and_email(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    created = create(uow, owner, clock, new_ticket(product, diagnosis_fee=Decimal("5.00")))

    ticket = created.ticket
    assert ticket.ticket_number == "SV-2026-001"
    assert (ticket.status, ticket.priority_level, ticket.warranty_type) == (
        "pending",
        "normal",
        "paid",
    )
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("0.00"), Decimal("55.00"))
    assert (ticket.created_by, ticket.created_at, ticket.template_id) == (owner.id, NOW, None)
    [customer] = uow.customers.rows.values()
    assert (customer.name, customer.phone_key, customer.email) == (
        "Casey",
        "5550102030",
        "casey@example.com",
    )
    [comment] = uow.ticket_comments.rows.values()
    assert comment.comment_type == "system"
    assert comment.created_by == owner.id
    assert comment.comment.startswith("Ticket SV-2026-001 created (paid, normal priority)")
    [email] = uow.notifications.rows.values()
    assert (email.email_type, email.service_ticket_id) == ("ticket_created", ticket.id)
    assert created.tasks == []
    assert uow.commits == 1


def test_the_customer_with_the_phones_digits_is_used_as_it_is(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    known = CustomerRow(
        name="Known", phone="555 010 2030", phone_key="5550102030", created_at=NOW, updated_at=NOW
    )
    uow.customers.add(known)

    created = create(uow, owner, clock, new_ticket(product))

    assert created.ticket.customer_id == known.id
    assert list(uow.customers.rows) == [known.id]
    assert (known.name, known.email) == ("Known", None)
    # Without an email, no ticket_created.
    assert uow.notifications.rows == {}


def test_a_given_customer_is_used_and_an_unknown_one_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    known = CustomerRow(
        name="Known", phone="111 222 3333", phone_key="1112223333", created_at=NOW, updated_at=NOW
    )
    uow.customers.add(known)
    given = CustomerData(id=known.id, name="Other", phone="(555) 010-2030")

    assert create(uow, owner, clock, new_ticket(product, customer=given)).ticket.customer_id == (
        known.id
    )
    missing = CustomerData(id="missing", name="Other", phone="(555) 010-2030")
    with pytest.raises(NotFound, match="Customer not found"):
        create(uow, owner, clock, new_ticket(product, customer=missing))


def test_another_customers_email_is_a_conflict_before_the_number(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    uow.customers.add(
        CustomerRow(
            name="Holder",
            phone="111 222 3333",
            phone_key="1112223333",
            email="casey@example.com",
            created_at=NOW,
            updated_at=NOW,
        )
    )

    with pytest.raises(Conflict):
        create(uow, owner, clock, new_ticket(product))
    assert uow.tickets.last_numbers == {}


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"product_id": "missing"}, NotFound),
        ({"discount_amount": Decimal("50.01")}, BadRequest),
        ({"parts": [PartLine("missing", 1, Decimal(1))]}, PreconditionFailed),
    ],
)
def test_refusals_come_before_the_number_is_taken(
    uow: FakeUnitOfWork,
    owner: UserRow,
    clock: FakeClock,
    product: ProductModelRow,
    fields: dict[str, Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        create(uow, owner, clock, new_ticket(product, **fields))

    assert uow.tickets.last_numbers == {}
    assert uow.tickets.rows == {}
    assert uow.commits == 0


def test_parts_take_stock_through_the_ledger_naming_the_ticket(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    screen = part(uow, "Screen", 5)
    battery = part(uow, "Battery", 1)
    lines = [PartLine(screen.id, 2, Decimal("129.90")), PartLine(battery.id, 1, Decimal("40"))]

    created = create(uow, owner, clock, new_ticket(product, parts=lines))

    ticket = created.ticket
    assert (ticket.parts_total, ticket.total_cost) == (Decimal("299.80"), Decimal("349.80"))
    assert (screen.stock_quantity, battery.stock_quantity) == (3, 0)
    entries = uow.parts.entries
    assert [(entry.part_id, entry.delta, entry.ticket_id) for entry in entries] == [
        (screen.id, -2, ticket.id),
        (battery.id, -1, ticket.id),
    ]
    assert all(entry.reason == "Used on ticket SV-2026-001" for entry in entries)
    assert sorted(line.total for line in uow.ticket_parts.rows.values()) == [
        Decimal("40"),
        Decimal("259.80"),
    ]


def test_not_enough_stock_is_a_precondition_naming_the_part(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    lines = [PartLine(part(uow, "Screen", 5).id, 1, Decimal(1))]
    lines.append(PartLine(part(uow, "Battery", 1).id, 2, Decimal(1)))

    with pytest.raises(PreconditionFailed, match="Battery"):
        create(uow, owner, clock, new_ticket(product, parts=lines))
    assert uow.commits == 0


def test_tasks_are_copied_from_the_chosen_template(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    template(uow, product_type=None, created_at=NOW + timedelta(days=1))
    specific = template(uow, product_type=product.id)
    template(uow, product_type=product.id, service_type="warranty")

    created = create(uow, owner, clock, new_ticket(product))

    assert created.ticket.template_id == specific.id
    tasks = [view.task for view in created.tasks]
    assert [(task.name, task.sequence_order, task.is_required) for task in tasks] == [
        ("Diagnosis", 1, True),
        ("Screen Calibration", 2, False),
    ]
    # The step's instructions, or else the task type's description.
    assert [task.description for task in tasks] == ["About Diagnosis", "Use the rig"]
    steps = {task.id: task for task in uow.templates.tasks.values()}
    assert all(steps[task.template_task_id].template_id == specific.id for task in tasks)
    assert all(task.status == "pending" and task.assigned_to_id is None for task in tasks)
    assert [view.task_type.name for view in created.tasks] == ["Diagnosis", "Screen Calibration"]
    assert "2 tasks from its template" in next(iter(uow.ticket_comments.rows.values())).comment


def test_goodwill_takes_a_warranty_template(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock, product: ProductModelRow
) -> None:
    template(uow, product_type=product.id)
    warranty = template(uow, product_type=None, service_type="warranty")

    created = create(uow, owner, clock, new_ticket(product, warranty_type="goodwill"))

    assert created.ticket.template_id == warranty.id
