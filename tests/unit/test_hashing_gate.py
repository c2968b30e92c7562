"""The hashing gate: a few runs at a time, a bounded queue, a deadline, on threads or the loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any, cast

import pytest

from middleware.errors import to_rpc_error
from middleware.hashing import admit_to_hashing_when_given
from rpc import ErrorCode, MiddlewareCall
from services.errors import Overloaded
from services.hashing_gate import HashingGate, default_slots, usable_cores
from services.passwords import PasswordHasher

# Generous: these bound how long a test can hang if the gate is broken, not its speed.
SETTLE = 10.0


def make_gate(slots: int = 1, max_waiting: int = 0, wait_seconds: float = SETTLE) -> HashingGate:
    return HashingGate(slots=slots, max_waiting=max_waiting, wait_seconds=wait_seconds)


class Blocker:
    """Work that holds its hashing thread until released, counting who runs at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.running = 0
        self.most_at_once = 0
        self.started = threading.Semaphore(0)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.started.release()
        assert self.release.wait(SETTLE)
        with self._lock:
            self.running -= 1
        return "done"

    def wait_started(self, count: int) -> None:
        for _ in range(count):
            assert self.started.acquire(timeout=SETTLE)


def test_runs_at_most_slots_at_once_and_queues_the_rest() -> None:
    gate = make_gate(slots=2, max_waiting=4)
    work = Blocker()
    with ThreadPoolExecutor(max_workers=6) as callers:
        results = [callers.submit(gate.run, work) for _ in range(6)]
        work.wait_started(2)
        work.release.set()
        assert [result.result(timeout=SETTLE) for result in results] == ["done"] * 6
    assert work.most_at_once == 2


def test_a_caller_beyond_the_queue_is_refused_at_once_with_a_retry_time() -> None:
    gate = make_gate(slots=1, max_waiting=1, wait_seconds=2.5)
    work = Blocker()
    with ThreadPoolExecutor(max_workers=2) as callers:
        running = callers.submit(gate.run, work)
        work.wait_started(1)
        queued = callers.submit(gate.run, work)
        while gate._waiting < 1:  # the second caller has taken its place in the queue
            threading.Event().wait(0.001)
        with pytest.raises(Overloaded) as refused:
            gate.run(work)
        work.release.set()
        assert running.result(timeout=SETTLE) == queued.result(timeout=SETTLE) == "done"
    assert refused.value.retry_after_seconds == 3  # the wait, rounded up


def test_a_queued_caller_gives_up_after_the_deadline_and_its_work_never_runs() -> None:
    gate = make_gate(slots=1, max_waiting=1, wait_seconds=0.05)
    work = Blocker()
    never_run = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as callers:
        running = callers.submit(gate.run, work)
        work.wait_started(1)
        with pytest.raises(Overloaded):
            gate.run(never_run.set)
        work.release.set()
        assert running.result(timeout=SETTLE) == "done"
    assert not never_run.is_set()
    assert gate._waiting == 0


def test_admission_waits_on_the_event_loop_bounded_by_queue_and_deadline() -> None:
    gate = make_gate(slots=1, max_waiting=1, wait_seconds=0.2)

    async def scenario() -> tuple[str, str, str]:
        holding = asyncio.Event()
        release = asyncio.Event()

        async def hold() -> str:
            async with gate.admitted():
                holding.set()
                await release.wait()
            return "held"

        async def wait_turn() -> str:
            try:
                async with gate.admitted():
                    return "admitted"
            except Overloaded:
                return "refused"

        holder = asyncio.create_task(hold())
        await holding.wait()
        first = asyncio.create_task(wait_turn())
        await asyncio.sleep(0)  # the first waiter takes the one place in the queue
        beyond_queue = await wait_turn()  # refused at once
        past_deadline = await first  # nobody released the slot within 0.2 s
        release.set()
        await holder
        return beyond_queue, past_deadline, await wait_turn()

    beyond_queue, past_deadline, after_release = asyncio.run(scenario())
    assert (beyond_queue, past_deadline, after_release) == ("refused", "refused", "admitted")


def test_an_admitted_waiter_gets_the_slot_when_it_is_released() -> None:
    gate = make_gate(slots=1, max_waiting=1, wait_seconds=SETTLE)

    async def scenario() -> list[str]:
        order: list[str] = []

        async def use(name: str) -> None:
            async with gate.admitted():
                order.append(name)
                await asyncio.sleep(0.01)

        await asyncio.gather(use("first"), use("second"))
        return order

    assert asyncio.run(scenario()) == ["first", "second"]


def test_the_hasher_runs_every_argon2_call_through_its_gate() -> None:
    gate = make_gate(slots=1, max_waiting=0)
    hasher = PasswordHasher(memory_cost=1024, time_cost=1, parallelism=1, gate=gate)
    runs: list[str] = []
    real_run = gate.run

    def spying_run(work: Callable[[], object]) -> object:
        runs.append("run")
        return real_run(work)

    gate.run = spying_run  # type: ignore[method-assign]
    password_hash = hasher.hash("Correct-Horse-9")
    assert hasher.verify("Correct-Horse-9", password_hash)
    hasher.burn_time("anything")
    assert not hasher.needs_rehash(password_hash)  # reads the hash: no Argon2 run
    assert runs == ["run"] * 3


def test_overloaded_is_too_many_requests_with_retry_after() -> None:
    mapped = to_rpc_error(Overloaded("busy", retry_after_seconds=3))
    assert mapped is not None
    assert mapped.code is ErrorCode.TOO_MANY_REQUESTS
    assert mapped.extra == {"retryAfter": 3}


def test_switching_accounts_waits_for_hashing_only_when_a_password_is_sent() -> None:
    gate = make_gate(slots=1, max_waiting=0)
    ctx = SimpleNamespace(services=SimpleNamespace(hasher=SimpleNamespace(gate=gate)))
    middleware = admit_to_hashing_when_given("password")

    async def call(params: dict[str, str]) -> str:
        async def resolver(_: object) -> str:
            return "resolved"

        call = MiddlewareCall(cast(Any, ctx), cast(Any, None), params)
        try:
            return cast(str, await middleware(call, resolver))
        except Overloaded:
            return "refused"

    async def scenario() -> tuple[str, str]:
        async with gate.admitted():  # every slot taken, no queue
            return await call({"accountId": "a"}), await call({"password": "x"})

    assert asyncio.run(scenario()) == ("resolved", "refused")


def test_by_default_the_runs_lanes_fill_the_cores_and_there_is_at_least_one() -> None:
    assert default_slots(1) == usable_cores()
    assert default_slots(10_000) == 1
