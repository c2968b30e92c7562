"""``admin.*`` over real HTTP: setup, createUser, setUserRole, deactivateUser."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from services.auth import LOGIN_FAILED, SESSION_INVALID
from services.errors import InvalidCredentials
from tests.e2e.conftest import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PROFILE_KEYS,
    SETUP_PASSWORD,
    USER_PASSWORD,
    Account,
    LiveServer,
    MakeUser,
    audit_rows,
    correlation_id,
    count_users,
    create_admin_account,
    error_of,
    issue_paths,
    load_user,
    result_of,
    rpc_call,
    sign_in,
    unique_email,
)

UNAUTHORIZED = -32001
FORBIDDEN = -32003
NOT_FOUND = -32004
CONFLICT = -32009
PRECONDITION_FAILED = -32012
INVALID_PARAMS = -32602

NON_ADMIN_ROLES = ["manager", "technician", "reception"]

StartServer = Callable[..., LiveServer]


def new_user_params(email: str | None = None, **overrides: str) -> dict[str, str]:
    params = {
        "email": email or unique_email("new"),
        "password": USER_PASSWORD,
        "full_name": "Nina New",
        "role": "technician",
    }
    params.update(overrides)
    return params


# --- admin.setup (each on an app and database of its own) --------------------------


def test_setup_with_the_wrong_password_is_unauthorized(start_server: StartServer) -> None:
    live = start_server()
    with httpx.Client(base_url=live.url) as client:
        error = error_of(
            rpc_call(client, "admin.setup", {"password": "not-the-setup-password"}),
            UNAUTHORIZED,
            "UNAUTHORIZED",
        )
        assert error["message"] == "Invalid setup password"
        assert error["data"]["path"] == "admin.setup"
        assert count_users(live) == 0


def test_setup_creates_the_admin_then_resets_it_and_ends_its_sessions(
    start_server: StartServer,
) -> None:
    live = start_server()
    with httpx.Client(base_url=live.url) as client:
        created = result_of(rpc_call(client, "admin.setup", {"password": SETUP_PASSWORD}))
        assert created == {"message": "Admin account created", "action": "created"}
        admin = sign_in(live, ADMIN_EMAIL, ADMIN_PASSWORD)
        assert admin.role == "admin"
        assert result_of(rpc_call(client, "auth.me", token=admin.token))["role"] == "admin"

        reset = result_of(rpc_call(client, "admin.setup", {"password": SETUP_PASSWORD}))

        assert reset == {
            "message": "Admin password reset to the configured one",
            "action": "password_reset",
        }
        assert count_users(live) == 1
        error = error_of(
            rpc_call(client, "profile.getCurrentUser", token=admin.token),
            UNAUTHORIZED,
            "UNAUTHORIZED",
        )
        assert error["message"] == SESSION_INVALID
        # The configured password still (again) signs the admin in.
        assert sign_in(live, ADMIN_EMAIL, ADMIN_PASSWORD).id == admin.id


def test_setup_without_a_setup_password_is_a_failed_precondition(
    start_server: StartServer,
) -> None:
    live = start_server(setup_password=None)
    with httpx.Client(base_url=live.url) as client:
        for password in (SETUP_PASSWORD, "anything"):
            error = error_of(
                rpc_call(client, "admin.setup", {"password": password}),
                PRECONDITION_FAILED,
                "PRECONDITION_FAILED",
            )
            assert error["data"]["httpStatus"] == 412
        assert count_users(live) == 0


def test_setup_without_an_admin_email_is_a_failed_precondition(
    start_server: StartServer,
) -> None:
    live = start_server(admin_email=None)
    with httpx.Client(base_url=live.url) as client:
        error = error_of(
            rpc_call(client, "admin.setup", {"password": SETUP_PASSWORD}),
            PRECONDITION_FAILED,
            "PRECONDITION_FAILED",
        )
        assert "SWITCHYARD_ADMIN_EMAIL" in error["message"]
        assert count_users(live) == 0


def test_setup_with_a_missing_password_names_it(client: httpx.Client) -> None:
    error = error_of(rpc_call(client, "admin.setup", {}), INVALID_PARAMS, "INVALID_PARAMS")

    assert issue_paths(error) == [["password"]]


# --- admin.createUser ---------------------------------------------------------------


def test_create_user_returns_the_profile_and_the_user_can_sign_in(
    client: httpx.Client, server: LiveServer, admin_account: Account
) -> None:
    email = unique_email("Mixed.Case")
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "admin.createUser",
        new_user_params(email.upper(), full_name="  Mai Tran  ", role="manager"),
        admin_account.token,
        headers={"X-Correlation-ID": correlation},
    )

    profile = result_of(answer)
    assert set(profile) == PROFILE_KEYS
    assert profile["id"] == profile["user_id"]
    assert (profile["email"], profile["full_name"], profile["role"]) == (
        email.lower(),
        "Mai Tran",
        "manager",
    )
    assert profile["is_active"] is True
    assert profile["avatar_url"] is None
    [row] = audit_rows(server, correlation)
    assert (row.procedure, row.user_id) == ("admin.createUser", admin_account.id)
    assert sign_in(server, email, USER_PASSWORD).id == profile["id"]


def test_create_user_with_a_taken_email_in_another_case_is_a_conflict(
    client: httpx.Client, server: LiveServer, admin_account: Account
) -> None:
    email = unique_email("taken")
    result_of(rpc_call(client, "admin.createUser", new_user_params(email), admin_account.token))
    users_before = count_users(server)
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "admin.createUser",
        new_user_params(email.upper(), full_name="Someone Else"),
        admin_account.token,
        headers={"X-Correlation-ID": correlation},
    )

    error = error_of(answer, CONFLICT, "CONFLICT")
    assert error["message"] == "A user with this email already exists"
    assert error["data"]["httpStatus"] == 409
    # A failed mutation changes nothing and writes no audit row.
    assert count_users(server) == users_before
    assert audit_rows(server, correlation) == []


@pytest.mark.parametrize(
    "password",
    [
        "Ab1-xyz",  # too short
        "x" * 100 + "Ab1-" + "y" * 30,  # too long
        "alllowercaseletters",  # one character class
        "Qwerty-12345",  # common pattern
        "Admin-Harbour-42",  # common pattern
        "Harbour-Lllll-42",  # four identical in a row
    ],
)
def test_create_user_with_a_weak_password_names_the_field(
    client: httpx.Client, server: LiveServer, admin_account: Account, password: str
) -> None:
    email = unique_email("weak")

    answer = rpc_call(
        client, "admin.createUser", new_user_params(email, password=password), admin_account.token
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["password"]]
    assert error["data"]["issues"][0]["type"] == "weak_password"
    with pytest.raises(InvalidCredentials, match=LOGIN_FAILED):
        sign_in(server, email, password)


@pytest.mark.parametrize("role", ["superuser", "Admin", "", 3])
def test_create_user_with_a_bad_role_names_the_field(
    client: httpx.Client, admin_account: Account, role: object
) -> None:
    params: dict[str, object] = {**new_user_params(), "role": role}

    answer = rpc_call(client, "admin.createUser", params, admin_account.token)

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["role"]]
    assert error["data"]["issues"][0]["type"] == "literal_error"


def test_create_user_refuses_unknown_fields(client: httpx.Client, admin_account: Account) -> None:
    params: dict[str, object] = {**new_user_params(), "is_admin": True}

    answer = rpc_call(client, "admin.createUser", params, admin_account.token)

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["is_admin"]]


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_create_user_is_forbidden_to_other_roles(
    client: httpx.Client, server: LiveServer, make_user: MakeUser, role: str
) -> None:
    caller = make_user(role)
    users_before = count_users(server)

    answer = rpc_call(client, "admin.createUser", new_user_params(), caller.token)

    error = error_of(answer, FORBIDDEN, "FORBIDDEN")
    assert error["data"]["httpStatus"] == 403
    assert count_users(server) == users_before


def test_create_user_needs_a_caller(client: httpx.Client) -> None:
    error = error_of(
        rpc_call(client, "admin.createUser", new_user_params()), UNAUTHORIZED, "UNAUTHORIZED"
    )

    assert error["data"]["path"] == "admin.createUser"


def test_the_role_check_comes_before_input_validation(
    client: httpx.Client, make_user: MakeUser
) -> None:
    technician = make_user()

    # Not even the shape of the params is revealed to a caller without the role.
    error_of(rpc_call(client, "admin.createUser", {}, technician.token), FORBIDDEN, "FORBIDDEN")


def test_create_user_with_a_nul_in_the_name_names_the_field(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = rpc_call(
        client, "admin.createUser", new_user_params(full_name="Nina\x00New"), admin_account.token
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["full_name"]]


# --- admin.setUserRole --------------------------------------------------------------


def test_set_user_role_takes_effect_for_the_existing_token(
    client: httpx.Client, server: LiveServer, admin_account: Account, make_user: MakeUser
) -> None:
    technician = make_user("technician")
    error_of(
        rpc_call(client, "admin.createUser", new_user_params(), technician.token),
        FORBIDDEN,
        "FORBIDDEN",
    )
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "admin.setUserRole",
        {"user_id": technician.id, "role": "admin"},
        admin_account.token,
        headers={"X-Correlation-ID": correlation},
    )

    profile = result_of(answer)
    assert set(profile) == PROFILE_KEYS
    assert (profile["id"], profile["role"]) == (technician.id, "admin")
    [row] = audit_rows(server, correlation)
    assert (row.procedure, row.user_id) == ("admin.setUserRole", admin_account.id)
    # Same token, new powers: the role is read from the database on every request.
    created = result_of(rpc_call(client, "admin.createUser", new_user_params(), technician.token))
    assert created["role"] == "technician"


def test_demotion_takes_effect_at_once(
    client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    other_admin = make_user("admin")
    result_of(rpc_call(client, "admin.createUser", new_user_params(), other_admin.token))

    result_of(
        rpc_call(
            client,
            "admin.setUserRole",
            {"user_id": other_admin.id, "role": "reception"},
            admin_account.token,
        )
    )

    error_of(
        rpc_call(client, "admin.createUser", new_user_params(), other_admin.token),
        FORBIDDEN,
        "FORBIDDEN",
    )


def test_set_user_role_of_an_unknown_user_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = rpc_call(
        client,
        "admin.setUserRole",
        {"user_id": str(uuid.uuid4()), "role": "manager"},
        admin_account.token,
    )

    error = error_of(answer, NOT_FOUND, "NOT_FOUND")
    assert error["message"] == "User not found"
    assert error["data"]["httpStatus"] == 404


def test_an_admin_cannot_change_their_own_role(
    client: httpx.Client, server: LiveServer, admin_account: Account
) -> None:
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "admin.setUserRole",
        {"user_id": admin_account.id, "role": "technician"},
        admin_account.token,
        headers={"X-Correlation-ID": correlation},
    )

    error = error_of(answer, PRECONDITION_FAILED, "PRECONDITION_FAILED")
    assert error["message"] == "You cannot change your own role"
    stored = load_user(server, admin_account.id)
    assert stored is not None
    assert stored.role == "admin"
    assert audit_rows(server, correlation) == []


def test_set_user_role_with_a_bad_role_names_the_field(
    client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    user = make_user()

    answer = rpc_call(
        client, "admin.setUserRole", {"user_id": user.id, "role": "root"}, admin_account.token
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["role"]]


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_set_user_role_is_forbidden_to_other_roles(
    client: httpx.Client, server: LiveServer, make_user: MakeUser, role: str
) -> None:
    caller, target = make_user(role), make_user("technician")

    answer = rpc_call(
        client, "admin.setUserRole", {"user_id": target.id, "role": "admin"}, caller.token
    )

    error_of(answer, FORBIDDEN, "FORBIDDEN")
    stored = load_user(server, target.id)
    assert stored is not None
    assert stored.role == "technician"


def test_set_user_role_needs_a_caller(client: httpx.Client) -> None:
    error_of(
        rpc_call(client, "admin.setUserRole", {"user_id": str(uuid.uuid4()), "role": "admin"}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )


# --- admin.deactivateUser -----------------------------------------------------------


def test_deactivate_user_ends_their_sessions_at_once(
    client: httpx.Client, server: LiveServer, admin_account: Account, make_user: MakeUser
) -> None:
    user = make_user()
    assert result_of(rpc_call(client, "profile.getCurrentUser", token=user.token))["id"] == user.id
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "admin.deactivateUser",
        {"user_id": user.id},
        admin_account.token,
        headers={"X-Correlation-ID": correlation},
    )

    profile = result_of(answer)
    assert set(profile) == PROFILE_KEYS
    assert (profile["id"], profile["is_active"]) == (user.id, False)
    [row] = audit_rows(server, correlation)
    assert (row.procedure, row.user_id) == ("admin.deactivateUser", admin_account.id)
    error = error_of(
        rpc_call(client, "profile.getCurrentUser", token=user.token), UNAUTHORIZED, "UNAUTHORIZED"
    )
    assert error["message"] == SESSION_INVALID
    error_of(
        rpc_call(client, "auth.refresh", {"refreshToken": user.refresh_token}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )
    listed = result_of(rpc_call(client, "profile.getAllUsers", token=admin_account.token))
    assert user.id not in {summary["user_id"] for summary in listed}


def test_deactivate_an_unknown_user_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = rpc_call(
        client, "admin.deactivateUser", {"user_id": str(uuid.uuid4())}, admin_account.token
    )

    error = error_of(answer, NOT_FOUND, "NOT_FOUND")
    assert error["message"] == "User not found"


def test_an_admin_cannot_deactivate_themself(
    client: httpx.Client, server: LiveServer, admin_account: Account
) -> None:
    answer = rpc_call(
        client, "admin.deactivateUser", {"user_id": admin_account.id}, admin_account.token
    )

    error = error_of(answer, PRECONDITION_FAILED, "PRECONDITION_FAILED")
    assert error["message"] == "You cannot deactivate your own account"
    stored = load_user(server, admin_account.id)
    assert stored is not None
    assert stored.is_active is True
    assert result_of(rpc_call(client, "auth.me", token=admin_account.token))["id"] == (
        admin_account.id
    )


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_deactivate_user_is_forbidden_to_other_roles(
    client: httpx.Client, server: LiveServer, make_user: MakeUser, role: str
) -> None:
    caller, target = make_user(role), make_user("technician")

    answer = rpc_call(client, "admin.deactivateUser", {"user_id": target.id}, caller.token)

    error_of(answer, FORBIDDEN, "FORBIDDEN")
    stored = load_user(server, target.id)
    assert stored is not None
    assert stored.is_active is True


def test_deactivate_user_needs_a_caller(client: httpx.Client) -> None:
    error_of(
        rpc_call(client, "admin.deactivateUser", {"user_id": str(uuid.uuid4())}),
        UNAUTHORIZED,
        "UNAUTHORIZED",
    )


@pytest.mark.parametrize("user_id", ["", "x" * 65])
def test_deactivate_user_with_a_bad_id_names_the_field(
    client: httpx.Client, admin_account: Account, user_id: str
) -> None:
    answer = rpc_call(client, "admin.deactivateUser", {"user_id": user_id}, admin_account.token)

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["user_id"]]


@pytest.mark.parametrize("method", ["admin.deactivateUser", "admin.setUserRole"])
def test_a_nul_in_a_user_id_is_not_an_internal_error(
    client: httpx.Client, admin_account: Account, method: str
) -> None:
    params = {"user_id": "abc\x00def"}
    if method == "admin.setUserRole":
        params["role"] = "manager"

    error = rpc_call(client, method, params, admin_account.token)["error"]

    # Either answer is right: no such user, or a refused id naming the field.
    assert error["data"]["code"] in {"NOT_FOUND", "INVALID_PARAMS"}
    if error["data"]["code"] == "INVALID_PARAMS":
        assert issue_paths(error) == [["user_id"]]


# The loser is refused by the last-admin rule, or, if its request came in after the
# winner's change, as what that change made of it: a demoted admin is no admin any more
# (FORBIDDEN); a deactivated one has no session any more (UNAUTHORIZED).
@pytest.mark.parametrize(
    ("method", "params", "refused_late"),
    [
        ("admin.setUserRole", {"role": "manager"}, (FORBIDDEN, "FORBIDDEN")),
        ("admin.deactivateUser", {}, (UNAUTHORIZED, "UNAUTHORIZED")),
    ],
)
def test_two_admins_taking_each_other_away_at_once_leave_one_admin(
    start_server: StartServer,
    method: str,
    params: dict[str, str],
    refused_late: tuple[int, str],
) -> None:
    live = start_server()
    first = create_admin_account(live, "first")
    second = create_admin_account(live, "second")
    start = threading.Barrier(2)

    def take_away(caller: Account, target: Account) -> dict[str, Any]:
        with httpx.Client(base_url=live.url, timeout=30.0) as client:
            start.wait(30.0)
            return rpc_call(client, method, {"user_id": target.id, **params}, token=caller.token)

    with ThreadPoolExecutor(max_workers=2) as pool:
        calls = [pool.submit(take_away, first, second), pool.submit(take_away, second, first)]
        answers = [future.result(timeout=60.0) for future in calls]

    refused = [answer["error"] for answer in answers if "error" in answer]
    assert len(refused) == 1, answers
    assert (refused[0]["code"], refused[0]["data"]["code"]) in {
        (PRECONDITION_FAILED, "PRECONDITION_FAILED"),
        refused_late,
    }, refused
    stored = [load_user(live, account.id) for account in (first, second)]
    admins_left = [user for user in stored if user and user.role == "admin" and user.is_active]
    assert len(admins_left) == 1, stored
