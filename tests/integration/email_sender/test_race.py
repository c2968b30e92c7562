"""Two senders racing over one outbox send each email exactly once.

Each sender has its own engine (its own connections, as in two processes) and runs
on its own thread with its own event loop, so their claims really interleave. Every
delivery is counted at the SMTP server by Message-ID (which carries the email's id).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage

import anyio
import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.engine import make_engine
from db.repositories.email_delivery import OutgoingEmail
from db.unit_of_work import session_factory
from services.clock import utc_now
from services.email_sender import EmailSender
from services.email_transports import SmtpTransport
from tests.integration.email_sender.outbox import (
    SmtpServer,
    all_rows,
    make_sender,
    queue_email,
    running_smtp_server,
    smtp_transport,
)

EMAILS = 200


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    yield from running_smtp_server()


@dataclass
class CountingTransport:
    """The SMTP transport, counting what one sender handed over."""

    inner: SmtpTransport
    delivered: int = 0

    async def deliver(self, email: OutgoingEmail, message: EmailMessage) -> None:
        await self.inner.deliver(email, message)
        self.delivered += 1


async def _drain(sender: EmailSender) -> None:
    # Until a round finds nothing due: the other sender may still hold a batch, but
    # nothing is left for this one.
    while await sender.run_once():
        pass


def test_two_senders_racing_over_200_emails_send_each_exactly_once(
    sessions: sessionmaker[Session], smtp: SmtpServer, database_url: str
) -> None:
    now = utc_now()
    for number in range(EMAILS):
        queue_email(sessions, now, recipient_email=f"customer{number}@customers.test")
    engines = [make_engine(database_url) for _ in range(2)]
    transports = [CountingTransport(smtp_transport(smtp.port)) for _ in engines]
    senders = [
        make_sender(session_factory(engine), transport, utc_now, batch_size=10)
        for engine, transport in zip(engines, transports, strict=True)
    ]
    errors: list[BaseException] = []

    def run(sender: EmailSender) -> None:
        try:
            anyio.run(_drain, sender)
        except BaseException as error:  # reported by the test's thread below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(sender,)) for sender in senders]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        for engine in engines:
            engine.dispose()
    elapsed = time.perf_counter() - started

    assert errors == []
    assert not any(thread.is_alive() for thread in threads)
    deliveries = Counter(str(message["Message-ID"]) for message in smtp.handler.received)
    duplicates = sum(count - 1 for count in deliveries.values())
    rows = all_rows(sessions)
    print(
        f"\nrace over {EMAILS} emails on {sessions.kw['bind'].dialect.name}: "
        f"sender A {transports[0].delivered}, sender B {transports[1].delivered}, "
        f"total {sum(deliveries.values())}, duplicates {duplicates}, elapsed {elapsed:.2f} s"
    )
    assert duplicates == 0
    assert len(deliveries) == EMAILS
    assert transports[0].delivered + transports[1].delivered == EMAILS
    assert {f"<{row.id}@switchyard.test>" for row in rows} == set(deliveries)
    assert {row.status for row in rows} == {"sent"}
    # Both took part: a race that one sender ran alone would prove nothing.
    assert transports[0].delivered > 0
    assert transports[1].delivered > 0
