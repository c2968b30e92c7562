"""Bounded capacity for password hashing: a few Argon2 runs at a time, a short queue.

Each Argon2id run holds 32 MiB and keeps a core per lane busy (production cost).
Unbounded, a burst of logins runs as many at once as there are worker threads: memory
grows by 32 MiB per concurrent login, and the threads that also serve every database
call are all taken by hashing. The gate bounds this in two places, by the same number:

- :meth:`HashingGate.run` wraps every Argon2 run, whoever calls: at most ``slots`` at
  once (by default enough for their lanes to fill the cores: :func:`default_slots`).
  A caller beyond that waits in its thread, at most ``max_waiting`` of them, each at
  most ``wait_seconds``; any other is refused with :class:`Overloaded`.
- :meth:`HashingGate.admitted` is the same bound on the event loop: a procedure that
  hashes waits for its turn *before* it takes a worker thread (``middleware.hashing``),
  so its waiting costs a coroutine, not one of the threads that serve the database.
  Admitted calls then find a free slot in ``run``.

A refusal carries ``retry_after_seconds``: by then every caller now waiting has been
served or refused.
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from services.errors import Overloaded

ResultT = TypeVar("ResultT")

BUSY = "The server is busy checking passwords; retry in {seconds} s"


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_slots(lanes_per_hash: int) -> int:
    """Argon2 runs at once so that their lanes about fill the cores, at least one.

    Each run already spreads over ``lanes_per_hash`` threads (Argon2's parallelism). More
    runs than that fills buys no throughput, only memory and CPU taken from everything
    else: measured on 2 cores with 4 lanes, one run at a time served as many logins a
    second as two, with half the memory.
    """
    return max(1, usable_cores() // lanes_per_hash)


class HashingGate:
    def __init__(self, *, slots: int, max_waiting: int, wait_seconds: float) -> None:
        if slots < 1 or max_waiting < 0 or wait_seconds <= 0:
            raise ValueError("a hashing gate needs a slot, a queue of 0 or more, a wait > 0")
        self.slots = slots
        self.max_waiting = max_waiting
        self.wait_seconds = wait_seconds
        self.retry_after_seconds = max(1, math.ceil(wait_seconds))
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._waiting = 0  # threads waiting in run() for a slot
        self._admission = asyncio.Semaphore(slots)
        self._admission_waiting = 0

    def run(self, work: Callable[[], ResultT]) -> ResultT:
        """``work()`` in this thread, once one of the slots is free."""
        if not self._slots.acquire(blocking=False):
            with self._lock:
                if self._waiting >= self.max_waiting:
                    raise self._busy()
                self._waiting += 1
            try:
                acquired = self._slots.acquire(timeout=self.wait_seconds)
            finally:
                with self._lock:
                    self._waiting -= 1
            if not acquired:
                raise self._busy()
        try:
            return work()
        finally:
            self._slots.release()

    @asynccontextmanager
    async def admitted(self) -> AsyncIterator[None]:
        """Hold one of the slots, waiting on the event loop for a turn if need be."""
        if self._admission.locked():
            if self._admission_waiting >= self.max_waiting:
                raise self._busy()
            self._admission_waiting += 1
            try:
                async with asyncio.timeout(self.wait_seconds):
                    await self._admission.acquire()
            except TimeoutError:
                raise self._busy() from None
            finally:
                self._admission_waiting -= 1
        else:
            await self._admission.acquire()
        try:
            yield
        finally:
            self._admission.release()

    def _busy(self) -> Overloaded:
        return Overloaded(
            BUSY.format(seconds=self.retry_after_seconds),
            retry_after_seconds=self.retry_after_seconds,
        )
