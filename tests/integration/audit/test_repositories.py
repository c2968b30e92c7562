"""The audit log repository on a real database."""

from datetime import UTC, datetime

from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select

from db.repositories.audit import AuditLogRepository
from db.tables.audit import AuditLogRow
from db.tables.auth import UserRow
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.integration.rows import save

NOW = datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)


def test_audit_rows_get_increasing_ids_and_outlive_users(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    save(sessions, user)
    with sessions() as session:
        repository = AuditLogRepository(session)
        for procedure in ("a.one", "a.two"):
            repository.add(
                AuditLogRow(
                    user_id=user.id, procedure=procedure, correlation_id="c", created_at=NOW
                )
            )
        session.delete(session.get(UserRow, user.id))
        session.commit()

    with sessions() as session:
        entries = session.exec(select(AuditLogRow).order_by(AuditLogRow.id)).all()  # type: ignore[arg-type]
    assert [entry.procedure for entry in entries] == ["a.one", "a.two"]
    ids = [entry.id or 0 for entry in entries]
    assert 0 < ids[0] < ids[1]
    assert entries[0].created_at == NOW


def test_audit_correlation_id_holds_128_characters(
    sessions: sessionmaker[Session],
) -> None:
    save(sessions, AuditLogRow(procedure="p", correlation_id="c" * 128, created_at=NOW))
    with sessions() as session:
        entry = session.exec(select(AuditLogRow)).one()
    assert entry.correlation_id == "c" * 128
