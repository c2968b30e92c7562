"""``workflow.taskType.*`` over real HTTP: listing the active ones, creating, roles."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Account, MakeUser, error_of, issue_paths, result_of
from tests.e2e.workflow.calls import (
    CONFLICT,
    FORBIDDEN,
    INVALID_PARAMS,
    NOT_WRITERS,
    READERS,
    TASK_TYPE_KEYS,
    UNAUTHORIZED,
    WRITERS,
    call,
    make_task_type,
    unique_name,
)


def listed_ids(client: httpx.Client, user: Account) -> list[str]:
    return [row["id"] for row in result_of(call(client, user, "workflow.taskType.list"))]


def test_create_answers_every_field_with_the_defaults(
    client: httpx.Client, admin_account: Account
) -> None:
    name = unique_name("Screen Calibration")

    created = result_of(call(client, admin_account, "workflow.taskType.create", {"name": name}))

    assert set(created) == TASK_TYPE_KEYS
    assert {k: v for k, v in created.items() if k not in ("id", "created_at")} == {
        "name": name,
        "description": None,
        "category": None,
        "estimated_duration_minutes": None,
        "requires_notes": False,
        "requires_photo": False,
        "is_active": True,
    }


@pytest.mark.parametrize("role", WRITERS)
def test_managers_create_with_every_field(
    client: httpx.Client, make_user: MakeUser, role: str
) -> None:
    fields = {
        "name": unique_name("Calibrate"),
        "description": "Line one\nline two",
        "category": "Quality Check",
        "estimated_duration_minutes": 15,
        "requires_notes": True,
        "requires_photo": True,
        "is_active": True,
    }

    created = result_of(call(client, make_user(role), "workflow.taskType.create", fields))

    assert {k: created[k] for k in fields} == fields


def test_list_answers_the_active_ones_by_name_ignoring_case(
    client: httpx.Client, admin_account: Account
) -> None:
    tag = unique_name("")
    bravo = make_task_type(client, admin_account, name=f"bravo{tag}")
    alpha = make_task_type(client, admin_account, name=f"Alpha{tag}")
    hidden = make_task_type(client, admin_account, name=f"Charlie{tag}", is_active=False)

    listed = result_of(call(client, admin_account, "workflow.taskType.list"))

    ids = [row["id"] for row in listed]
    assert hidden["id"] not in ids
    assert ids.index(alpha["id"]) < ids.index(bravo["id"])
    assert next(row for row in listed if row["id"] == alpha["id"]) == alpha
    assert all(set(row) == TASK_TYPE_KEYS and row["is_active"] for row in listed)


@pytest.mark.parametrize("role", READERS)
def test_every_role_lists(
    client: httpx.Client, make_user: MakeUser, admin_account: Account, role: str
) -> None:
    made = make_task_type(client, admin_account)

    assert made["id"] in listed_ids(client, make_user(role))


@pytest.mark.parametrize("taken", ["{name}", "{upper}", "  {name}  "])
def test_a_name_taken_ignoring_case_is_conflict(
    client: httpx.Client, admin_account: Account, taken: str
) -> None:
    name = unique_name("Diagnosis")
    make_task_type(client, admin_account, name=name)
    again = taken.format(name=name, upper=name.upper())

    answer = call(client, admin_account, "workflow.taskType.create", {"name": again})

    assert error_of(answer, *CONFLICT)["message"] == "A task type with this name already exists"


def test_an_inactive_task_types_name_is_taken_too(
    client: httpx.Client, admin_account: Account
) -> None:
    name = unique_name("Retired")
    make_task_type(client, admin_account, name=name, is_active=False)

    answer = call(client, admin_account, "workflow.taskType.create", {"name": name.lower()})

    error_of(answer, *CONFLICT)


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"name": "ab"}, ["name"]),
        ({"name": "  ab  "}, ["name"]),
        ({"name": "x" * 256}, ["name"]),
        ({"name": "bad\x00name"}, ["name"]),
        ({"name": 123}, ["name"]),
        ({"name": "Okay", "description": "x" * 2001}, ["description"]),
        ({"name": "Okay", "description": "nul\x00"}, ["description"]),
        ({"name": "Okay", "category": "x" * 101}, ["category"]),
        ({"name": "Okay", "estimated_duration_minutes": 0}, ["estimated_duration_minutes"]),
        ({"name": "Okay", "estimated_duration_minutes": -5}, ["estimated_duration_minutes"]),
        ({"name": "Okay", "estimated_duration_minutes": 1.5}, ["estimated_duration_minutes"]),
        ({"name": "Okay", "estimated_duration_minutes": "15"}, ["estimated_duration_minutes"]),
        ({"name": "Okay", "estimated_duration_minutes": 100_001}, ["estimated_duration_minutes"]),
        ({"name": "Okay", "requires_photo": "true"}, ["requires_photo"]),
        ({"name": "Okay", "requires_notes": 1}, ["requires_notes"]),
        ({"name": "Okay", "is_active": None}, ["is_active"]),
        ({"name": "Okay", "colour": "red"}, ["colour"]),
        ({}, ["name"]),
    ],
)
def test_create_refuses_invalid_input_naming_the_field(
    client: httpx.Client, admin_account: Account, fields: dict[str, Any], path: list[str]
) -> None:
    answer = call(client, admin_account, "workflow.taskType.create", fields)

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]


def test_list_refuses_params_it_does_not_take(client: httpx.Client, admin_account: Account) -> None:
    answer = call(client, admin_account, "workflow.taskType.list", {"is_active": False})

    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [["is_active"]]


@pytest.mark.parametrize("role", NOT_WRITERS)
def test_only_managers_create(client: httpx.Client, make_user: MakeUser, role: str) -> None:
    name = unique_name("Sneaky")

    answer = call(client, make_user(role), "workflow.taskType.create", {"name": name})

    error_of(answer, *FORBIDDEN)


@pytest.mark.parametrize(
    ("method", "params"),
    [("workflow.taskType.list", None), ("workflow.taskType.create", {"name": "Anonymous"})],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, method: str, params: dict[str, Any] | None
) -> None:
    error_of(call(client, None, method, params), *UNAUTHORIZED)
