"""``auth.*`` over real HTTP: login, me, refresh rotation, logout, token checks."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from jose import jwt

from middleware.auth import BEARER_REQUIRED
from services.auth import LOGIN_FAILED, REFRESH_TOKEN_REUSED, SESSION_INVALID
from services.clock import utc_now
from services.tokens import (
    EXPIRED_ACCESS_TOKEN,
    INVALID_ACCESS_TOKEN,
    INVALID_REFRESH_TOKEN,
    TokenService,
)
from tests.e2e.conftest import (
    SECRET_KEY,
    USER_PASSWORD,
    Account,
    LiveServer,
    MakeUser,
    audit_rows,
    correlation_id,
    error_of,
    issue_paths,
    load_session,
    result_of,
    rpc_call,
)

UNAUTHORIZED = -32001
INVALID_PARAMS = -32602

TOKEN_PAIR_KEYS = {
    "accessToken",
    "refreshToken",
    "tokenType",
    "expiresAt",
    "refreshExpiresAt",
    "user",
}
# UTC, ISO 8601, six fractional digits: the one form of every timestamp on the wire.
WIRE_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
AUTH_USER_KEYS = {
    "id",
    "email",
    "name",
    "role",
    "isActive",
    "createdAt",
    "updatedAt",
    "lastSignedIn",
}


def login(
    client: httpx.Client, email: str, password: str, *, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    return rpc_call(client, "auth.login", {"email": email, "password": password}, headers=headers)


def me(client: httpx.Client, token: str | None) -> Any:
    return result_of(rpc_call(client, "auth.me", token=token))


# --- auth.login ---------------------------------------------------------------------


def test_login_returns_camel_case_tokens_and_user(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("manager", full_name="Mai Tran")

    pair = result_of(login(client, user.email, USER_PASSWORD))

    assert set(pair) == TOKEN_PAIR_KEYS
    assert pair["tokenType"] == "Bearer"
    assert set(pair["user"]) == AUTH_USER_KEYS
    assert pair["user"]["id"] == user.id
    assert pair["user"]["email"] == user.email
    assert pair["user"]["name"] == "Mai Tran"
    assert pair["user"]["role"] == "manager"
    assert pair["user"]["isActive"] is True
    assert pair["user"]["lastSignedIn"] is not None
    assert pair["refreshToken"] != pair["accessToken"]
    # The access token it hands out is a working one.
    assert me(client, pair["accessToken"])["id"] == user.id


def test_login_writes_both_expiries_and_the_user_timestamps_in_one_precision(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    pair = result_of(login(client, user.email, USER_PASSWORD))

    stamps = [pair["expiresAt"], pair["refreshExpiresAt"]]
    stamps += [pair["user"][key] for key in ("createdAt", "updatedAt", "lastSignedIn")]
    assert [WIRE_TIMESTAMP.fullmatch(stamp) is not None for stamp in stamps] == [True] * 5, stamps
    # The access token's expiry is the one its JWT carries: whole seconds, written with
    # the same six fractional digits as every other timestamp.
    expiry = jwt.get_unverified_claims(pair["accessToken"])["exp"]
    assert datetime.fromisoformat(pair["expiresAt"]) == datetime.fromtimestamp(expiry, UTC)


def test_login_email_is_case_insensitive(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()

    pair = result_of(login(client, f"  {user.email.upper()} ", USER_PASSWORD))

    assert pair["user"]["id"] == user.id
    assert pair["user"]["email"] == user.email


def test_unknown_email_and_wrong_password_get_the_same_answer(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    wrong_password = error_of(
        login(client, user.email, "Wrong-Horse-9"), UNAUTHORIZED, "UNAUTHORIZED"
    )
    unknown_email = error_of(
        login(client, "nobody-at-all@example.com", USER_PASSWORD), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert wrong_password["message"] == unknown_email["message"] == LOGIN_FAILED
    assert wrong_password["data"]["httpStatus"] == unknown_email["data"]["httpStatus"] == 401
    assert wrong_password["data"]["path"] == unknown_email["data"]["path"] == "auth.login"


def test_deactivated_user_cannot_log_in(
    client: httpx.Client, make_user: MakeUser, admin_account: Account
) -> None:
    user = make_user()
    result_of(rpc_call(client, "admin.deactivateUser", {"user_id": user.id}, admin_account.token))

    error = error_of(login(client, user.email, USER_PASSWORD), UNAUTHORIZED, "UNAUTHORIZED")

    assert error["message"] == LOGIN_FAILED


@pytest.mark.parametrize("email", ["not-an-email", "a@", "", "javascript@example.com"])
def test_login_with_a_bad_email_names_the_field(client: httpx.Client, email: str) -> None:
    error = error_of(login(client, email, USER_PASSWORD), INVALID_PARAMS, "INVALID_PARAMS")

    assert issue_paths(error) == [["email"]]
    assert error["data"]["issues"][0]["type"] == "invalid_email"


def test_login_refuses_an_unknown_field_and_names_it(client: httpx.Client) -> None:
    answer = rpc_call(
        client,
        "auth.login",
        {"email": "someone@example.com", "password": USER_PASSWORD, "rememberMe": True},
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["rememberMe"]]
    assert error["data"]["issues"][0]["type"] == "extra_forbidden"


def test_login_with_missing_fields_names_each(client: httpx.Client) -> None:
    error = error_of(rpc_call(client, "auth.login", {}), INVALID_PARAMS, "INVALID_PARAMS")

    assert sorted(issue_paths(error)) == [["email"], ["password"]]
    assert {issue["type"] for issue in error["data"]["issues"]} == {"missing"}


def test_successful_login_is_audited_and_a_failed_one_is_not(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    failed, succeeded = correlation_id(), correlation_id()

    login(client, user.email, "Wrong-Horse-9", headers={"X-Correlation-ID": failed})
    result_of(login(client, user.email, USER_PASSWORD, headers={"X-Correlation-ID": succeeded}))

    assert audit_rows(server, failed) == []
    [row] = audit_rows(server, succeeded)
    assert row.procedure == "auth.login"


def test_login_with_a_very_long_user_agent_still_signs_in(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    pair = result_of(login(client, user.email, USER_PASSWORD, headers={"User-Agent": "u" * 600}))

    assert pair["user"]["id"] == user.id


# --- auth.me ------------------------------------------------------------------------


def test_me_is_null_for_an_anonymous_caller(client: httpx.Client) -> None:
    assert me(client, None) is None


@pytest.mark.parametrize("garbage", ["garbage", "a.b.c", "eyJhbGciOiJub25lIn0.e30."])
def test_me_is_null_for_a_refused_token(client: httpx.Client, garbage: str) -> None:
    assert me(client, garbage) is None


def test_me_is_the_signed_in_user(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user("reception", full_name="Rita Reception")

    current = me(client, user.token)

    assert isinstance(current, dict)
    assert set(current) == AUTH_USER_KEYS
    assert (current["id"], current["email"], current["name"], current["role"]) == (
        user.id,
        user.email,
        "Rita Reception",
        "reception",
    )


# --- auth.refresh -------------------------------------------------------------------


def test_refresh_rotates_and_reuse_revokes_the_session(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()

    rotated = result_of(rpc_call(client, "auth.refresh", {"refreshToken": user.refresh_token}))

    assert set(rotated) == TOKEN_PAIR_KEYS
    assert rotated["refreshToken"] != user.refresh_token
    assert rotated["user"]["id"] == user.id
    assert me(client, rotated["accessToken"])["id"] == user.id

    # The old refresh token is refused, and presenting it again ends the session ...
    reused = error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": user.refresh_token}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )
    assert reused["message"] == REFRESH_TOKEN_REUSED
    stored = load_session(server, user.session_id)
    assert stored is not None
    assert stored.revoked_at is not None

    # ... so the tokens of the rotation stop working too.
    refused = error_of(
        rpc_call(client, "profile.getCurrentUser", token=rotated["accessToken"]),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )
    assert refused["message"] == SESSION_INVALID
    error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": rotated["refreshToken"]}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )


def test_a_wrong_secret_with_a_real_session_id_does_not_end_the_session(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    victim = make_user()
    # The session id is readable in any access token of the victim, even an old one.
    session_id = jwt.get_unverified_claims(victim.token)["sid"]
    guessed = f"{session_id}.{'A' * 43}"

    error = error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": guessed}), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert error["message"] == INVALID_REFRESH_TOKEN
    stored = load_session(server, victim.session_id)
    assert stored is not None
    assert stored.revoked_at is None
    assert me(client, victim.token)["id"] == victim.id
    result_of(rpc_call(client, "auth.refresh", {"refreshToken": victim.refresh_token}))


@pytest.mark.parametrize(
    "refresh_token",
    ["no-dot-at-all", "00000000-0000-4000-8000-000000000000.not-a-real-secret"],
)
def test_refresh_with_an_unknown_token_is_unauthorized(
    client: httpx.Client, refresh_token: str
) -> None:
    error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": refresh_token}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )


def test_refresh_with_a_nul_character_is_unauthorized(client: httpx.Client) -> None:
    error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": "abc\x00def.secret"}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )


def test_refresh_speaks_camel_case_only(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()

    answer = rpc_call(client, "auth.refresh", {"refresh_token": user.refresh_token})

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    issues = {tuple(issue["path"]): issue["type"] for issue in error["data"]["issues"]}
    assert issues == {("refreshToken",): "missing", ("refresh_token",): "extra_forbidden"}
    # The refused call did not use up the refresh token.
    result_of(rpc_call(client, "auth.refresh", {"refreshToken": user.refresh_token}))


# --- auth.logout --------------------------------------------------------------------


def test_logout_revokes_the_session_at_once(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    other_device = result_of(
        rpc_call(client, "auth.login", {"email": user.email, "password": USER_PASSWORD})
    )
    correlation = correlation_id()

    answer = rpc_call(
        client, "auth.logout", token=user.token, headers={"X-Correlation-ID": correlation}
    )

    assert result_of(answer) == {"success": True}
    [row] = audit_rows(server, correlation)
    assert (row.procedure, row.user_id) == ("auth.logout", user.id)
    error = error_of(
        rpc_call(client, "profile.getCurrentUser", token=user.token), UNAUTHORIZED, "UNAUTHORIZED"
    )
    assert error["message"] == SESSION_INVALID
    assert me(client, user.token) is None
    error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": user.refresh_token}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )
    # Only that session ends: the user's other sign-in keeps working.
    assert me(client, other_device["accessToken"])["id"] == user.id


def test_logout_needs_a_caller(client: httpx.Client) -> None:
    error = error_of(rpc_call(client, "auth.logout"), UNAUTHORIZED, "UNAUTHORIZED")

    assert error["data"]["httpStatus"] == 401
    assert error["data"]["path"] == "auth.logout"


# --- tokens -------------------------------------------------------------------------


def test_an_expired_access_token_is_unauthorized(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    expired_minting = TokenService(
        SECRET_KEY,
        access_ttl=timedelta(minutes=-1),
        refresh_ttl=timedelta(days=1),
        clock=utc_now,
    )
    # Same key, same live session: only the expiry is wrong.
    expired, _ = expired_minting.issue_access_token(user.id, user.session_id, user.role)

    error = error_of(
        rpc_call(client, "profile.getCurrentUser", token=expired), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert error["message"] == EXPIRED_ACCESS_TOKEN
    assert me(client, expired) is None


@pytest.mark.parametrize(
    "claims",
    [{"exp": 10**30}, {"iat": 10**30}, {"exp": True}, {"iat": -(10**30)}, {"nbf": 1e400}],
    ids=repr,
)
def test_a_validly_signed_token_with_an_out_of_range_instant_is_unauthorized(
    client: httpx.Client, make_user: MakeUser, claims: dict[str, Any]
) -> None:
    user = make_user()
    now = int(utc_now().timestamp())
    token = jwt.encode(
        {
            "sub": user.id,
            "sid": user.session_id,
            "role": user.role,
            "iat": now,
            "exp": now + 3600,
            "typ": "access",
            **claims,
        },
        SECRET_KEY,
        algorithm="HS256",
    )

    error = error_of(
        rpc_call(client, "profile.getCurrentUser", token=token), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert error["message"] == INVALID_ACCESS_TOKEN
    assert me(client, token) is None


def test_a_token_signed_with_another_key_is_unauthorized(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    forger = TokenService(
        "another-signing-key-that-is-long-enough-too",
        access_ttl=timedelta(hours=1),
        refresh_ttl=timedelta(days=1),
        clock=utc_now,
    )
    forged, _ = forger.issue_access_token(user.id, user.session_id, "admin")

    error = error_of(
        rpc_call(client, "profile.getCurrentUser", token=forged), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert error["message"] == INVALID_ACCESS_TOKEN


def test_a_basic_authorization_header_is_unauthorized(client: httpx.Client) -> None:
    credentials = base64.b64encode(b"someone@example.com:Correct-Horse-9").decode()
    headers = {"Authorization": f"Basic {credentials}"}

    answer = rpc_call(client, "profile.getCurrentUser", headers=headers)

    error = error_of(answer, UNAUTHORIZED, "UNAUTHORIZED")
    # Refused for its scheme, before any decoding (docs/decisions.md).
    assert error["message"] == BEARER_REQUIRED
