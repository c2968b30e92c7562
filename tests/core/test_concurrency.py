"""``map_bounded``: every item once, at most ``limit`` at a time, no task for quick calls."""

from __future__ import annotations

import asyncio

import pytest

from rpc.concurrency import map_bounded


@pytest.mark.asyncio
async def test_calls_that_never_wait_all_run_in_the_calling_task() -> None:
    caller = asyncio.current_task()
    ran_in: list[asyncio.Task[object] | None] = []

    async def quick(item: int) -> int:
        ran_in.append(asyncio.current_task())
        return item * 2

    assert await map_bounded(quick, range(50), limit=8) == [item * 2 for item in range(50)]
    assert ran_in == [caller] * 50


@pytest.mark.asyncio
@pytest.mark.parametrize("limit", [1, 3, 8])
async def test_calls_that_wait_run_concurrently_up_to_the_limit(limit: int) -> None:
    in_flight = 0
    most_in_flight = 0

    async def slow(item: int) -> str:
        nonlocal in_flight, most_in_flight
        in_flight += 1
        most_in_flight = max(most_in_flight, in_flight)
        # Later items finish first, so the results' order is not the finishing order.
        await asyncio.sleep(0.001 * (20 - item))
        in_flight -= 1
        return f"item {item}"

    results = await map_bounded(slow, range(20), limit=limit)
    assert results == [f"item {item}" for item in range(20)]
    assert most_in_flight == limit


@pytest.mark.asyncio
@pytest.mark.parametrize("items", [[], [7]])
async def test_no_helper_task_for_fewer_than_two_items(items: list[int]) -> None:
    tasks_before = len(asyncio.all_tasks())

    async def counts_tasks(item: int) -> int:
        return len(asyncio.all_tasks()) - tasks_before

    assert await map_bounded(counts_tasks, items, limit=8) == [0] * len(items)


@pytest.mark.asyncio
async def test_a_failing_call_raises_and_cancels_the_others() -> None:
    cancelled = 0
    waiting = 0
    all_waiting = asyncio.Event()
    never = asyncio.Event()

    async def call(item: str) -> None:
        nonlocal cancelled, waiting
        if item == "fails":
            await all_waiting.wait()
            raise LookupError("boom")
        waiting += 1
        if waiting == 3:
            all_waiting.set()
        try:
            await never.wait()
        except asyncio.CancelledError:
            cancelled += 1
            raise

    # The calling task takes the failing call; three helpers take the waiting ones.
    with pytest.raises(LookupError, match="boom"):
        await map_bounded(call, ["fails", "waits", "waits", "waits"], limit=4)
    assert cancelled == 3


def test_a_limit_below_one_is_refused() -> None:
    async def never_called(item: int) -> int:
        raise AssertionError("not called")

    with pytest.raises(ValueError, match="at least one"):
        asyncio.run(map_bounded(never_called, [1], limit=0))
