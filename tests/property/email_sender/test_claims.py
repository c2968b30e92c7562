"""Whatever was queued is what a sender claims: the rendered content survives the
database on SQLite and PostgreSQL, and a claimed email is held by one sender only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from db.unit_of_work import SqlUnitOfWork, session_factory
from tests.integration.email_sender.outbox import queue_email

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
LEASE = timedelta(seconds=60)
# Any text a template may render, but NUL, which PostgreSQL refuses in text.
text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@settings(
    max_examples=40,
    deadline=None,
    # One database for every example: each leaves its email sent.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    subject=text.filter(bool).map(lambda value: value[:300]),
    name=text.map(lambda value: value[:255]),
    text_body=text,
    html_body=text,
    unsubscribe_url=st.none() | text.map(lambda value: value[:2048]),
)
def test_a_claimed_email_is_the_queued_one_and_only_its_claimant_holds_it(
    migrated_engine: Engine,
    subject: str,
    name: str,
    text_body: str,
    html_body: str,
    unsubscribe_url: str | None,
) -> None:
    sessions = session_factory(migrated_engine)
    now = NOW
    row = queue_email(
        sessions,
        now,
        subject=subject,
        recipient_name=name,
        text_body=text_body,
        html_body=html_body,
        unsubscribe_url=unsubscribe_url,
    )
    sender, rival = str(uuid.uuid4()), str(uuid.uuid4())

    with SqlUnitOfWork(sessions) as uow:
        claimed = uow.email_delivery.claim_due(sender, now=now, lease_until=now + LEASE, limit=5)
        uow.commit()
    with SqlUnitOfWork(sessions) as uow:
        rivals = uow.email_delivery.claim_due(rival, now=now, lease_until=now + LEASE, limit=5)
        uow.commit()

    assert [email.id for email in claimed] == [row.id]
    [email] = claimed
    assert (email.subject, email.recipient_name) == (subject, name)
    assert (email.text_body, email.html_body, email.unsubscribe_url) == (
        text_body,
        html_body,
        unsubscribe_url,
    )
    assert email.created_at == now
    assert rivals == []
    # Sent: the next example's claim finds only its own email.
    with SqlUnitOfWork(sessions) as uow:
        assert uow.email_delivery.record_sent(row.id, sender, now=now)
        uow.commit()
