"""The auth repositories (users, sessions, retired refresh tokens) on a real database."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.repositories.auth import AuthSessionRepository, UserRepository
from db.tables.auth import AuthSessionRow, RetiredRefreshTokenRow, UserRow
from services.passwords import PasswordHasher
from tests.factories.auth import make_user
from tests.integration.rows import save

NOW = datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)


def session_row(user: UserRow, *, revoked: bool = False) -> AuthSessionRow:
    return AuthSessionRow(
        user_id=user.id,
        refresh_token_hash="a" * 64,
        created_at=NOW,
        expires_at=NOW + timedelta(days=30),
        revoked_at=NOW if revoked else None,
    )


def test_user_round_trip_keeps_aware_utc_timestamps(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher, now=NOW)
    user.last_signed_in_at = NOW.astimezone(timezone(timedelta(hours=2)))
    save(sessions, user)

    with sessions() as session:
        loaded = UserRepository(session).get(user.id)

    assert loaded is not None
    assert loaded.model_dump() == user.model_dump()
    for stamp in (loaded.created_at, loaded.updated_at, loaded.last_signed_in_at):
        assert stamp is not None
        assert stamp.utcoffset() == timedelta(0)
    assert loaded.last_signed_in_at == NOW


def test_naive_timestamps_are_refused(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher, now=NOW.replace(tzinfo=None))
    with pytest.raises(StatementError, match="naive datetime"):
        save(sessions, user)


def test_get_by_email_ignores_case(sessions: sessionmaker[Session], hasher: PasswordHasher) -> None:
    user = make_user(hasher, email="case@example.com")
    save(sessions, user)
    with sessions() as session:
        found = UserRepository(session).get_by_email("  CASE@Example.COM ")
    assert found is not None
    assert found.id == user.id


def test_email_is_unique(sessions: sessionmaker[Session], hasher: PasswordHasher) -> None:
    save(sessions, make_user(hasher, email="twin@example.com"))
    with pytest.raises(IntegrityError):
        save(sessions, make_user(hasher, email="twin@example.com"))


def test_list_active_is_ordered_by_name_and_skips_inactive(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    save(
        sessions,
        make_user(hasher, email="z@example.com", full_name="Zoe"),
        make_user(hasher, email="a@example.com", full_name="Abe"),
        make_user(hasher, email="x@example.com", full_name="Ann", is_active=False),
    )
    with sessions() as session:
        repository = UserRepository(session)
        assert [u.full_name for u in repository.list_active()] == ["Abe", "Zoe"]
        # Skipped, not gone: all three rows are stored.
        stored = session.exec(select(UserRow.full_name).order_by(col(UserRow.full_name))).all()
        assert list(stored) == ["Abe", "Ann", "Zoe"]


def test_revoke_all_for_user(sessions: sessionmaker[Session], hasher: PasswordHasher) -> None:
    tess, other = make_user(hasher), make_user(hasher, email="o@example.com")
    save(sessions, tess, other)
    rows = [session_row(tess), session_row(tess), session_row(tess, revoked=True)]
    others = session_row(other)
    save(sessions, *rows, others)
    later = NOW + timedelta(hours=1)

    with sessions() as session:
        assert AuthSessionRepository(session).revoke_all_for_user(tess.id, later) == 2
        session.commit()

    with sessions() as session:
        repository = AuthSessionRepository(session)
        revoked = [repository.get(row.id) for row in rows]
        assert [row.revoked_at for row in revoked if row] == [later, later, NOW]
        untouched = repository.get(others.id)
        assert untouched is not None
        assert untouched.revoked_at is None


def test_rotate_refresh_hash_is_compare_and_swap(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    row = session_row(user)
    save(sessions, user, row)
    later = NOW + timedelta(days=1)

    with sessions() as session:
        repository = AuthSessionRepository(session)
        rotate = dict(rotated_at=later, expires_at=later + timedelta(days=30))
        assert repository.rotate_refresh_hash(
            row.id, expected_hash="a" * 64, new_hash="b" * 64, **rotate
        )
        assert not repository.rotate_refresh_hash(
            row.id, expected_hash="a" * 64, new_hash="c" * 64, **rotate
        )
        session.commit()

    with sessions() as session:
        stored = AuthSessionRepository(session).get(row.id)
    assert stored is not None
    assert (stored.refresh_token_hash, stored.rotated_at) == ("b" * 64, later)
    assert stored.expires_at == later + timedelta(days=30)


def test_retired_refresh_hashes_are_remembered_until_they_expire(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    row, other = session_row(user), session_row(user)
    save(sessions, user, row, other)
    day = timedelta(days=1)

    with sessions() as session:
        repository = AuthSessionRepository(session)
        repository.retire_refresh_hash(row.id, "a" * 64, retired_at=NOW, expires_at=NOW + day)
        repository.retire_refresh_hash(row.id, "b" * 64, retired_at=NOW, expires_at=NOW + 3 * day)
        repository.retire_refresh_hash(other.id, "c" * 64, retired_at=NOW, expires_at=NOW + day)
        session.commit()

    with sessions() as session:
        repository = AuthSessionRepository(session)
        assert repository.was_retired(row.id, "a" * 64, NOW)
        assert not repository.was_retired(row.id, "a" * 64, NOW + day)  # expired
        assert not repository.was_retired(row.id, "c" * 64, NOW)  # another session's
        assert not repository.was_retired(row.id, "d" * 64, NOW)  # never seen
        # The next retirement of the session forgets its expired hashes, only its own.
        repository.retire_refresh_hash(
            row.id, "e" * 64, retired_at=NOW + 2 * day, expires_at=NOW + 4 * day
        )
        session.commit()

    with sessions() as session:
        kept = session.exec(
            select(RetiredRefreshTokenRow.session_id, RetiredRefreshTokenRow.token_hash)
        ).all()
    assert sorted(kept) == sorted([(row.id, "b" * 64), (row.id, "e" * 64), (other.id, "c" * 64)])


def test_retired_hashes_are_deleted_with_their_session(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    row = session_row(user)
    save(sessions, user, row)
    with sessions() as session:
        AuthSessionRepository(session).retire_refresh_hash(
            row.id, "a" * 64, retired_at=NOW, expires_at=NOW + timedelta(days=1)
        )
        session.commit()

    with sessions() as session:
        session.delete(session.get(UserRow, user.id))
        session.commit()

    with sessions() as session:
        assert session.exec(select(RetiredRefreshTokenRow)).all() == []


def test_sessions_are_deleted_with_their_user(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    user = make_user(hasher)
    row = session_row(user)
    save(sessions, user, row)

    with sessions() as session:
        session.delete(session.get(UserRow, user.id))
        session.commit()

    with sessions() as session:
        assert session.get(AuthSessionRow, row.id) is None


def test_session_for_an_unknown_user_is_refused(sessions: sessionmaker[Session]) -> None:
    orphan = AuthSessionRow(
        user_id="no-such-user", refresh_token_hash="a" * 64, created_at=NOW, expires_at=NOW
    )
    with pytest.raises(IntegrityError):
        save(sessions, orphan)


def test_get_with_user_reads_a_session_and_its_user_together(
    sessions: sessionmaker[Session], hasher: PasswordHasher
) -> None:
    tess, other = make_user(hasher), make_user(hasher, email="o@example.com")
    save(sessions, tess, other)
    mine, theirs = session_row(tess, revoked=True), session_row(other)
    save(sessions, mine, theirs)

    with sessions() as session:
        repository = AuthSessionRepository(session)
        found = repository.get_with_user(mine.id)
        assert found is not None
        auth_session, user = found
        assert (auth_session.id, auth_session.revoked_at, user.id, user.email) == (
            mine.id,
            NOW,
            tess.id,
            tess.email,
        )
        other_found = repository.get_with_user(theirs.id)
        assert other_found is not None
        assert other_found[1].id == other.id
        assert repository.get_with_user("no-such-session") is None


def test_lookups_with_a_nul_character_find_nothing(sessions: sessionmaker[Session]) -> None:
    # PostgreSQL would raise on the NUL; both databases must just answer "not found".
    with sessions() as session:
        assert UserRepository(session).get("a\x00b") is None
        assert UserRepository(session).get_by_email("a\x00@example.com") is None
        assert AuthSessionRepository(session).get("a\x00b") is None
        assert AuthSessionRepository(session).get_with_user("a\x00b") is None
