"""Where a call's database work runs: on the event loop, in a greenlet.

A sync resolver's database calls block the thread that makes them. Handing every call
to a worker thread and back costs 75-100 us of CPU with eight calls at a time (more
than a SQLite query, or the CPU of a PostgreSQL one), so calls run on the event loop
instead, inside a greenlet: SQLAlchemy's bridge between sync code and asyncio, the one
its asyncio extension is built on. On SQLite the stdlib driver answers from the file
without waiting, as a hand-written route calling ``sqlite3`` would; on PostgreSQL the
call engine (``db.engine.make_call_engine``) speaks psycopg's asyncio protocol, and a
query waiting on the network yields the loop to other calls.

Work that must not hold the loop, such as an Argon2 run, is handed to a thread from
sync code and waited for without blocking the loop: ``off_the_event_loop``. A
transaction never waits on the loop's other calls: services hash before they open a
unit of work, never inside one.
"""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from anyio import to_thread
from sqlalchemy.util import await_only, greenlet_spawn
from sqlalchemy.util.concurrency import in_greenlet

ResultT = TypeVar("ResultT")

CallRunner = Callable[..., Awaitable[Any]]


async def on_event_loop(function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)`` on the event loop, in a greenlet (see the module's docstring)."""
    return await greenlet_spawn(function, *args)


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
