"""The auth and user services end to end on a real database."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select

from db.tables.audit import AuditLogRow
from db.tables.auth import AuthSessionRow, RetiredRefreshTokenRow, UserRow
from db.unit_of_work import AuditEntry
from services import admin as admin_service
from services import auth, profile
from services.auth import REFRESH_TOKEN_REUSED, LoginResult
from services.caller import Caller
from services.errors import Conflict, InvalidCredentials, Unauthenticated
from services.passwords import PasswordHasher
from services.tokens import (
    INVALID_REFRESH_TOKEN,
    TokenService,
    format_refresh_token,
    parse_refresh_token,
)
from tests.factories.auth import DEFAULT_PASSWORD
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "Adm1n-Strong!"
SETUP_PASSWORD = "setup-secret"


@pytest.fixture
def admin(make_uow: UowFactory, hasher: PasswordHasher, clock: FakeClock) -> UserRow:
    return auth.create_admin(make_uow(), hasher, ADMIN_EMAIL, ADMIN_PASSWORD, "Ada", clock)


@pytest.fixture
def admin_caller(
    admin: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> Caller:
    result = auth.login(make_uow(), hasher, tokens, ADMIN_EMAIL, ADMIN_PASSWORD, clock)
    return auth.authenticate(make_uow(read_only=True), tokens, result.access_token, clock)


@pytest.fixture
def tech(
    make_uow: UowFactory, hasher: PasswordHasher, admin_caller: Caller, clock: FakeClock
) -> UserRow:
    return admin_service.create_user(
        make_uow(),
        hasher,
        admin_caller,
        "Tess@Example.com",
        DEFAULT_PASSWORD,
        "Tess",
        "technician",
        clock,
    )


def tech_login(
    make_uow: UowFactory, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> LoginResult:
    return auth.login(
        make_uow(), hasher, tokens, "TESS@example.com", DEFAULT_PASSWORD, clock, "pytest"
    )


def who(make_uow: UowFactory, tokens: TokenService, token: str, clock: FakeClock) -> Caller:
    return auth.authenticate(make_uow(read_only=True), tokens, token, clock)


def test_login_then_authenticate(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    sessions: sessionmaker[Session],
) -> None:
    result = tech_login(make_uow, hasher, tokens, clock)

    caller = who(make_uow, tokens, result.access_token, clock)
    assert (caller.user_id, caller.email, caller.role) == (
        tech.id,
        "tess@example.com",
        "technician",
    )
    with sessions() as session:
        stored_user = session.get(UserRow, tech.id)
        stored_session = session.get(AuthSessionRow, caller.session_id)
    assert stored_user is not None
    assert stored_user.last_signed_in_at == clock()
    assert stored_session is not None
    assert stored_session.user_agent == "pytest"


def test_wrong_password_changes_nothing(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    sessions: sessionmaker[Session],
) -> None:
    with pytest.raises(InvalidCredentials):
        auth.login(make_uow(), hasher, tokens, "tess@example.com", "Nope-nope-1", clock)
    with sessions() as session:
        assert (
            session.exec(select(AuthSessionRow).where(AuthSessionRow.user_id == tech.id)).all()
            == []
        )


def test_refresh_rotation_and_reuse_detection(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    first = tech_login(make_uow, hasher, tokens, clock)
    clock.advance(timedelta(hours=9))  # the access token has expired
    with pytest.raises(Unauthenticated, match="expired"):
        who(make_uow, tokens, first.access_token, clock)

    second = auth.refresh(make_uow(), tokens, first.refresh_token, clock)
    assert who(make_uow, tokens, second.access_token, clock).user_id == tech.id

    # The first refresh token comes back: stolen. The whole session ends.
    with pytest.raises(Unauthenticated, match="already used"):
        auth.refresh(make_uow(), tokens, first.refresh_token, clock)
    with pytest.raises(Unauthenticated):
        who(make_uow, tokens, second.access_token, clock)
    with pytest.raises(Unauthenticated):
        auth.refresh(make_uow(), tokens, second.refresh_token, clock)


def test_a_wrong_secret_does_not_end_someone_elses_session(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    sessions: sessionmaker[Session],
) -> None:
    signed_in = tech_login(make_uow, hasher, tokens, clock)
    # The session id is in every access token; only the secret is the owner's.
    session_id = who(make_uow, tokens, signed_in.access_token, clock).session_id
    guessed = format_refresh_token(session_id, tokens.new_refresh_secret())

    with pytest.raises(Unauthenticated, match=INVALID_REFRESH_TOKEN):
        auth.refresh(make_uow(), tokens, guessed, clock)

    with sessions() as session:
        stored = session.get(AuthSessionRow, session_id)
        assert stored is not None
        assert stored.revoked_at is None
        assert session.exec(select(RetiredRefreshTokenRow)).all() == []
    assert who(make_uow, tokens, signed_in.access_token, clock).user_id == tech.id
    assert auth.refresh(make_uow(), tokens, signed_in.refresh_token, clock)


def test_reuse_of_any_earlier_refresh_token_revokes_the_session(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    first = tech_login(make_uow, hasher, tokens, clock)
    second = auth.refresh(make_uow(), tokens, first.refresh_token, clock)
    third = auth.refresh(make_uow(), tokens, second.refresh_token, clock)

    with pytest.raises(Unauthenticated, match="already used"):
        auth.refresh(make_uow(), tokens, first.refresh_token, clock)

    with pytest.raises(Unauthenticated):
        who(make_uow, tokens, third.access_token, clock)
    with pytest.raises(Unauthenticated):
        auth.refresh(make_uow(), tokens, third.refresh_token, clock)


REFRESH_ROUNDS = 5
CALL_TIMEOUT_SECONDS = 30.0


def refresh_twice_at_once(
    make_uow: UowFactory, tokens: TokenService, clock: FakeClock, token: str
) -> list[LoginResult | Unauthenticated]:
    """Two refreshes with `token`, each in its own thread and unit of work, released together."""
    start = threading.Barrier(2)

    def refresh() -> LoginResult | Unauthenticated:
        uow = make_uow()
        start.wait(CALL_TIMEOUT_SECONDS)
        try:
            return auth.refresh(uow, tokens, token, clock)
        except Unauthenticated as refused:
            return refused

    with ThreadPoolExecutor(max_workers=2) as pool:
        calls = [pool.submit(refresh), pool.submit(refresh)]
        return [call.result(timeout=CALL_TIMEOUT_SECONDS) for call in calls]


def test_two_refreshes_with_one_token_at_once_end_the_session(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    # One wins the rotation; the other presented a token used twice, which is reuse,
    # whether it lost the compare-and-swap or found the token already retired.
    for _ in range(REFRESH_ROUNDS):
        signed_in = tech_login(make_uow, hasher, tokens, clock)

        outcomes = refresh_twice_at_once(make_uow, tokens, clock, signed_in.refresh_token)

        [won] = [outcome for outcome in outcomes if isinstance(outcome, LoginResult)]
        [refused] = [outcome for outcome in outcomes if isinstance(outcome, Unauthenticated)]
        assert refused.message == REFRESH_TOKEN_REUSED
        with pytest.raises(Unauthenticated):
            who(make_uow, tokens, won.access_token, clock)
        with pytest.raises(Unauthenticated):
            auth.refresh(make_uow(), tokens, won.refresh_token, clock)


def test_logout_ends_only_that_session(
    tech: UserRow,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    phone = tech_login(make_uow, hasher, tokens, clock)
    laptop = tech_login(make_uow, hasher, tokens, clock)

    auth.logout(make_uow(), who(make_uow, tokens, phone.access_token, clock), clock)

    with pytest.raises(Unauthenticated):
        who(make_uow, tokens, phone.access_token, clock)
    with pytest.raises(Unauthenticated):
        auth.refresh(make_uow(), tokens, phone.refresh_token, clock)
    assert who(make_uow, tokens, laptop.access_token, clock).user_id == tech.id


def test_deactivation_kills_sessions_and_blocks_login(
    tech: UserRow,
    admin_caller: Caller,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    sessions: sessionmaker[Session],
) -> None:
    result = tech_login(make_uow, hasher, tokens, clock)

    admin_service.deactivate_user(make_uow(), admin_caller, tech.id, clock)

    with pytest.raises(Unauthenticated):
        who(make_uow, tokens, result.access_token, clock)
    with pytest.raises(InvalidCredentials):
        tech_login(make_uow, hasher, tokens, clock)
    session_id, _ = parse_refresh_token(result.refresh_token)
    with sessions() as session:
        stored = session.get(AuthSessionRow, session_id)
    assert stored is not None
    assert stored.revoked_at == clock()


def test_role_change_applies_to_the_next_request(
    tech: UserRow,
    admin_caller: Caller,
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = tech_login(make_uow, hasher, tokens, clock)
    admin_service.set_user_role(make_uow(), admin_caller, tech.id, "manager", clock)
    assert who(make_uow, tokens, result.access_token, clock).role == "manager"


def test_profile_update_and_email_conflict(
    tech: UserRow, admin_caller: Caller, make_uow: UowFactory, clock: FakeClock
) -> None:
    updated = profile.update_profile(
        make_uow(), admin_caller, "Ada Admin", "Ada@Example.com", None, clock
    )
    assert updated.email == "ada@example.com"
    assert profile.get_current_user(make_uow(read_only=True), admin_caller).email == (
        "ada@example.com"
    )
    with pytest.raises(Conflict):
        profile.update_profile(make_uow(), admin_caller, "Ada", "TESS@example.com", None, clock)
    assert [u.full_name for u in profile.list_active_users(make_uow(read_only=True))] == [
        "Ada Admin",
        "Tess",
    ]


def test_setup_creates_then_resets_the_admin(
    make_uow: UowFactory,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    sessions: sessionmaker[Session],
) -> None:
    def setup(password: str) -> str:
        audit = AuditEntry(procedure="admin.setup", correlation_id="c", user_id=None, clock=clock)
        return auth.setup_admin(
            make_uow(audit=audit),
            hasher,
            given_password=SETUP_PASSWORD,
            setup_password=SETUP_PASSWORD,
            admin_email=ADMIN_EMAIL,
            admin_password=password,
            admin_name="Ada",
            clock=clock,
        )

    assert setup(ADMIN_PASSWORD) == "created"
    first = auth.login(make_uow(), hasher, tokens, ADMIN_EMAIL, ADMIN_PASSWORD, clock)

    assert setup("Another-Strong-2") == "password_reset"

    with pytest.raises(Unauthenticated):
        who(make_uow, tokens, first.access_token, clock)
    with pytest.raises(InvalidCredentials):
        auth.login(make_uow(), hasher, tokens, ADMIN_EMAIL, ADMIN_PASSWORD, clock)
    auth.login(make_uow(), hasher, tokens, ADMIN_EMAIL, "Another-Strong-2", clock)
    with sessions() as session:
        procedures = session.exec(select(AuditLogRow.procedure)).all()
    assert procedures == ["admin.setup", "admin.setup"]
