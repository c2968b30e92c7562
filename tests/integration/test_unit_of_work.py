import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, func, select

from db.errors import ReadOnlyUnitOfWorkError
from db.tables.audit import AuditLogRow
from db.tables.auth import UserRow
from db.unit_of_work import AuditEntry, SqlUnitOfWork
from middleware.context import RequestContext
from services.clock import utc_now
from services.passwords import PasswordHasher
from switchyard.services import build_services
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY
from tests.factories.auth import make_user
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory

AUDIT = AuditEntry(
    procedure="admin.createUser", correlation_id="corr-1", user_id="actor-1", clock=utc_now
)


def count(sessions: sessionmaker[Session], table: type[UserRow] | type[AuditLogRow]) -> int:
    with sessions() as session:
        return session.exec(select(func.count()).select_from(table)).one()


class BoomError(Exception):
    pass


def add_user_then_fail(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        uow.users.add(user)
        uow.users.get_by_email("anything@example.com")  # autoflush: the row reached the DB
        raise BoomError


def add_user_and_commit(uow: SqlUnitOfWork, user: UserRow) -> None:
    with uow:
        uow.users.add(user)
        uow.commit()


def test_changes_are_kept_when_committed(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with make_uow() as uow:
        uow.users.add(make_user(hasher))
        uow.commit()
    assert count(sessions, UserRow) == 1


def test_changes_are_dropped_without_commit(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with make_uow() as uow:
        uow.users.add(make_user(hasher))
        uow.users.get_by_email("anything@example.com")  # autoflush: the row reached the DB
    assert count(sessions, UserRow) == 0


def test_changes_are_dropped_when_an_exception_escapes(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with pytest.raises(BoomError):
        add_user_then_fail(make_uow(), make_user(hasher))
    assert count(sessions, UserRow) == 0


def test_explicit_rollback_drops_changes(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with make_uow() as uow:
        uow.users.add(make_user(hasher))
        uow.rollback()
        uow.commit()
    assert count(sessions, UserRow) == 0


def test_changes_after_the_commit_are_dropped(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    with make_uow() as uow:
        uow.users.add(user)
        uow.commit()
        user.full_name = "Changed Later"
    with sessions() as session:
        stored = session.get(UserRow, user.id)
        assert stored is not None
        assert stored.full_name != "Changed Later"


def test_read_only_unit_of_work_refuses_to_commit(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with pytest.raises(ReadOnlyUnitOfWorkError):
        add_user_and_commit(make_uow(read_only=True), make_user(hasher))
    assert count(sessions, UserRow) == 0


def test_query_results_stay_readable_after_the_unit_of_work(
    make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    with make_uow() as uow:
        uow.users.add(make_user(hasher, full_name="Readable"))
        uow.commit()
    with make_uow(read_only=True) as uow:
        listed = uow.users.list_active()
    assert [user.full_name for user in listed] == ["Readable"]


def test_audit_row_is_written_with_the_commit(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with make_uow(audit=AUDIT) as uow:
        uow.users.add(make_user(hasher))
        uow.commit()

    with sessions() as session:
        entries = session.exec(select(AuditLogRow)).all()
    assert [(e.procedure, e.correlation_id, e.user_id) for e in entries] == [
        ("admin.createUser", "corr-1", "actor-1")
    ]
    assert entries[0].created_at.tzinfo is not None


def test_no_audit_row_without_a_commit(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with pytest.raises(BoomError):
        add_user_then_fail(make_uow(audit=AUDIT), make_user(hasher))
    assert count(sessions, AuditLogRow) == 0


def test_one_audit_row_per_unit_of_work(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    with make_uow(audit=AUDIT) as uow:
        uow.users.add(make_user(hasher, email="one@example.com"))
        uow.commit()
        uow.users.add(make_user(hasher, email="two@example.com"))
        uow.commit()
    assert count(sessions, AuditLogRow) == 1
    assert count(sessions, UserRow) == 2


def test_failed_commit_leaves_no_audit_row(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    add_user_and_commit(make_uow(), make_user(hasher, email="taken@example.com"))
    with pytest.raises(IntegrityError):
        add_user_and_commit(make_uow(audit=AUDIT), make_user(hasher, email="taken@example.com"))
    assert count(sessions, AuditLogRow) == 0


def test_using_it_outside_a_with_block_is_an_error(make_uow: UowFactory) -> None:
    with pytest.raises(RuntimeError, match="not open"):
        make_uow().commit()


def test_an_overlong_correlation_id_does_not_fail_the_mutation(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    audit = AuditEntry(procedure="p", correlation_id="c" * 500, user_id=None, clock=utc_now)
    add_user_and_commit(make_uow(audit=audit), make_user(hasher))
    with sessions() as session:
        assert session.exec(select(AuditLogRow.correlation_id)).one() == "c" * 128


def test_the_audit_row_is_stamped_by_the_given_clock(
    make_uow: UowFactory, sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    clock = FakeClock(now=datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC))
    audit = AuditEntry(procedure="p", correlation_id="c", user_id=None, clock=clock)
    with make_uow(audit=audit) as uow:
        uow.users.add(make_user(hasher))
        clock.advance(timedelta(minutes=5))  # the time of the commit, not of the start
        uow.commit()
    with sessions() as session:
        [entry] = session.exec(select(AuditLogRow)).all()
    assert entry.created_at == datetime(2031, 5, 6, 7, 13, 9, tzinfo=UTC)


def test_a_mutations_audit_row_carries_the_apps_clock(
    migrated_engine: Engine, sessions: sessionmaker[Session], hasher: PasswordHasher, tmp_path: Path
) -> None:
    # The unit of work a procedure gets from its context uses the app's injected clock.
    built = build_services(Settings(secret_key=TEST_SECRET_KEY, data_dir=tmp_path), migrated_engine)
    clock = FakeClock(now=datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC))
    services = dataclasses.replace(built, clock=clock)
    request = RequestContext(services, "cid-clock", "10.0.0.7", "tests")
    ctx = request.for_call("admin.createUser", is_mutation=True)
    with ctx.unit_of_work() as uow:
        uow.users.add(make_user(hasher))
        uow.commit()
    with sessions() as session:
        [entry] = session.exec(select(AuditLogRow)).all()
    assert (entry.procedure, entry.correlation_id) == ("admin.createUser", "cid-clock")
    assert entry.created_at == clock.now
