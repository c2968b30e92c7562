"""The OpenRPC document, read from the procedures' own data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from pydantic import BaseModel, ConfigDict, Field

from rpc import (
    ErrorCode,
    Example,
    MiddlewareCall,
    Next,
    ProcedureBuilder,
    RateLimit,
    Router,
    build_openrpc,
    render_openrpc,
)

REF_PREFIX = "#/components/schemas/"


class Note(BaseModel):
    text: str
    author: str


class Ticket(BaseModel):
    id: int
    title: str
    notes: list[Note]


class GetTicketInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ticket_id: int = Field(description="The ticket to read")
    with_notes: bool = False


class AddNoteInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ticket_id: int
    note: Note


async def require_user(call: MiddlewareCall[object], next_: Next[object]) -> Any:
    return await next_(call.ctx)


async def resolve(ctx: object, params: Any) -> Any:
    raise NotImplementedError


public: ProcedureBuilder[object] = ProcedureBuilder()
authed = public.use(require_user, errors=[ErrorCode.UNAUTHORIZED]).meta(authenticated=True)
admin = authed.meta(roles=["admin", "manager"])

TICKET_EXAMPLE = Example(
    name="read ticket 7",
    params={"ticket_id": 7},
    result={"id": 7, "title": "Broken screen", "notes": []},
    summary="A ticket without notes",
)

router: Router[object] = Router(
    {
        "health": public.output(str).meta(summary="Liveness").query(resolve),
        "tickets": Router(
            {
                "get": authed.input(GetTicketInput)
                .output(Ticket)
                .meta(
                    summary="Get one ticket",
                    description="Reads a ticket by id.",
                    errors=[ErrorCode.NOT_FOUND],
                    examples=[TICKET_EXAMPLE],
                )
                .query(resolve),
                "addNote": admin.input(AddNoteInput)
                .output(Ticket)
                .meta(rate_limit=RateLimit(10, "minute"))
                .mutation(resolve),
                "list": authed.output(list[Ticket]).query(resolve),
            }
        ),
    }
)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return build_openrpc(
        router, title="Test API", version="1.2.3", description="For tests", server_url="/api"
    )


def method(document: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [m for m in document["methods"] if m["name"] == name]
    return found  # type: ignore[no-any-return]


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_document_header(document: dict[str, Any]) -> None:
    assert document["openrpc"] == "1.3.2"
    assert document["info"] == {"title": "Test API", "version": "1.2.3", "description": "For tests"}
    assert document["servers"] == [{"name": "default", "url": "/api"}]
    assert [m["name"] for m in document["methods"]] == [
        "health",
        "tickets.get",
        "tickets.addNote",
        "tickets.list",
    ]


def test_one_content_descriptor_per_input_field(document: dict[str, Any]) -> None:
    get = method(document, "tickets.get")
    assert get["paramStructure"] == "by-name"
    assert get["params"] == [
        {
            "name": "ticket_id",
            "schema": {
                "description": "The ticket to read",
                "title": "Ticket Id",
                "type": "integer",
            },
            "required": True,
            "description": "The ticket to read",
        },
        {
            "name": "with_notes",
            "schema": {"default": False, "title": "With Notes", "type": "boolean"},
            "required": False,
        },
    ]
    assert method(document, "health")["params"] == []


def test_nested_model_param_is_a_ref(document: dict[str, Any]) -> None:
    add_note = method(document, "tickets.addNote")
    note = {p["name"]: p for p in add_note["params"]}["note"]
    assert note["schema"] == {"$ref": REF_PREFIX + "Note"}
    assert note["required"] is True


def test_result_schema_refs_into_components(document: dict[str, Any]) -> None:
    get = method(document, "tickets.get")
    assert get["result"] == {
        "name": "result",
        "schema": {"$ref": REF_PREFIX + "Ticket"},
        "required": True,
    }
    assert method(document, "tickets.list")["result"]["schema"] == {
        "type": "array",
        "items": {"$ref": REF_PREFIX + "Ticket"},
    }
    assert method(document, "health")["result"]["schema"] == {"type": "string"}


def test_shared_models_appear_once_in_components(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert list(schemas) == sorted(schemas)
    assert {"Ticket", "Note", "GetTicketInput", "AddNoteInput"} <= set(schemas)
    assert schemas["Ticket"]["properties"]["notes"] == {
        "items": {"$ref": REF_PREFIX + "Note"},
        "title": "Notes",
        "type": "array",
    }


def test_every_ref_resolves(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    found = list(refs(document))
    assert found, "the document uses refs"
    for ref in found:
        assert ref.startswith(REF_PREFIX), ref
        assert ref.removeprefix(REF_PREFIX) in schemas, ref


def test_kind_roles_and_rate_limit_are_extensions(document: dict[str, Any]) -> None:
    health = method(document, "health")
    get = method(document, "tickets.get")
    add_note = method(document, "tickets.addNote")
    assert (health["x-procedure-type"], health["x-roles"]) == ("query", ["public"])
    assert (get["x-procedure-type"], get["x-roles"]) == ("query", ["authenticated"])
    assert (add_note["x-procedure-type"], add_note["x-roles"]) == ("mutation", ["admin", "manager"])
    assert add_note["x-rate-limit"] == {"limit": 10, "window": "minute"}
    assert "x-rate-limit" not in health
    assert "x-rate-limit" not in get


def test_declared_errors_are_listed(document: dict[str, Any]) -> None:
    assert method(document, "tickets.get")["errors"] == [
        {
            "code": -32602,
            "message": "Invalid params",
            "data": {"code": "INVALID_PARAMS", "httpStatus": 400},
        },
        {
            "code": -32001,
            "message": "Unauthorized",
            "data": {"code": "UNAUTHORIZED", "httpStatus": 401},
        },
        {"code": -32004, "message": "Not found", "data": {"code": "NOT_FOUND", "httpStatus": 404}},
    ]
    # Declared roles imply FORBIDDEN, whoever enforces them.
    assert [e["data"]["code"] for e in method(document, "tickets.addNote")["errors"]] == [
        "INVALID_PARAMS",
        "TOO_MANY_REQUESTS",
        "UNAUTHORIZED",
        "FORBIDDEN",
    ]


def test_summary_description_and_tags(document: dict[str, Any]) -> None:
    get = method(document, "tickets.get")
    assert (get["summary"], get["description"]) == ("Get one ticket", "Reads a ticket by id.")
    assert get["tags"] == [{"name": "tickets"}]
    assert method(document, "health")["tags"] == [{"name": "health"}]


def test_examples_are_pairings(document: dict[str, Any]) -> None:
    assert method(document, "tickets.get")["examples"] == [
        {
            "name": "read ticket 7",
            "params": [{"name": "ticket_id", "value": 7}],
            "result": {"name": "result", "value": {"id": 7, "title": "Broken screen", "notes": []}},
            "summary": "A ticket without notes",
        }
    ]
    assert method(document, "health")["examples"] == []


def test_examples_validate_against_the_published_schemas(document: dict[str, Any]) -> None:
    components = {"components": document["components"]}
    get = method(document, "tickets.get")
    params = {p["name"]: p for p in get["params"]}
    for example in get["examples"]:
        for param in example["params"]:
            jsonschema.validate(param["value"], {**params[param["name"]]["schema"], **components})
        jsonschema.validate(example["result"]["value"], {**get["result"]["schema"], **components})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x"}, {**get["result"]["schema"], **components})


def test_document_is_json_and_rendering_is_stable(document: dict[str, Any]) -> None:
    rendered = render_openrpc(document)
    assert rendered.endswith("}\n")
    assert json.loads(rendered) == document
    again = render_openrpc(
        build_openrpc(
            router, title="Test API", version="1.2.3", description="For tests", server_url="/api"
        )
    )
    assert again == rendered


def test_empty_router_document() -> None:
    document = build_openrpc(Router({}), title="Empty", version="0")
    assert document["methods"] == []
    assert document["components"] == {"schemas": {}}
    assert document["servers"] == [{"name": "default", "url": "/rpc"}]
