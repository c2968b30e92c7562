"""``tab.*`` over real HTTP, including 20 concurrent activations of one account's tabs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)

TAB_KEYS = {
    "id",
    "accountId",
    "title",
    "url",
    "isActive",
    "isIncognito",
    "scrollPositionX",
    "scrollPositionY",
    "zoomLevel",
    "createdAt",
    "lastAccessedAt",
    "favicon",
    "thumbnail",
}


def new_account(client: httpx.Client, user: Account) -> str:
    account_id: str = result_of(call(client, user, "account.create", {"name": "Tabs"}))["id"]
    return account_id


def new_tab(client: httpx.Client, user: Account, account_id: str, **fields: Any) -> dict[str, Any]:
    tab: dict[str, Any] = result_of(
        call(client, user, "tab.create", {"accountId": account_id, **fields})
    )
    return tab


def active_tabs(client: httpx.Client, user: Account, account_id: str) -> list[str]:
    tabs = result_of(call(client, user, "tab.list", {"accountId": account_id}))
    return [tab["id"] for tab in tabs if tab["isActive"]]


def test_create_opens_an_active_tab(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    account_id = new_account(client, user)

    first = new_tab(client, user, account_id)
    second = new_tab(client, user, account_id, url="https://example.com/a?b=c", isIncognito=True)

    assert set(first) == TAB_KEYS
    assert (first["url"], first["title"], first["zoomLevel"]) == ("about:blank", "New Tab", 1.0)
    assert (second["url"], second["isIncognito"], second["isActive"]) == (
        "https://example.com/a?b=c",
        True,
        True,
    )
    listed = result_of(call(client, user, "tab.list", {"accountId": account_id}))
    assert [tab["id"] for tab in listed] == [first["id"], second["id"]]
    assert active_tabs(client, user, account_id) == [second["id"]]


def test_update_changes_the_tab_and_activation_is_exclusive(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    account_id = new_account(client, user)
    first = new_tab(client, user, account_id)
    new_tab(client, user, account_id)

    updated = result_of(
        call(
            client,
            user,
            "tab.update",
            {
                "tabId": first["id"],
                "title": "Example",
                "url": "http://example.org/",
                "isActive": True,
                "scrollPositionX": 3,
                "scrollPositionY": 480,
                "zoomLevel": 0.25,
            },
        )
    )

    assert {
        k: updated[k] for k in ("title", "url", "isActive", "scrollPositionY", "zoomLevel")
    } == {
        "title": "Example",
        "url": "http://example.org/",
        "isActive": True,
        "scrollPositionY": 480,
        "zoomLevel": 0.25,
    }
    assert active_tabs(client, user, account_id) == [first["id"]]
    untouched = result_of(call(client, user, "tab.update", {"tabId": first["id"]}))
    assert (untouched["title"], untouched["scrollPositionX"]) == ("Example", 3)


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"url": "javascript:alert(1)"}, ["url"]),
        ({"url": "file:///etc/passwd"}, ["url"]),
        ({"url": "https://"}, ["url"]),
        ({"zoomLevel": 5.01}, ["zoomLevel"]),
        ({"zoomLevel": 0.2}, ["zoomLevel"]),
        ({"scrollPositionX": -1}, ["scrollPositionX"]),
        ({"title": None}, ["title"]),
        ({"isActive": "maybe"}, ["isActive"]),
        ({"pinned": True}, ["pinned"]),
        # A number field takes JSON numbers, a boolean field true or false, nothing else.
        ({"zoomLevel": True}, ["zoomLevel"]),
        ({"zoomLevel": "2"}, ["zoomLevel"]),
        ({"scrollPositionX": "2"}, ["scrollPositionX"]),
        ({"scrollPositionX": True}, ["scrollPositionX"]),
        ({"scrollPositionY": 2.0}, ["scrollPositionY"]),
        ({"isActive": "true"}, ["isActive"]),
        ({"isActive": 1}, ["isActive"]),
    ],
)
def test_update_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    user = make_user()
    tab = new_tab(client, user, new_account(client, user))

    answer = call(client, user, "tab.update", {"tabId": tab["id"], **params})

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_create_refuses_a_non_web_url(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    answer = call(
        client,
        user,
        "tab.create",
        {"accountId": new_account(client, user), "url": "data:text/html,x"},
    )
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["url"]]


def test_close_removes_the_tab(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    account_id = new_account(client, user)
    tab = new_tab(client, user, account_id)

    assert result_of(call(client, user, "tab.close", {"tabId": tab["id"]})) == {"success": True}
    assert result_of(call(client, user, "tab.list", {"accountId": account_id})) == []
    error_of(call(client, user, "tab.close", {"tabId": tab["id"]}), *NOT_FOUND)


def test_another_users_tabs_are_not_found(client: httpx.Client, make_user: MakeUser) -> None:
    owner, other = make_user(), make_user()
    account_id = new_account(client, owner)
    tab = new_tab(client, owner, account_id)

    for method, params in [
        ("tab.list", {"accountId": account_id}),
        ("tab.create", {"accountId": account_id}),
        ("tab.update", {"tabId": tab["id"], "title": "Mine now"}),
        ("tab.close", {"tabId": tab["id"]}),
        ("tab.list", {"accountId": MISSING_ID}),
        ("tab.update", {"tabId": MISSING_ID}),
    ]:
        error_of(call(client, other, method, params), *NOT_FOUND)
    [still] = result_of(call(client, owner, "tab.list", {"accountId": account_id}))
    assert still["title"] == "New Tab"


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("tab.list", {"accountId": MISSING_ID}),
        ("tab.create", {"accountId": MISSING_ID}),
        ("tab.update", {"tabId": MISSING_ID}),
        ("tab.close", {"tabId": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)


def test_twenty_concurrent_activations_leave_exactly_one_active_tab(
    server: LiveServer, make_user: MakeUser, client: httpx.Client
) -> None:
    user = make_user()
    account_id = new_account(client, user)
    tab_ids = [new_tab(client, user, account_id)["id"] for _ in range(20)]

    def activate(tab_id: str) -> dict[str, Any]:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            return rpc_call(own, "tab.update", {"tabId": tab_id, "isActive": True}, user.token)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(activate, tab_ids))

    assert all(result_of(answer)["isActive"] for answer in answers)
    active = active_tabs(client, user, account_id)
    assert len(active) == 1
    assert active[0] in tab_ids


def test_an_integer_is_a_number(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    tab = new_tab(client, user, new_account(client, user))

    updated = result_of(call(client, user, "tab.update", {"tabId": tab["id"], "zoomLevel": 2}))

    assert updated["zoomLevel"] == 2.0
