"""What the sender's tests share: a real SMTP server on loopback, queued rows, senders.

The server is aiosmtpd in a thread of its own. It records every message it accepts, and
can be told to answer the next recipients with a 4xx or 5xx instead.
"""

from __future__ import annotations

import socket
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select

from db.tables.notifications import EmailNotificationRow
from services.clock import Clock
from services.email_delivery_rules import RetryPolicy
from services.email_sender import EmailSender
from services.email_transports import SmtpSettings, SmtpTransport, Transport

MAIL_FROM = "Switchyard Service <service@switchyard.test>"
MAX_RETRIES = 3
BACKOFF = timedelta(seconds=60)
LEASE = timedelta(seconds=60)


@dataclass
class RecordingHandler:
    """An SMTP server's handler: keeps what arrives; answers RCPT as told."""

    received: list[EmailMessage] = field(default_factory=list)
    # Each message as its bytes arrived, to check how its headers were written.
    raw: list[bytes] = field(default_factory=list)
    envelopes: list[list[str]] = field(default_factory=list)
    # Answers for the next RCPT and DATA commands, in order ("451 4.3.0 Try later").
    rcpt_answers: deque[str] = field(default_factory=deque)
    data_answers: deque[str] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        with self.lock:
            answer = self.rcpt_answers.popleft() if self.rcpt_answers else None
        if answer is not None:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            answer = self.data_answers.popleft() if self.data_answers else None
        if answer is not None:
            return answer
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.received.append(message)
            self.raw.append(envelope.content)
            self.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def answer_next_recipients(self, *answers: str) -> None:
        with self.lock:
            self.rcpt_answers.extend(answers)

    def answer_next_messages(self, *answers: str) -> None:
        with self.lock:
            self.data_answers.extend(answers)


@dataclass(frozen=True)
class SmtpServer:
    handler: RecordingHandler
    host: str
    port: int


def free_port() -> int:
    """A loopback port nothing listens on (aiosmtpd needs a port number up front)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def running_smtp_server(**controller_options: Any) -> Iterator[SmtpServer]:
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **controller_options)
    controller.start()
    try:
        yield SmtpServer(handler, "127.0.0.1", controller.port)
    finally:
        controller.stop()


def smtp_transport(
    port: int,
    *,
    security: str = "none",
    username: str | None = None,
    password: str | None = None,
    **options: Any,
) -> SmtpTransport:
    return SmtpTransport(
        SmtpSettings(
            host="127.0.0.1",
            port=port,
            username=username,
            password=password,
            security=security,  # type: ignore[arg-type]
            timeout_seconds=5,
            **options,
        )
    )


def make_sender(
    sessions: sessionmaker[Session],
    transport: Transport,
    clock: Clock,
    *,
    batch_size: int = 50,
    sender_id: str | None = None,
) -> EmailSender:
    return EmailSender(
        sessions,
        transport,
        mail_from=MAIL_FROM,
        policy=RetryPolicy(max_retries=MAX_RETRIES, backoff_base=BACKOFF),
        lease=LEASE,
        batch_size=batch_size,
        poll_interval_seconds=0.05,
        clock=clock,
        jitter=lambda: 0.0,
        sender_id=sender_id,
    )


def queue_email(
    sessions: sessionmaker[Session], now: datetime, **overrides: Any
) -> EmailNotificationRow:
    """A pending email, due ``now``, as the queueing side writes it (rendered content)."""
    values: dict[str, Any] = {
        "email_type": "ticket_created",
        "recipient_email": "dana@customers.test",
        "recipient_name": "Dana Ortiz",
        "subject": "Your repair SR-1042 is registered",
        "text_body": "Hello Dana,\n\nwe registered your repair SR-1042.\n",
        "html_body": "<p>Hello Dana,</p><p>we registered your repair <b>SR-1042</b>.</p>",
        "unsubscribe_url": (
            "http://127.0.0.1:8000/unsubscribe?email=dana%40customers.test"
            "&token=t0k3n&type=ticket_created"
        ),
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
    }
    values.update(overrides)
    row = EmailNotificationRow(**values)
    with sessions() as session:
        session.add(row)
        session.commit()
        session.refresh(row)
    return row


def stored(sessions: sessionmaker[Session], email_id: str) -> EmailNotificationRow:
    with sessions() as session:
        row = session.get(EmailNotificationRow, email_id)
        assert row is not None
        return row


def all_rows(sessions: sessionmaker[Session]) -> list[EmailNotificationRow]:
    with sessions() as session:
        return list(session.exec(select(EmailNotificationRow)).all())
