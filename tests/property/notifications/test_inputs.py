"""``notifications.*`` inputs through the real app and database: every valid email
round-trips into the outbox (its text values kept, and escaped in the HTML body), and
invalid inputs are refused naming the field (tests/property/inputs.py says how)."""

from __future__ import annotations

from html import unescape
from typing import Any
from uuid import UUID, uuid4

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session

from db.tables.notifications import EmailNotificationRow
from tests.factories.tickets import make_ticket
from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, lines, ok, refused, rpc, with_control

EMAIL_TYPES = [
    "request_submitted",
    "request_received",
    "request_rejected",
    "ticket_created",
    "service_completed",
    "delivery_confirmed",
]
CONTEXT_KEYS = [
    "trackingToken",
    "ticketNumber",
    "productName",
    "serialNumber",
    "rejectionReason",
    "completedDate",
    "deliveryDate",
]
# Recipients in any case; each example makes its own unique (the daily limit and the
# log's filter are per recipient, and hypothesis replays its examples).
recipients = st.builds(
    lambda local, domain: f"{local}@{domain}.example",
    st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True),
)
contexts = st.dictionaries(st.sampled_from(CONTEXT_KEYS), lines(1, 500), max_size=7)


def stored(app: PropertyApp, email_id: str) -> EmailNotificationRow:
    with Session(app.services.session_factory.kw["bind"]) as session:
        row = session.get(EmailNotificationRow, email_id)
        assert row is not None
        return row


def test_send_inputs_round_trip(property_app: PropertyApp, token: str) -> None:
    with Session(property_app.services.session_factory.kw["bind"]) as session:
        ticket_id = make_ticket(session).id

    @ROUND_TRIP
    @given(
        email_type=st.sampled_from(EMAIL_TYPES),
        recipient=recipients,
        name=lines(1, 255),
        context=contexts,
        # The ticket's id in any case: it is kept in its canonical lower-case form.
        ticket=st.none() | st.sampled_from([ticket_id, ticket_id.upper()]),
    )
    def holds(
        email_type: str, recipient: str, name: str, context: dict[str, str], ticket: str | None
    ) -> None:
        recipient = f"{uuid4().hex}.{recipient}"
        params: dict[str, Any] = {
            "emailType": email_type,
            "recipientEmail": recipient,
            "recipientName": name,
            "context": context,
            "serviceTicketId": ticket,
        }
        queued = ok(rpc(property_app, token, "notifications.send", params))
        log = ok(rpc(property_app, token, "notifications.getLog", {"recipientEmail": recipient}))

        [logged] = log["emails"]
        assert logged["id"] == queued["emailId"]
        assert (logged["email_type"], logged["recipient_name"]) == (email_type, name)
        assert logged["recipient_email"] == recipient.lower()
        assert logged["service_ticket_id"] == (None if ticket is None else str(UUID(ticket)))
        row = stored(property_app, queued["emailId"])
        # Shown as text: present once unescaped, and never as markup of its own.
        assert name in unescape(row.html_body)
        assert "<" not in name or name not in row.html_body
        assert name in row.text_body

    holds()


bad_texts = st.sampled_from(["", " "]) | with_control
bad_fields: st.SearchStrategy[tuple[str, Any]] = st.one_of(
    st.tuples(st.just("emailType"), st.text(max_size=20).filter(lambda t: t not in EMAIL_TYPES)),
    st.tuples(st.just("recipientEmail"), st.sampled_from(["", "no-at", "a@", "x@@y.com", 5])),
    st.tuples(st.just("recipientName"), bad_texts | st.just("x" * 256)),
    st.tuples(
        st.just("context"),
        st.fixed_dictionaries(
            {}, optional={key: bad_texts | st.just("x" * 501) for key in CONTEXT_KEYS}
        ).filter(bool),
    ),
    st.tuples(
        st.sampled_from(["serviceTicketId", "serviceRequestId"]),
        st.text(max_size=40).filter(lambda t: len(t) != 36) | st.integers(),
    ),
)


def test_invalid_send_inputs_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(bad_fields)
    def holds(bad: tuple[str, Any]) -> None:
        field, value = bad
        params = {
            "emailType": "ticket_created",
            "recipientEmail": "refused@example.com",
            "recipientName": "Valid",
            field: value,
        }
        refused(rpc(property_app, token, "notifications.send", params), field)

    holds()


def test_invalid_log_and_retry_inputs_are_refused(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(
        st.one_of(
            st.tuples(st.just("status"), st.text(max_size=10)),
            st.tuples(st.just("limit"), st.integers(max_value=0) | st.integers(min_value=101)),
            st.tuples(st.just("offset"), st.integers(max_value=-1) | st.text(max_size=3)),
        )
    )
    def holds(bad: tuple[str, Any]) -> None:
        field, value = bad
        if field == "status" and value in ("pending", "sent", "failed", "bounced"):
            return
        refused(rpc(property_app, token, "notifications.getLog", {field: value}), field)

    holds()

    @ROUND_TRIP
    @given(bad_texts | st.just("x" * 65) | st.integers() | st.booleans())
    def retried(value: Any) -> None:
        refused(rpc(property_app, token, "notifications.retry", {"emailId": value}), "emailId")

    retried()
