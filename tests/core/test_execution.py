"""The procedure chain (middleware, input, resolver, output) through ``create_caller``."""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from rpc import (
    ErrorCode,
    MiddlewareCall,
    Next,
    ProcedureBuilder,
    Router,
    RpcError,
    create_caller,
)


@dataclass(frozen=True)
class Ctx:
    user: str | None = None
    trace: tuple[str, ...] = ()
    log: list[str] = dataclasses.field(default_factory=list)


class SubtractInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minuend: int
    subtrahend: int


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sku: str
    qty: int


class OrderInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Item]


class Seen(BaseModel):
    user: str | None
    trace: list[str]


class NameInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


def recording(label: str) -> Any:
    async def middleware(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
        call.ctx.log.append(f"{label}:before")
        result = await next_(dataclasses.replace(call.ctx, trace=(*call.ctx.trace, label)))
        call.ctx.log.append(f"{label}:after")
        return result

    return middleware


async def sign_in(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
    return await next_(dataclasses.replace(call.ctx, user="ada"))


async def require_user(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
    if call.ctx.user is None:
        raise RpcError(ErrorCode.UNAUTHORIZED, "Sign in first")
    return await next_(call.ctx)


resolver_calls: list[str] = []


async def seen(ctx: Ctx, params: Any) -> Seen:
    resolver_calls.append("seen")
    ctx.log.append("resolver")
    return Seen(user=ctx.user, trace=list(ctx.trace))


async def subtract(ctx: Ctx, params: SubtractInput) -> int:
    return params.minuend - params.subtrahend


async def order(ctx: Ctx, params: OrderInput) -> int:
    return sum(item.qty for item in params.items)


async def explode(ctx: Ctx, params: Any) -> int:
    raise RuntimeError("secret internals")


async def bad_output(ctx: Ctx, params: Any) -> Any:
    return {"user": 5}


async def not_found(ctx: Ctx, params: Any) -> int:
    raise RpcError(ErrorCode.NOT_FOUND, "Thing not found")


def sync_thread(ctx: Ctx, params: Any) -> str:
    return threading.current_thread().name


async def async_thread(ctx: Ctx, params: Any) -> str:
    return threading.current_thread().name


class Record:
    """An object with attributes: output validation reads attributes (from_attributes)."""

    def __init__(self) -> None:
        self.user = "rec"
        self.trace = ["x"]


async def from_object(ctx: Ctx, params: Any) -> Any:
    return Record()


async def greet(ctx: Ctx, params: NameInput) -> str:
    return f"Hello, {params.name}"


async def inspect_params(call: MiddlewareCall[Ctx], next_: Next[Ctx]) -> Any:
    call.ctx.log.append(f"params={dict(call.params)} procedure={call.procedure.name}")
    return await next_(call.ctx)


public: ProcedureBuilder[Ctx] = ProcedureBuilder()
traced = public.use(recording("outer")).use(recording("inner"))
authed = public.use(require_user, errors=[ErrorCode.UNAUTHORIZED])

router: Router[Ctx] = Router(
    {
        "seen": traced.output(Seen).query(seen),
        "signed": public.use(sign_in).use(require_user).output(Seen).query(seen),
        "guarded": authed.output(Seen).query(seen),
        "subtract": public.input(SubtractInput).output(int).query(subtract),
        "order": public.use(inspect_params).input(OrderInput).output(int).mutation(order),
        "explode": public.output(int).query(explode),
        "bad_output": public.output(Seen).query(bad_output),
        "not_found": public.output(int).query(not_found),
        "sync_thread": public.output(str).query(sync_thread),
        "async_thread": public.output(str).query(async_thread),
        "from_object": public.output(Seen).query(from_object),
        "foo": Router({"get": public.input(NameInput).output(str).query(greet)}),
    }
)


@pytest.mark.asyncio
async def test_middlewares_run_in_order_and_extend_the_context() -> None:
    ctx = Ctx()
    result = await create_caller(router, ctx).seen()
    assert result == Seen(user=None, trace=["outer", "inner"])
    assert ctx.log == ["outer:before", "inner:before", "resolver", "inner:after", "outer:after"]
    assert ctx.trace == (), "next(new_ctx) never changes the caller's context"


@pytest.mark.asyncio
async def test_context_given_to_next_reaches_later_middleware() -> None:
    assert await create_caller(router, Ctx()).signed() == Seen(user="ada", trace=[])


@pytest.mark.asyncio
async def test_middleware_short_circuits_by_raising() -> None:
    resolver_calls.clear()
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx()).guarded()
    assert caught.value.code is ErrorCode.UNAUTHORIZED
    assert caught.value.message == "Sign in first"
    assert resolver_calls == []
    assert await create_caller(router, Ctx(user="bob")).guarded() == Seen(user="bob", trace=[])


@pytest.mark.asyncio
async def test_middleware_sees_raw_params_and_the_named_procedure() -> None:
    ctx = Ctx()
    await create_caller(router, ctx).order(items=[{"sku": "a", "qty": 2}])
    assert ctx.log == ["params={'items': [{'sku': 'a', 'qty': 2}]} procedure=order"]


@pytest.mark.asyncio
async def test_caller_runs_the_resolver_with_validated_input() -> None:
    caller = create_caller(router, Ctx())
    assert await caller.subtract(minuend=42, subtrahend=23) == 19
    assert await caller("subtract", {"minuend": 23, "subtrahend": 42}) == -19
    assert await caller.order(items=[{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}]) == 5


@pytest.mark.asyncio
async def test_caller_reaches_nested_procedures() -> None:
    caller = create_caller(router, Ctx())
    assert await caller("foo.get", {"name": "Ada"}) == "Hello, Ada"
    assert await caller.foo.get({"name": "Ada"}) == "Hello, Ada"
    assert await caller.foo.get(name="Ada") == "Hello, Ada"


@pytest.mark.asyncio
async def test_caller_passes_a_keyword_called_name_as_a_param() -> None:
    assert await create_caller(router, Ctx()).foo.get(name="Ada") == "Hello, Ada"


@pytest.mark.asyncio
async def test_invalid_input_is_invalid_params_with_issues() -> None:
    caller = create_caller(router, Ctx())
    with pytest.raises(RpcError) as caught:
        await caller.subtract(minuend="x", subtrahnd=1)
    error = caught.value
    assert error.code is ErrorCode.INVALID_PARAMS
    assert {(issue.path, issue.type) for issue in error.issues} == {
        (("minuend",), "int_parsing"),
        (("subtrahend",), "missing"),
        (("subtrahnd",), "extra_forbidden"),
    }
    assert error.message.startswith("Invalid params: ")
    assert error.message.endswith("(and 2 more)")


@pytest.mark.asyncio
async def test_nested_input_error_names_the_full_path() -> None:
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx()).order(items=[{"sku": "a", "qty": 1}, {"sku": "b"}])
    assert [(issue.path, issue.type) for issue in caught.value.issues] == [
        (("items", 1, "qty"), "missing")
    ]
    assert caught.value.message == "Invalid params: items.1.qty: Field required"


@pytest.mark.asyncio
async def test_unexpected_exception_is_internal_error_without_its_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="rpc.execution"),
        pytest.raises(RpcError) as caught,
    ):
        await create_caller(router, Ctx()).explode()
    error = caught.value
    assert error.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert error.message == "Internal server error"
    assert "secret" not in repr(error.to_json(path="explode", correlation_id=None))
    assert error.__cause__ is None
    assert error.__suppress_context__
    # Logged with its traceback, so the server side keeps what the client never sees.
    [record] = [r for r in caplog.records if r.name == "rpc.execution"]
    assert record.exc_info is not None
    assert "secret internals" in str(record.exc_info[1])
    assert "explode" in record.getMessage()


@pytest.mark.asyncio
async def test_output_validation_failure_is_internal_error() -> None:
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx()).bad_output()
    assert caught.value.code is ErrorCode.INTERNAL_SERVER_ERROR
    assert caught.value.message == "Internal server error"
    assert caught.value.issues == ()


@pytest.mark.asyncio
async def test_declared_rpc_error_passes_through_unchanged() -> None:
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx()).not_found()
    assert (caught.value.code, caught.value.message) == (ErrorCode.NOT_FOUND, "Thing not found")


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["nope", "foo.nope", "foo", "seen.extra", ""])
async def test_unknown_procedure_is_method_not_found(name: str) -> None:
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx())(name, {})
    assert caught.value.code is ErrorCode.METHOD_NOT_FOUND
    assert caught.value.message == f"Method not found: {name}"


@pytest.mark.asyncio
async def test_unknown_procedure_by_attribute_is_method_not_found() -> None:
    with pytest.raises(RpcError) as caught:
        await create_caller(router, Ctx()).tickets.get()
    assert caught.value.code is ErrorCode.METHOD_NOT_FOUND
    assert caught.value.message == "Method not found: tickets.get"


def test_private_attributes_are_not_procedure_paths() -> None:
    with pytest.raises(AttributeError):
        create_caller(router, Ctx())._secret  # noqa: B018


@pytest.mark.asyncio
async def test_sync_resolvers_run_in_a_worker_thread_async_ones_on_the_loop() -> None:
    caller = create_caller(router, Ctx())
    loop_thread = threading.current_thread().name
    assert await caller.async_thread() == loop_thread
    assert await caller.sync_thread() != loop_thread


@pytest.mark.asyncio
async def test_caller_returns_the_validated_output_object() -> None:
    result = await create_caller(router, Ctx()).from_object()
    assert isinstance(result, Seen)
    assert result == Seen(user="rec", trace=["x"])
