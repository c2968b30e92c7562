"""Where a procedure's sync resolver runs: the runner the app chooses, a thread by default.

``Router.with_sync_runner`` hands every sync resolver to the given runner; async
resolvers stay on the event loop, whatever the runner. Checked through the server-side
caller and the transport's method wrapper, the two ways a call reaches the chain.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from rpc import NoInput, ProcedureBuilder, Router, create_caller, in_worker_thread
from rpc.dispatch import method_for, response_object


class Ctx:
    pass


class RecordingRunner:
    """A SyncRunner that runs the function in place, on the loop, and notes its name."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    async def __call__(self, function: Callable[..., Any], *args: Any) -> Any:
        self.ran.append(function.__name__)
        return function(*args)


def sync_thread(ctx: Ctx, params: NoInput) -> int:
    return threading.get_ident()


async def async_thread(ctx: Ctx, params: NoInput) -> int:
    return threading.get_ident()


public: ProcedureBuilder[Ctx] = ProcedureBuilder()
router: Router[Ctx] = Router(
    {
        "sync": public.output(int).query(sync_thread),
        "nested": Router({"asynchronous": public.output(int).mutation(async_thread)}),
    }
)


def test_a_procedure_runs_its_sync_resolver_in_a_worker_thread_by_default() -> None:
    assert all(procedure.sync_runner is in_worker_thread for procedure in router)


@pytest.mark.asyncio
async def test_by_default_a_sync_resolver_runs_off_the_loop() -> None:
    loop_thread = threading.get_ident()
    assert await create_caller(router, Ctx()).sync() != loop_thread


@pytest.mark.asyncio
async def test_the_chosen_runner_runs_every_sync_resolver() -> None:
    runner = RecordingRunner()
    caller = create_caller(router.with_sync_runner(runner), Ctx())
    # RecordingRunner runs in place: the resolver ran on the loop, so through it.
    assert await caller.sync() == threading.get_ident()
    assert runner.ran == ["sync_thread"]


@pytest.mark.asyncio
async def test_async_resolvers_never_reach_the_runner() -> None:
    runner = RecordingRunner()
    caller = create_caller(router.with_sync_runner(runner), Ctx())
    assert await caller.nested.asynchronous() == threading.get_ident()
    assert runner.ran == []


@pytest.mark.asyncio
async def test_the_transports_method_wrapper_uses_the_runner_too() -> None:
    runner = RecordingRunner()
    method = method_for(router.with_sync_runner(runner).procedures["sync"])
    answer = response_object(await method(Ctx()), 1)
    assert answer["result"] == threading.get_ident()
    assert runner.ran == ["sync_thread"]


def test_only_the_runner_changes() -> None:
    runner = RecordingRunner()
    chosen = router.with_sync_runner(runner)
    assert list(chosen.procedures) == list(router.procedures) == ["sync", "nested.asynchronous"]
    for name, procedure in chosen.procedures.items():
        original = router.procedures[name]
        assert procedure.sync_runner is runner
        assert procedure.name == original.name == name
        # Everything else is the same procedure (the runner is not compared).
        assert procedure == original
        assert procedure.resolver is original.resolver
        assert procedure.output_adapter is original.output_adapter


def test_the_router_it_was_made_from_keeps_its_runner() -> None:
    router.with_sync_runner(RecordingRunner())
    assert all(procedure.sync_runner is in_worker_thread for procedure in router)
