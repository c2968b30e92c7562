"""Bounded capacity for password hashing: a few Argon2 runs at a time, a short queue.

Each Argon2id run holds 32 MiB and keeps a core busy (production cost). Unbounded, a
burst of logins runs as many at once as there are threads: memory grows by 32 MiB per
concurrent login, and every thread of the pool that also serves database calls is
taken by hashing. The gate keeps this bounded in two places:

- The hashing itself runs on a small executor of its own, ``slots`` threads, so at most
  ``slots`` hashes exist at once whoever calls. Always the same few threads also keeps
  the allocator's per-thread arenas, each of which keeps a freed 32 MiB block for
  reuse, to that number. A caller beyond ``slots`` waits, at most ``max_waiting`` of them,
  each at most ``wait_seconds``; any other is refused with :class:`Overloaded`.
- :meth:`admitted` is the same bound for the event loop: a procedure that hashes waits
  for its turn *before* it takes a worker thread (see ``middleware.hashing``), so the
  waiting costs a coroutine, not one of the threads that serve the database.

A refusal carries ``retry_after_seconds``: by then every caller now waiting has been
served or refused.
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
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


class HashingGate:
    def __init__(self, *, slots: int, max_waiting: int, wait_seconds: float) -> None:
        if slots < 1 or max_waiting < 0 or wait_seconds <= 0:
            raise ValueError("a hashing gate needs a slot, a queue of 0 or more, a wait > 0")
        self.slots = slots
        self.max_waiting = max_waiting
        self.wait_seconds = wait_seconds
        self.retry_after_seconds = max(1, math.ceil(wait_seconds))
        self._executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="argon2")
        self._lock = threading.Lock()
        self._pending = 0  # submitted to the executor and not finished
        self._admission = asyncio.Semaphore(slots)
        self._admission_waiting = 0

    def run(self, work: Callable[[], ResultT]) -> ResultT:
        """``work()`` on a hashing thread, after at most ``wait_seconds`` in the queue."""
        with self._lock:
            if self._pending >= self.slots + self.max_waiting:
                raise self._busy()
            self._pending += 1
        try:
            future = self._executor.submit(work)
        except BaseException:
            self._finished()
            raise
        future.add_done_callback(self._finished)
        try:
            return future.result(timeout=self.wait_seconds)
        except FutureTimeout:
            if future.cancel():  # still queued: give up its turn
                raise self._busy() from None
        return future.result()  # started in time: let it finish (it is bounded)

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

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _finished(self, _: object = None) -> None:
        with self._lock:
            self._pending -= 1

    def _busy(self) -> Overloaded:
        return Overloaded(
            BUSY.format(seconds=self.retry_after_seconds),
            retry_after_seconds=self.retry_after_seconds,
        )
