"""``GET /healthz``: each dependency the server needs, checked within a time bound.

    {"status": "ok" | "degraded" | "unavailable",
     "database": "ok" | "unreachable",
     "rateLimitStore": "ok" | "unreachable" | "memory" | "disabled"}

- The database is required: unreachable (or no answer within the timeout) is 503
  ``unavailable``, so a load balancer stops sending this worker requests it cannot serve.
- The rate-limit store is not: while Redis is down the limits are counted per process
  (``middleware.rate_limit_fallback``), so the worker still serves every call safely.
  That is 200 ``degraded``: taking workers out of rotation would not bring Redis back,
  and as every worker shares the one Redis, it would take out all of them at once.
  ``memory`` means the limits are counted per process by configuration (no REDIS_URL).

The checks run concurrently, each bounded by ``timeout_seconds``, so the answer comes
within about that whatever hangs. A database ping runs in a worker thread, which cannot
be interrupted: a ping that outlives its timeout is left to finish, and the next checks
wait on that same ping rather than start another, so a hung database holds one thread,
not one per health check.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from anyio import to_thread
from sqlalchemy import Engine

from db.engine import ping as ping_database
from middleware.rate_limit_store import LeasingRateLimitStore

logger = logging.getLogger("switchyard.health")


@dataclass(frozen=True, slots=True)
class HealthReport:
    http_status: int
    body: dict[str, str]


class HealthChecks:
    def __init__(
        self,
        engine: Engine,
        rate_limits: LeasingRateLimitStore | None,
        *,
        timeout_seconds: float,
    ) -> None:
        self._engine = engine
        self._rate_limits = rate_limits
        self._timeout = timeout_seconds
        self._ping: asyncio.Task[None] | None = None

    async def report(self) -> HealthReport:
        database, rate_limit_store = await asyncio.gather(
            self._database(), self._rate_limit_store()
        )
        if database != "ok":
            status, http_status = "unavailable", 503
        elif rate_limit_store == "unreachable":
            status, http_status = "degraded", 200
        else:
            status, http_status = "ok", 200
        body = {"status": status, "database": database, "rateLimitStore": rate_limit_store}
        return HealthReport(http_status, body)

    async def _database(self) -> str:
        ping = self._ping
        if ping is None or ping.done() or ping.get_loop() is not asyncio.get_running_loop():
            ping = self._ping = asyncio.ensure_future(
                to_thread.run_sync(ping_database, self._engine)
            )
            ping.add_done_callback(_collect_outcome)
        try:
            # shield: the timeout gives up waiting, it does not abandon the ping.
            await asyncio.wait_for(asyncio.shield(ping), self._timeout)
        except TimeoutError:
            logger.warning("health check: database did not answer within %.1f s", self._timeout)
            return "unreachable"
        except Exception:
            logger.exception("health check: database unreachable")
            return "unreachable"
        return "ok"

    async def _rate_limit_store(self) -> str:
        if self._rate_limits is None:
            return "disabled"
        try:
            return await asyncio.wait_for(self._rate_limits.health(), self._timeout)
        except TimeoutError:
            return "unreachable"


def _collect_outcome(ping: asyncio.Task[None]) -> None:
    # A ping that outlived its check may fail with nobody awaiting it: take its
    # exception here, or asyncio reports it as never retrieved.
    if not ping.cancelled():
        ping.exception()
