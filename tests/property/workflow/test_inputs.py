"""Workflow inputs through the real app and database (tests/property/inputs.py says how):
valid task types and templates round-trip, invalid ones are refused naming the field,
and two updates of one template sent at once leave exactly one new active version."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories.workflow import make_product_model
from tests.property.conftest import PropertyApp
from tests.property.inputs import ROUND_TRIP, find, lines, ok, refused, rpc, with_control

JsonObject = dict[str, Any]
NO_LONGER_ACTIVE = "This template version is no longer active: it was updated or deleted"

# Several lines, as descriptions and instructions take them: no control characters but
# line breaks and tabs, inside (the schemas strip surrounding whitespace).
text_characters = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t")


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.text(text_characters, max_size=max_size).filter(lambda s: s == s.strip())


def unique(name: str) -> str:
    """The name made unique (names are unique ignoring case), still at most 255 long."""
    return f"{uuid.uuid4().hex[:12]} {name}"


task_type_fields = st.fixed_dictionaries(
    {
        "name": lines(3, 240),
        "description": st.none() | texts(2000),
        "category": st.none() | lines(1, 100),
        "estimated_duration_minutes": st.none() | st.integers(1, 100_000),
        "requires_notes": st.booleans(),
        "requires_photo": st.booleans(),
        "is_active": st.booleans(),
    }
)
task_shapes = st.lists(
    st.tuples(st.integers(1, 10_000), st.booleans(), st.none() | texts(200)),
    min_size=1,
    max_size=5,
    unique_by=lambda task: task[0],
)
template_shapes = st.fixed_dictionaries(
    {
        "name": lines(3, 240),
        "description": st.none() | texts(2000),
        "service_type": st.sampled_from(["warranty", "paid", "replacement"]),
        "enforce_sequence": st.booleans(),
        "with_product": st.booleans(),
        "tasks": task_shapes,
    }
)


@pytest.fixture(scope="module")
def task_type_ids(property_app: PropertyApp, token: str) -> list[str]:
    return [
        ok(rpc(property_app, token, "workflow.taskType.create", {"name": unique("Step")}))["id"]
        for _ in range(3)
    ]


@pytest.fixture(scope="module")
def product_id(property_app: PropertyApp) -> str:
    with property_app.services.session_factory() as session:
        return make_product_model(session).id


def template_input(shape: JsonObject, task_type_ids: list[str], product_id: str) -> JsonObject:
    return {
        "name": unique(shape["name"]),
        "description": shape["description"],
        "product_type": product_id if shape["with_product"] else None,
        "service_type": shape["service_type"],
        "enforce_sequence": shape["enforce_sequence"],
        "tasks": [
            {
                "task_type_id": task_type_ids[index % len(task_type_ids)],
                "sequence_order": order,
                "is_required": required,
                "custom_instructions": instructions,
            }
            for index, (order, required, instructions) in enumerate(shape["tasks"])
        ],
    }


def assert_holds(answer: JsonObject, sent: JsonObject) -> None:
    """The template answered is the one sent, its tasks in sequence order."""
    for field in ("name", "description", "product_type", "service_type", "enforce_sequence"):
        assert answer[field] == sent[field], field
    expected = sorted(sent["tasks"], key=lambda task: task["sequence_order"])
    assert [
        {
            "task_type_id": task["task_type"]["id"],
            "sequence_order": task["sequence_order"],
            "is_required": task["is_required"],
            "custom_instructions": task["custom_instructions"],
        }
        for task in answer["tasks"]
    ] == expected


def test_task_types_round_trip(property_app: PropertyApp, token: str) -> None:
    @ROUND_TRIP
    @given(fields=task_type_fields)
    def holds(fields: JsonObject) -> None:
        sent = {**fields, "name": unique(fields["name"])}
        created = ok(rpc(property_app, token, "workflow.taskType.create", sent))
        assert {name: created[name] for name in sent} == sent
        listed = ok(rpc(property_app, token, "workflow.taskType.list", {}))
        if sent["is_active"]:
            assert find(listed, created["id"]) == created
        else:
            assert created["id"] not in [row["id"] for row in listed]

    holds()


def test_templates_round_trip_through_create_and_update(
    property_app: PropertyApp, token: str, task_type_ids: list[str], product_id: str
) -> None:
    @ROUND_TRIP
    @given(first=template_shapes, second=template_shapes)
    def holds(first: JsonObject, second: JsonObject) -> None:
        sent = template_input(first, task_type_ids, product_id)
        created = ok(rpc(property_app, token, "workflow.template.create", sent))
        assert_holds(created, sent)
        assert (created["version"], created["previous_version_id"]) == (1, None)
        read = ok(
            rpc(property_app, token, "workflow.template.getById", {"template_id": created["id"]})
        )
        assert read == created

        revised = template_input(second, task_type_ids, product_id)
        updated = ok(
            rpc(
                property_app,
                token,
                "workflow.template.update",
                {"template_id": created["id"], **revised},
            )
        )
        assert_holds(updated, revised)
        assert (updated["version"], updated["previous_version_id"]) == (2, created["id"])
        old = ok(
            rpc(property_app, token, "workflow.template.getById", {"template_id": created["id"]})
        )
        assert old == {**created, "is_active": False}

    holds()


bad_names = st.sampled_from(["", "  ", "ab", " ab ", "x" * 256]) | with_control


def test_invalid_names_are_refused(
    property_app: PropertyApp, token: str, task_type_ids: list[str]
) -> None:
    @ROUND_TRIP
    @given(name=bad_names)
    def holds(name: str) -> None:
        refused(rpc(property_app, token, "workflow.taskType.create", {"name": name}), "name")
        params = {
            "name": name,
            "service_type": "paid",
            "tasks": [{"task_type_id": task_type_ids[0], "sequence_order": 1}],
        }
        refused(rpc(property_app, token, "workflow.template.create", params), "name")

    holds()


# Some order at least twice, anywhere in the list.
repeating_orders = (
    st.lists(st.integers(1, 10_000), min_size=1, max_size=5)
    .map(lambda orders: [*orders, orders[0]])
    .flatmap(st.permutations)
)


def test_repeated_sequence_orders_are_bad_request(
    property_app: PropertyApp, token: str, task_type_ids: list[str]
) -> None:
    @ROUND_TRIP
    @given(orders=repeating_orders)
    def holds(orders: list[int]) -> None:
        params = {
            "name": unique("Repeated"),
            "service_type": "paid",
            "tasks": [
                {"task_type_id": task_type_ids[0], "sequence_order": order} for order in orders
            ],
        }
        error = rpc(property_app, token, "workflow.template.create", params)["error"]
        assert (error["code"], error["data"]["code"]) == (-32600, "BAD_REQUEST")
        repeated = sorted({order for order in orders if orders.count(order) > 1})
        assert error["message"] == "Duplicate sequence orders: " + ", ".join(map(str, repeated))

    holds()


def post_together(prop: PropertyApp, token: str, bodies: list[JsonObject]) -> list[JsonObject]:
    """POST each body at once, on the app's event loop; their answers, in order."""
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

    async def one(body: JsonObject) -> JsonObject:
        envelope = {"jsonrpc": "2.0", "id": 1, "method": "workflow.template.update", "params": body}
        response = await prop.client.post("/rpc", content=json.dumps(envelope), headers=headers)
        answer: JsonObject = response.json()
        return answer

    async def all_of() -> list[JsonObject]:
        return list(await asyncio.gather(*(one(body) for body in bodies)))

    return prop.portal.call(all_of)


def test_two_updates_at_once_leave_one_new_active_version(
    property_app: PropertyApp, token: str, task_type_ids: list[str], product_id: str
) -> None:
    @ROUND_TRIP
    @given(first=template_shapes, updates=st.lists(template_shapes, min_size=2, max_size=2))
    def holds(first: JsonObject, updates: list[JsonObject]) -> None:
        created = ok(
            rpc(
                property_app,
                token,
                "workflow.template.create",
                template_input(first, task_type_ids, product_id),
            )
        )
        bodies = [
            {"template_id": created["id"], **template_input(shape, task_type_ids, product_id)}
            for shape in updates
        ]

        answers = post_together(property_app, token, bodies)

        winners = [answer["result"] for answer in answers if "result" in answer]
        losers = [answer["error"] for answer in answers if "error" in answer]
        assert len(winners) == 1, answers
        assert [(e["data"]["code"], e["message"]) for e in losers] == [
            ("CONFLICT", NO_LONGER_ACTIVE)
        ]
        [winner] = winners
        assert (winner["version"], winner["previous_version_id"]) == (2, created["id"])
        successors = [
            row
            for row in ok(rpc(property_app, token, "workflow.template.list", {"is_active": True}))
            if row["previous_version_id"] == created["id"]
        ]
        assert successors == [winner]
        old = ok(
            rpc(property_app, token, "workflow.template.getById", {"template_id": created["id"]})
        )
        assert old["is_active"] is False

    holds()
