"""The MIME message of a queued email."""

from datetime import UTC, datetime
from email import message_from_bytes, policy

from db.repositories.email_delivery import OutgoingEmail
from services.email_message import build_message, message_id

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
EMAIL = OutgoingEmail(
    id="5f0c2d8e-0000-4000-8000-000000000001",
    email_type="ticket_created",
    recipient_email="zoe@customers.test",
    recipient_name='Zoë "Z" Müller, Jr.',
    subject="Ihre Reparatur SR-7 ist angelegt",
    text_body="Grüße\n",
    html_body="<p>Grüße</p>",
    unsubscribe_url="http://127.0.0.1:8000/unsubscribe?email=zoe%40customers.test&token=t&type=ticket_created",
    retry_count=0,
    created_at=NOW,
)


def test_the_message_id_is_the_email_id_at_the_senders_domain() -> None:
    assert message_id(EMAIL.id, "Service <desk@repairs.example>") == f"<{EMAIL.id}@repairs.example>"
    assert message_id(EMAIL.id, "Service <desk>") == f"<{EMAIL.id}@localhost>"


def test_names_and_subjects_outside_ascii_survive_the_wire() -> None:
    message = build_message(EMAIL, mail_from="Service <desk@repairs.example>", now=NOW)

    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)

    [to] = parsed["To"].addresses
    assert (to.display_name, to.addr_spec) == ('Zoë "Z" Müller, Jr.', "zoe@customers.test")
    assert parsed["Subject"] == "Ihre Reparatur SR-7 ist angelegt"
    assert parsed["Date"] == "Wed, 01 Jan 2025 12:00:00 +0000"
    assert parsed["List-Unsubscribe"] == f"<{EMAIL.unsubscribe_url}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = [part.get_content_type() for part in parsed.iter_parts()]
    assert parts == ["text/plain", "text/html"]
