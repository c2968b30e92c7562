"""Params with more unknown members than an error lists: refused before the model runs."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import AliasChoices, AliasPath, BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from rpc import ErrorCode, ProcedureBuilder, RpcError
from rpc.errors import MAX_ISSUES
from rpc.execution import input_parser
from rpc.unknown_members import member_limit, unknown_members

model_runs: list[str] = []


class Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    depth: int = 0

    @model_validator(mode="before")
    @classmethod
    def _seen(cls, data: Any) -> Any:
        model_runs.append("inner")
        return data


class Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    inner: Inner | None = None

    @model_validator(mode="before")
    @classmethod
    def _seen(cls, data: Any) -> Any:
        model_runs.append("outer")
        return data


class Camel(BaseModel):
    # Sent by alias only, as the browser namespaces' inputs are.
    model_config = ConfigDict(
        extra="forbid", alias_generator=to_camel, validate_by_alias=True, validate_by_name=False
    )
    user_id: str
    proxy_config: Inner | None = Field(default=None, alias="proxyConfig")


class Aliased(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_by_name=True)
    a: int = Field(default=0, validation_alias=AliasChoices("first", AliasPath("second", 0)))
    b: int = Field(default=0, alias="bee")


class Recursive(BaseModel):
    model_config = ConfigDict(extra="forbid")
    child: Recursive | None = None


def parse_outer(params: dict[str, Any]) -> BaseModel:
    procedure = ProcedureBuilder[None]().input(Outer).output(str).query(_unused)
    return input_parser(procedure)(params)


async def _unused(ctx: None, params: Outer) -> str:
    return ""


def unknown_keys(count: int, prefix: str = "k") -> dict[str, int]:
    return {f"{prefix}{index}": index for index in range(count)}


def test_names_are_the_wire_names_the_model_accepts() -> None:
    assert member_limit(Outer).names == {"name", "inner"}
    assert member_limit(Camel).names == {"userId", "proxyConfig"}
    assert member_limit(Aliased).names == {"first", "second", "a", "bee", "b"}
    assert member_limit(Outer).most == 2 + MAX_ISSUES


def test_nested_models_are_looked_into_under_their_wire_names() -> None:
    assert [name for name, _ in member_limit(Outer).nested] == ["inner"]
    assert [name for name, _ in member_limit(Camel).nested] == ["proxyConfig"]


def test_a_model_holding_itself_is_not_looked_into_again() -> None:
    # The walk must end; deeper levels are left to the model (and to the body limit).
    assert member_limit(Recursive).nested == ()


def test_objects_within_the_limit_are_left_to_the_model() -> None:
    params = {"name": "x", **unknown_keys(MAX_ISSUES)}
    assert unknown_members(params, member_limit(Outer)) is None


def test_over_the_limit_the_first_unknown_members_are_named_and_all_counted() -> None:
    params = {"name": "x", **unknown_keys(116_000)}

    found = unknown_members(params, member_limit(Outer))

    assert found is not None
    assert found.count == 116_000
    assert [issue.path for issue in found.issues] == [(f"k{i}",) for i in range(MAX_ISSUES)]
    assert {issue.type for issue in found.issues} == {"extra_forbidden"}


def test_unknown_members_of_a_nested_model_are_counted_under_its_path() -> None:
    params = {"name": "x", "inner": {"depth": 1, **unknown_keys(500)}}

    found = unknown_members(params, member_limit(Outer))

    assert found is not None
    assert found.count == 500
    assert found.issues[0].path == ("inner", "k0")


def test_oversized_params_are_refused_without_running_the_model() -> None:
    model_runs.clear()
    with pytest.raises(RpcError) as caught:
        parse_outer({"name": "x", "inner": {}, **unknown_keys(116_000)})

    assert model_runs == []
    error = caught.value
    assert error.code is ErrorCode.INVALID_PARAMS
    assert len(error.issues) == MAX_ISSUES
    assert error.issue_count == 116_000
    assert error.message == "Invalid params: k0: Extra inputs are not permitted (and 115999 more)"
    data = error.to_json(path="p", correlation_id=None)["data"]
    assert len(data["issues"]) == MAX_ISSUES
    assert data["issueCount"] == 116_000


def test_an_oversized_nested_object_is_refused_without_running_the_model() -> None:
    model_runs.clear()
    with pytest.raises(RpcError) as caught:
        parse_outer({"name": "x", "inner": unknown_keys(100_000)})

    assert model_runs == []
    assert caught.value.issue_count == 100_000
    assert caught.value.issues[0].path == ("inner", "k0")


def test_params_within_the_limit_get_the_models_own_issues() -> None:
    model_runs.clear()
    with pytest.raises(RpcError) as caught:
        parse_outer({"nmae": "x", **unknown_keys(3)})

    assert model_runs == ["outer"]
    assert [issue.path for issue in caught.value.issues] == [
        ("name",),
        ("nmae",),
        ("k0",),
        ("k1",),
        ("k2",),
    ]
    assert caught.value.issue_count == 5


def test_valid_params_pass() -> None:
    parsed = parse_outer({"name": "x", "inner": {"depth": 2}})
    assert isinstance(parsed, Outer)
    assert parsed.inner == Inner(depth=2)


@given(
    unknown=st.lists(
        st.text(min_size=1, max_size=8).filter(lambda key: key not in {"name", "inner"}),
        unique=True,
        min_size=MAX_ISSUES + 2,
        max_size=60,
    )
)
def test_the_refusal_names_what_the_model_would_name_first(unknown: list[str]) -> None:
    # Over the limit, the issues are the model's own extra_forbidden issues, in order:
    # only the model's work is skipped, not its words.
    params: dict[str, Any] = {"name": "x", **dict.fromkeys(unknown, 0)}
    found = unknown_members(params, member_limit(Outer))
    assert found is not None
    try:
        Outer.model_validate(params)
    except Exception as exc:  # pydantic.ValidationError
        model_errors = exc.errors(include_url=False)  # type: ignore[attr-defined]
    else:
        raise AssertionError("the model accepted unknown members")
    expected = [
        (tuple(error["loc"]), error["msg"], error["type"])
        for error in model_errors
        if error["type"] == "extra_forbidden"
    ]
    assert found.count == len(expected)
    assert [(i.path, i.message, i.type) for i in found.issues] == expected[:MAX_ISSUES]
