"""``workflow.template.*`` over real HTTP: creating, listing, reading, versioning by
update, deleting; every declared error, bad input, roles and anonymous callers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, result_of
from tests.e2e.workflow.calls import (
    BAD_REQUEST,
    CONFLICT,
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    NOT_WRITERS,
    READERS,
    TASK_KEYS,
    TEMPLATE_KEYS,
    UNAUTHORIZED,
    WRITERS,
    call,
    make_product,
    make_task_type,
    make_template,
    template_params,
    unique_name,
    update_params,
)
from tests.factories.tickets import make_ticket

JsonObject = dict[str, Any]


@pytest.fixture
def steps(client: httpx.Client, admin_account: Account) -> list[JsonObject]:
    """Three active task types."""
    return [make_task_type(client, admin_account) for _ in range(3)]


@pytest.fixture
def step_ids(steps: list[JsonObject]) -> list[str]:
    return [step["id"] for step in steps]


def get(client: httpx.Client, user: Account, template_id: str) -> JsonObject:
    found: JsonObject = result_of(
        call(client, user, "workflow.template.getById", {"template_id": template_id})
    )
    return found


def listed(client: httpx.Client, user: Account, **filters: Any) -> list[JsonObject]:
    rows: list[JsonObject] = result_of(call(client, user, "workflow.template.list", filters))
    return rows


# create


def test_create_answers_the_whole_template(
    client: httpx.Client, server: LiveServer, admin_account: Account, steps: list[JsonObject]
) -> None:
    product = make_product(server)
    params = {
        "name": unique_name("Standard Phone Repair"),
        "description": "For phones\nunder warranty",
        "product_type": product["id"],
        "service_type": "warranty",
        "enforce_sequence": False,
        "is_active": True,
        "tasks": [
            # Given out of order: answered in sequence order.
            {"task_type_id": steps[1]["id"], "sequence_order": 20, "is_required": False},
            {
                "task_type_id": steps[0]["id"],
                "sequence_order": 10,
                "custom_instructions": "Check the battery first",
            },
        ],
    }

    created = result_of(call(client, admin_account, "workflow.template.create", params))

    assert set(created) == TEMPLATE_KEYS
    assert {k: created[k] for k in ("name", "description", "product_type", "service_type")} == {
        k: params[k] for k in ("name", "description", "product_type", "service_type")
    }
    assert (created["enforce_sequence"], created["is_active"]) == (False, True)
    assert (created["version"], created["previous_version_id"]) == (1, None)
    assert created["product"] == product
    assert [set(task) for task in created["tasks"]] == [TASK_KEYS, TASK_KEYS]
    assert [
        (t["sequence_order"], t["is_required"], t["custom_instructions"], t["task_type"])
        for t in created["tasks"]
    ] == [(10, True, "Check the battery first", steps[0]), (20, False, None, steps[1])]
    assert get(client, admin_account, created["id"]) == created


def test_create_defaults_and_no_product(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    created = make_template(client, admin_account, step_ids[:1], service_type="paid")

    assert (created["product_type"], created["product"], created["description"]) == (
        None,
        None,
        None,
    )
    assert (created["enforce_sequence"], created["is_active"]) == (True, True)
    assert created["tasks"][0]["is_required"] is True


@pytest.mark.parametrize("role", WRITERS)
def test_managers_create(
    client: httpx.Client, make_user: MakeUser, step_ids: list[str], role: str
) -> None:
    created = make_template(client, make_user(role), step_ids)

    assert [task["sequence_order"] for task in created["tasks"]] == [1, 2, 3]


def test_duplicate_sequence_orders_are_bad_request_naming_them(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    tasks = [
        {"task_type_id": step_ids[0], "sequence_order": 2},
        {"task_type_id": step_ids[1], "sequence_order": 2},
        {"task_type_id": step_ids[2], "sequence_order": 5},
        {"task_type_id": step_ids[0], "sequence_order": 5},
        {"task_type_id": step_ids[1], "sequence_order": 1},
    ]
    params = template_params(step_ids, tasks=tasks)

    answer = call(client, admin_account, "workflow.template.create", params)

    error = error_of(answer, *BAD_REQUEST)
    assert (error["message"], error["data"]["httpStatus"]) == (
        "Duplicate sequence orders: 2, 5",
        400,
    )
    assert params["name"] not in [row["name"] for row in listed(client, admin_account)]


def test_an_unknown_task_type_is_not_found_naming_it(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    params = template_params([step_ids[0], MISSING_ID])

    answer = call(client, admin_account, "workflow.template.create", params)

    assert MISSING_ID in error_of(answer, *NOT_FOUND)["message"]


def test_an_inactive_task_type_is_not_found_naming_it(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    retired = make_task_type(client, admin_account, is_active=False)["id"]

    answer = call(
        client, admin_account, "workflow.template.create", template_params([retired, step_ids[0]])
    )

    message = error_of(answer, *NOT_FOUND)["message"]
    assert message == f"Task type not found or inactive: {retired}"


def test_an_unknown_product_model_is_not_found(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    params = template_params(step_ids, product_type=MISSING_ID)

    answer = call(client, admin_account, "workflow.template.create", params)

    assert error_of(answer, *NOT_FOUND)["message"] == "Product model not found"


def test_a_name_taken_by_an_active_template_is_conflict_ignoring_case(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    taken = make_template(client, admin_account, step_ids)["name"]

    answer = call(
        client,
        admin_account,
        "workflow.template.create",
        template_params(step_ids, name=taken.upper()),
    )

    message = error_of(answer, *CONFLICT)["message"]
    assert message == "An active template with this name already exists"


def test_an_inactive_templates_name_may_be_reused(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    retired = make_template(client, admin_account, step_ids, is_active=False)
    name = retired["name"]

    again = make_template(client, admin_account, step_ids, name=name)
    also_inactive = make_template(client, admin_account, step_ids, name=name, is_active=False)

    assert (retired["is_active"], again["is_active"], also_inactive["is_active"]) == (
        False,
        True,
        False,
    )


def valid_task(**fields: Any) -> JsonObject:
    return {"task_type_id": "00000000-0000-4000-8000-000000000001", "sequence_order": 1, **fields}


CREATE_INPUT_ERRORS: list[tuple[JsonObject, list[Any]]] = [
    ({"name": "ab"}, ["name"]),
    ({"name": "x" * 256}, ["name"]),
    ({"name": None}, ["name"]),
    ({"description": "x" * 2001}, ["description"]),
    ({"product_type": ""}, ["product_type"]),
    ({"service_type": "free"}, ["service_type"]),
    ({"service_type": None}, ["service_type"]),
    ({"enforce_sequence": "yes"}, ["enforce_sequence"]),
    ({"is_active": 1}, ["is_active"]),
    ({"tasks": []}, ["tasks"]),
    ({"tasks": [valid_task()] * 101}, ["tasks"]),
    ({"tasks": [valid_task(sequence_order=0)]}, ["tasks", 0, "sequence_order"]),
    ({"tasks": [valid_task(sequence_order=1.0)]}, ["tasks", 0, "sequence_order"]),
    ({"tasks": [valid_task(sequence_order="1")]}, ["tasks", 0, "sequence_order"]),
    ({"tasks": [valid_task(task_type_id="")]}, ["tasks", 0, "task_type_id"]),
    ({"tasks": [valid_task(is_required="false")]}, ["tasks", 0, "is_required"]),
    ({"tasks": [valid_task(custom_instructions="x" * 2001)]}, ["tasks", 0, "custom_instructions"]),
    ({"tasks": [valid_task(extra=True)]}, ["tasks", 0, "extra"]),
    ({"version": 3}, ["version"]),
]


@pytest.mark.parametrize(("fields", "path"), CREATE_INPUT_ERRORS)
def test_create_refuses_invalid_input_naming_the_field(
    client: httpx.Client, admin_account: Account, fields: JsonObject, path: list[Any]
) -> None:
    params = template_params(["00000000-0000-4000-8000-000000000001"], **fields)

    answer = call(client, admin_account, "workflow.template.create", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


@pytest.mark.parametrize("missing", ["name", "service_type", "tasks"])
def test_create_requires_its_fields(
    client: httpx.Client, admin_account: Account, missing: str
) -> None:
    params = template_params(["00000000-0000-4000-8000-000000000001"])
    del params[missing]

    answer = call(client, admin_account, "workflow.template.create", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [[missing]]


# list and getById


def test_list_filters_and_orders(
    client: httpx.Client, server: LiveServer, admin_account: Account, step_ids: list[str]
) -> None:
    product = make_product(server)
    tag = unique_name("")
    beta = make_template(
        client, admin_account, step_ids, name=f"beta{tag}", product_type=product["id"]
    )
    alpha = make_template(
        client,
        admin_account,
        step_ids[:1],
        name=f"Alpha{tag}",
        product_type=product["id"],
        service_type="paid",
    )
    retired = make_template(
        client,
        admin_account,
        step_ids[1:],
        name=f"Gamma{tag}",
        product_type=product["id"],
        is_active=False,
    )

    def ids(**filters: Any) -> list[str]:
        return [row["id"] for row in listed(client, admin_account, **filters)]

    assert ids(product_type=product["id"]) == [alpha["id"], beta["id"], retired["id"]]
    assert ids(product_type=product["id"], service_type="warranty") == [beta["id"], retired["id"]]
    assert ids(product_type=product["id"], is_active=True) == [alpha["id"], beta["id"]]
    assert ids(product_type=product["id"], is_active=False) == [retired["id"]]
    assert ids(product_type=product["id"], service_type="replacement") == []
    assert ids(product_type=MISSING_ID) == []
    everything = listed(client, admin_account)
    assert {alpha["id"], beta["id"], retired["id"]} <= {row["id"] for row in everything}
    # Each with its product and its own tasks, as getById answers it.
    by_id = {row["id"]: row for row in everything}
    for template in (alpha, beta, retired):
        assert by_id[template["id"]] == get(client, admin_account, template["id"]) == template


def test_list_orders_the_newest_version_first(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    first = make_template(client, admin_account, step_ids)
    second = result_of(
        call(client, admin_account, "workflow.template.update", update_params(first))
    )

    named = [row for row in listed(client, admin_account) if row["name"] == first["name"]]

    assert [(row["id"], row["version"]) for row in named] == [(second["id"], 2), (first["id"], 1)]


@pytest.mark.parametrize("role", READERS)
def test_every_role_lists_and_reads(
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    step_ids: list[str],
    role: str,
) -> None:
    template = make_template(client, admin_account, step_ids)
    reader = make_user(role)

    assert template in listed(client, reader, is_active=True)
    assert get(client, reader, template["id"]) == template


def test_get_by_id_of_no_template_is_not_found(
    client: httpx.Client, admin_account: Account
) -> None:
    answer = call(client, admin_account, "workflow.template.getById", {"template_id": MISSING_ID})

    assert error_of(answer, *NOT_FOUND)["message"] == "Template not found"


@pytest.mark.parametrize(
    ("method", "params", "path"),
    [
        ("workflow.template.list", {"service_type": "free"}, ["service_type"]),
        ("workflow.template.list", {"is_active": "true"}, ["is_active"]),
        ("workflow.template.list", {"product_type": "x" * 65}, ["product_type"]),
        ("workflow.template.list", {"limit": 10}, ["limit"]),
        ("workflow.template.getById", {}, ["template_id"]),
        ("workflow.template.getById", {"template_id": ""}, ["template_id"]),
        ("workflow.template.getById", {"template_id": 7}, ["template_id"]),
    ],
)
def test_reads_refuse_invalid_input_naming_the_field(
    client: httpx.Client, admin_account: Account, method: str, params: JsonObject, path: list[str]
) -> None:
    answer = call(client, admin_account, method, params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


# update


def test_update_makes_the_next_version_and_deactivates_the_old(
    client: httpx.Client, server: LiveServer, admin_account: Account, steps: list[JsonObject]
) -> None:
    first = make_template(client, admin_account, [steps[0]["id"]], description="v1")
    product = make_product(server, "Pixel 9")
    changes = {
        "description": None,
        "product_type": product["id"],
        "service_type": "replacement",
        "enforce_sequence": False,
        "tasks": [
            {"task_type_id": steps[2]["id"], "sequence_order": 2, "is_required": False},
            {"task_type_id": steps[1]["id"], "sequence_order": 1, "is_required": True},
        ],
    }

    second = result_of(
        call(client, admin_account, "workflow.template.update", update_params(first, **changes))
    )

    assert set(second) == TEMPLATE_KEYS
    assert second["id"] != first["id"]
    assert (second["name"], second["version"], second["previous_version_id"]) == (
        first["name"],
        2,
        first["id"],
    )
    assert (second["description"], second["product"], second["service_type"]) == (
        None,
        product,
        "replacement",
    )
    assert (second["is_active"], second["enforce_sequence"]) == (True, False)
    assert [(t["task_type"]["id"], t["is_required"]) for t in second["tasks"]] == [
        (steps[1]["id"], True),
        (steps[2]["id"], False),
    ]
    # The old version stays readable, unchanged but inactive.
    assert get(client, admin_account, first["id"]) == {**first, "is_active": False}
    third = result_of(
        call(client, admin_account, "workflow.template.update", update_params(second))
    )
    assert (third["version"], third["previous_version_id"]) == (3, second["id"])
    active = listed(client, admin_account, is_active=True)
    assert [row["id"] for row in active if row["name"] == first["name"]] == [third["id"]]


def test_update_may_rename(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    first = make_template(client, admin_account, step_ids)
    name = unique_name("Renamed")

    second = result_of(
        call(client, admin_account, "workflow.template.update", update_params(first, name=name))
    )

    assert (second["name"], second["version"]) == (name, 2)


@pytest.mark.parametrize("role", WRITERS)
def test_managers_update(
    client: httpx.Client, make_user: MakeUser, step_ids: list[str], role: str
) -> None:
    user = make_user(role)
    first = make_template(client, user, step_ids)

    second = result_of(call(client, user, "workflow.template.update", update_params(first)))

    assert second["version"] == 2


def test_updating_a_version_no_longer_active_is_conflict(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    first = make_template(client, admin_account, step_ids)
    result_of(call(client, admin_account, "workflow.template.update", update_params(first)))
    retired = make_template(client, admin_account, step_ids, is_active=False)

    for stale in (first, retired):
        answer = call(client, admin_account, "workflow.template.update", update_params(stale))
        assert error_of(answer, *CONFLICT)["message"] == (
            "This template version is no longer active: it was updated or deleted"
        )


def test_update_to_a_name_another_active_template_has_is_conflict(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    mine = make_template(client, admin_account, step_ids)
    theirs = make_template(client, admin_account, step_ids)

    answer = call(
        client,
        admin_account,
        "workflow.template.update",
        update_params(mine, name=theirs["name"].lower()),
    )

    error_of(answer, *CONFLICT)
    # Nothing changed: the version is still the active one.
    assert get(client, admin_account, mine["id"]) == mine


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"template_id": MISSING_ID}, NOT_FOUND, "Template not found"),
        ({"product_type": MISSING_ID}, NOT_FOUND, "Product model not found"),
        (
            {"tasks": [{"task_type_id": MISSING_ID, "sequence_order": 1, "is_required": True}]},
            NOT_FOUND,
            f"Task type not found or inactive: {MISSING_ID}",
        ),
    ],
)
def test_update_of_or_to_what_does_not_exist_is_not_found(
    client: httpx.Client,
    admin_account: Account,
    step_ids: list[str],
    changes: JsonObject,
    error: tuple[int, str],
    message: str,
) -> None:
    first = make_template(client, admin_account, step_ids)

    answer = call(
        client, admin_account, "workflow.template.update", update_params(first, **changes)
    )

    assert error_of(answer, *error)["message"] == message
    assert get(client, admin_account, first["id"]) == first


def test_update_with_duplicate_sequence_orders_is_bad_request(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    first = make_template(client, admin_account, step_ids)
    tasks = [
        {"task_type_id": step_id, "sequence_order": 3, "is_required": True} for step_id in step_ids
    ]

    answer = call(
        client, admin_account, "workflow.template.update", update_params(first, tasks=tasks)
    )

    assert error_of(answer, *BAD_REQUEST)["message"] == "Duplicate sequence orders: 3"
    assert get(client, admin_account, first["id"]) == first


UPDATE_TASK = {"task_type_id": MISSING_ID, "sequence_order": 1, "is_required": True}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"template_id": ""}, ["template_id"]),
        ({"name": "ab"}, ["name"]),
        ({"service_type": "gratis"}, ["service_type"]),
        ({"enforce_sequence": "no"}, ["enforce_sequence"]),
        ({"tasks": []}, ["tasks"]),
        ({"tasks": [{**UPDATE_TASK, "sequence_order": -1}]}, ["tasks", 0, "sequence_order"]),
        (
            {"tasks": [{"task_type_id": MISSING_ID, "sequence_order": 1}]},
            ["tasks", 0, "is_required"],
        ),
        ({"is_active": True}, ["is_active"]),
    ],
)
def test_update_refuses_invalid_input_naming_the_field(
    client: httpx.Client, admin_account: Account, changes: JsonObject, path: list[Any]
) -> None:
    params = {
        "template_id": MISSING_ID,
        "name": "Valid name",
        "service_type": "paid",
        "enforce_sequence": True,
        "tasks": [UPDATE_TASK],
        **changes,
    }

    answer = call(client, admin_account, "workflow.template.update", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


@pytest.mark.parametrize(
    "missing", ["template_id", "name", "service_type", "enforce_sequence", "tasks"]
)
def test_update_requires_its_fields(
    client: httpx.Client, admin_account: Account, missing: str
) -> None:
    params = {
        "template_id": MISSING_ID,
        "name": "Valid name",
        "service_type": "paid",
        "enforce_sequence": True,
        "tasks": [UPDATE_TASK],
    }
    del params[missing]

    answer = call(client, admin_account, "workflow.template.update", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [[missing]]


# delete


def test_delete_is_soft_by_default(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    template = make_template(client, admin_account, step_ids)

    answer = call(
        client, admin_account, "workflow.template.delete", {"template_id": template["id"]}
    )

    assert result_of(answer) == {"success": True, "soft_deleted": True}
    assert get(client, admin_account, template["id"]) == {**template, "is_active": False}
    assert template["id"] not in [
        row["id"] for row in listed(client, admin_account, is_active=True)
    ]
    # Deactivating again changes nothing and is no error; updating it is CONFLICT.
    again = call(client, admin_account, "workflow.template.delete", {"template_id": template["id"]})
    assert result_of(again) == {"success": True, "soft_deleted": True}
    stale = call(client, admin_account, "workflow.template.update", update_params(template))
    error_of(stale, *CONFLICT)


@pytest.mark.parametrize("role", WRITERS)
def test_managers_delete_for_good(
    client: httpx.Client, make_user: MakeUser, step_ids: list[str], role: str
) -> None:
    user = make_user(role)
    template = make_template(client, user, step_ids)
    params = {"template_id": template["id"], "soft_delete": False}

    answer = call(client, user, "workflow.template.delete", params)

    assert result_of(answer) == {"success": True, "soft_deleted": False}
    gone = call(client, user, "workflow.template.getById", {"template_id": template["id"]})
    error_of(gone, *NOT_FOUND)
    # Its name is free again.
    make_template(client, user, step_ids, name=template["name"])


def test_deleting_a_version_others_derive_from_is_conflict(
    client: httpx.Client, admin_account: Account, step_ids: list[str]
) -> None:
    first = make_template(client, admin_account, step_ids)
    second = result_of(
        call(client, admin_account, "workflow.template.update", update_params(first))
    )

    answer = call(
        client,
        admin_account,
        "workflow.template.delete",
        {"template_id": first["id"], "soft_delete": False},
    )

    assert (
        "Other versions derive from this template version" in error_of(answer, *CONFLICT)["message"]
    )
    assert get(client, admin_account, first["id"])["is_active"] is False
    # The newest version may go; then the old one has no successor left.
    for template in (second, first):
        params = {"template_id": template["id"], "soft_delete": False}
        assert result_of(call(client, admin_account, "workflow.template.delete", params)) == {
            "success": True,
            "soft_deleted": False,
        }


def ticket_on(server: LiveServer, template_id: str, status: str) -> None:
    """A ticket made from the template version, written straight to the database."""
    with server.db() as session:
        make_ticket(session, template_id=template_id, status=status)


@pytest.mark.parametrize("status", ["pending", "in_progress"])
@pytest.mark.parametrize("soft", [True, False])
def test_a_template_tickets_work_on_is_kept(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    step_ids: list[str],
    status: str,
    soft: bool,
) -> None:
    template = make_template(client, admin_account, step_ids)
    ticket_on(server, template["id"], status)
    params = {"template_id": template["id"], "soft_delete": soft}

    answer = call(client, admin_account, "workflow.template.delete", params)

    assert error_of(answer, *CONFLICT)["message"] == (
        "The template is in use by tickets that are pending or in progress"
    )
    assert get(client, admin_account, template["id"]) == template


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_template_done_tickets_used_is_deactivated_not_deleted(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    step_ids: list[str],
    status: str,
) -> None:
    template = make_template(client, admin_account, step_ids)
    ticket_on(server, template["id"], status)
    for_good = {"template_id": template["id"], "soft_delete": False}

    refused = call(client, admin_account, "workflow.template.delete", for_good)
    assert error_of(refused, *CONFLICT)["message"] == (
        "The template was used by tickets: deactivate it instead (soft_delete)"
    )
    soft = call(client, admin_account, "workflow.template.delete", {"template_id": template["id"]})
    assert result_of(soft) == {"success": True, "soft_deleted": True}
    assert get(client, admin_account, template["id"]) == {**template, "is_active": False}


@pytest.mark.parametrize("soft", [True, False])
def test_deleting_no_template_is_not_found(
    client: httpx.Client, admin_account: Account, soft: bool
) -> None:
    params = {"template_id": MISSING_ID, "soft_delete": soft}

    answer = call(client, admin_account, "workflow.template.delete", params)

    assert error_of(answer, *NOT_FOUND)["message"] == "Template not found"


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({}, ["template_id"]),
        ({"template_id": "bad\nid"}, ["template_id"]),
        ({"template_id": MISSING_ID, "soft_delete": "false"}, ["soft_delete"]),
        ({"template_id": MISSING_ID, "soft_delete": None}, ["soft_delete"]),
    ],
)
def test_delete_refuses_invalid_input_naming_the_field(
    client: httpx.Client, admin_account: Account, params: JsonObject, path: list[str]
) -> None:
    answer = call(client, admin_account, "workflow.template.delete", params)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


# roles and anonymous callers


@pytest.mark.parametrize("role", NOT_WRITERS)
@pytest.mark.parametrize("method", ["create", "update", "delete"])
def test_only_managers_write(
    client: httpx.Client,
    make_user: MakeUser,
    admin_account: Account,
    step_ids: list[str],
    role: str,
    method: str,
) -> None:
    template = make_template(client, admin_account, step_ids)
    params = {
        "create": template_params(step_ids),
        "update": update_params(template),
        "delete": {"template_id": template["id"], "soft_delete": False},
    }[method]

    answer = call(client, make_user(role), f"workflow.template.{method}", params)

    error_of(answer, *FORBIDDEN)
    assert get(client, admin_account, template["id"]) == template


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("workflow.template.list", {}),
        ("workflow.template.getById", {"template_id": MISSING_ID}),
        ("workflow.template.create", template_params([MISSING_ID])),
        (
            "workflow.template.update",
            {
                "template_id": MISSING_ID,
                "name": "Valid name",
                "service_type": "paid",
                "enforce_sequence": True,
                "tasks": [UPDATE_TASK],
            },
        ),
        ("workflow.template.delete", {"template_id": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: JsonObject
) -> None:
    error_of(call(client, None, method, params), *UNAUTHORIZED)
