"""Running one procedure call: middleware chain, input validation, resolver, output check.

The transport and the server-side caller both run the chain :func:`compile_chain` builds,
so a call made in a test without HTTP takes exactly the path a call over HTTP takes.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import SchemaSerializer, SchemaValidator

from rpc.errors import MAX_ISSUES, ErrorCode, Issue, RpcError, clipped, rpc_error_from_unknown
from rpc.procedure import Middleware, MiddlewareCall, Procedure
from rpc.unknown_members import UnknownMembers, member_limit, unknown_members

ContextT = TypeVar("ContextT")

logger = logging.getLogger("rpc.execution")


Handler = Callable[[ContextT, Mapping[str, Any]], Awaitable[Any]]
# A compiled chain, and each step inside it, takes (params, ctx), so that a layer's
# ``next`` is ``partial(inner, params)``: a positional partial, the cheapest callable
# Python builds (a keyword partial costs twice as much to make and to call).
Chain = Callable[[Mapping[str, Any], ContextT], Awaitable[Any]]

# MiddlewareCall(...) runs the named tuple's Python-level __new__; this is the same
# tuple built in C (one is made per layer and call).
_new_middleware_call = partial(tuple.__new__, MiddlewareCall)


def compile_procedure(procedure: Procedure[ContextT]) -> Handler[ContextT]:
    """The whole call as one function, built once: middleware layers around the resolver.

    Returns the validated output or raises :class:`RpcError`. Any other exception is
    logged with its traceback (the log line carries the correlation id) and becomes
    INTERNAL_SERVER_ERROR, with none of its text.
    """
    chain = compile_chain(procedure)

    async def run(ctx: ContextT, params: Mapping[str, Any]) -> Any:
        try:
            return await chain(params, ctx)
        except RpcError:
            raise  # as it is: its traceback and cause stay those of where it was raised
        except Exception as exc:
            raise rpc_error_from_unknown(exc, where=procedure.name, logger=logger) from None

    return run


def compile_chain(procedure: Procedure[ContextT]) -> Chain[ContextT]:
    """The middleware layers around the resolver, letting any exception through.

    Called as ``chain(params, ctx)``. For callers that catch everything themselves
    (the JSON-RPC method wrapper): one coroutine frame less per call than
    :func:`compile_procedure`.
    """
    chain = _resolver_step(procedure)
    for middleware in reversed(procedure.middlewares):
        chain = _middleware_step(procedure, middleware, chain)
    return chain


async def call_procedure(
    procedure: Procedure[ContextT], ctx: ContextT, params: Mapping[str, Any]
) -> Any:
    """Run one call of ``procedure`` (compiling it first: for occasional calls)."""
    return await compile_procedure(procedure)(ctx, params)


def output_dumper(procedure: Procedure[Any]) -> Callable[[Any], Any]:
    """A function giving an output as JSON-ready values (strings for Decimal, datetime).

    Pydantic's serializer is looked up once and called directly, with the arguments the
    adapter's own ``dump_python`` would pass: that is a Python wrapper costing twice the
    Rust call it makes.
    """
    serializer = procedure.output_adapter.serializer
    to_python = (
        serializer.to_python
        if isinstance(serializer, SchemaSerializer)
        else procedure.output_adapter.dump_python  # not built yet (deferred)
    )

    # A closure, not partial(..., mode="json"): a partial with keywords merges them
    # into a new dict on every call, which costs as much as the serializing.
    def dump(output: Any) -> Any:
        return to_python(output, mode="json")

    return dump


def _middleware_step(
    procedure: Procedure[ContextT], middleware: Middleware[ContextT], inner: Chain[ContextT]
) -> Chain[ContextT]:
    # A plain function returning the middleware's coroutine, and partial() as next: no
    # extra coroutine frame or closure per layer and call.
    def step(params: Mapping[str, Any], ctx: ContextT) -> Awaitable[Any]:
        call: MiddlewareCall[ContextT] = _new_middleware_call((ctx, procedure, params))
        return middleware(call, partial(inner, params))

    return step


def _resolver_step(procedure: Procedure[ContextT]) -> Chain[ContextT]:
    resolver = procedure.resolver
    parse = input_parser(procedure)
    check_output = _output_check(procedure)
    if inspect.iscoroutinefunction(resolver):

        async def resolve_async(params: Mapping[str, Any], ctx: ContextT) -> Any:
            return check_output(await resolver(ctx, parse(params)))

        return resolve_async

    run_sync = procedure.sync_runner

    async def resolve_sync(params: Mapping[str, Any], ctx: ContextT) -> Any:
        # Sync resolvers may block on the database: the runner decides where they run.
        return check_output(await run_sync(resolver, ctx, parse(params)))

    return resolve_sync


def input_parser(procedure: Procedure[Any]) -> Callable[[Mapping[str, Any]], BaseModel]:
    """A function validating params against the input model; bad ones: INVALID_PARAMS.

    The model's validator is looked up once and called directly: ``model_validate`` is a
    Python wrapper that costs more than the Rust validation it calls (no strictness,
    context or aliases options are in play, so the arguments are the same).

    Params holding more unknown members than an error lists are refused before the
    model runs (see ``rpc.unknown_members``): the model would describe every one of
    them, and that work grows with the body. The size check is one ``len`` per call;
    models with nested models look into those too.
    """
    model = procedure.input_model
    validator = model.__pydantic_validator__
    validate = (
        validator.validate_python
        if isinstance(validator, SchemaValidator)
        else model.model_validate  # not built yet (deferred): pydantic builds it
    )
    limit = member_limit(model)
    most = limit.most
    look_inside = bool(limit.nested)

    def parse(params: Mapping[str, Any]) -> BaseModel:
        if look_inside or len(params) > most:
            unknown = unknown_members(params, limit)
            if unknown is not None:
                raise too_many_unknown_members(unknown)
        try:
            parsed: BaseModel = validate(params)
        except ValidationError as exc:
            raise invalid_params(exc) from None
        return parsed

    return parse


def invalid_params(exc: ValidationError) -> RpcError:
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    issues = [
        Issue(path=tuple(error["loc"]), message=error["msg"], type=error["type"])
        for error in errors[:MAX_ISSUES]
    ]
    return RpcError(
        ErrorCode.INVALID_PARAMS,
        _describe(issues[0], len(errors)),
        issues=issues,
        issue_count=len(errors),
    )


def too_many_unknown_members(unknown: UnknownMembers) -> RpcError:
    """The refusal of params with more unknown members than an error lists."""
    return RpcError(
        ErrorCode.INVALID_PARAMS,
        _describe(unknown.issues[0], unknown.count),
        issues=unknown.issues,
        issue_count=unknown.count,
    )


def _describe(first: Issue, count: int) -> str:
    where = ".".join(clipped(str(part)) for part in first.path) or "params"
    more = f" (and {count - 1} more)" if count > 1 else ""
    return f"Invalid params: {where}: {first.message}{more}"


def _output_check(procedure: Procedure[Any]) -> Callable[[Any], Any]:
    """The function that checks a resolver's output against the declared output type."""
    adapter = procedure.output_adapter
    validate = (
        adapter.validator.validate_python
        if isinstance(adapter.validator, SchemaValidator)
        else adapter.validate_python  # not built yet (deferred)
    )
    output_type = procedure.output_type
    mismatched_output = f"{procedure.name}: its output does not match its declared output"

    def check_output(output: Any) -> Any:
        try:
            return validate(output, from_attributes=True)
        except ValidationError as exc:
            # The resolver broke its own contract: a server bug, not the caller's.
            raise rpc_error_from_unknown(exc, where=mismatched_output, logger=logger) from None

    if not _trusts_own_instances(output_type):
        return check_output

    def check_model_output(output: Any) -> Any:
        # An instance of the declared model was validated when it was built, and
        # pydantic would not validate it again (revalidate_instances="never"): skip
        # the adapter's call for what is the common case.
        if type(output) is output_type:
            return output
        return check_output(output)

    return check_model_output


def _trusts_own_instances(output_type: Any) -> bool:
    return (
        isinstance(output_type, type)
        and issubclass(output_type, BaseModel)
        and output_type.model_config.get("revalidate_instances", "never") == "never"
    )
