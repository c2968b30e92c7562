"""The sender against a real SMTP server on loopback, on SQLite and PostgreSQL.

Time is the fake clock's: a backoff is waited out by moving the clock, never by sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.unit_of_work import SqlUnitOfWork
from services.email_transports import EmlFileTransport
from tests.fakes.clock import FakeClock
from tests.integration.email_sender.outbox import (
    BACKOFF,
    LEASE,
    MAX_RETRIES,
    SmtpServer,
    free_port,
    make_sender,
    queue_email,
    running_smtp_server,
    smtp_transport,
    stored,
)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    yield from running_smtp_server()


@pytest.mark.asyncio
async def test_a_delivered_email_arrives_whole_and_is_marked_sent(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    row = queue_email(sessions, clock())
    sender = make_sender(sessions, smtp_transport(smtp.port), clock)

    assert await sender.run_once() == 1

    [message] = smtp.handler.received
    assert smtp.handler.envelopes == [["dana@customers.test"]]
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Dana Ortiz", "dana@customers.test")
    assert message["From"] == "Switchyard Service <service@switchyard.test>"
    assert message["Subject"] == "Your repair SR-1042 is registered"
    assert message["Message-ID"] == f"<{row.id}@switchyard.test>"
    assert message["Date"] is not None
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    # Lines travel with CRLF endings over SMTP.
    assert text.get_content().replace("\r\n", "\n") == (
        "Hello Dana,\n\nwe registered your repair SR-1042.\n"
    )
    assert "<b>SR-1042</b>" in html.get_content()
    assert row.unsubscribe_url is not None
    assert message["List-Unsubscribe"] == f"<{row.unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    after = stored(sessions, row.id)
    assert (after.status, after.sent_at, after.retry_count) == ("sent", clock(), 0)
    assert (after.claimed_by, after.lease_expires_at, after.error_message) == (None, None, None)


@pytest.mark.asyncio
async def test_an_email_without_an_unsubscribe_link_has_no_list_headers(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    queue_email(sessions, clock(), unsubscribe_url=None, recipient_email="walk-in@example.test")

    await make_sender(sessions, smtp_transport(smtp.port), clock).run_once()

    [message] = smtp.handler.received
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None


@pytest.mark.asyncio
async def test_a_transient_refusal_is_retried_after_the_backoff_then_sent(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    row = queue_email(sessions, clock())
    sender = make_sender(sessions, smtp_transport(smtp.port), clock)
    smtp.handler.answer_next_recipients("451 4.3.0 Mailbox busy, try later")

    await sender.run_once()
    waiting = stored(sessions, row.id)
    assert (waiting.status, waiting.retry_count) == ("pending", 1)
    assert waiting.next_attempt_at == clock() + BACKOFF
    assert waiting.error_message == "451 4.3.0 Mailbox busy, try later"
    assert waiting.claimed_by is None

    # Not due yet: nothing is claimed.
    clock.advance(BACKOFF - timedelta(seconds=1))
    assert await sender.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await sender.run_once() == 1

    sent = stored(sessions, row.id)
    assert (sent.status, sent.sent_at, sent.retry_count) == ("sent", clock(), 1)
    assert sent.error_message is None
    assert len(smtp.handler.received) == 1


@pytest.mark.asyncio
async def test_a_permanent_refusal_bounces_at_once_without_retry(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    row = queue_email(sessions, clock())
    sender = make_sender(sessions, smtp_transport(smtp.port), clock)
    smtp.handler.answer_next_recipients("550 5.1.1 No such user here")

    await sender.run_once()

    bounced = stored(sessions, row.id)
    assert (bounced.status, bounced.retry_count, bounced.sent_at) == ("bounced", 0, None)
    assert bounced.error_message == "550 5.1.1 No such user here"
    clock.advance(BACKOFF * 100)
    assert await sender.run_once() == 0
    assert smtp.handler.received == []


@pytest.mark.asyncio
async def test_a_server_down_for_the_whole_backoff_fails_the_email_after_max_retries(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    row = queue_email(sessions, clock())
    sender = make_sender(sessions, smtp_transport(free_port()), clock)

    waits = []
    for attempt in range(MAX_RETRIES + 1):
        before = clock()
        assert await sender.run_once() == 1, f"attempt {attempt + 1}"
        after = stored(sessions, row.id)
        if after.status == "pending":
            waits.append(after.next_attempt_at - before)
            clock.advance(after.next_attempt_at - before)

    failed = stored(sessions, row.id)
    assert failed.status == "failed"
    assert failed.retry_count == MAX_RETRIES
    assert failed.error_message is not None
    assert "connect" in failed.error_message.lower()
    # Exponential: base, 2 x base, 4 x base (no jitter in these senders).
    assert waits == [BACKOFF * 2**n for n in range(MAX_RETRIES)]
    clock.advance(BACKOFF * 100)
    assert await sender.run_once() == 0


@pytest.mark.asyncio
async def test_a_claim_whose_lease_ran_out_is_taken_by_another_sender(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    row = queue_email(sessions, clock())
    # A sender claims the email, then dies before sending it.
    with SqlUnitOfWork(sessions) as uow:
        [claimed] = uow.email_delivery.claim_due(
            "dead-sender", now=clock(), lease_until=clock() + LEASE, limit=10
        )
        uow.commit()
    assert claimed.id == row.id
    survivor = make_sender(sessions, smtp_transport(smtp.port), clock)

    clock.advance(LEASE - timedelta(seconds=1))
    assert await survivor.run_once() == 0, "the lease still holds"
    clock.advance(timedelta(seconds=2))
    assert await survivor.run_once() == 1

    assert stored(sessions, row.id).status == "sent"
    assert len(smtp.handler.received) == 1
    # The dead sender, were it to come back, records nothing over the survivor's outcome.
    with SqlUnitOfWork(sessions) as uow:
        assert not uow.email_delivery.record_failed(
            row.id, "dead-sender", now=clock(), error="late"
        )
        uow.commit()
    assert stored(sessions, row.id).status == "sent"


@pytest.mark.asyncio
async def test_with_no_smtp_host_each_email_is_written_as_an_eml_file_and_marked_sent(
    sessions: sessionmaker[Session], clock: FakeClock, tmp_path: Path
) -> None:
    first = queue_email(sessions, clock())
    second = queue_email(sessions, clock(), recipient_email="lee@customers.test")
    transport = EmlFileTransport(tmp_path / "outbox")

    assert await make_sender(sessions, transport, clock).run_once() == 2

    files = sorted((tmp_path / "outbox").iterdir())
    assert [path.name for path in files] == sorted(
        f"20250101T120000Z-{row.id}.eml" for row in (first, second)
    )
    written = (tmp_path / "outbox" / f"20250101T120000Z-{first.id}.eml").read_text()
    assert "Subject: Your repair SR-1042 is registered" in written
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in written
    assert "Content-Type: text/html" in written
    assert {stored(sessions, row.id).status for row in (first, second)} == {"sent"}


@pytest.mark.asyncio
async def test_only_due_pending_emails_are_claimed(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    later = queue_email(sessions, clock(), next_attempt_at=clock() + timedelta(minutes=5))
    done = queue_email(sessions, clock(), status="sent", sent_at=clock())
    gave_up = queue_email(sessions, clock(), status="failed", retry_count=MAX_RETRIES)

    assert await make_sender(sessions, smtp_transport(smtp.port), clock).run_once() == 0

    assert [stored(sessions, row.id).status for row in (later, done, gave_up)] == [
        "pending",
        "sent",
        "failed",
    ]
    assert smtp.handler.received == []


@pytest.mark.asyncio
async def test_an_email_whose_headers_cannot_be_built_fails_without_an_attempt(
    sessions: sessionmaker[Session], smtp: SmtpServer, clock: FakeClock
) -> None:
    broken = queue_email(sessions, clock(), subject="Hello\r\nBcc: everyone@example.test")
    fine = queue_email(sessions, clock())

    assert await make_sender(sessions, smtp_transport(smtp.port), clock).run_once() == 2

    failed = stored(sessions, broken.id)
    assert failed.status == "failed"
    assert failed.error_message is not None
    assert failed.error_message.startswith("the message cannot be built")
    assert stored(sessions, fine.id).status == "sent"
    assert [str(message["Message-ID"]) for message in smtp.handler.received] == [
        f"<{fine.id}@switchyard.test>"
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("answer", "status", "retry_count"),
    [("554 5.6.0 Message refused", "bounced", 0), ("452 4.3.1 Out of storage", "pending", 1)],
)
async def test_an_answer_to_the_message_itself_bounces_or_retries_by_its_class(
    sessions: sessionmaker[Session],
    smtp: SmtpServer,
    clock: FakeClock,
    answer: str,
    status: str,
    retry_count: int,
) -> None:
    row = queue_email(sessions, clock())
    smtp.handler.answer_next_messages(answer)

    await make_sender(sessions, smtp_transport(smtp.port), clock).run_once()

    after = stored(sessions, row.id)
    assert (after.status, after.retry_count, after.error_message) == (status, retry_count, answer)


PASSWORD = "Hunter-2-smtp-secret"


def _refuse_everyone(
    server: object, session: object, envelope: object, mechanism: str, auth_data: object
) -> AuthResult:
    assert isinstance(auth_data, LoginPassword)
    return AuthResult(success=False, handled=False)


@pytest.fixture
def smtp_with_auth() -> Iterator[SmtpServer]:
    # Plain text AUTH on loopback for the test only; real servers want TLS first.
    yield from running_smtp_server(authenticator=_refuse_everyone, auth_require_tls=False)


@pytest.mark.asyncio
async def test_refused_credentials_are_retried_and_the_password_is_never_recorded(
    sessions: sessionmaker[Session],
    smtp_with_auth: SmtpServer,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    row = queue_email(sessions, clock())
    transport = smtp_transport(smtp_with_auth.port, username="mailer", password=PASSWORD)

    with caplog.at_level("INFO", logger="switchyard.email"):
        await make_sender(sessions, transport, clock).run_once()

    after = stored(sessions, row.id)
    # The server or our settings, not this email: retried, so fixed settings send it.
    assert (after.status, after.retry_count) == ("pending", 1)
    assert after.error_message is not None
    assert after.error_message.startswith("535")
    assert PASSWORD not in after.error_message
    assert PASSWORD not in caplog.text
    assert "dana@customers.test" not in caplog.text
    assert row.id in caplog.text
    assert smtp_with_auth.handler.received == []


@pytest.mark.asyncio
async def test_an_outcome_the_database_failed_to_record_leaves_the_claim_to_run_out(
    sessions: sessionmaker[Session],
    smtp: SmtpServer,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unlucky = queue_email(sessions, clock())
    lucky = queue_email(sessions, clock(), recipient_email="lee@customers.test")
    sender = make_sender(sessions, smtp_transport(smtp.port), clock)
    record = sender._record

    def record_failing_for_one(email_id: str, outcome: Any) -> bool:
        if email_id == unlucky.id:
            raise OperationalError("UPDATE email_notifications", {}, Exception("gone"))
        return record(email_id, outcome)

    monkeypatch.setattr(sender, "_record", record_failing_for_one)

    assert await sender.run_once() == 2

    assert stored(sessions, lucky.id).status == "sent"
    held = stored(sessions, unlucky.id)
    assert (held.status, held.claimed_by) == ("pending", sender.id)
    # Once the claim runs out, the email is tried again (here by the same sender). The
    # server had taken it already, so it arrives twice: delivery is at least once, and
    # the repeat carries the same Message-ID (docs/decisions.md).
    monkeypatch.undo()
    clock.advance(LEASE + timedelta(seconds=1))
    assert await sender.run_once() == 1
    assert stored(sessions, unlucky.id).status == "sent"
    message_ids = [str(message["Message-ID"]) for message in smtp.handler.received]
    assert sorted(message_ids) == sorted(
        [f"<{unlucky.id}@switchyard.test>"] * 2 + [f"<{lucky.id}@switchyard.test>"]
    )
