"""What ``auth.me`` answers: the user as the request found them, unless the request changed them.

The user is read once per request, with the bearer token, and ``auth.me`` answers from
that read while no call of the request has opened a writing unit of work. A batch runs
its mutations one after another in array order, and the queries between them after the
mutation before them (``rpc.transport``): so in ``[profile.updateProfile, auth.me]``
the change comes first and ``auth.me`` must answer it. Nothing is kept from one request
to the next.
"""

from __future__ import annotations

from typing import Any

import httpx

from schemas.common import utc_timestamp
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    load_user,
    result_of,
    rpc_batch,
    rpc_call,
)


def me_call(request_id: int) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": request_id, "method": "auth.me"}


def rename_call(request_id: int, user: Account, full_name: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": request_id,
        "method": "profile.updateProfile",
        "params": {"full_name": full_name, "email": user.email},
    }


def answers_by_id(response: httpx.Response) -> dict[int, Any]:
    assert response.status_code == 200, response.text
    return {answer["id"]: result_of(answer) for answer in response.json()}


def stored_me(server: LiveServer, user_id: str) -> dict[str, Any]:
    """``auth.me``'s answer, as written from the user's stored row."""
    row = load_user(server, user_id)
    assert row is not None
    return {
        "id": row.id,
        "email": row.email,
        "name": row.full_name,
        "role": row.role,
        "isActive": row.is_active,
        "createdAt": utc_timestamp(row.created_at),
        "updatedAt": utc_timestamp(row.updated_at),
        "lastSignedIn": row.last_signed_in_at and utc_timestamp(row.last_signed_in_at),
    }


def test_me_after_a_change_in_the_same_batch_answers_the_change(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user(full_name="Old Name")
    answers = answers_by_id(
        rpc_batch(client, [me_call(1), rename_call(2, user, "New Name"), me_call(3)], user.token)
    )
    assert answers[1]["name"] == "Old Name"  # before the change: what the request found
    assert answers[3]["name"] == "New Name"
    assert answers[3]["updatedAt"] == answers[2]["updated_at"]
    assert answers[3] == stored_me(server, user.id)


def test_me_right_after_the_change_answers_it(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user(full_name="Old Name")
    answers = answers_by_id(
        rpc_batch(client, [rename_call(1, user, "Renamed First"), me_call(2)], user.token)
    )
    assert answers[2]["name"] == "Renamed First"


def test_a_batch_of_me_answers_the_stored_user(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user("reception", full_name="Rita Reception")
    answers = answers_by_id(rpc_batch(client, [me_call(index) for index in range(5)], user.token))
    assert list(answers.values()) == [stored_me(server, user.id)] * 5


def test_a_change_made_by_another_request_is_seen_by_the_next(
    client: httpx.Client, server: LiveServer, make_user: MakeUser, admin_account: Account
) -> None:
    user = make_user("technician", full_name="Before")
    assert result_of(rpc_call(client, "auth.me", token=user.token))["name"] == "Before"

    result_of(
        rpc_call(
            client, "profile.updateProfile", rename_call(1, user, "After")["params"], user.token
        )
    )
    result_of(
        rpc_call(
            client,
            "admin.setUserRole",
            {"user_id": user.id, "role": "reception"},
            admin_account.token,
        )
    )

    seen = result_of(rpc_call(client, "auth.me", token=user.token))
    assert (seen["name"], seen["role"]) == ("After", "reception")
    assert seen == stored_me(server, user.id)
