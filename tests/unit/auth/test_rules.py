"""Rules of sign-in sessions, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db.tables.auth import AuthSessionRow
from services.auth_rules import is_live

START = datetime(2026, 1, 1, tzinfo=UTC)
EXPIRES = START + timedelta(days=7)


def a_session(revoked_at: datetime | None = None) -> AuthSessionRow:
    return AuthSessionRow(
        user_id="usr_1",
        refresh_token_hash="0" * 64,
        created_at=START,
        expires_at=EXPIRES,
        revoked_at=revoked_at,
    )


@pytest.mark.parametrize(
    ("now", "live"),
    [
        (START, True),
        (EXPIRES - timedelta(microseconds=1), True),
        (EXPIRES, False),  # the expiry instant is already too late
        (EXPIRES + timedelta(days=1), False),
    ],
)
def test_a_session_lives_until_it_expires(now: datetime, live: bool) -> None:
    assert is_live(a_session(), now) is live


def test_a_revoked_session_is_over_before_it_expires() -> None:
    assert not is_live(a_session(revoked_at=START + timedelta(hours=1)), START + timedelta(hours=2))
