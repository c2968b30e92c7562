"""One ticket's whole life over HTTP, as a shop lives it, against a real SMTP server on
loopback: opened at reception with parts, assigned, started, a part added, completed,
handed back. Every number is checked at each step (money, stock, counts, revenue) and
every email the customer is sent is read as it arrives.

Everything goes through the procedures, as the shop's client would call them: the
catalog, the template and the staff are made over the wire too.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from tests.e2e.browser import call
from tests.e2e.conftest import (
    USER_PASSWORD,
    Account,
    LiveServer,
    create_admin_account,
    result_of,
    sign_in,
    unique_email,
)
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.integration.email_sender.outbox import SmtpServer, running_smtp_server

# Never a measured duration: only how long to wait before calling delivery broken.
WAIT_SECONDS = 30
CUSTOMER_EMAIL = "jane.doe@example.com"


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    yield from running_smtp_server()


@pytest.fixture
def shop(start_server: Callable[..., LiveServer], smtp: SmtpServer) -> LiveServer:
    """A server of the test's own (its own database: the day's revenue is this
    ticket's alone) whose sender delivers to ``smtp`` right away."""
    return start_server(
        smtp_host=smtp.host,
        smtp_port=smtp.port,
        smtp_security="none",
        send_emails_in_server=True,
        email_poll_interval_seconds=0.05,
    )


def ok(client: httpx.Client, user: Account, method: str, params: Any = None) -> Any:
    return result_of(call(client, user, method, params))


def staff(client: httpx.Client, server: LiveServer, admin: Account, role: str) -> Account:
    email = unique_email(role)
    params = {"email": email, "password": USER_PASSWORD, "full_name": f"{role.title()} One"}
    ok(client, admin, "admin.createUser", {**params, "role": role})
    return sign_in(server, email, USER_PASSWORD)


def next_message(smtp: SmtpServer, count: int) -> EmailMessage:
    """The ``count``-th message to arrive, once it has."""
    deadline = time.monotonic() + WAIT_SECONDS
    while len(smtp.handler.received) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(smtp.handler.received)} of {count} emails arrived")
        time.sleep(0.05)
    message: EmailMessage = smtp.handler.received[count - 1]
    return message


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    content: str = part.get_content()
    return content


def test_a_ticket_from_intake_to_delivery(shop: LiveServer, smtp: SmtpServer) -> None:
    today_date = utc_today_for_a_while()
    year, today = today_date.year, today_date.isoformat()
    with httpx.Client(base_url=shop.url, timeout=30) as client:
        admin = create_admin_account(shop)
        manager = staff(client, shop, admin, "manager")
        reception = staff(client, shop, admin, "reception")
        technician = staff(client, shop, admin, "technician")

        # The catalog: a model, a part with five in stock, a paid template of two
        # optional steps for that model.
        brand = ok(client, manager, "catalog.brand.create", {"name": "Apple"})
        model = ok(
            client,
            manager,
            "catalog.product.create",
            {"name": "iPhone 15", "sku": "IP15-128", "type": "phone", "brand_id": brand["id"]},
        )
        part = ok(
            client,
            manager,
            "catalog.part.create",
            {
                "name": "iPhone 15 screen",
                "sku": "SCR-IP15",
                "unit_price": 129.9,
                "stock_quantity": 5,
                "product_ids": [model["id"]],
            },
        )
        steps = [
            ok(client, manager, "workflow.taskType.create", {"name": name})["id"]
            for name in ("Diagnosis", "Replace screen")
        ]
        template = ok(
            client,
            manager,
            "workflow.template.create",
            {
                "name": "iPhone 15 screen repair",
                "product_type": model["id"],
                "service_type": "paid",
                "tasks": [
                    {"task_type_id": step, "sequence_order": order, "is_required": False}
                    for order, step in enumerate(steps, start=1)
                ],
            },
        )

        # Intake: a new customer, two screens at the listed price, a discount.
        opened = ok(
            client,
            reception,
            "tickets.createTicket",
            {
                "customer_data": {
                    "name": "Jane Doe",
                    "phone": "+1 (555) 010-2030",
                    "email": CUSTOMER_EMAIL,
                },
                "product_id": model["id"],
                "description": "Screen cracked after a drop",
                "service_fee": 50,
                "diagnosis_fee": 15,
                "discount_amount": 10,
                "parts": [{"part_id": part["id"], "quantity": 2, "unit_price": 129.9}],
            },
        )
        ticket = opened["ticket"]
        assert re.fullmatch(rf"SV-{year}-\d{{3,}}", ticket["ticket_number"])
        number = ticket["ticket_number"]
        assert (ticket["status"], ticket["priority_level"], ticket["warranty_type"]) == (
            "pending",
            "normal",
            "paid",
        )
        assert (ticket["parts_total"], ticket["total_cost"]) == (259.8, 314.8)
        assert ticket["template_id"] == template["id"]
        assert ticket["customers"]["email"] == CUSTOMER_EMAIL
        assert ticket["products"] == {
            "id": model["id"],
            "name": "iPhone 15",
            "type": "phone",
            "brands": {"name": "Apple"},
        }
        assert [(task["name"], task["status"]) for task in opened["tasks"]] == [
            ("Diagnosis", "pending"),
            ("Replace screen", "pending"),
        ]
        assert ok(client, manager, "catalog.part.get", {"id": part["id"]})["stock_quantity"] == 3

        created_email = next_message(smtp, 1)
        assert created_email["To"].addresses[0].addr_spec == CUSTOMER_EMAIL
        assert created_email["Subject"] == f"Service ticket {number} opened"
        assert "iPhone 15" in text_of(created_email)

        # The manager assigns the technician: the ticket and its unfinished steps.
        assigned = ok(
            client,
            manager,
            "tickets.updateTicket",
            {"id": ticket["id"], "assigned_to": technician.id},
        )
        assert assigned["ticket"]["assigned_to"] == technician.id
        tasks = ok(client, technician, "tickets.getTasks", {"ticketId": ticket["id"]})
        assert [task["assigned_to"]["id"] for task in tasks] == [technician.id, technician.id]

        # The technician starts, and finds a second screen is needed.
        started = ok(
            client,
            technician,
            "tickets.updateTicketStatus",
            {"id": ticket["id"], "status": "in_progress"},
        )
        assert started["ticket"]["started_at"] is not None
        added = ok(
            client,
            technician,
            "tickets.addTicketPart",
            {"ticket_id": ticket["id"], "part_id": part["id"], "quantity": 1, "unit_price": 129.9},
        )
        assert (added["part"]["quantity"], added["part"]["total"]) == (1, 129.9)
        assert ok(client, manager, "catalog.part.get", {"id": part["id"]})["stock_quantity"] == 2

        # Completed: the customer is told, and it waits on the shelf for delivery.
        completed = ok(
            client,
            technician,
            "tickets.updateTicketStatus",
            {"id": ticket["id"], "status": "completed"},
        )["ticket"]
        assert (completed["parts_total"], completed["total_cost"]) == (389.7, 444.7)
        assert completed["completed_at"] is not None
        assert completed["started_at"] == started["ticket"]["started_at"]
        completed_email = next_message(smtp, 2)
        assert completed_email["Subject"] == f"Your device is ready ({number})"
        assert f"complete (completed {today})" in text_of(completed_email)
        assert ok(client, reception, "tickets.getPendingCount") == 0
        assert ok(client, reception, "tickets.getPendingDeliveriesCount") == 1
        waiting = ok(client, reception, "tickets.getPendingDeliveries", {})
        assert [row["id"] for row in waiting["tickets"]] == [ticket["id"]]
        revenue = ok(client, manager, "tickets.getDailyRevenue", {"days": 1})
        assert revenue == [{"date": today, "revenue": 444.7}]

        # Handed back against a signature.
        delivered = ok(
            client,
            reception,
            "tickets.confirmDelivery",
            {"ticket_id": ticket["id"], "signature_url": "https://shop.example/signatures/1.png"},
        )["ticket"]
        assert delivered["delivery_confirmed_by_id"] == reception.id
        assert delivered["delivery_signature_url"] == "https://shop.example/signatures/1.png"
        assert delivered["delivery_confirmed_at"] is not None
        delivered_email = next_message(smtp, 3)
        assert delivered_email["Subject"] == f"Your device was delivered ({number})"
        assert f"handed back to you on {today}" in text_of(delivered_email)
        assert ok(client, reception, "tickets.getPendingDeliveriesCount") == 0

        # The ticket's record: both part lines, and the history of what happened.
        record = ok(client, manager, "tickets.getTicket", {"id": ticket["id"]})
        assert [(line["quantity"], line["total"]) for line in record["parts"]] == [
            (2, 259.8),
            (1, 129.9),
        ]
        history = [
            (comment["comment_type"], comment["profiles"]["id"]) for comment in record["comments"]
        ]
        assert history[0] == ("system", reception.id)
        assert ("assignment", manager.id) in history
        assert ("status_change", technician.id) in history
        assert history[-1][1] == reception.id
        # Three emails, no more: one per step the customer hears of.
        time.sleep(0.5)
        assert len(smtp.handler.received) == 3
