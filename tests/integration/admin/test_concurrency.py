"""Two admins demoting (or deactivating) each other at the same moment, on a real database.

Each call runs in its own thread with its own unit of work, as two requests would.
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from typing import Self

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.repositories.auth import UserRepository
from db.tables.auth import UserRow
from db.unit_of_work import SqlUnitOfWork
from services import admin as admin_service
from services.caller import Caller
from services.errors import PreconditionFailed
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_PASSWORD
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory

# How long a call that has counted the admins waits for the other call to count too.
# With the row locks the other call cannot get there (it waits for the lock), so the
# wait runs out and the first call goes on; without them both count at once, which is
# the race this file is about. Generous: it only has to cover a thread start.
RENDEZVOUS_SECONDS = 1.0
# Whole test: every thread must be done well within this, whatever the outcome.
CALL_TIMEOUT_SECONDS = 30.0

Change = Callable[[SqlUnitOfWork, Caller, str], UserRow]


def demote(uow: SqlUnitOfWork, caller: Caller, user_id: str) -> UserRow:
    return admin_service.set_user_role(uow, caller, user_id, "technician")


def deactivate(uow: SqlUnitOfWork, caller: Caller, user_id: str) -> UserRow:
    return admin_service.deactivate_user(uow, caller, user_id)


class CountingTogether(UserRepository):
    """Counts the admins, then waits (bounded) until the other call has counted too."""

    def __init__(self, session: Session, rendezvous: threading.Barrier) -> None:
        super().__init__(session)
        self._rendezvous = rendezvous

    def lock_active_admins(self) -> list[UserRow]:
        admins = super().lock_active_admins()
        # Broken (timed out): the other call is waiting for our locks, as it should.
        with suppress(threading.BrokenBarrierError):
            self._rendezvous.wait(RENDEZVOUS_SECONDS)
        return admins


class RendezvousUnitOfWork(SqlUnitOfWork):
    def __init__(self, sessions: sessionmaker[Session], rendezvous: threading.Barrier) -> None:
        super().__init__(sessions)
        self._rendezvous = rendezvous

    def __enter__(self) -> Self:
        super().__enter__()
        self.users = CountingTogether(self._active_session(), self._rendezvous)
        return self


def admin(make_uow: UowFactory, hasher: PasswordHasher, clock: FakeClock, name: str) -> Caller:
    user = admin_service.register_user(
        make_uow(), hasher, f"{name}@example.com", DEFAULT_PASSWORD, name, "admin", clock
    )
    return Caller(user.id, user.email, user.role, f"{name}-session")


def active_admins(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as session:
        statement = select(UserRow.id).where(
            col(UserRow.role) == "admin", col(UserRow.is_active).is_(True)
        )
        return list(session.exec(statement))


def run_crosswise(
    change: Change, make_uow: Callable[[], SqlUnitOfWork], first: Caller, second: Caller
) -> list[UserRow | BaseException]:
    """first changes second and second changes first, released at the same moment."""
    start = threading.Barrier(2)

    def call(caller: Caller, target: Caller) -> UserRow | BaseException:
        uow = make_uow()
        start.wait(CALL_TIMEOUT_SECONDS)
        try:
            return change(uow, caller, target.user_id)
        except PreconditionFailed as refused:
            return refused

    with ThreadPoolExecutor(max_workers=2) as pool:
        calls = [pool.submit(call, first, second), pool.submit(call, second, first)]
        return [future.result(timeout=CALL_TIMEOUT_SECONDS) for future in calls]


def assert_exactly_one_admin_left(
    outcomes: list[UserRow | BaseException],
    sessions: sessionmaker[Session],
    first: Caller,
    second: Caller,
) -> None:
    refused = [outcome for outcome in outcomes if isinstance(outcome, PreconditionFailed)]
    done = [outcome for outcome in outcomes if isinstance(outcome, UserRow)]
    assert len(refused) == 1, outcomes
    assert len(done) == 1, outcomes
    assert "last active admin" in refused[0].message
    [survivor] = active_admins(sessions)
    assert survivor in {first.user_id, second.user_id}
    assert survivor != done[0].id


@pytest.mark.parametrize("change", [demote, deactivate])
def test_counting_at_the_same_moment_leaves_one_admin(
    change: Change,
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    hasher: PasswordHasher,
    clock: FakeClock,
) -> None:
    first = admin(make_uow, hasher, clock, "ada")
    second = admin(make_uow, hasher, clock, "bob")
    rendezvous = threading.Barrier(2)

    outcomes = run_crosswise(
        change, lambda: RendezvousUnitOfWork(sessions, rendezvous), first, second
    )

    assert_exactly_one_admin_left(outcomes, sessions, first, second)


@pytest.mark.parametrize("change", [demote, deactivate])
def test_released_together_leaves_one_admin_every_time(
    change: Change,
    make_uow: UowFactory,
    sessions: sessionmaker[Session],
    hasher: PasswordHasher,
    clock: FakeClock,
) -> None:
    survivor = admin(make_uow, hasher, clock, "admin0")
    for round_number in range(1, 6):
        newcomer = admin(make_uow, hasher, clock, f"admin{round_number}")

        outcomes = run_crosswise(change, make_uow, survivor, newcomer)

        assert_exactly_one_admin_left(outcomes, sessions, survivor, newcomer)
        [left] = active_admins(sessions)
        survivor = survivor if left == survivor.user_id else newcomer
