"""``customers.*`` over real HTTP: listing and paging, phone and email uniqueness, the
unsubscribe page's tokens, deletion, the month's new customers, roles and limits."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.e2e.browser import (
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    call,
)
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    create_admin_account,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
    unique_email,
)
from tests.factories.tickets import make_ticket
from tests.rate_windows import within_one_window

CUSTOMER_KEYS = {
    "id",
    "name",
    "phone",
    "email",
    "address",
    "email_preferences",
    "created_at",
    "updated_at",
}
EMAIL_TYPES = {
    "request_submitted",
    "request_received",
    "request_rejected",
    "ticket_created",
    "service_completed",
    "delivery_confirmed",
}
ALL_WANTED = dict.fromkeys(EMAIL_TYPES, True)
ROLES = ["admin", "manager", "technician", "reception"]
StartServer = Callable[..., LiveServer]


def unique_digits() -> str:
    """Ten digits no other test's customer has (a random 9-digit tail)."""
    return "7" + f"{secrets.randbelow(10**9):09d}"


def spelled(digits: str) -> str:
    """Ten digits as a person might type them: "(777) 123-4567"."""
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def create(
    client: httpx.Client, user: Account, name: str = "Customer", **fields: Any
) -> dict[str, Any]:
    params = {"name": name, "phone": spelled(unique_digits()), **fields}
    created: dict[str, Any] = result_of(call(client, user, "customers.createCustomer", params))
    assert created["success"] is True
    customer: dict[str, Any] = created["customer"]
    return customer


def token_for(server: LiveServer, customer: dict[str, Any]) -> str:
    return server.services.customer_links.token_for(customer["id"], customer["email"])


def test_create_then_list_every_customer(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user("reception")
    email = unique_email("Customer").upper()

    created = create(client, user, "Zed Customer", email=email, address="1 Main St\nFloor 2")

    assert set(created) == CUSTOMER_KEYS
    assert (created["email"], created["address"]) == (email.lower(), "1 Main St\nFloor 2")
    assert created["email_preferences"] == ALL_WANTED
    assert created["created_at"] == created["updated_at"]
    listed = result_of(call(client, user, "customers.getCustomers"))
    assert isinstance(listed, list)
    assert created in listed


def test_the_array_is_ordered_by_name(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    ids = [create(client, user, name)["id"] for name in ("Mo B", "Mo C", "Mo A")]

    listed = result_of(call(client, user, "customers.getCustomers", {}))

    # Only these: how other names sort is the database's collation (punctuation, case).
    mine = [customer["name"] for customer in listed if customer["id"] in ids]
    assert mine == ["Mo A", "Mo B", "Mo C"]


def test_any_paging_field_asks_for_a_page(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    tag = secrets.token_hex(4)
    for letter in "CAB":
        create(client, user, f"Page {tag} {letter}")

    page = result_of(call(client, user, "customers.getCustomers", {"search": tag, "limit": 2}))
    rest = result_of(
        call(client, user, "customers.getCustomers", {"search": tag.upper(), "offset": 2})
    )

    assert set(page) == {"customers", "total"}
    assert [c["name"] for c in page["customers"]] == [f"Page {tag} A", f"Page {tag} B"]
    assert (page["total"], rest["total"]) == (3, 3)
    assert [c["name"] for c in rest["customers"]] == [f"Page {tag} C"]
    everyone = result_of(call(client, user, "customers.getCustomers", {"offset": 0}))
    assert set(everyone) == {"customers", "total"}


def test_search_finds_phone_digits_and_email(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    digits = unique_digits()
    email = unique_email("searched")
    customer = create(client, user, phone=spelled(digits), email=email)

    for search in (digits[3:], f"{digits[3:6]} {digits[6:]}", spelled(digits), email.upper()):
        page = result_of(call(client, user, "customers.getCustomers", {"search": search}))
        assert [c["id"] for c in page["customers"]] == [customer["id"]], search


def test_search_takes_percent_and_underscore_literally(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    tag = secrets.token_hex(4)
    literal = create(client, user, f"{tag} 100%_off")
    create(client, user, f"{tag} 1000 off")

    page = result_of(call(client, user, "customers.getCustomers", {"search": f"{tag} 100%_"}))

    assert [c["id"] for c in page["customers"]] == [literal["id"]]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"limit": 0}, ["limit"]),
        ({"limit": 101}, ["limit"]),
        ({"limit": "10"}, ["limit"]),
        ({"offset": -1}, ["offset"]),
        ({"search": ""}, ["search"]),
        ({"search": "a\x00b"}, ["search"]),
        ({"page": 1}, ["page"]),
    ],
)
def test_get_customers_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, make_user(), "customers.getCustomers", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_two_spellings_of_one_phone_are_one_customer(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    digits = unique_digits()
    create(client, user, phone=f"+1 ({digits[:3]}) {digits[3:6]}-{digits[6:]}")

    again = {"name": "Twin", "phone": f"+1 {digits[:3]} {digits[3:6]} {digits[6:]}"}
    answer = call(client, user, "customers.createCustomer", again)

    assert error_of(answer, *CONFLICT)["message"] == "Another customer has this phone number"
    other_number = {"name": "Local", "phone": digits}  # no country code: other digits
    assert result_of(call(client, user, "customers.createCustomer", other_number))["success"]


def test_an_email_is_one_customers_ignoring_case(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    email = unique_email("shared")
    create(client, user, email=email)

    params = {"name": "Other", "phone": spelled(unique_digits()), "email": email.upper()}
    answer = call(client, user, "customers.createCustomer", params)

    assert error_of(answer, *CONFLICT)["message"] == "Another customer has this email"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"name": ""}, ["name"]),
        ({"name": "x" * 256}, ["name"]),
        ({"name": "a\nb"}, ["name"]),
        ({"phone": "12345 6789"}, ["phone"]),  # nine digits
        ({"phone": "555-010-2030 x1"}, ["phone"]),
        ({"phone": "1" * 33}, ["phone"]),
        ({"phone": 5550102030}, ["phone"]),
        ({"phone": None}, ["phone"]),
        ({"email": "not-an-email"}, ["email"]),
        ({"address": "x" * 2001}, ["address"]),
        ({"address": "a\x00b"}, ["address"]),
        ({"notes": "x"}, ["notes"]),
    ],
)
def test_create_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, fields: dict[str, Any], path: list[str]
) -> None:
    params = {"name": "Valid", "phone": spelled(unique_digits()), **fields}
    answer = call(client, make_user(), "customers.createCustomer", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_update_changes_and_clears_fields(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    customer = create(client, user, "Old", email=unique_email("old"), address="Somewhere")
    digits = unique_digits()

    params = {
        "id": customer["id"],
        "name": "New",
        "phone": f"+{digits}",
        "email": None,
        "address": None,
    }
    updated = result_of(call(client, user, "customers.updateCustomer", params))

    assert updated["success"] is True
    changed = updated["customer"]
    assert (changed["name"], changed["phone"], changed["email"], changed["address"]) == (
        "New",
        f"+{digits}",
        None,
        None,
    )
    assert changed["created_at"] == customer["created_at"]
    assert changed["updated_at"] >= customer["updated_at"]
    kept = result_of(call(client, user, "customers.updateCustomer", {"id": customer["id"]}))
    assert kept["customer"]["name"] == "New"


def test_update_keeps_its_own_phone_and_email(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    email = unique_email("own")
    customer = create(client, user, email=email)
    same_number = customer["phone"].replace("(", "").replace(")", "")

    params = {"id": customer["id"], "phone": same_number, "email": email.upper()}
    updated = result_of(call(client, user, "customers.updateCustomer", params))

    assert (updated["customer"]["phone"], updated["customer"]["email"]) == (same_number, email)


def test_update_refuses_anothers_phone_or_email(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    taken = create(client, user, email=unique_email("taken"))
    customer = create(client, user)

    for field in ("phone", "email"):
        params = {"id": customer["id"], field: taken[field]}
        error_of(call(client, user, "customers.updateCustomer", params), *CONFLICT)


def test_update_of_an_unknown_customer_is_not_found(
    client: httpx.Client, make_user: MakeUser
) -> None:
    answer = call(client, make_user(), "customers.updateCustomer", {"id": MISSING_ID, "name": "X"})
    assert error_of(answer, *NOT_FOUND)["message"] == "Customer not found"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"name": None}, ["name"]),
        ({"phone": "call me"}, ["phone"]),
        ({"email": "x@"}, ["email"]),
        ({"id": ""}, ["id"]),
    ],
)
def test_update_refuses_invalid_input(
    client: httpx.Client, make_user: MakeUser, fields: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, make_user(), "customers.updateCustomer", {"id": MISSING_ID, **fields})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_delete_then_not_found(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    customer = create(client, user)

    deleted = result_of(call(client, user, "customers.deleteCustomer", {"id": customer["id"]}))

    assert deleted == {"success": True}
    assert customer["id"] not in {
        c["id"] for c in result_of(call(client, user, "customers.getCustomers"))
    }
    again = call(client, user, "customers.deleteCustomer", {"id": customer["id"]})
    error_of(again, *NOT_FOUND)


def test_delete_is_refused_while_a_ticket_names_the_customer(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    customer = create(client, user)
    with server.db() as session:
        make_ticket(session, customer_id=customer["id"], status="completed")

    answer = call(client, user, "customers.deleteCustomer", {"id": customer["id"]})

    assert "tickets" in error_of(answer, *CONFLICT)["message"]
    assert customer["id"] in {
        c["id"] for c in result_of(call(client, user, "customers.getCustomers"))
    }


def test_delete_refuses_invalid_input(client: httpx.Client, make_user: MakeUser) -> None:
    answer = call(client, make_user(), "customers.deleteCustomer", {"id": 7})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["id"]]


def test_get_by_email_answers_the_contact_with_the_links_token(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    customer = create(client, make_user(), "Linked", email=unique_email("linked"), address="Hidden")

    params = {"email": customer["email"].upper(), "token": token_for(server, customer)}
    found = result_of(rpc_call(client, "customers.getByEmail", params))

    assert found == {
        "id": customer["id"],
        "name": "Linked",
        "email": customer["email"],
        "email_preferences": ALL_WANTED,
    }


def test_get_by_email_without_the_right_token_is_null(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    customer = create(client, user, email=unique_email("guarded"))
    other = create(client, user, email=unique_email("other"))
    email = customer["email"]

    for params in (
        {"email": email},
        {"email": email, "token": ""},
        {"email": email, "token": "x" * 43},
        {"email": email, "token": token_for(server, other)},
        {"email": unique_email("nobody"), "token": token_for(server, customer)},
    ):
        assert result_of(rpc_call(client, "customers.getByEmail", params)) is None, params


def test_a_new_email_ends_the_old_links(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    customer = create(client, user, email=unique_email("before"))
    old_token = token_for(server, customer)
    new_email = unique_email("after")
    call(client, user, "customers.updateCustomer", {"id": customer["id"], "email": new_email})

    for email in (customer["email"], new_email):
        params = {"email": email, "token": old_token}
        assert result_of(rpc_call(client, "customers.getByEmail", params)) is None
    renewed = {"email": new_email, "token": token_for(server, {**customer, "email": new_email})}
    assert result_of(rpc_call(client, "customers.getByEmail", renewed))["id"] == customer["id"]


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({}, ["email"]),
        ({"email": "nope", "token": "t"}, ["email"]),
        ({"email": "a@example.com", "token": 1}, ["token"]),
        ({"email": "a@example.com", "token": "t" * 129}, ["token"]),
    ],
)
def test_get_by_email_refuses_invalid_input(
    client: httpx.Client, params: dict[str, Any], path: list[str]
) -> None:
    answer = rpc_call(client, "customers.getByEmail", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_update_email_preferences_merges_the_given_types(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    customer = create(client, user, email=unique_email("prefs"))
    token = token_for(server, customer)

    def update(preferences: dict[str, bool]) -> Any:
        params = {"email": customer["email"], "token": token, "preferences": preferences}
        return result_of(rpc_call(client, "customers.updateEmailPreferences", params))

    assert update({"service_completed": False, "delivery_confirmed": True}) == {"success": True}
    assert update({"ticket_created": False}) == {"success": True}

    found = result_of(
        rpc_call(client, "customers.getByEmail", {"email": customer["email"], "token": token})
    )
    expected = {**ALL_WANTED, "service_completed": False, "ticket_created": False}
    assert found["email_preferences"] == expected
    [listed] = [
        c
        for c in result_of(call(client, user, "customers.getCustomers"))
        if c["id"] == customer["id"]
    ]
    assert listed["email_preferences"] == expected


def test_update_email_preferences_without_the_right_token_is_not_found(
    client: httpx.Client, server: LiveServer, make_user: MakeUser
) -> None:
    user = make_user()
    customer = create(client, user, email=unique_email("locked"))
    preferences = {"service_completed": False}

    for params in (
        {"email": customer["email"], "preferences": preferences},
        {"email": customer["email"], "token": "wrong", "preferences": preferences},
        {
            "email": unique_email("nobody"),
            "token": token_for(server, customer),
            "preferences": preferences,
        },
    ):
        answer = rpc_call(client, "customers.updateEmailPreferences", params)
        error_of(answer, *NOT_FOUND)
    [listed] = [
        c
        for c in result_of(call(client, user, "customers.getCustomers"))
        if c["id"] == customer["id"]
    ]
    assert listed["email_preferences"] == ALL_WANTED


@pytest.mark.parametrize(
    ("preferences", "path"),
    [
        ({"marketing": False}, ["preferences", "marketing"]),
        ({"service_completed": "false"}, ["preferences", "service_completed"]),
        ({"service_completed": 0}, ["preferences", "service_completed"]),
        ({"service_completed": None}, ["preferences", "service_completed"]),
        ([], ["preferences"]),
    ],
)
def test_update_email_preferences_refuses_invalid_input(
    client: httpx.Client, preferences: Any, path: list[str]
) -> None:
    params = {"email": "a@example.com", "token": "t", "preferences": preferences}
    answer = rpc_call(client, "customers.updateEmailPreferences", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_get_new_customers_counts_this_month(client: httpx.Client, make_user: MakeUser) -> None:
    user = make_user()
    newest = create(client, user)

    summary = result_of(call(client, user, "customers.getNewCustomers"))

    assert set(summary) == {
        "currentMonthCount",
        "previousMonthCount",
        "growthRate",
        "hasPreviousData",
        "latestUpdate",
    }
    assert summary["latestUpdate"] == newest["created_at"]
    assert summary["hasPreviousData"] is (summary["previousMonthCount"] > 0)
    assert isinstance(summary["growthRate"], int | float)


def test_get_new_customers_with_no_customers_is_zero_and_null(
    start_server: StartServer,
) -> None:
    live = start_server()
    user = create_admin_account(live)
    with httpx.Client(base_url=live.url) as client:
        summary = result_of(call(client, user, "customers.getNewCustomers"))

    assert summary == {
        "currentMonthCount": 0,
        "previousMonthCount": 0,
        "growthRate": 0,
        "hasPreviousData": False,
        "latestUpdate": None,
    }


def test_get_new_customers_refuses_params(client: httpx.Client, make_user: MakeUser) -> None:
    answer = call(client, make_user(), "customers.getNewCustomers", {"month": 1})
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["month"]]


SIGNED_IN_CALLS = [
    ("customers.getCustomers", {}),
    ("customers.createCustomer", {"name": "A", "phone": "5550102030"}),
    ("customers.updateCustomer", {"id": MISSING_ID}),
    ("customers.deleteCustomer", {"id": MISSING_ID}),
    ("customers.getNewCustomers", {}),
]


@pytest.mark.parametrize(("method", "params"), SIGNED_IN_CALLS)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, method, params), *UNAUTHORIZED)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_manages_customers(client: httpx.Client, make_user: MakeUser, role: str) -> None:
    user = make_user(role)
    customer = create(client, user, f"By {role}")
    params = {"id": customer["id"], "address": "Here"}

    assert result_of(call(client, user, "customers.updateCustomer", params))["success"]
    assert isinstance(result_of(call(client, user, "customers.getCustomers")), list)
    assert "currentMonthCount" in result_of(call(client, user, "customers.getNewCustomers"))
    assert result_of(call(client, user, "customers.deleteCustomer", {"id": customer["id"]}))


def test_the_unsubscribe_page_is_rate_limited(start_server: StartServer) -> None:
    limited = ["customers.getByEmail", "customers.updateEmailPreferences"]
    live = start_server(rate_limit_overrides=",".join(f"{name}=1/minute" for name in limited))
    within_one_window("minute")
    params: dict[str, Any] = {
        "customers.getByEmail": {"email": "a@example.com", "token": "t"},
        "customers.updateEmailPreferences": {
            "email": "a@example.com",
            "token": "t",
            "preferences": {},
        },
    }
    with httpx.Client(base_url=live.url) as client:
        for method in limited:
            rpc_call(client, method, params[method])
            error = error_of(rpc_call(client, method, params[method]), *TOO_MANY_REQUESTS)
            assert (error["data"]["limit"], error["data"]["window"]) == (1, "minute")
