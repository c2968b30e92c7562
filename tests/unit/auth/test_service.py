import uuid
from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from services import auth
from services.auth import LOGIN_FAILED, LoginResult
from services.caller import Caller
from services.errors import (
    Conflict,
    InvalidCredentials,
    InvalidInput,
    PreconditionFailed,
    Unauthenticated,
)
from services.passwords import PasswordHasher
from services.tokens import (
    INVALID_REFRESH_TOKEN,
    TokenService,
    format_refresh_token,
    parse_refresh_token,
)
from tests.factories.auth import DEFAULT_PASSWORD, make_user
from tests.fakes import FakeClock, FakeUnitOfWork

SETUP_PASSWORD = "let-me-set-up"
ADMIN_PASSWORD = "Adm1n-Strong!"


class CountingHasher(PasswordHasher):
    """Records calls, to show login does the same hashing work in every case."""

    def __init__(self) -> None:
        super().__init__(memory_cost=1024, time_cost=1, parallelism=1)
        self.burned = 0
        self.verified = 0

    def burn_time(self, password: str) -> None:
        self.burned += 1
        super().burn_time(password)

    def verify(self, password: str, password_hash: str) -> bool:
        self.verified += 1
        return super().verify(password, password_hash)


@pytest.fixture
def user(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="tess@example.com")


@pytest.fixture
def uow(user: UserRow) -> FakeUnitOfWork:
    return FakeUnitOfWork([user])


def sign_in(
    uow: FakeUnitOfWork,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
    email: str = "tess@example.com",
) -> LoginResult:
    return auth.login(uow, hasher, tokens, email, DEFAULT_PASSWORD, clock, "pytest/1.0")


# --- login -------------------------------------------------------------------------


def test_login_opens_a_session_and_returns_tokens(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = sign_in(uow, hasher, tokens, clock)

    session_id, _ = parse_refresh_token(result.refresh_token)
    stored = uow.sessions.rows[session_id]
    assert stored.user_id == user.id
    assert stored.user_agent == "pytest/1.0"
    assert stored.expires_at == result.refresh_expires_at == clock() + timedelta(days=30)
    assert result.access_expires_at == clock() + timedelta(hours=8)
    assert tokens.decode_access_token(result.access_token).session_id == session_id
    assert result.user is user
    assert user.last_signed_in_at == clock()
    assert uow.committed


def test_login_cuts_a_long_user_agent_to_fit(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = auth.login(
        uow, hasher, tokens, "tess@example.com", DEFAULT_PASSWORD, clock, "x" * 5000
    )
    session_id, _ = parse_refresh_token(result.refresh_token)
    assert uow.sessions.rows[session_id].user_agent == "x" * 512


def test_login_email_is_case_insensitive(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock, email="  TESS@Example.com ")
    assert result.user.email == "tess@example.com"


def test_unknown_email_burns_hashing_time_and_fails_vaguely(
    uow: FakeUnitOfWork, tokens: TokenService, clock: FakeClock
) -> None:
    hasher = CountingHasher()
    with pytest.raises(InvalidCredentials, match=LOGIN_FAILED):
        auth.login(uow, hasher, tokens, "nobody@example.com", "whatever", clock)
    assert hasher.burned == 1
    assert not uow.committed


def test_wrong_password_fails_with_the_same_message(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    with pytest.raises(InvalidCredentials, match=LOGIN_FAILED):
        auth.login(uow, hasher, tokens, "tess@example.com", "Wrong-Pass-1", clock)
    assert not uow.committed
    assert uow.sessions.rows == {}


def test_deactivated_user_fails_with_the_same_message_after_verifying(
    uow: FakeUnitOfWork, user: UserRow, tokens: TokenService, clock: FakeClock
) -> None:
    user.is_active = False
    hasher = CountingHasher()
    with pytest.raises(InvalidCredentials, match=LOGIN_FAILED):
        auth.login(uow, hasher, tokens, "tess@example.com", DEFAULT_PASSWORD, clock)
    assert hasher.verified == 1
    assert uow.sessions.rows == {}


def test_password_changed_during_login_fails(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    class RacingHasher(CountingHasher):
        def verify(self, password: str, password_hash: str) -> bool:
            verified = super().verify(password, password_hash)
            user.password_hash = hasher.hash("Someone-Else-2")  # changed meanwhile
            return verified

    with pytest.raises(InvalidCredentials):
        auth.login(uow, RacingHasher(), tokens, "tess@example.com", DEFAULT_PASSWORD, clock)
    assert uow.sessions.rows == {}


def test_login_rehashes_a_password_made_with_old_parameters(
    hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    old_hasher = PasswordHasher(memory_cost=512, time_cost=1, parallelism=1)
    user = make_user(old_hasher, email="old@example.com")
    uow = FakeUnitOfWork([user])
    old_hash = user.password_hash

    sign_in(uow, hasher, tokens, clock, email="old@example.com")

    assert user.password_hash != old_hash
    assert not hasher.needs_rehash(user.password_hash)
    assert hasher.verify(DEFAULT_PASSWORD, user.password_hash)


# --- authenticate ------------------------------------------------------------------


def test_authenticate_returns_the_caller(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    caller = auth.authenticate(uow, tokens, result.access_token, clock)
    session_id, _ = parse_refresh_token(result.refresh_token)
    assert caller == Caller(user.id, "tess@example.com", "technician", session_id)


def test_role_comes_from_the_database_not_the_token(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    user.role = "manager"
    assert auth.authenticate(uow, tokens, result.access_token, clock).role == "manager"


def test_revoked_session_is_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    session_id, _ = parse_refresh_token(result.refresh_token)
    uow.sessions.rows[session_id].revoked_at = clock()
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, result.access_token, clock)


def test_session_past_its_refresh_expiry_is_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    session_id, _ = parse_refresh_token(result.refresh_token)
    uow.sessions.rows[session_id].expires_at = clock()
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, result.access_token, clock)


def test_deactivated_user_is_refused(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    user.is_active = False
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, result.access_token, clock)


def test_token_for_an_unknown_session_is_refused(
    uow: FakeUnitOfWork, user: UserRow, tokens: TokenService, clock: FakeClock
) -> None:
    token, _ = tokens.issue_access_token(user.id, "no-such-session", user.role)
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, token, clock)


def test_token_naming_someone_elses_session_is_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    session_id, _ = parse_refresh_token(result.refresh_token)
    other = make_user(hasher, email="other@example.com")
    uow.users.add(other)
    token, _ = tokens.issue_access_token(other.id, session_id, other.role)
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, token, clock)


def test_garbage_access_token_is_refused(
    uow: FakeUnitOfWork, tokens: TokenService, clock: FakeClock
) -> None:
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, "garbage", clock)


# --- refresh -----------------------------------------------------------------------


def test_refresh_rotates_the_refresh_token(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    first = sign_in(uow, hasher, tokens, clock)
    clock.advance(timedelta(days=10))

    second = auth.refresh(uow, tokens, first.refresh_token, clock)

    session_id, _ = parse_refresh_token(first.refresh_token)
    assert parse_refresh_token(second.refresh_token)[0] == session_id
    assert second.refresh_token != first.refresh_token
    stored = uow.sessions.rows[session_id]
    assert stored.rotated_at == clock()
    assert stored.expires_at == second.refresh_expires_at == clock() + timedelta(days=30)
    assert auth.authenticate(uow, tokens, second.access_token, clock).session_id == session_id


def test_reused_refresh_token_revokes_the_session(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    first = sign_in(uow, hasher, tokens, clock)
    second = auth.refresh(uow, tokens, first.refresh_token, clock)
    commits_before = uow.commits

    with pytest.raises(Unauthenticated, match="already used"):
        auth.refresh(uow, tokens, first.refresh_token, clock)

    assert uow.commits == commits_before + 1  # the revocation is kept
    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, second.refresh_token, clock)
    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, second.access_token, clock)


def with_secret(refresh_token: str, secret: str) -> str:
    session_id, _ = parse_refresh_token(refresh_token)
    return format_refresh_token(session_id, secret)


def test_a_wrong_secret_for_a_real_session_changes_nothing(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    # Anyone can read the session id in an access token; the secret is the credential.
    result = sign_in(uow, hasher, tokens, clock)
    guessed = with_secret(result.refresh_token, tokens.new_refresh_secret())
    commits_before = uow.commits

    with pytest.raises(Unauthenticated, match=INVALID_REFRESH_TOKEN):
        auth.refresh(uow, tokens, guessed, clock)

    assert uow.commits == commits_before
    session_id, _ = parse_refresh_token(result.refresh_token)
    assert uow.sessions.rows[session_id].revoked_at is None
    assert auth.authenticate(uow, tokens, result.access_token, clock).session_id == session_id
    assert auth.refresh(uow, tokens, result.refresh_token, clock)


def test_any_earlier_refresh_token_of_the_session_revokes_it(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    first = sign_in(uow, hasher, tokens, clock)
    second = auth.refresh(uow, tokens, first.refresh_token, clock)
    third = auth.refresh(uow, tokens, second.refresh_token, clock)

    # Two rotations old: the thief refreshed twice before the owner came back.
    with pytest.raises(Unauthenticated, match="already used"):
        auth.refresh(uow, tokens, first.refresh_token, clock)

    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, third.refresh_token, clock)


def test_an_earlier_refresh_token_past_its_own_lifetime_is_just_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    first = sign_in(uow, hasher, tokens, clock)  # good for 30 days
    clock.advance(timedelta(days=10))
    second = auth.refresh(uow, tokens, first.refresh_token, clock)
    clock.advance(timedelta(days=15))
    third = auth.refresh(uow, tokens, second.refresh_token, clock)  # forgets nothing yet
    clock.advance(timedelta(days=5, seconds=1))  # first's 30 days are over

    with pytest.raises(Unauthenticated, match=INVALID_REFRESH_TOKEN):
        auth.refresh(uow, tokens, first.refresh_token, clock)
    assert auth.refresh(uow, tokens, third.refresh_token, clock)

    # Its own lifetime is the measure: the second, good until day 40, still revokes.
    with pytest.raises(Unauthenticated, match="already used"):
        auth.refresh(uow, tokens, second.refresh_token, clock)


def test_a_rotation_forgets_the_sessions_expired_retired_hashes(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    token = sign_in(uow, hasher, tokens, clock).refresh_token
    for _ in range(5):
        clock.advance(timedelta(days=10))
        token = auth.refresh(uow, tokens, token, clock).refresh_token

    # Issued on days 0, 10, ..., 40, each good for 30 days, retired 10 days later. On
    # day 50 only those issued on days 30 and 40 would still be good: only they remain.
    assert sorted(uow.sessions.retired.values()) == [
        clock() + timedelta(days=10),
        clock() + timedelta(days=20),
    ]


def test_refresh_of_an_expired_session_is_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    clock.advance(timedelta(days=30))
    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, result.refresh_token, clock)


def test_refresh_after_logout_is_refused(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    auth.logout(uow, auth.authenticate(uow, tokens, result.access_token, clock), clock)
    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, result.refresh_token, clock)


def test_refresh_for_a_deactivated_user_is_refused(
    uow: FakeUnitOfWork,
    user: UserRow,
    hasher: PasswordHasher,
    tokens: TokenService,
    clock: FakeClock,
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    user.is_active = False
    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, result.refresh_token, clock)


@pytest.mark.parametrize(
    "token", ["", "no-dot", "unknown-session.secret", f"{uuid.UUID(int=0x5E55)}.{'s' * 43}"]
)
def test_malformed_or_unknown_refresh_token_is_refused(
    uow: FakeUnitOfWork, tokens: TokenService, clock: FakeClock, token: str
) -> None:
    with pytest.raises(Unauthenticated):
        auth.refresh(uow, tokens, token, clock)
    assert not uow.committed


# --- logout ------------------------------------------------------------------------


def test_logout_revokes_the_callers_session_only(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    phone = sign_in(uow, hasher, tokens, clock)
    laptop = sign_in(uow, hasher, tokens, clock)

    auth.logout(uow, auth.authenticate(uow, tokens, phone.access_token, clock), clock)

    with pytest.raises(Unauthenticated):
        auth.authenticate(uow, tokens, phone.access_token, clock)
    assert auth.authenticate(uow, tokens, laptop.access_token, clock)


def test_logout_twice_is_harmless(
    uow: FakeUnitOfWork, hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    result = sign_in(uow, hasher, tokens, clock)
    caller = auth.authenticate(uow, tokens, result.access_token, clock)
    auth.logout(uow, caller, clock)
    revoked_at = uow.sessions.rows[caller.session_id].revoked_at
    clock.advance(timedelta(minutes=1))
    auth.logout(uow, caller, clock)
    assert uow.sessions.rows[caller.session_id].revoked_at == revoked_at


# --- setup_admin -------------------------------------------------------------------


def run_setup(
    uow: FakeUnitOfWork,
    hasher: PasswordHasher,
    *,
    given: str = SETUP_PASSWORD,
    configured: str | None = SETUP_PASSWORD,
    admin_email: str | None = "Admin@Example.com",
    admin_password: str | None = ADMIN_PASSWORD,
) -> str:
    return auth.setup_admin(
        uow,
        hasher,
        given_password=given,
        setup_password=configured,
        admin_email=admin_email,
        admin_password=admin_password,
        admin_name="Ada Admin",
    )


@pytest.mark.parametrize("configured", [None, ""])
def test_setup_is_disabled_without_a_setup_password(
    hasher: PasswordHasher, configured: str | None
) -> None:
    with pytest.raises(PreconditionFailed, match="Setup is disabled"):
        run_setup(FakeUnitOfWork(), hasher, given="", configured=configured)


def test_setup_with_the_wrong_password_is_refused(hasher: PasswordHasher) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidCredentials, match="Invalid setup password"):
        run_setup(uow, hasher, given="guess")
    assert uow.users.rows == {}


def test_setup_accepts_a_non_ascii_setup_password(hasher: PasswordHasher) -> None:
    result = run_setup(FakeUnitOfWork(), hasher, given="pässwörd", configured="pässwörd")
    assert result == "created"


@pytest.mark.parametrize(
    ("admin_email", "admin_password"),
    [(None, ADMIN_PASSWORD), ("", ADMIN_PASSWORD), ("admin@example.com", None)],
)
def test_setup_without_admin_settings_fails(
    hasher: PasswordHasher, admin_email: str | None, admin_password: str | None
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(PreconditionFailed, match="Setup is incomplete"):
        run_setup(uow, hasher, admin_email=admin_email, admin_password=admin_password)


def test_setup_refuses_a_weak_configured_admin_password(hasher: PasswordHasher) -> None:
    with pytest.raises(PreconditionFailed, match="not valid: Password must be 8-128"):
        run_setup(FakeUnitOfWork(), hasher, admin_password="weak")


def test_setup_refuses_an_invalid_configured_admin_email(hasher: PasswordHasher) -> None:
    with pytest.raises(PreconditionFailed, match="not valid: email must be"):
        run_setup(FakeUnitOfWork(), hasher, admin_email="not-an-email")


def test_setup_names_the_admin_administrator_by_default(hasher: PasswordHasher) -> None:
    uow = FakeUnitOfWork()
    auth.setup_admin(
        uow,
        hasher,
        given_password=SETUP_PASSWORD,
        setup_password=SETUP_PASSWORD,
        admin_email="admin@example.com",
        admin_password=ADMIN_PASSWORD,
        admin_name="  ",
    )
    admin = uow.users.get_by_email("admin@example.com")
    assert admin is not None
    assert admin.full_name == "Administrator"


def test_first_setup_creates_the_admin(hasher: PasswordHasher) -> None:
    uow = FakeUnitOfWork()
    assert run_setup(uow, hasher) == "created"
    admin = uow.users.get_by_email("admin@example.com")
    assert admin is not None
    assert (admin.role, admin.is_active, admin.full_name) == ("admin", True, "Ada Admin")
    assert hasher.verify(ADMIN_PASSWORD, admin.password_hash)
    assert uow.committed


def test_setup_again_resets_the_admin(
    hasher: PasswordHasher, tokens: TokenService, clock: FakeClock
) -> None:
    demoted = make_user(hasher, email="admin@example.com", role="reception", is_active=False)
    uow = FakeUnitOfWork([demoted])
    demoted.is_active = True
    sign_in(uow, hasher, tokens, clock, email="admin@example.com")
    demoted.is_active = False

    assert run_setup(uow, hasher) == "password_reset"

    assert (demoted.role, demoted.is_active) == ("admin", True)
    assert hasher.verify(ADMIN_PASSWORD, demoted.password_hash)
    assert all(row.revoked_at is not None for row in uow.sessions.rows.values())


# --- create_admin ------------------------------------------------------------------


def test_create_admin_creates_an_admin(hasher: PasswordHasher, clock: FakeClock) -> None:
    uow = FakeUnitOfWork()
    admin = auth.create_admin(uow, hasher, "Root@Example.com", ADMIN_PASSWORD, " Root ", clock)
    assert (admin.email, admin.full_name, admin.role) == ("root@example.com", "Root", "admin")
    assert admin.created_at == admin.updated_at == clock()
    assert uow.users.get(admin.id) is admin


def test_create_admin_refuses_a_taken_email(uow: FakeUnitOfWork, hasher: PasswordHasher) -> None:
    with pytest.raises(Conflict):
        auth.create_admin(uow, hasher, "TESS@example.com", ADMIN_PASSWORD, "Tess")


@pytest.mark.parametrize(
    ("email", "password", "name", "field"),
    [
        ("not-an-email", ADMIN_PASSWORD, "Root", "email"),
        ("root@example.com", "weak", "Root", "password"),
        ("root@example.com", ADMIN_PASSWORD, "  ", "full_name"),
    ],
)
def test_create_admin_validates_its_input(
    hasher: PasswordHasher, email: str, password: str, name: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        auth.create_admin(FakeUnitOfWork(), hasher, email, password, name)
    assert caught.value.field == field
