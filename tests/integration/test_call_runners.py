"""``db.call_runners``: where a call's blocking work runs, and how slow work leaves the loop.

Calls run on the event loop, in a greenlet, on both databases (PostgreSQL's through an
asyncio engine); ``off_the_event_loop`` hands work to a thread when called from the loop's greenlet,
and runs it where it is anywhere else.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from anyio import to_thread

from db.call_runners import off_the_event_loop, on_event_loop
from db.engine import make_call_engine, make_engine

# Bounds how long a broken test can hang, not how fast the work is.
SETTLE = 10.0


@pytest.mark.asyncio
async def test_work_runs_on_the_event_loops_thread() -> None:
    assert await on_event_loop(threading.get_ident) == threading.get_ident()


@pytest.mark.asyncio
async def test_the_runner_passes_the_arguments_on() -> None:
    assert await on_event_loop(divmod, 17, 5) == (3, 2)


@pytest.mark.asyncio
async def test_a_postgresql_server_gives_calls_an_asyncio_engine_and_sqlite_does_not(
    tmp_path: Path,
) -> None:
    # Making an engine connects to nothing: no server is needed to see which it is.
    url = "postgresql+psycopg://nobody@127.0.0.1:9/nothing"
    call_engine = make_call_engine(url, make_engine(url))
    assert call_engine is not None
    assert call_engine.sync_engine.dialect.is_async
    await call_engine.dispose()
    sqlite = make_engine(f"sqlite:///{tmp_path / 'runners.db'}")
    try:
        assert make_call_engine(str(sqlite.url), sqlite) is None
    finally:
        sqlite.dispose()


def where(work_ran: list[int]) -> None:
    work_ran.append(threading.get_ident())


@pytest.mark.asyncio
async def test_from_the_loop_the_work_goes_to_another_thread_and_back() -> None:
    ran: list[int] = []

    def sync_code_on_the_loop() -> int:
        off_the_event_loop(lambda: where(ran))
        return threading.get_ident()  # where it went on afterwards

    loop_thread = threading.get_ident()
    assert await on_event_loop(sync_code_on_the_loop) == loop_thread
    assert ran
    assert ran[0] != loop_thread


@pytest.mark.asyncio
async def test_the_loop_serves_others_while_the_work_runs() -> None:
    released = threading.Event()

    def sync_code_on_the_loop() -> bool:
        # Run on the loop, this would hold it until the wait gave up.
        return off_the_event_loop(lambda: released.wait(SETTLE))

    async def release() -> None:
        released.set()

    waited, _ = await asyncio.gather(on_event_loop(sync_code_on_the_loop), release())
    assert waited is True


@pytest.mark.asyncio
async def test_in_a_worker_thread_the_work_runs_in_place() -> None:
    def sync_code_in_a_thread() -> tuple[int, int]:
        ran: list[int] = []
        off_the_event_loop(lambda: where(ran))
        return ran[0], threading.get_ident()

    work_thread, caller_thread = await to_thread.run_sync(sync_code_in_a_thread)
    assert work_thread == caller_thread


def test_outside_any_server_the_work_runs_in_place() -> None:
    ran: list[int] = []

    def work() -> str:
        where(ran)
        return "answer"

    assert off_the_event_loop(work) == "answer"
    assert ran == [threading.get_ident()]


@pytest.mark.asyncio
async def test_an_error_of_the_work_reaches_its_caller() -> None:
    def fails() -> None:
        raise LookupError("from the thread")

    with pytest.raises(LookupError, match="from the thread"):
        await on_event_loop(off_the_event_loop, fails)
