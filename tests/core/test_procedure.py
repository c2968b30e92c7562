"""The immutable procedure builder and what it records on each procedure."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from rpc import (
    Access,
    ErrorCode,
    Example,
    MiddlewareCall,
    Next,
    NoInput,
    ProcedureBuilder,
    RateLimit,
    Router,
    build_openrpc,
)


class Ctx:
    pass


class NameInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


class Loose(BaseModel):
    name: str


class Ignoring(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str


class Allowing(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


async def passthrough(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
    return await next_(call.ctx)


async def other_passthrough(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
    return await next_(call.ctx)


async def resolve(ctx: Ctx, params: Any) -> str:
    return "ok"


public: ProcedureBuilder[Ctx] = ProcedureBuilder()


def test_a_derived_builder_never_changes_its_base() -> None:
    base_state = dataclasses.asdict(public)
    authed = public.use(passthrough, errors=[ErrorCode.UNAUTHORIZED]).meta(authenticated=True)
    admin = authed.use(other_passthrough, errors=[ErrorCode.FORBIDDEN]).meta(roles=["admin"])
    admin.input(NameInput).output(str).meta(summary="s", rate_limit=RateLimit(1, "minute"))

    assert dataclasses.asdict(public) == base_state
    assert authed._middlewares == (passthrough,)
    assert authed._access == Access(authenticated=True)
    assert authed._middleware_errors == (ErrorCode.UNAUTHORIZED,)
    assert admin._middlewares == (passthrough, other_passthrough)
    assert admin._access == Access(authenticated=True, roles=("admin",))


def test_shared_bases_make_independent_procedures() -> None:
    authed = public.use(passthrough, errors=[ErrorCode.UNAUTHORIZED]).meta(authenticated=True)
    first = authed.input(NameInput).output(str).meta(summary="first").query(resolve)
    second = authed.output(int).meta(summary="second").mutation(resolve)
    open_one = public.output(str).query(resolve)

    assert (first.kind, first.input_model, first.output_type, first.summary) == (
        "query",
        NameInput,
        str,
        "first",
    )
    assert (second.kind, second.input_model, second.output_type, second.summary) == (
        "mutation",
        NoInput,
        int,
        "second",
    )
    assert first.middlewares == second.middlewares == (passthrough,)
    assert open_one.middlewares == ()
    assert open_one.access == Access()
    assert open_one.access.to_json() == ["public"]
    assert first.access.to_json() == ["authenticated"]


def test_builder_and_procedure_are_frozen() -> None:
    procedure = public.output(str).query(resolve)
    with pytest.raises(dataclasses.FrozenInstanceError):
        public._summary = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        procedure.summary = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("model", [Loose, Ignoring, Allowing])
def test_input_refuses_a_model_that_does_not_forbid_extra_fields(model: type[BaseModel]) -> None:
    with pytest.raises(TypeError, match=rf"input model {model.__name__} must set .*extra='forbid'"):
        public.input(model)


def test_input_accepts_a_forbidding_model() -> None:
    assert public.input(NameInput)._input is NameInput


@pytest.mark.parametrize("kind", ["query", "mutation"])
def test_building_without_output_fails_clearly(kind: str) -> None:
    builder = public.input(NameInput)
    with pytest.raises(
        TypeError, match=rf"procedure resolve needs \.output\(\.\.\.\) before \.{kind}\(\)"
    ):
        getattr(builder, kind)(resolve)


def test_default_input_is_no_input() -> None:
    procedure = public.output(str).query(resolve)
    assert procedure.input_model is NoInput
    assert NoInput.model_config.get("extra") == "forbid"


def test_invalid_params_is_always_declared() -> None:
    procedure = public.output(str).query(resolve)
    assert procedure.errors == (ErrorCode.INVALID_PARAMS,)


def test_rate_limit_declares_too_many_requests() -> None:
    procedure = public.output(str).meta(rate_limit=RateLimit(5, "minute")).mutation(resolve)
    assert procedure.errors == (ErrorCode.INVALID_PARAMS, ErrorCode.TOO_MANY_REQUESTS)
    assert procedure.rate_limit == RateLimit(5, "minute")
    assert str(procedure.rate_limit) == "5/minute"
    assert procedure.rate_limit.to_json() == {"limit": 5, "window": "minute"}


def test_declared_access_declares_unauthorized_and_forbidden() -> None:
    signed_in = public.output(str).meta(authenticated=True).query(resolve)
    assert signed_in.errors == (ErrorCode.INVALID_PARAMS, ErrorCode.UNAUTHORIZED)
    with_roles = public.output(str).meta(roles=["admin"]).query(resolve)
    assert with_roles.errors == (
        ErrorCode.INVALID_PARAMS,
        ErrorCode.UNAUTHORIZED,
        ErrorCode.FORBIDDEN,
    )


def test_declared_errors_merge_in_order_without_duplicates() -> None:
    builder = (
        public.use(passthrough, errors=[ErrorCode.UNAUTHORIZED])
        .use(other_passthrough, errors=[ErrorCode.FORBIDDEN, ErrorCode.UNAUTHORIZED])
        .meta(
            rate_limit=RateLimit(1, "second"),
            errors=[ErrorCode.NOT_FOUND, ErrorCode.INVALID_PARAMS, ErrorCode.CONFLICT],
        )
    )
    procedure = builder.output(str).query(resolve)
    assert procedure.errors == (
        ErrorCode.INVALID_PARAMS,
        ErrorCode.TOO_MANY_REQUESTS,
        ErrorCode.UNAUTHORIZED,
        ErrorCode.FORBIDDEN,
        ErrorCode.NOT_FOUND,
        ErrorCode.CONFLICT,
    )


def test_meta_keeps_what_it_is_not_given() -> None:
    example = Example(name="hi", params={"name": "a"}, result="ok")
    builder = public.meta(
        summary="Sum",
        description="Desc",
        rate_limit=RateLimit(2, "hour"),
        errors=[ErrorCode.NOT_FOUND],
        examples=[example],
    )
    again = builder.meta(summary="Other")
    assert again._summary == "Other"
    assert again._description == "Desc"
    assert again._rate_limit == RateLimit(2, "hour")
    assert again._errors == (ErrorCode.NOT_FOUND,)
    assert again._examples == (example,)
    assert builder._summary == "Sum"


def test_meta_errors_replace_earlier_meta_errors() -> None:
    builder = public.meta(errors=[ErrorCode.NOT_FOUND]).meta(errors=[ErrorCode.CONFLICT])
    assert builder.output(str).query(resolve).errors == (
        ErrorCode.INVALID_PARAMS,
        ErrorCode.CONFLICT,
    )


def test_roles_imply_authenticated() -> None:
    procedure = public.meta(roles=["admin", "manager"]).output(str).query(resolve)
    assert procedure.access == Access(authenticated=True, roles=("admin", "manager"))
    assert procedure.access.to_json() == ["admin", "manager"]


@pytest.mark.parametrize("limit", [0, -1])
def test_rate_limit_needs_at_least_one_call(limit: int) -> None:
    with pytest.raises(ValueError, match="at least one call"):
        RateLimit(limit, "minute")


def test_procedure_records_everything_as_data() -> None:
    example = Example(name="greet", params={"name": "Ada"}, result="ok", summary="Greets")
    procedure = (
        public.input(NameInput)
        .output(str)
        .meta(summary="Greet", description="Says hello", examples=[example])
        .query(resolve)
    )
    assert procedure.resolver is resolve
    assert procedure.summary == "Greet"
    assert procedure.description == "Says hello"
    assert procedure.examples == (example,)
    assert procedure.name == ""
    assert procedure.output_adapter.validate_python("x") == "x"


def test_named_returns_a_copy() -> None:
    procedure = public.output(str).query(resolve)
    named = procedure.named("tickets.get")
    assert named.name == "tickets.get"
    assert named.namespace == "tickets"
    assert procedure.name == ""
    assert named.resolver is procedure.resolver


def test_builder_can_be_parametrised_when_called() -> None:
    builder = ProcedureBuilder[Ctx]()
    assert builder.output(str).query(resolve).kind == "query"


def test_middleware_mutation_errors_are_declared_on_mutations_only() -> None:
    builder = public.use(
        passthrough, errors=[ErrorCode.CONFLICT], mutation_errors=[ErrorCode.NOT_FOUND]
    )
    query = builder.output(str).query(resolve)
    mutation = builder.output(str).meta(errors=[ErrorCode.NOT_FOUND]).mutation(resolve)
    assert query.errors == (ErrorCode.INVALID_PARAMS, ErrorCode.CONFLICT)
    assert mutation.errors == (ErrorCode.INVALID_PARAMS, ErrorCode.CONFLICT, ErrorCode.NOT_FOUND)


class SignedInCtx(Ctx):
    pass


def test_narrowing_changes_the_type_only_and_adds_nothing_to_the_chain() -> None:
    # The narrowing is done by a middleware already in the chain (the app's call
    # boundary): the step must cost nothing per call, nor change what is declared.
    base = public.use(passthrough, errors=[ErrorCode.CONFLICT]).meta(authenticated=True)
    narrowed = base.narrow(SignedInCtx)
    assert dataclasses.asdict(narrowed) == dataclasses.asdict(base)
    procedure = narrowed.output(str).query(resolve)
    assert procedure.middlewares == (passthrough,)
    assert procedure.errors == base.output(str).query(resolve).errors


def test_query_and_mutation_serve_as_decorators_named_by_the_router() -> None:
    @public.output(str).meta(summary="Get one").query
    def resolver_named_otherwise(ctx: Ctx, params: NoInput) -> str:
        return "ok"

    @public.output(str).mutation
    def another_name(ctx: Ctx, params: NoInput) -> str:
        return "ok"

    router = Router({"tickets": Router({"get": resolver_named_otherwise, "close": another_name})})
    assert list(router.procedures) == ["tickets.get", "tickets.close"]
    assert router.procedures["tickets.get"].name == "tickets.get"
    assert router.procedures["tickets.get"].summary == "Get one"
    assert router.procedures["tickets.close"].kind == "mutation"
    methods = build_openrpc(router, title="t", version="1")["methods"]
    assert [method["name"] for method in methods] == ["tickets.get", "tickets.close"]
