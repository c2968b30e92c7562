"""Routers: nesting flattens to dotted names; bad names fail when the router is built."""

from __future__ import annotations

import re
from typing import Any

import pytest

from rpc import Procedure, ProcedureBuilder, Router, RouterDefinitionError, merge_routers


async def resolve(ctx: object, params: Any) -> int:
    return 1


public: ProcedureBuilder[object] = ProcedureBuilder()


def make() -> Procedure[object]:
    return public.output(int).query(resolve)


def test_nested_routers_flatten_to_dotted_names() -> None:
    router: Router[object] = Router(
        {
            "health": make(),
            "tickets": Router(
                {
                    "get": make(),
                    "notes": Router({"add": make(), "list": make()}),
                }
            ),
        }
    )
    assert list(router.procedures) == [
        "health",
        "tickets.get",
        "tickets.notes.add",
        "tickets.notes.list",
    ]
    assert len(router) == 4
    assert [procedure.name for procedure in router] == list(router.procedures)
    assert router.procedures["tickets.notes.add"].namespace == "tickets"


def test_one_procedure_can_be_mounted_under_two_names() -> None:
    shared = make()
    router: Router[object] = Router({"a": shared, "b": Router({"c": shared})})
    assert router.procedures["a"].name == "a"
    assert router.procedures["b.c"].name == "b.c"
    assert shared.name == "", "mounting names a copy, never the original"


def test_empty_router() -> None:
    assert len(Router({})) == 0


@pytest.mark.parametrize("key", ["", "a.b", "1a", "a-b", "_private", "has space", "ünï", "a/b"])
def test_invalid_keys_fail_at_build_time(key: str) -> None:
    with pytest.raises(RouterDefinitionError, match=re.escape(f"invalid router key {key!r}")):
        Router({key: make()})


def test_invalid_key_in_a_nested_router_fails_too() -> None:
    with pytest.raises(RouterDefinitionError, match=re.escape("invalid router key 'a.b'")):
        Router({"outer": Router({"a.b": make()})})


@pytest.mark.parametrize("key", ["a", "A", "a1", "get_ticket", "getTicket", "rpcStats", "rpc_x"])
def test_valid_keys(key: str) -> None:
    assert list(Router({key: make()}).procedures) == [key]


def test_rpc_prefix_is_reserved() -> None:
    with pytest.raises(RouterDefinitionError, match=r"'rpc\.discover' is reserved.*'rpc\.' prefix"):
        Router({"rpc": Router({"discover": make()})})


def test_rpc_prefix_is_reserved_when_merging() -> None:
    # A router cannot be built with an rpc.* name, so hand-craft one to check merging.
    sneaky: Router[object] = Router({})
    sneaky.procedures = {"rpc.discover": make()}
    with pytest.raises(RouterDefinitionError, match=r"'rpc\.discover' is reserved"):
        merge_routers(Router({"a": make()}), sneaky)


def test_merge_routers_joins_the_procedures() -> None:
    auth = Router({"auth": Router({"login": make(), "logout": make()})})
    tickets = Router({"tickets": Router({"get": make()})})
    merged = merge_routers(auth, tickets)
    assert list(merged.procedures) == ["auth.login", "auth.logout", "tickets.get"]
    assert merged.procedures["tickets.get"].name == "tickets.get"


def test_merge_routers_refuses_a_name_defined_twice() -> None:
    first = Router({"auth": Router({"login": make()})})
    second = Router({"auth": Router({"login": make(), "me": make()})})
    with pytest.raises(RouterDefinitionError, match=r"'auth\.login' is defined twice"):
        merge_routers(first, second)


def test_merge_routers_does_not_change_its_inputs() -> None:
    first = Router({"a": make()})
    second = Router({"b": make()})
    merge_routers(first, second)
    assert list(first.procedures) == ["a"]
    assert list(second.procedures) == ["b"]


def test_router_definition_error_is_a_value_error() -> None:
    assert issubclass(RouterDefinitionError, ValueError)
