"""The sender: delivers the outbox's due emails and records what became of each.

One round claims a batch of due emails with a lease (db.repositories.email_delivery),
delivers them concurrently through the transport (SMTP, or .eml files with no SMTP
host), and records each outcome while the claim is still this sender's: sent (with
``sent_at``), pending again after a backoff, failed, or bounced
(services.email_delivery_rules). An idle sender sleeps the poll interval; a stop
request ends it after the round in progress.

The database work runs on the sync engine (``AppServices.session_factory``) in worker
threads: the sender is background work, not a call, so it takes nothing from the call
engine's pool, which is sized for calls, and its waits on the database (SQLite's write
lock, a claim on PostgreSQL) never hold the event loop. The deliveries run on the loop
(aiosmtplib is asyncio).

Logs name the email's id only, never its address or content (personal data), and
never the SMTP password.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Callable
from datetime import timedelta

import anyio
from anyio import to_thread
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.repositories.email_delivery import OutgoingEmail
from db.unit_of_work import SqlUnitOfWork
from services.clock import Clock, utc_now
from services.email_delivery_rules import (
    Bounced,
    DeliveryError,
    Failed,
    Outcome,
    Retry,
    RetryPolicy,
    Sent,
    outcome_of_failure,
)
from services.email_message import build_message
from services.email_transports import Transport

logger = logging.getLogger("switchyard.email")


class EmailSender:
    """One sender; several, in one process or many, share the outbox safely."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        transport: Transport,
        *,
        mail_from: str,
        policy: RetryPolicy,
        lease: timedelta,
        batch_size: int,
        poll_interval_seconds: float,
        clock: Clock = utc_now,
        jitter: Callable[[], float] = random.random,
        sender_id: str | None = None,
    ) -> None:
        self.id = sender_id or str(uuid.uuid4())
        self._session_factory = session_factory
        self._transport = transport
        self._mail_from = mail_from
        self._policy = policy
        self._lease = lease
        self._batch_size = batch_size
        self._poll_interval_seconds = poll_interval_seconds
        self._clock = clock
        self._jitter = jitter

    async def run(self, stop: anyio.Event) -> None:
        """Send until ``stop`` is set; a round in progress is finished first."""
        logger.info("email sender %s started", self.id)
        while not stop.is_set():
            try:
                handled = await self.run_once()
            except Exception:
                # The database may be down for a while: say so, and try again later.
                logger.exception("email sender %s: a round failed", self.id)
                handled = 0
            if handled == 0:
                with anyio.move_on_after(self._poll_interval_seconds):
                    await stop.wait()
        logger.info("email sender %s stopped", self.id)

    async def run_once(self) -> int:
        """Claim one batch of due emails and deliver it; how many emails it held."""
        emails = await to_thread.run_sync(self._claim)
        async with anyio.create_task_group() as group:
            for email in emails:
                group.start_soon(self._deliver, email)
        return len(emails)

    def _claim(self) -> list[OutgoingEmail]:
        now = self._clock()
        with SqlUnitOfWork(self._session_factory) as uow:
            emails = uow.email_delivery.claim_due(
                self.id, now=now, lease_until=now + self._lease, limit=self._batch_size
            )
            uow.commit()
        return emails

    async def _deliver(self, email: OutgoingEmail) -> None:
        outcome = await self._attempt(email)
        try:
            kept = await to_thread.run_sync(self._record, email.id, outcome)
        except Exception:
            # The database failed us: the others of the batch still finish, and this
            # email's claim runs out, after which it is tried again.
            logger.exception("email %s: outcome (%s) not recorded", email.id, outcome.kind)
            return
        if not kept:
            # Our lease ran out and another sender took the email over: its outcome
            # is the one that counts.
            logger.warning("email %s: claim lost before its outcome (%s)", email.id, outcome.kind)
        else:
            logger.info("email %s: %s", email.id, _describe(outcome))

    async def _attempt(self, email: OutgoingEmail) -> Outcome:
        try:
            message = build_message(email, mail_from=self._mail_from, now=self._clock())
        except ValueError as error:
            # A header the email library refuses (a line break in the subject or the
            # name): no attempt can ever send it.
            return Failed(f"the message cannot be built: {error}")
        try:
            await self._transport.deliver(email, message)
        except DeliveryError as failure:
            return outcome_of_failure(
                failure,
                retry_count=email.retry_count,
                policy=self._policy,
                now=self._clock(),
                jitter=self._jitter(),
            )
        except Exception as error:
            # Not an answer the transport knows: one email's surprise must not end the
            # round for the others; tried again like any transient failure.
            logger.exception("email %s: delivery raised", email.id)
            return outcome_of_failure(
                DeliveryError(f"unexpected {type(error).__name__}", permanent=False),
                retry_count=email.retry_count,
                policy=self._policy,
                now=self._clock(),
                jitter=self._jitter(),
            )
        return Sent()

    def _record(self, email_id: str, outcome: Outcome) -> bool:
        now = self._clock()
        with SqlUnitOfWork(self._session_factory) as uow:
            store = uow.email_delivery
            match outcome:
                case Sent():
                    kept = store.record_sent(email_id, self.id, now=now)
                case Retry(retry_count=retry_count, next_attempt_at=due, error=error):
                    kept = store.record_retry(
                        email_id,
                        self.id,
                        now=now,
                        retry_count=retry_count,
                        next_attempt_at=due,
                        error=error,
                    )
                case Failed(error=error):
                    kept = store.record_failed(email_id, self.id, now=now, error=error)
                case Bounced(error=error):
                    kept = store.record_bounced(email_id, self.id, now=now, error=error)
            uow.commit()
        return kept


def _describe(outcome: Outcome) -> str:
    # The server's answer is on the row; only its code is logged, as answers often
    # quote the recipient's address.
    match outcome:
        case Sent():
            return "sent"
        case Retry(retry_count=count, next_attempt_at=due, error=error):
            return f"retry {count} due {due.isoformat()} ({_code_of(error)})"
        case Failed(error=error):
            return f"failed ({_code_of(error)})"
        case Bounced(error=error):
            return f"bounced ({_code_of(error)})"


def _code_of(answer: str) -> str:
    code = answer.split(" ", 1)[0]
    return f"SMTP {code}" if code.isdigit() else "no SMTP answer"
