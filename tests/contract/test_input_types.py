"""The contract's one coercion rule, checked on every field of every procedure's input.

A JSON number field takes only JSON numbers, a boolean field only true or false, a
string field only strings: pydantic's lax mode would read "2" as 2, true as 1, 2.0 as
2 and "yes" as true. The walk finds every such field, nested models and list items
included, so a procedure added later is held to the rule without a test of its own.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from routers import app_router
from rpc import ErrorCode, RpcError
from rpc.execution import input_parser

# The values lax validation would accept for each kind of field, and strict refuses.
REFUSED: dict[str, list[Any]] = {
    "integer": ["2", True, False, 2.0],
    "number": ["2", "2.5", True],
    "boolean": ["true", "false", 1, 0, "yes"],
    "string": [5, 2.5, True],
    # A JSON object taken whole and checked later (inventory.bulkImport's rows).
    "object": ["{}", 5, True, []],
}
# A field whose kind the walk does not know fails the test: decide its rule first.
# Money (schemas/money.py) is a Decimal in Python and a JSON number on the wire; an ISO
# date (schemas/dates.py) a date in Python and a YYYY-MM-DD string on the wire.
KINDS: dict[type, str] = {
    bool: "boolean",
    int: "integer",
    float: "number",
    Decimal: "number",
    str: "string",
    date: "string",
}

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Leaf:
    procedure: str
    path: Path
    kind: str


def leaves_of(annotation: Any, path: Path) -> Iterator[tuple[Path, str]]:
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from leaves_of(get_args(annotation)[0], path)
    elif origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is not type(None):
                yield from leaves_of(option, path)
    elif origin is list:
        yield from leaves_of(get_args(annotation)[0], (*path, 0))
    elif origin is dict:
        yield path, "object"
    elif origin is Literal:
        yield path, "string" if all(isinstance(v, str) for v in get_args(annotation)) else "?"
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            yield from leaves_of(field.annotation, (*path, field.alias or name))
    elif isinstance(annotation, type) and annotation in KINDS:
        yield path, KINDS[annotation]
    elif isinstance(annotation, type) and annotation.__module__.startswith("pydantic"):
        # pydantic's own string types (AnyHttpUrl...): their JSON form is a string.
        yield path, "string"
    else:
        yield path, f"unknown: {annotation!r}"


def all_leaves() -> list[Leaf]:
    found = []
    for procedure in app_router:
        for path, kind in leaves_of(procedure.input_model, ()):
            found.append(Leaf(procedure.name, path, kind))
    return found


LEAVES = all_leaves()


def params_at(path: Path, value: Any) -> Any:
    """The params that put `value` at `path`, and nothing else."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    inner = params_at(rest, value)
    return [inner] if isinstance(head, int) else {head: inner}


def test_the_walk_finds_the_fields_that_were_coerced() -> None:
    found = {(leaf.procedure, leaf.path): leaf.kind for leaf in LEAVES}
    assert found[("tab.update", ("zoomLevel",))] == "number"
    assert found[("account.list", ("page",))] == "integer"
    assert found[("account.list", ("filter", "protected"))] == "boolean"
    assert found[("proxy.create", ("v2rayConfig", "alpn", 0))] == "string"
    assert found[("proxy.create", ("port",))] == "integer"


@pytest.mark.parametrize("leaf", LEAVES, ids=lambda leaf: f"{leaf.procedure}:{leaf.path}")
def test_no_input_field_coerces_another_json_type(leaf: Leaf) -> None:
    assert leaf.kind in REFUSED, f"{leaf}: decide which JSON values this field takes"
    parse = input_parser(app_router.procedures[leaf.procedure])
    for value in REFUSED[leaf.kind]:
        with pytest.raises(RpcError) as refused:
            parse(params_at(leaf.path, value))
        assert refused.value.code is ErrorCode.INVALID_PARAMS
        at_leaf = [issue.type for issue in refused.value.issues if issue.path == leaf.path]
        assert at_leaf, f"{leaf.procedure} took {value!r} at {leaf.path}"
