"""Where a call's blocking work runs: on the event loop for SQLite, in a thread otherwise.

A sync resolver's database calls block. On PostgreSQL they wait on the network, so the
resolver runs in a worker thread, as before. On SQLite a query
is a few microseconds of CPU in the process itself, and handing it to a thread and back
costs more than the query: 75-100 us of CPU per hop, measured with eight calls at a
time (docs/performance.md). There the resolver runs on the event loop
(``on_event_loop``), as a hand-written route calling ``sqlite3`` would.

It runs inside a greenlet (SQLAlchemy's bridge between sync code and asyncio, the one
its asyncio extension is built on), so that work which must not hold the loop, such as
an Argon2 run, can still be handed to a thread from sync code and waited for without
blocking the loop: ``off_the_event_loop``. A transaction never waits on the loop's
other calls: services hash before they open a unit of work, never inside one.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.util import await_only, greenlet_spawn
from sqlalchemy.util.concurrency import in_greenlet

ResultT = TypeVar("ResultT")

CallRunner = Callable[..., Awaitable[Any]]


async def on_event_loop(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` on the event loop, in a greenlet (see the module's docstring)."""
    return await greenlet_spawn(function, *args)


def runner_for(engine: Engine) -> CallRunner:
    """Where sync work that uses ``engine`` runs cheapest without stalling the others."""
    if engine.dialect.name == "sqlite":
        return on_event_loop
    return to_thread.run_sync  # (function, *args), like the others


def off_the_event_loop(work: Callable[[], ResultT]) -> ResultT:
    """``work()``, never on the event loop: slow CPU work such as hashing a password.

    Called from sync code that runs on the loop (``on_event_loop``), it is handed to a
    worker thread and waited for while the loop serves other calls; called from a
    worker thread (or outside any server), it runs where it is.
    """
    if in_greenlet():
        result: ResultT = await_only(to_thread.run_sync(work))
        return result
    return work()
