"""``run_bounded``: every job once, at most ``limit`` at a time, no task for quick jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from rpc.concurrency import run_bounded


@pytest.mark.asyncio
async def test_jobs_that_never_wait_all_run_in_the_calling_task() -> None:
    caller = asyncio.current_task()
    ran_in: list[asyncio.Task[object] | None] = []

    def job() -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            ran_in.append(asyncio.current_task())

        return run

    await run_bounded([job() for _ in range(50)], limit=8)
    assert ran_in == [caller] * 50


@pytest.mark.asyncio
@pytest.mark.parametrize("limit", [1, 3, 8])
async def test_jobs_that_wait_run_concurrently_up_to_the_limit(limit: int) -> None:
    in_flight = 0
    most_in_flight = 0
    finished: list[int] = []

    def job(number: int) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            nonlocal in_flight, most_in_flight
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
            await asyncio.sleep(0.01)
            in_flight -= 1
            finished.append(number)

        return run

    await run_bounded([job(number) for number in range(20)], limit=limit)
    assert sorted(finished) == list(range(20))
    assert most_in_flight == limit


@pytest.mark.asyncio
async def test_a_failing_job_raises_and_cancels_the_others() -> None:
    cancelled = 0
    waiting = 0
    all_waiting = asyncio.Event()
    never = asyncio.Event()

    async def waits() -> None:
        nonlocal cancelled, waiting
        waiting += 1
        if waiting == 3:
            all_waiting.set()
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled += 1
            raise

    async def fails() -> None:
        await all_waiting.wait()
        raise LookupError("boom")

    # The calling task takes the failing job; three helpers take the waiting ones.
    with pytest.raises(LookupError, match="boom"):
        await run_bounded([fails, waits, waits, waits], limit=4)
    assert cancelled == 3


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        asyncio.run(run_bounded([], limit=0))
