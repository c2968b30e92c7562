"""Where the app runs a call: its resolver, and the Argon2 run a login makes.

Through the whole app in process (``asgi_app``), so its event loop is the test's own.
A sync resolver runs on the loop, on both databases; an Argon2 run never happens on the
loop's thread, and the loop answers other
requests while a login hashes.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TypeVar

import pytest
import pytest_asyncio
from anyio import to_thread

from db.call_runners import on_event_loop
from middleware.context import RequestContext
from routers import app_router
from routers.base import public
from rpc import NoInput, Router, merge_routers
from services.hashing_gate import HashingGate
from tests.factories.auth import DEFAULT_PASSWORD
from tests.integration.asgi_app import InProcessApp, in_process_app, result_of

pytestmark = pytest.mark.asyncio

ResultT = TypeVar("ResultT")
# Bounds how long a broken test can hang, not how fast the work is.
SETTLE = 10.0


class WatchedGate(HashingGate):
    """The app's hashing gate, noting the thread of each Argon2 run; it holds the runs
    while ``go_on`` is clear (the work runs in the thread that runs the gate's ``run``)."""

    def __init__(self) -> None:
        super().__init__(slots=2, max_waiting=2, wait_seconds=SETTLE)
        self.threads: list[int] = []
        self.hashing = threading.Event()
        self.go_on = threading.Event()
        self.go_on.set()

    def run(self, work: Callable[[], ResultT]) -> ResultT:
        self.threads.append(threading.get_ident())
        self.hashing.set()
        self.go_on.wait(SETTLE)
        return super().run(work)


def resolver_thread(ctx: RequestContext, _params: NoInput) -> int:
    return threading.get_ident()


def hash_then_tell_thread(ctx: RequestContext, _params: NoInput) -> int:
    ctx.services.hasher.hash("Probe-Password-1")
    return threading.get_ident()


probes: Router[RequestContext] = Router(
    {
        "probe": Router(
            {
                "thread": public.output(int).query(resolver_thread),
                "hash": public.output(int).query(hash_then_tell_thread),
            }
        )
    }
)


@pytest_asyncio.fixture
async def app(database_url: str, tmp_path: Path) -> AsyncIterator[InProcessApp]:
    async with in_process_app(
        database_url, tmp_path, router=merge_routers(app_router, probes)
    ) as running:
        yield running


def watch_hashing(app: InProcessApp) -> WatchedGate:
    gate = WatchedGate()
    # Read on every run, by the hasher and by the admission to hashing alike.
    app.services.hasher.gate = gate
    return gate


async def test_a_sync_resolver_runs_on_the_event_loop(app: InProcessApp) -> None:
    # On both databases: a thread hop costs more than a SQLite query, and PostgreSQL's
    # queries wait on the loop through the asyncio driver.
    assert result_of(await app.call("probe.thread")) == threading.get_ident()


async def test_argon2_never_runs_on_the_loops_thread(app: InProcessApp) -> None:
    gate = watch_hashing(app)
    resolver_ran_in = result_of(await app.call("probe.hash"))
    assert gate.threads
    assert threading.get_ident() not in gate.threads
    if app.engine.dialect.name == "sqlite":
        assert resolver_ran_in == threading.get_ident()  # handed off, and back


async def test_the_loop_answers_other_requests_while_a_login_hashes(app: InProcessApp) -> None:
    token = app.signed_in_user("reader@example.com")
    app.signed_in_user("signing.in@example.com")
    gate = watch_hashing(app)
    gate.go_on.clear()
    try:
        login = asyncio.create_task(
            app.call(
                "auth.login", {"email": "signing.in@example.com", "password": DEFAULT_PASSWORD}
            )
        )
        assert await to_thread.run_sync(gate.hashing.wait, SETTLE)
        other = await app.call("auth.me", token=token)
        # Had the login hashed on the loop, nothing could have answered until it ended.
        answered_during_the_login = not login.done()
    finally:
        gate.go_on.set()
    assert answered_during_the_login
    assert result_of(other)["email"] == "reader@example.com"
    assert result_of(await login)["user"]["email"] == "signing.in@example.com"
    assert threading.get_ident() not in gate.threads


async def test_the_served_procedures_run_their_sync_resolvers_on_the_loop(
    app: InProcessApp,
) -> None:
    # What a server-side caller with the app's services must call (rpc.create_caller).
    served: Router[RequestContext] = app.app.state.router
    assert {procedure.sync_runner for procedure in served} == {on_event_loop}
