"""Changing a ticket's fields, technician and status, on the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import BrandRow, PartRow, ProductModelRow
from db.tables.customers import CustomerRow
from db.tables.tickets import ServiceTicketRow, TicketPartRow, TicketTaskRow
from services.customer_tokens import CustomerLinkTokens
from services.errors import BadRequest, NotFound, PreconditionFailed
from services.notifications.emails import NotificationSetup
from services.notifications.links import UnsubscribeLinks
from services.notifications.rendering import EmailRenderer
from services.tickets import lifecycle as lifecycle_service
from services.tickets.lifecycle import TicketChanges
from tests.factories.auth import caller
from tests.factories.tickets import OPENED_AT, ticket_row
from tests.fakes import FakeClock, FakeUnitOfWork

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
SETUP = NotificationSetup(
    renderer=EmailRenderer(),
    links=UnsubscribeLinks(
        "https://shop.example/", CustomerLinkTokens("customer-links-key-of-enough-length-42")
    ),
    max_retries=3,
)


def user(uow: FakeUnitOfWork, name: str, *, is_active: bool = True) -> UserRow:
    row = UserRow(
        email=f"{name.split()[0].lower()}@shop.example",
        full_name=name,
        password_hash="x",
        role="technician",
        is_active=is_active,
        created_at=T0,
        updated_at=T0,
    )
    uow.users.add(row)
    return row


def ticket(
    uow: FakeUnitOfWork, *, status: str = "pending", email: str | None = "casey@example.com"
) -> ServiceTicketRow:
    """A ticket (fee 100.00) with its customer, product model and brand in the fakes."""
    brand = BrandRow(name="Apple", name_key="apple", created_at=T0, updated_at=T0)
    product = ProductModelRow(
        name="iPhone 15", sku="IP15", type="phone", brand_id=brand.id, created_at=T0, updated_at=T0
    )
    customer = CustomerRow(
        name="Casey",
        phone="5550102030",
        phone_key="5550102030",
        email=email,
        created_at=T0,
        updated_at=T0,
    )
    row = ticket_row("SV-2026-001", customer_id=customer.id, product_id=product.id, status=status)
    uow.brands.add(brand)
    uow.product_models.add(product)
    uow.customers.add(customer)
    uow.tickets.add(row)
    return row


def task(
    uow: FakeUnitOfWork,
    row: ServiceTicketRow,
    name: str,
    *,
    status: str = "pending",
    is_required: bool = True,
    assigned_to_id: str | None = None,
) -> TicketTaskRow:
    made = TicketTaskRow(
        ticket_id=row.id,
        task_type_id="type",
        name=name,
        sequence_order=len(uow.ticket_tasks.rows) + 1,
        status=status,
        is_required=is_required,
        assigned_to_id=assigned_to_id,
        created_at=T0,
        updated_at=T0,
    )
    uow.ticket_tasks.add(made)
    return made


def comments(uow: FakeUnitOfWork) -> list[tuple[str, str]]:
    return [(row.comment_type, row.comment) for row in uow.ticket_comments.rows.values()]


def emails(uow: FakeUnitOfWork) -> list[tuple[str, str | None]]:
    return [(row.email_type, row.service_ticket_id) for row in uow.notifications.rows.values()]


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0 + timedelta(hours=1))


@pytest.fixture
def actor(uow: FakeUnitOfWork) -> UserRow:
    return user(uow, "Rita Reception")


def update(
    uow: FakeUnitOfWork, actor: UserRow, row: ServiceTicketRow, clock: FakeClock, **given: object
) -> ServiceTicketRow:
    lifecycle_service.update_ticket(
        uow,
        caller(actor),
        row.id,
        TicketChanges(**given),
        setup=SETUP,
        clock=clock,  # type: ignore[arg-type]
    )
    return row


def test_fields_left_out_stay_and_each_significant_change_is_commented(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)

    update(
        uow,
        actor,
        row,
        clock,
        priority_level="urgent",
        service_fee=Decimal("120.00"),
        discount_amount=Decimal("20.00"),
        notes="Call first",
    )

    assert (row.priority_level, row.warranty_type) == ("urgent", "paid")
    assert (row.service_fee, row.discount_amount, row.total_cost) == (
        Decimal("120.00"),
        Decimal("20.00"),
        Decimal("100.00"),
    )
    assert row.notes == "Call first"
    assert row.updated_at == clock.now
    assert comments(uow) == [
        ("system", "Priority: normal → urgent"),
        ("system", "Service fee: 100.00 → 120.00"),
        ("system", "Discount: 0.00 → 20.00"),
    ]
    assert all(c.created_by == actor.id for c in uow.ticket_comments.rows.values())
    assert uow.commits == 1


def test_a_value_equal_to_the_current_one_is_no_change(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)

    update(uow, actor, row, clock, priority_level="normal", status="pending")

    assert comments(uow) == []
    assert row.updated_at == OPENED_AT


def test_null_notes_clear_them(uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock) -> None:
    row = ticket(uow)
    row.notes = "old"

    update(uow, actor, row, clock, notes=None)

    assert row.notes is None


def test_money_includes_the_part_lines(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)
    part = PartRow(
        name="Screen",
        sku="SCR",
        unit_price=Decimal("10.00"),
        stock_quantity=5,
        minimum_stock=0,
        created_at=T0,
        updated_at=T0,
    )
    uow.parts.add(part)
    uow.ticket_parts.add(
        TicketPartRow(
            ticket_id=row.id,
            part_id=part.id,
            quantity=2,
            unit_price=Decimal("10.00"),
            total=Decimal("20.00"),
            created_at=T0,
            updated_at=T0,
        )
    )

    update(uow, actor, row, clock, diagnosis_fee=Decimal("5.50"))

    assert (row.parts_total, row.total_cost) == (Decimal("20.00"), Decimal("125.50"))


def test_a_discount_larger_than_the_rest_is_refused_before_any_comment(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)

    with pytest.raises(BadRequest):
        update(uow, actor, row, clock, discount_amount=Decimal("100.01"))

    assert comments(uow) == []
    assert uow.commits == 0


def test_a_missing_ticket_is_not_found(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    with pytest.raises(NotFound, match="Ticket not found"):
        lifecycle_service.update_ticket_status(
            uow, caller(actor), "nope", "in_progress", setup=SETUP, clock=clock
        )


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_terminal_ticket_refuses_any_change_naming_its_status(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock, status: str
) -> None:
    row = ticket(uow, status=status)

    with pytest.raises(PreconditionFailed, match=f"is {status}"):
        update(uow, actor, row, clock, notes="late note")

    assert row.notes is None
    assert uow.tickets.locked == [row.id]


def test_assigning_names_the_users_and_takes_the_unfinished_tasks_along(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    first, second = user(uow, "Tara Technician"), user(uow, "Tom Technician")
    row = ticket(uow)
    update(uow, actor, row, clock, assigned_to=first.id)
    done = task(uow, row, "Diagnose", status="completed", assigned_to_id=first.id)
    skipped = task(uow, row, "Clean", status="skipped", assigned_to_id=first.id)
    open_tasks = [
        task(uow, row, "Replace", status="in_progress", assigned_to_id=first.id),
        task(uow, row, "Test", status="blocked"),
        task(uow, row, "Pack"),
    ]

    update(uow, actor, row, clock, assigned_to=second.id)

    assert row.assigned_to == second.id
    assert [t.assigned_to_id for t in open_tasks] == [second.id] * 3
    assert (done.assigned_to_id, skipped.assigned_to_id) == (first.id, first.id)
    assert comments(uow) == [
        ("assignment", "Assigned to Tara Technician"),
        ("assignment", "Reassigned from Tara Technician to Tom Technician"),
    ]


def test_unassigning_leaves_the_tasks_with_whoever_has_them(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    tech = user(uow, "Tara Technician")
    row = ticket(uow)
    update(uow, actor, row, clock, assigned_to=tech.id)
    open_task = task(uow, row, "Replace", assigned_to_id=tech.id)

    update(uow, actor, row, clock, assigned_to=None)

    assert row.assigned_to is None
    assert open_task.assigned_to_id == tech.id
    assert comments(uow)[-1] == ("assignment", "Unassigned (was Tara Technician)")


@pytest.mark.parametrize("active", [True, False])
def test_assigning_to_an_unknown_or_inactive_user_is_not_found(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock, active: bool
) -> None:
    gone = user(uow, "Gone Technician", is_active=False)
    row = ticket(uow)

    with pytest.raises(NotFound, match="User not found"):
        update(uow, actor, row, clock, assigned_to=gone.id if not active else "missing")

    assert row.assigned_to is None


def test_in_progress_sets_started_at_the_first_time_only(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)
    first_start = clock.now

    update(uow, actor, row, clock, status="in_progress")
    clock.advance(timedelta(hours=1))
    update(uow, actor, row, clock, status="pending")
    clock.advance(timedelta(hours=1))
    update(uow, actor, row, clock, status="in_progress")

    assert row.started_at == first_start
    assert [text for kind, text in comments(uow)] == [
        "Status: pending → in_progress",
        "Status: in_progress → pending",
        "Status: pending → in_progress",
    ]
    assert {kind for kind, _ in comments(uow)} == {"status_change"}


def test_a_move_outside_the_table_names_the_current_status(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)

    with pytest.raises(PreconditionFailed, match="is pending: it can go to"):
        lifecycle_service.update_ticket_status(
            uow, caller(actor), row.id, "completed", setup=SETUP, clock=clock
        )

    assert row.status == "pending"
    assert comments(uow) == []


def test_completion_waits_for_the_required_tasks_then_emails_the_customer(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="in_progress")
    blocker = task(uow, row, "Replace screen")
    task(uow, row, "Optional polish", is_required=False)
    task(uow, row, "Diagnose", status="completed")

    with pytest.raises(PreconditionFailed, match=r"required tasks not done: Replace screen$"):
        lifecycle_service.update_ticket_status(
            uow, caller(actor), row.id, "completed", setup=SETUP, clock=clock
        )
    assert (row.status, row.completed_at, emails(uow)) == ("in_progress", None, [])

    blocker.status = "skipped"
    lifecycle_service.update_ticket_status(
        uow, caller(actor), row.id, "completed", setup=SETUP, clock=clock
    )

    assert (row.status, row.completed_at) == ("completed", clock.now)
    assert emails(uow) == [("service_completed", row.id)]


def test_a_customer_without_email_gets_none_and_the_completion_goes_ahead(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="in_progress", email=None)

    update(uow, actor, row, clock, status="completed")

    assert row.status == "completed"
    assert emails(uow) == []


def test_cancelling_sets_no_completion(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow, status="in_progress")

    update(uow, actor, row, clock, status="cancelled")

    assert (row.status, row.completed_at, emails(uow)) == ("cancelled", None, [])


def test_the_answer_is_the_ticket_as_it_now_is(
    uow: FakeUnitOfWork, actor: UserRow, clock: FakeClock
) -> None:
    row = ticket(uow)

    view = lifecycle_service.update_ticket(
        uow,
        caller(actor),
        row.id,
        TicketChanges(warranty_type="goodwill", status="in_progress"),
        setup=SETUP,
        clock=clock,
    )

    assert (view.warranty_type, view.status, view.started_at) == (
        "goodwill",
        "in_progress",
        clock.now,
    )
    assert (view.customer_name, view.product_name, view.brand_name) == (
        "Casey",
        "iPhone 15",
        "Apple",
    )
