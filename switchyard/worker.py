"""``switchyard worker``: the outbox's sender alone, until SIGTERM or SIGINT.

For deployments that send from their own processes (``SWITCHYARD_SEND_EMAILS_IN_SERVER``
off on the servers), or that add senders: claims keep any number of them, on any
number of hosts, from sending an email twice. The database is the settings' one, at the
revision ``switchyard serve`` expects: the embedded default is migrated here as serve
migrates it; an external database is migrated with ``switchyard migrate``.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Awaitable, Callable

import anyio

from db.migrate import upgrade_to_head
from db.unit_of_work import session_factory
from middleware.logging import configure_logging
from switchyard.services import build_email_sender, database_url, open_engine
from switchyard.settings import Settings

logger = logging.getLogger("switchyard.email")

_Run = Callable[[anyio.Event], Awaitable[None]]


def run_worker(settings: Settings) -> None:
    """Send until told to stop; the round in progress is finished first."""
    configure_logging(settings.log_level)
    if settings.uses_embedded_database:
        upgrade_to_head(database_url(settings))
    engine = open_engine(settings)
    try:
        sender = build_email_sender(settings, session_factory(engine))
        anyio.run(_send_until_signalled, sender.run)
    finally:
        engine.dispose()


async def _send_until_signalled(run: _Run) -> None:
    stop = anyio.Event()
    async with anyio.create_task_group() as group:
        group.start_soon(_stop_on_signal, stop)
        await run(stop)
        group.cancel_scope.cancel()


async def _stop_on_signal(stop: anyio.Event) -> None:
    with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for received in signals:
            logger.info("email sender: %s received, stopping", signal.Signals(received).name)
            stop.set()
            return
