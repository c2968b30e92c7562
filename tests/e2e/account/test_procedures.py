"""``account.*`` over real HTTP: ownership, pagination, switching, deletion, limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from db.tables.account import BrowserSessionRow
from db.tables.tab import BrowserTabRow
from tests.e2e.browser import (
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    PRECONDITION_FAILED,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    call,
)
from tests.e2e.conftest import (
    USER_PASSWORD,
    Account,
    LiveServer,
    MakeUser,
    create_admin_account,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.rate_windows import within_one_window

ACCOUNT_KEYS = {
    "id",
    "userId",
    "name",
    "description",
    "isProtected",
    "proxyConfigId",
    "dataDirectory",
    "createdAt",
    "updatedAt",
    "lastAccessedAt",
}
StartServer = Callable[..., LiveServer]


def create(client: httpx.Client, user: Account, name: str, **fields: Any) -> dict[str, Any]:
    created: dict[str, Any] = result_of(
        call(client, user, "account.create", {"name": name, **fields})
    )
    return created


def make_proxy(client: httpx.Client, user: Account) -> str:
    params = {"name": "P", "type": "SOCKS5", "host": "proxy.example.net", "port": 1080}
    proxy_id: str = result_of(call(client, user, "proxy.create", params))["id"]
    return proxy_id


def test_create_then_list(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    created = create(client, user, "Work Account", description="For work")

    assert set(created) == {"id", "name", "createdAt"}
    [account] = result_of(call(client, user, "account.list"))
    assert set(account) == ACCOUNT_KEYS
    assert account["id"] == created["id"]
    assert (account["userId"], account["name"], account["description"]) == (
        user.id,
        "Work Account",
        "For work",
    )
    assert account["dataDirectory"] == f"accounts/{user.id}/{created['id']}"
    assert (account["isProtected"], account["proxyConfigId"], account["lastAccessedAt"]) == (
        False,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"page": "2"}, ["page"]),
        ({"page": True}, ["page"]),
        ({"pageSize": 2.0}, ["pageSize"]),
        ({"filter": {"protected": "true"}}, ["filter", "protected"]),
        ({"filter": {"protected": 0}}, ["filter", "protected"]),
    ],
)
def test_list_takes_json_numbers_and_booleans_only(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    user = make_user()

    answer = call(client, user, "account.list", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_list_sorts_filters_and_pages(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    ids = {name: create(client, user, name)["id"] for name in ("Bravo", "Alpha", "Charlie")}
    call(client, user, "account.update", {"accountId": ids["Charlie"], "isProtected": True})

    by_name = result_of(call(client, user, "account.list", {"sortBy": "name", "order": "desc"}))
    assert [a["name"] for a in by_name] == ["Charlie", "Bravo", "Alpha"]
    protected = result_of(call(client, user, "account.list", {"filter": {"protected": True}}))
    assert [a["name"] for a in protected] == ["Charlie"]

    params = {"sortBy": "name", "page": 2, "pageSize": 2}
    page = result_of(call(client, user, "account.list", params))
    assert {k: v for k, v in page.items() if k != "data"} == {
        "total": 3,
        "page": 2,
        "pageSize": 2,
        "pageCount": 2,
    }
    assert [a["name"] for a in page["data"]] == ["Charlie"]
    first = result_of(call(client, user, "account.list", {"page": 1}))
    assert (first["pageSize"], len(first["data"])) == (20, 3)


def test_accounts_never_accessed_sort_last(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    first, second = create(client, user, "One")["id"], create(client, user, "Two")["id"]
    result_of(call(client, user, "account.switch", {"accountId": second}))

    for order in ("asc", "desc"):
        listed = result_of(
            call(client, user, "account.list", {"sortBy": "lastAccessedAt", "order": order})
        )
        assert [a["id"] for a in listed] == [second, first]


def test_each_user_sees_only_their_own(client: httpx.Client, make_user: MakeUser) -> None:
    owner, other = make_user(), make_user()
    create(client, owner, "Mine")

    assert result_of(call(client, other, "account.list")) == []


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"name": ""}, ["name"]),
        ({"name": "x" * 101}, ["name"]),
        ({"name": "ok", "description": "x" * 501}, ["description"]),
        ({"name": "bad\x00name"}, ["name"]),
        ({"name": "ok", "dataDirectory": "/etc"}, ["dataDirectory"]),
    ],
)
def test_create_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(call(client, make_user(), "account.create", params), *INVALID_PARAMS)
    assert issue_paths(error) == [path]


def test_list_refuses_a_bad_page_size(client: httpx.Client, make_user: MakeUser) -> None:
    error = error_of(call(client, make_user(), "account.list", {"pageSize": 101}), *INVALID_PARAMS)
    assert issue_paths(error) == [["pageSize"]]


def test_create_with_own_proxy_but_not_anothers(client: httpx.Client, make_user: MakeUser) -> None:
    owner, other = make_user(), make_user()
    proxy_id = make_proxy(client, owner)

    created = create(client, owner, "Proxied", proxyConfigId=proxy_id)
    [listed] = result_of(call(client, owner, "account.list"))
    assert (listed["id"], listed["proxyConfigId"]) == (created["id"], proxy_id)
    answer = call(client, other, "account.create", {"name": "X", "proxyConfigId": proxy_id})
    assert error_of(answer, *NOT_FOUND)["message"] == "Proxy config not found"


def test_update_changes_and_clears_fields(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    proxy_id = make_proxy(client, user)
    account_id = create(client, user, "Old", description="d", proxyConfigId=proxy_id)["id"]

    updated = result_of(
        call(
            client,
            user,
            "account.update",
            {"accountId": account_id, "name": "New", "description": None, "proxyConfigId": None},
        )
    )

    assert set(updated) == ACCOUNT_KEYS
    assert (updated["name"], updated["description"], updated["proxyConfigId"]) == (
        "New",
        None,
        None,
    )
    assert updated["isProtected"] is False  # left out: unchanged


def test_update_refuses_a_null_name(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    account_id = create(client, user, "A")["id"]
    answer = call(client, user, "account.update", {"accountId": account_id, "name": None})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["name"]]


def test_switch_opens_a_session(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    account_id = create(client, user, "A")["id"]

    switched = result_of(call(client, user, "account.switch", {"accountId": account_id}))

    assert (switched["success"], switched["accountId"]) == (True, account_id)
    with server.db() as session:
        row = session.get(BrowserSessionRow, switched["sessionId"])
        assert row is not None
        assert row.account_id == account_id
    [listed] = result_of(call(client, user, "account.list"))
    assert listed["lastAccessedAt"] is not None


def test_switch_to_a_protected_account_needs_the_password(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    account_id = create(client, user, "Vault")["id"]
    call(client, user, "account.update", {"accountId": account_id, "isProtected": True})

    no_password = call(client, user, "account.switch", {"accountId": account_id})
    wrong = call(
        client, user, "account.switch", {"accountId": account_id, "password": "Wrong-Horse-9"}
    )
    right = call(
        client, user, "account.switch", {"accountId": account_id, "password": USER_PASSWORD}
    )

    assert "protected" in error_of(no_password, *FORBIDDEN)["message"]
    error_of(wrong, *FORBIDDEN)
    assert result_of(right)["success"] is True


def test_delete_needs_confirmation_and_removes_tabs_and_sessions(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    account_id = create(client, user, "Gone")["id"]
    result_of(call(client, user, "account.switch", {"accountId": account_id}))
    result_of(call(client, user, "tab.create", {"accountId": account_id}))

    refused = call(
        client, user, "account.delete", {"accountId": account_id, "confirmDeletion": False}
    )
    error_of(refused, *PRECONDITION_FAILED)
    assert len(result_of(call(client, user, "account.list"))) == 1

    done = call(client, user, "account.delete", {"accountId": account_id, "confirmDeletion": True})
    assert result_of(done) == {"success": True}
    assert result_of(call(client, user, "account.list")) == []
    with server.db() as session:
        tabs = session.exec(
            select(BrowserTabRow).where(col(BrowserTabRow.account_id) == account_id)
        )
        sessions = session.exec(
            select(BrowserSessionRow).where(col(BrowserSessionRow.account_id) == account_id)
        )
        assert (list(tabs), list(sessions)) == ([], [])


MUTATIONS_ON_AN_ACCOUNT: list[tuple[str, dict[str, Any]]] = [
    ("account.update", {"name": "Hijacked"}),
    ("account.switch", {}),
    ("account.delete", {"confirmDeletion": True}),
]


@pytest.mark.parametrize(("method", "extra"), MUTATIONS_ON_AN_ACCOUNT)
def test_another_users_account_is_not_found(
    client: httpx.Client,
    server: LiveServer,
    make_user: MakeUser,
    method: str,
    extra: dict[str, Any],
) -> None:
    owner, other = make_user(), make_user()
    admin = create_admin_account(server)
    account_id = create(client, owner, "Private")["id"]

    for stranger in (other, admin):  # an admin gets no special reach either
        answer = call(client, stranger, method, {"accountId": account_id, **extra})
        assert error_of(answer, *NOT_FOUND)["message"] == "Account not found"
    answer = call(client, owner, method, {"accountId": MISSING_ID, **extra})
    error_of(answer, *NOT_FOUND)
    [still] = result_of(call(client, owner, "account.list"))
    assert still["name"] == "Private"


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("account.list", None),
        ("account.create", {"name": "A"}),
        ("account.update", {"accountId": MISSING_ID}),
        ("account.switch", {"accountId": MISSING_ID}),
        ("account.delete", {"accountId": MISSING_ID, "confirmDeletion": True}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any] | None
) -> None:
    error = error_of(rpc_call(client, method, params), *UNAUTHORIZED)
    assert error["data"]["path"] == method


# --- rate limits (an app of the test's own: limits are per app instance) -----------


def test_account_create_is_limited_to_ten_an_hour(start_server: StartServer) -> None:
    live = start_server()
    user = create_admin_account(live)
    with httpx.Client(base_url=live.url) as client:
        for n in range(10):
            create(client, user, f"A{n}")
        error = error_of(
            call(client, user, "account.create", {"name": "One too many"}),
            -32029,
            "TOO_MANY_REQUESTS",
        )

    assert (error["data"]["limit"], error["data"]["window"]) == (10, "hour")
    assert 0 < error["data"]["retryAfter"] <= 3600


def test_rate_limits_can_be_overridden_in_the_settings(start_server: StartServer) -> None:
    live = start_server(rate_limit_overrides="account.create=2/minute")
    user = create_admin_account(live)
    within_one_window("minute")
    with httpx.Client(base_url=live.url) as client:
        create(client, user, "A")
        create(client, user, "B")
        error = error_of(call(client, user, "account.create", {"name": "C"}), *TOO_MANY_REQUESTS)

    assert (error["data"]["limit"], error["data"]["window"]) == (2, "minute")
    assert 0 < error["data"]["retryAfter"] <= 60


def test_every_limited_browser_procedure_answers_too_many_requests(
    start_server: StartServer,
) -> None:
    # The published limits are large; lowered to one call a minute through the
    # override setting, each procedure's own limit is reached on the second call.
    limited = ["account.list", "account.switch", "proxy.test", "tab.create"]
    live = start_server(rate_limit_overrides=",".join(f"{name}=1/minute" for name in limited))
    user = create_admin_account(live)
    within_one_window("minute")
    with httpx.Client(base_url=live.url) as client:
        account_id = create(client, user, "Limited")["id"]
        params = {
            "account.list": {},
            "account.switch": {"accountId": account_id},
            "proxy.test": {"proxyConfigId": MISSING_ID},  # NOT_FOUND still costs a call
            "tab.create": {"accountId": account_id},
        }
        for name in limited:
            call(client, user, name, params[name])
            error = error_of(call(client, user, name, params[name]), *TOO_MANY_REQUESTS)
            assert error["data"]["path"] == name
            assert (error["data"]["limit"], error["data"]["window"]) == (1, "minute")
