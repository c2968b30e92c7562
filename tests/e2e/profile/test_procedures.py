"""``profile.*`` over real HTTP: own profile, updating it, the active users list."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import (
    PROFILE_KEYS,
    USER_PASSWORD,
    Account,
    LiveServer,
    MakeUser,
    audit_rows,
    correlation_id,
    error_of,
    issue_paths,
    load_user,
    result_of,
    rpc_call,
    sign_in,
    unique_email,
)

UNAUTHORIZED = -32001
CONFLICT = -32009
INVALID_PARAMS = -32602

SUMMARY_KEYS = {"user_id", "full_name", "role", "is_active"}


def test_get_current_user_is_the_callers_profile(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user("reception", full_name="Rita Reception")

    profile = result_of(rpc_call(client, "profile.getCurrentUser", token=user.token))

    assert set(profile) == PROFILE_KEYS
    assert profile["id"] == profile["user_id"] == user.id
    assert (profile["email"], profile["full_name"], profile["role"]) == (
        user.email,
        "Rita Reception",
        "reception",
    )
    assert profile["is_active"] is True


@pytest.mark.parametrize(
    "method", ["profile.getCurrentUser", "profile.getAllUsers", "profile.updateProfile"]
)
def test_profile_needs_a_caller(client: httpx.Client, method: str) -> None:
    params = {"full_name": "X", "email": "x@example.com"} if method.endswith("Profile") else None

    error = error_of(rpc_call(client, method, params), UNAUTHORIZED, "UNAUTHORIZED")

    assert error["data"]["path"] == method


def test_get_current_user_refuses_params(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()

    answer = rpc_call(client, "profile.getCurrentUser", {"user_id": "someone"}, user.token)

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["user_id"]]


def test_update_profile_changes_name_email_and_avatar(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    new_email = unique_email("Renamed")
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "profile.updateProfile",
        {
            "full_name": "  Tess Renamed ",
            "email": new_email.upper(),
            "avatar_url": "https://cdn.example.com/avatars/tess.png",
        },
        user.token,
        headers={"X-Correlation-ID": correlation},
    )

    profile = result_of(answer)
    assert set(profile) == PROFILE_KEYS
    assert (profile["id"], profile["full_name"], profile["email"], profile["avatar_url"]) == (
        user.id,
        "Tess Renamed",
        new_email.lower(),
        "https://cdn.example.com/avatars/tess.png",
    )
    assert profile["updated_at"] > profile["created_at"]
    [row] = audit_rows(server, correlation)
    assert (row.procedure, row.user_id) == ("profile.updateProfile", user.id)
    # The change is stored: it is what the next read sees, and the new email signs in.
    assert result_of(rpc_call(client, "profile.getCurrentUser", token=user.token)) == profile
    assert sign_in(server, new_email, USER_PASSWORD).id == user.id


def test_update_profile_can_clear_the_avatar(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    params = {"full_name": "Tess", "email": user.email, "avatar_url": "https://a.example/x.png"}
    result_of(rpc_call(client, "profile.updateProfile", params, user.token))

    cleared = result_of(
        rpc_call(
            client,
            "profile.updateProfile",
            {"full_name": "Tess", "email": user.email, "avatar_url": None},
            user.token,
        )
    )

    assert cleared["avatar_url"] is None


def test_update_profile_with_another_users_email_is_a_conflict(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user, other = make_user(full_name="Original Name"), make_user()
    correlation = correlation_id()

    answer = rpc_call(
        client,
        "profile.updateProfile",
        {"full_name": "Changed Name", "email": other.email.upper()},
        user.token,
        headers={"X-Correlation-ID": correlation},
    )

    error = error_of(answer, CONFLICT, "CONFLICT")
    assert error["message"] == "A user with this email already exists"
    # Nothing of the failed change was kept, and nothing was audited.
    stored = load_user(server, user.id)
    assert stored is not None
    assert (stored.full_name, stored.email) == ("Original Name", user.email)
    assert audit_rows(server, correlation) == []


def test_update_profile_may_keep_the_own_email_in_another_case(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    profile = result_of(
        rpc_call(
            client,
            "profile.updateProfile",
            {"full_name": "Same Email", "email": user.email.upper()},
            user.token,
        )
    )

    assert profile["email"] == user.email


@pytest.mark.parametrize(
    ("avatar_url", "issue_type"),
    [
        ("not a url", "url_parsing"),
        ("ftp://files.example.com/me.png", "url_scheme"),
        ("javascript:alert(1)", "url_scheme"),
        (42, "url_type"),
    ],
)
def test_update_profile_with_a_bad_avatar_url_names_the_field(
    client: httpx.Client, make_user: MakeUser, avatar_url: object, issue_type: str
) -> None:
    user = make_user()

    answer = rpc_call(
        client,
        "profile.updateProfile",
        {"full_name": "Tess", "email": user.email, "avatar_url": avatar_url},
        user.token,
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["avatar_url"]]
    assert error["data"]["issues"][0]["type"] == issue_type


def test_update_profile_with_a_too_long_avatar_url_names_the_field(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    too_long = "https://cdn.example.com/" + "a" * 2048

    answer = rpc_call(
        client,
        "profile.updateProfile",
        {"full_name": "Tess", "email": user.email, "avatar_url": too_long},
        user.token,
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["avatar_url"]]


@pytest.mark.parametrize(
    ("full_name", "issue_type"),
    [("", "string_too_short"), ("    ", "string_too_short"), ("n" * 201, "string_too_long")],
)
def test_update_profile_with_a_bad_full_name_names_the_field(
    client: httpx.Client, server: LiveServer, make_user: MakeUser, full_name: str, issue_type: str
) -> None:
    user = make_user(full_name="Kept Name")

    answer = rpc_call(
        client, "profile.updateProfile", {"full_name": full_name, "email": user.email}, user.token
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["full_name"]]
    assert error["data"]["issues"][0]["type"] == issue_type
    stored = load_user(server, user.id)
    assert stored is not None
    assert stored.full_name == "Kept Name"


def test_update_profile_with_a_nul_in_the_name_names_the_field(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    answer = rpc_call(
        client,
        "profile.updateProfile",
        {"full_name": "Tess\x00", "email": user.email},
        user.token,
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["full_name"]]


def test_update_profile_with_a_bad_email_names_the_field(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()

    answer = rpc_call(
        client, "profile.updateProfile", {"full_name": "Tess", "email": "nope"}, user.token
    )

    error = error_of(answer, INVALID_PARAMS, "INVALID_PARAMS")
    assert issue_paths(error) == [["email"]]


def test_a_mutation_with_a_long_accepted_correlation_id_is_audited(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    long_id = "c" * 120

    response = client.post(
        "/rpc",
        json={
            "jsonrpc": "2.0",
            "id": 1,
            "method": "profile.updateProfile",
            "params": {"full_name": "Long Id", "email": user.email},
        },
        headers={"Authorization": f"Bearer {user.token}", "X-Correlation-ID": long_id},
    )

    assert result_of(response.json())["full_name"] == "Long Id"
    echoed = response.headers["x-correlation-id"]
    [row] = audit_rows(server, echoed)
    assert row.procedure == "profile.updateProfile"


def test_get_all_users_lists_only_active_users(
    client: httpx.Client, admin_account: Account, make_user: MakeUser
) -> None:
    active, leaving = make_user("manager"), make_user("technician")
    result_of(
        rpc_call(client, "admin.deactivateUser", {"user_id": leaving.id}, admin_account.token)
    )

    summaries = result_of(rpc_call(client, "profile.getAllUsers", token=active.token))

    assert all(set(summary) == SUMMARY_KEYS for summary in summaries)
    assert all(summary["is_active"] is True for summary in summaries)
    by_id = {summary["user_id"]: summary for summary in summaries}
    assert by_id[active.id] == {
        "user_id": active.id,
        "full_name": "Test Manager",
        "role": "manager",
        "is_active": True,
    }
    assert admin_account.id in by_id
    assert leaving.id not in by_id
