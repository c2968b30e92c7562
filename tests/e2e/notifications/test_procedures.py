"""``notifications.*`` over real HTTP: queueing (rendered, with the unsubscribe link of a
customer), preferences, the daily limit per recipient, the log, the statistics, retries,
and who may call what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    BAD_REQUEST,
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    call,
)
from tests.e2e.conftest import (
    LiveServer,
    MakeUser,
    create_admin_account,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
    unique_email,
)
from tests.e2e.notifications.helpers import (
    create_customer,
    emails_to,
    insert_emails,
    send_params,
)
from tests.factories.tickets import make_ticket

ROLES = ["admin", "manager", "technician", "reception"]
STAFF_ONLY = ["technician", "reception"]
LOG_KEYS = {
    "id",
    "email_type",
    "recipient_email",
    "recipient_name",
    "subject",
    "status",
    "retry_count",
    "error_message",
    "service_ticket_id",
    "service_request_id",
    "created_at",
    "updated_at",
    "next_attempt_at",
    "sent_at",
    "failed_at",
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_queues_an_email_to_a_customer_with_its_link(
    server: LiveServer, client: httpx.Client, make_user: MakeUser, role: str
) -> None:
    user = make_user(role)
    customer = create_customer(client, make_user("manager"))
    with server.db() as session:
        ticket_id = make_ticket(session).id.upper()

    answer = result_of(
        call(
            client,
            user,
            "notifications.send",
            send_params(customer["email"].upper(), serviceTicketId=ticket_id),
        )
    )

    assert set(answer) == {"success", "emailId"}
    assert answer["success"] is True
    [email] = emails_to(server, customer["email"])
    assert email.id == answer["emailId"]
    assert (email.status, email.retry_count, email.customer_id) == ("pending", 0, customer["id"])
    assert email.service_ticket_id == ticket_id.lower()
    assert email.next_attempt_at == email.created_at
    assert email.subject == "Service ticket SV-1 opened"
    token = server.services.customer_links.token_for(customer["id"], customer["email"])
    assert email.unsubscribe_url is not None
    assert email.unsubscribe_url.startswith("http://127.0.0.1:8000/unsubscribe?email=")
    assert f"token={token}" in email.unsubscribe_url
    assert email.unsubscribe_url.endswith("&type=ticket_created")
    assert email.unsubscribe_url in email.text_body
    assert "Phone" in email.text_body
    assert "SV-1" in email.html_body


def test_an_unknown_ticket_is_not_found_and_nothing_is_queued(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("ticketless")
    params = send_params(recipient, serviceTicketId="7D9F1B3C-5E7A-4C9E-8F1A-2B4D6F8A0C35")

    answer = call(client, make_user(), "notifications.send", params)

    assert error_of(answer, *NOT_FOUND)["message"] == "Service ticket not found"
    assert emails_to(server, recipient) == []


def test_an_address_that_is_no_customers_gets_no_link(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("stranger")

    answer = call(client, make_user("reception"), "notifications.send", send_params(recipient))

    assert result_of(answer)["success"] is True
    [email] = emails_to(server, recipient)
    assert (email.customer_id, email.unsubscribe_url) == (None, None)
    assert "unsubscribe" not in email.text_body.lower()


def test_context_values_are_escaped_in_the_html_body(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("escaped")
    params = send_params(recipient, "request_rejected")
    params["context"] = {"rejectionReason": "<script>alert(1)</script> & more"}

    result_of(call(client, make_user(), "notifications.send", params))

    [email] = emails_to(server, recipient)
    assert "<script>" not in email.html_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in email.html_body
    assert "<script>alert(1)</script> & more" in email.text_body


def test_a_customer_who_turned_the_type_off_is_skipped(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("technician")
    customer = create_customer(client, make_user("manager"))
    token = server.services.customer_links.token_for(customer["id"], customer["email"])
    preferences = {
        "email": customer["email"],
        "token": token,
        "preferences": {"service_completed": False},
    }
    result_of(rpc_call(client, "customers.updateEmailPreferences", preferences))

    skipped = call(
        client, user, "notifications.send", send_params(customer["email"], "service_completed")
    )
    other = call(
        client, user, "notifications.send", send_params(customer["email"], "ticket_created")
    )

    assert result_of(skipped) == {"success": True, "skipped": True, "reason": "unsubscribed"}
    assert result_of(other)["success"] is True
    assert [email.email_type for email in emails_to(server, customer["email"])] == [
        "ticket_created"
    ]


def test_the_101st_email_in_a_day_is_refused_with_retry_after(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("busy")
    now = datetime.now(UTC)
    # The oldest counted email leaves the window in about an hour; one older than the
    # window does not count.
    insert_emails(server, recipient, 1, created_at=now - timedelta(hours=25))
    insert_emails(server, recipient, 1, created_at=now - timedelta(hours=23))
    insert_emails(server, recipient, 98, created_at=now - timedelta(hours=1))
    user = make_user("reception")

    hundredth = call(client, user, "notifications.send", send_params(recipient))
    refused = call(client, user, "notifications.send", send_params(recipient))

    assert result_of(hundredth)["success"] is True
    error = error_of(refused, *TOO_MANY_REQUESTS)
    assert 0 < error["data"]["retryAfter"] <= 3600
    assert len(emails_to(server, recipient)) == 101


def test_the_daily_limit_holds_with_rate_limits_off(start_server: Any, make_user: MakeUser) -> None:
    live: LiveServer = start_server(rate_limits_enabled=False)
    recipient = unique_email("unlimited")
    insert_emails(live, recipient, 100)
    admin = create_admin_account(live)
    with httpx.Client(base_url=live.url, timeout=30) as http:
        refused = call(http, admin, "notifications.send", send_params(recipient))

    assert error_of(refused, *TOO_MANY_REQUESTS)["data"]["retryAfter"] > 0
    assert len(emails_to(live, recipient)) == 100


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"emailType": "newsletter"}, ["emailType"]),
        ({"recipientEmail": "not-an-email"}, ["recipientEmail"]),
        ({"recipientName": ""}, ["recipientName"]),
        ({"recipientName": "a\x00b"}, ["recipientName"]),
        ({"context": {"productName": "x" * 501}}, ["context", "productName"]),
        ({"context": {"product_name": "x"}}, ["context", "product_name"]),
        ({"serviceTicketId": "not-a-uuid"}, ["serviceTicketId"]),
        ({"email_type": "ticket_created"}, ["email_type"]),
    ],
)
def test_send_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, make_user(), "notifications.send", send_params(unique_email()) | params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_the_log_filters_and_pages_newest_first(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("logged")
    now = datetime.now(UTC)
    ids = insert_emails(server, recipient, 3, created_at=now - timedelta(minutes=5))
    insert_emails(server, recipient, 1, created_at=now, email_type="service_completed")
    failed = insert_emails(
        server,
        recipient,
        1,
        created_at=now - timedelta(hours=1),
        status="failed",
        retry_count=3,
        error_message="421 busy",
    )
    manager = make_user("manager")
    filters = {"recipientEmail": recipient.upper(), "emailType": "ticket_created"}

    first = result_of(call(client, manager, "notifications.getLog", filters | {"limit": 2}))
    rest = result_of(call(client, manager, "notifications.getLog", filters | {"offset": 2}))
    failures = result_of(
        call(
            client,
            manager,
            "notifications.getLog",
            {"recipientEmail": recipient, "status": "failed"},
        )
    )

    assert (first["total"], first["limit"], first["offset"]) == (4, 2, 0)
    assert set(first["emails"][0]) == LOG_KEYS
    assert [email["id"] for email in first["emails"]] == [ids[2], ids[1]]
    assert [email["id"] for email in rest["emails"]] == [ids[0], failed[0]]
    [email] = failures["emails"]
    assert (email["status"], email["retry_count"], email["error_message"]) == (
        "failed",
        3,
        "421 busy",
    )
    assert email["failed_at"] == email["updated_at"]
    assert first["emails"][0]["failed_at"] is None


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"status": "lost"}, ["status"]),
        ({"emailType": "newsletter"}, ["emailType"]),
        ({"limit": 101}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"recipientEmail": "nope"}, ["recipientEmail"]),
        ({"email_type": "ticket_created"}, ["email_type"]),
    ],
)
def test_get_log_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, make_user("admin"), "notifications.getLog", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_the_stats_count_every_status_and_type(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    admin = make_user("admin")
    before = result_of(call(client, admin, "notifications.getStats"))
    recipient = unique_email("counted")
    insert_emails(server, recipient, 2, status="sent", email_type="delivery_confirmed")
    insert_emails(server, recipient, 1, status="bounced", email_type="delivery_confirmed")
    insert_emails(server, recipient, 1, status="failed", email_type="request_received")
    insert_emails(server, recipient, 1)

    after = result_of(call(client, admin, "notifications.getStats", {}))

    assert set(after) == {"total", "sent", "failed", "pending", "bounced", "byType"}
    changes = {
        key: after[key] - before[key] for key in ("total", "sent", "failed", "pending", "bounced")
    }
    assert changes == {"total": 5, "sent": 2, "failed": 1, "pending": 1, "bounced": 1}
    by_type = {
        name: after["byType"].get(name, 0) - before["byType"].get(name, 0)
        for name in after["byType"]
    }
    assert {name: count for name, count in by_type.items() if count} == {
        "delivery_confirmed": 3,
        "request_received": 1,
        "ticket_created": 1,
    }


def test_a_failed_email_with_retries_left_is_due_again(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    recipient = unique_email("retried")
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    [email_id] = insert_emails(
        server,
        recipient,
        1,
        created_at=long_ago,
        status="failed",
        retry_count=1,
        error_message="could not connect",
    )

    answer = call(client, make_user("manager"), "notifications.retry", {"emailId": email_id})

    assert result_of(answer) == {"success": True}
    [email] = emails_to(server, recipient)
    assert (email.status, email.retry_count) == ("pending", 1)
    assert email.next_attempt_at > long_ago
    assert email.next_attempt_at == email.updated_at


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "sent"}, "The email was already sent"),
        ({"status": "failed", "retry_count": 3}, "The email has used every retry (max_retries)"),
    ],
)
def test_retry_refuses_a_sent_email_or_one_without_retries(
    server: LiveServer,
    client: httpx.Client,
    make_user: MakeUser,
    fields: dict[str, Any],
    message: str,
) -> None:
    recipient = unique_email("done")
    [email_id] = insert_emails(server, recipient, 1, **fields)

    answer = call(client, make_user("admin"), "notifications.retry", {"emailId": email_id})

    assert error_of(answer, *BAD_REQUEST)["message"] == message
    [email] = emails_to(server, recipient)
    assert email.status == fields["status"]


def test_retry_of_a_missing_email_is_not_found(client: httpx.Client, make_user: MakeUser) -> None:
    answer = call(client, make_user("admin"), "notifications.retry", {"emailId": MISSING_ID})
    assert error_of(answer, *NOT_FOUND)["message"] == "Email not found"


@pytest.mark.parametrize(
    ("params", "path"),
    [({}, ["emailId"]), ({"emailId": ""}, ["emailId"]), ({"emailId": 5}, ["emailId"])],
)
def test_retry_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, make_user("admin"), "notifications.retry", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


@pytest.mark.parametrize("role", STAFF_ONLY)
@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("notifications.getLog", {}),
        ("notifications.getStats", {}),
        ("notifications.retry", {"emailId": MISSING_ID}),
    ],
)
def test_the_log_stats_and_retries_are_for_managers(
    client: httpx.Client, make_user: MakeUser, role: str, method: str, params: Any
) -> None:
    error_of(call(client, make_user(role), method, params), *FORBIDDEN)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("notifications.send", send_params("anyone@example.com")),
        ("notifications.getLog", {}),
        ("notifications.getStats", {}),
        ("notifications.retry", {"emailId": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_refused(client: httpx.Client, method: str, params: Any) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)
