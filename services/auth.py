"""Signing in and out: login, token authentication, refresh rotation, first-admin setup."""

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from db.tables.auth import AuthSessionRow, UserRow
from db.unit_of_work import UnitOfWork
from services import admin
from services.auth_rules import is_live
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import (
    InvalidCredentials,
    InvalidInput,
    PreconditionFailed,
    Unauthenticated,
)
from services.inputs import (
    check_new_password,
    stored_user_agent,
    valid_email,
    valid_full_name,
)
from services.passwords import PasswordHasher
from services.tokens import (
    INVALID_REFRESH_TOKEN,
    TokenService,
    format_refresh_token,
    parse_refresh_token,
)

# One message for unknown email, wrong password and deactivated account alike, so a
# login attempt cannot tell which emails exist.
LOGIN_FAILED = "Invalid email or password"
SESSION_INVALID = "Session is no longer valid"
REFRESH_TOKEN_REUSED = "Refresh token was already used; the session has been revoked"
DEFAULT_ADMIN_NAME = "Administrator"


@dataclass(frozen=True)
class LoginResult:
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime
    user: UserRow


def login(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    tokens: TokenService,
    email: str,
    password: str,
    clock: Clock,
    user_agent: str | None = None,
) -> LoginResult:
    # Two short transactions with the slow hashing between them, not one long one:
    # on SQLite a writing transaction holds the database's only write lock.
    with uow:
        found = uow.users.get_by_email(email)
    if found is None:
        hasher.burn_time(password)
        raise InvalidCredentials(LOGIN_FAILED)
    # Verify before looking at is_active: a deactivated account costs the same time
    # as an active one.
    verified_hash = found.password_hash
    if not hasher.verify(password, verified_hash) or not found.is_active:
        raise InvalidCredentials(LOGIN_FAILED)
    # The only moment we hold the plain password: upgrade old hash parameters now.
    upgraded_hash = hasher.hash(password) if hasher.needs_rehash(verified_hash) else None

    with uow:
        user = uow.users.get(found.id)
        # The account may have changed while we were hashing (deactivated, new password).
        if user is None or not user.is_active or user.password_hash != verified_hash:
            raise InvalidCredentials(LOGIN_FAILED)
        now = clock()
        if upgraded_hash is not None:
            user.password_hash = upgraded_hash
        user.last_signed_in_at = now

        secret = tokens.new_refresh_secret()
        auth_session = AuthSessionRow(
            user_id=user.id,
            refresh_token_hash=tokens.hash_refresh_secret(secret),
            created_at=now,
            expires_at=now + tokens.refresh_ttl,
            user_agent=stored_user_agent(user_agent),
        )
        uow.sessions.add(auth_session)
        access_token, access_expires_at = tokens.issue_access_token(
            user.id, auth_session.id, user.role
        )
        uow.commit()
        return LoginResult(
            access_token=access_token,
            refresh_token=format_refresh_token(auth_session.id, secret),
            access_expires_at=access_expires_at,
            refresh_expires_at=auth_session.expires_at,
            user=user,
        )


def authenticate(uow: UnitOfWork, tokens: TokenService, access_token: str, clock: Clock) -> Caller:
    """The caller named by a valid access token whose session and user are still good."""
    claims = tokens.decode_access_token(access_token)
    with uow:
        found = uow.sessions.get_with_user(claims.session_id)
        if found is None:
            raise Unauthenticated(SESSION_INVALID)
        auth_session, user = found
        if (
            auth_session.user_id != claims.user_id
            or not is_live(auth_session, clock())
            or not user.is_active
        ):
            raise Unauthenticated(SESSION_INVALID)
        # The role comes from the database, not the token: a role change or a
        # demotion applies to the very next request.
        return Caller(
            user_id=user.id,
            email=user.email,
            role=user.role,
            session_id=auth_session.id,
            user=user,
        )


def refresh(uow: UnitOfWork, tokens: TokenService, refresh_token: str, clock: Clock) -> LoginResult:
    """Trade a refresh token for a new access token and a new refresh token (rotation)."""
    session_id, secret = parse_refresh_token(refresh_token)
    presented_hash = tokens.hash_refresh_secret(secret)
    with uow:
        auth_session = uow.sessions.get(session_id)
        if auth_session is None:
            raise Unauthenticated(INVALID_REFRESH_TOKEN)
        now = clock()
        if not hmac.compare_digest(presented_hash, auth_session.refresh_token_hash):
            if uow.sessions.was_retired(auth_session.id, presented_hash, now):
                # Each refresh token works once. An old one coming back means two
                # parties hold it (one of them stole it); we cannot tell which, so
                # end the session.
                _revoke_for_reuse(uow, auth_session, now)
            # Never valid for this session: a guess, or a mix-up. The session id is
            # readable in any access token, so a wrong secret must not end the session.
            raise Unauthenticated(INVALID_REFRESH_TOKEN)
        if not is_live(auth_session, now):
            raise Unauthenticated(SESSION_INVALID)
        user = uow.users.get(auth_session.user_id)
        if user is None or not user.is_active:
            raise Unauthenticated(SESSION_INVALID)

        new_secret = tokens.new_refresh_secret()
        # The presented secret would have worked until the session's present expiry;
        # until then, presenting it again after this rotation is reuse.
        presented_expires_at = auth_session.expires_at
        # Sliding expiry: every rotation extends the session by one refresh lifetime.
        expires_at = now + tokens.refresh_ttl
        rotated = uow.sessions.rotate_refresh_hash(
            auth_session.id,
            expected_hash=presented_hash,
            new_hash=tokens.hash_refresh_secret(new_secret),
            rotated_at=now,
            expires_at=expires_at,
        )
        if not rotated:
            # A concurrent refresh with the same token won the race: the token was
            # used twice, which is reuse as above.
            _revoke_for_reuse(uow, auth_session, now)
        uow.sessions.retire_refresh_hash(
            auth_session.id, presented_hash, retired_at=now, expires_at=presented_expires_at
        )
        access_token, access_expires_at = tokens.issue_access_token(
            user.id, auth_session.id, user.role
        )
        uow.commit()
        return LoginResult(
            access_token=access_token,
            refresh_token=format_refresh_token(auth_session.id, new_secret),
            access_expires_at=access_expires_at,
            refresh_expires_at=expires_at,
            user=user,
        )


def logout(uow: UnitOfWork, caller: Caller, clock: Clock = utc_now) -> None:
    """Revoke the caller's session; its access and refresh tokens stop working at once."""
    with uow:
        auth_session = uow.sessions.get(caller.session_id)
        if auth_session is not None and auth_session.revoked_at is None:
            auth_session.revoked_at = clock()
        uow.commit()


def setup_admin(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    *,
    given_password: str,
    setup_password: str | None,
    admin_email: str | None,
    admin_password: str | None,
    admin_name: str | None,
    clock: Clock = utc_now,
) -> Literal["created", "password_reset"]:
    """Create the configured admin, or give it back its configured password.

    Guarded by the setup password from the environment; without one, setup is off.
    """
    if not setup_password:
        raise PreconditionFailed("Setup is disabled: SWITCHYARD_SETUP_PASSWORD is not set")
    # Bytes, because compare_digest refuses non-ASCII str; constant time either way.
    if not hmac.compare_digest(given_password.encode(), setup_password.encode()):
        raise InvalidCredentials("Invalid setup password")
    if not admin_email or not admin_password:
        raise PreconditionFailed(
            "Setup is incomplete: SWITCHYARD_ADMIN_EMAIL and SWITCHYARD_ADMIN_PASSWORD must be set"
        )
    try:
        email = valid_email(admin_email)
        check_new_password(admin_password)
        name = valid_full_name(admin_name) if admin_name and admin_name.strip() else None
    except InvalidInput as error:
        raise PreconditionFailed(
            f"The configured admin account is not valid: {error.message}"
        ) from None

    password_hash = hasher.hash(admin_password)  # before the transaction: it is slow
    with uow:
        now = clock()
        user = uow.users.get_by_email(email)
        if user is None:
            uow.users.add(
                UserRow(
                    email=email,
                    full_name=name or DEFAULT_ADMIN_NAME,
                    password_hash=password_hash,
                    role="admin",
                    created_at=now,
                    updated_at=now,
                )
            )
            uow.commit()
            return "created"
        user.password_hash = password_hash
        user.role = "admin"
        user.is_active = True
        user.updated_at = now
        # Whoever knew the old password may hold sessions: a reset ends them.
        uow.sessions.revoke_all_for_user(user.id, now)
        uow.commit()
        return "password_reset"


def create_admin(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    email: str,
    password: str,
    full_name: str,
    clock: Clock = utc_now,
) -> UserRow:
    """Create an admin account (the CLI's way to make the first admin)."""
    return admin.register_user(uow, hasher, email, password, full_name, "admin", clock)


def _revoke_for_reuse(uow: UnitOfWork, auth_session: AuthSessionRow, now: datetime) -> None:
    if auth_session.revoked_at is None:
        auth_session.revoked_at = now
        uow.commit()
    raise Unauthenticated(REFRESH_TOKEN_REUSED)
