"""What the notifications' end-to-end tests share: customers, emails as rows, sending."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlmodel import select

from db.tables.notifications import EmailNotificationRow
from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of, unique_email


def create_customer(client: httpx.Client, user: Account, email: str | None = None) -> Any:
    params = {
        "name": "Mail Customer",
        "phone": "7" + f"{secrets.randbelow(10**9):09d}",
        "email": email or unique_email("customer"),
    }
    return result_of(call(client, user, "customers.createCustomer", params))["customer"]


def send_params(recipient: str, email_type: str = "ticket_created", **extra: Any) -> Any:
    return {
        "emailType": email_type,
        "recipientEmail": recipient,
        "recipientName": "Mail Customer",
        "context": {"ticketNumber": "SV-1", "productName": "Phone"},
        **extra,
    }


def emails_to(server: LiveServer, recipient: str) -> list[EmailNotificationRow]:
    with server.db() as session:
        statement = select(EmailNotificationRow).where(
            EmailNotificationRow.recipient_email == recipient
        )
        return list(session.exec(statement).all())


def insert_emails(
    server: LiveServer,
    recipient: str,
    count: int,
    *,
    created_at: datetime | None = None,
    email_type: str = "ticket_created",
    **fields: Any,
) -> list[str]:
    """``count`` emails to ``recipient`` written straight into the outbox."""
    at = created_at or datetime.now(UTC)
    rows = [
        EmailNotificationRow(
            email_type=email_type,
            recipient_email=recipient,
            recipient_name="Inserted",
            subject=f"Inserted {index}",
            text_body="text",
            html_body="<p>html</p>",
            next_attempt_at=at,
            created_at=at + timedelta(microseconds=index),
            updated_at=at,
            **fields,
        )
        for index in range(count)
    ]
    with server.db() as session:
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]
