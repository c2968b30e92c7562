"""The bridge to jsonrpcserver: one method per procedure, and dispatch of one request.

jsonrpcserver stays the dispatcher, made cheap and safe through its own hooks:
- the transport hands it already-parsed, already-checked request objects, one at a
  time, to its per-request dispatch (so it neither re-parses, re-validates with
  jsonschema, nor gathers a batch unbounded),
- each method wrapper has a fixed ``__signature__`` so its per-call
  ``inspect.signature(...).bind`` is cheap and always succeeds, and jsonrpcserver's
  signature lookup returns that object at once (see :func:`own_signature`),
- the wrapper catches every exception itself, so jsonrpcserver's fallback (which puts
  ``str(exc)`` in the response) never runs, and
- results are dumped to JSON-ready values first, so serialising can never fail later,
- the response object is written here from jsonrpcserver's result (the transport owns
  framing and serialisation), skipping its Response namedtuples and their ``_asdict``.
"""

from __future__ import annotations

import inspect
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping
from types import FunctionType
from typing import Any, TypeVar

with warnings.catch_warnings():
    # jsonrpcserver 5.0.9 reads its bundled schema with importlib.resources' legacy API
    # at import time; the DeprecationWarning is its own, and harmless to us.
    warnings.filterwarnings("ignore", r"(read_text|open_text) is deprecated", DeprecationWarning)
    # Right (the success half of jsonrpcserver's Either) is taken from jsonrpcserver's
    # result module, which names it, not from oslash: that is jsonrpcserver's own
    # dependency, not this project's (tests/core/test_dispatch_results.py checks it).
    import jsonrpcserver.dispatcher
    from jsonrpcserver import Error, Success
    from jsonrpcserver.async_dispatcher import dispatch_request
    from jsonrpcserver.result import Result, Right, SuccessResult  # type: ignore[attr-defined]
    from jsonrpcserver.sentinels import NODATA

from rpc.correlation import current_correlation_id
from rpc.envelope import CheckedRequest
from rpc.errors import RpcError, rpc_error_from_unknown
from rpc.execution import compile_chain, output_dumper
from rpc.procedure import Procedure

ContextT = TypeVar("ContextT")

JsonRpcMethod = Callable[..., Awaitable[Result]]

logger = logging.getLogger("rpc.dispatch")


class _ContextAndAnyParams(inspect.Signature):
    """``(ctx, /, **params)``, with a bind() that skips inspect's general algorithm.

    jsonrpcserver binds every call against the method's signature to decide between
    "invalid params" and calling it. Our wrapper takes the context and any keywords
    (the procedure's input model then validates them, with far better errors), so the
    only way to fail binding is a positional count other than one: checked here in
    constant time instead of Signature.bind's general walk on every call.
    """

    __slots__ = ()

    def bind(self, /, *args: Any, **kwargs: Any) -> inspect.BoundArguments:
        if len(args) != 1:
            raise TypeError(f"expected only the context positionally, got {len(args)} arguments")
        return inspect.BoundArguments(self, {"ctx": args[0], "params": kwargs})


_METHOD_SIGNATURE = _ContextAndAnyParams(
    [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter("params", inspect.Parameter.VAR_KEYWORD),
    ]
)


def own_signature(
    obj: Callable[..., Any],
    *,
    follow_wrapped: bool = True,
    globals: Mapping[str, Any] | None = None,  # the names of inspect.signature
    locals: Mapping[str, Any] | None = None,
    eval_str: bool = False,
) -> inspect.Signature:
    """``inspect.signature(obj)``, answered at once for a function carrying its own.

    For a plain function whose ``__signature__`` is a Signature, inspect returns that
    very object, but only after a frame per layer of ``Signature.from_callable``, an
    ``unwrap`` with a lambda and a memo dict, and a ``partial``: 13% of the instructions
    of a batch member. This returns the same object directly and hands every other
    callable to inspect, so its answer is inspect's for any callable.
    """
    if type(obj) is FunctionType:
        # The options only matter for signatures inspect computes; a stored one is
        # returned as it is whatever they say.
        own = obj.__dict__.get("__signature__")
        if isinstance(own, inspect.Signature):
            return own
    return inspect.signature(
        obj, follow_wrapped=follow_wrapped, globals=globals, locals=locals, eval_str=eval_str
    )


# jsonrpcserver 5.0.9 binds every call in ``validate_args`` against ``signature(method)``,
# the name its dispatcher module imported from inspect: that name is its hook for how a
# method's signature is found, and it gets a lookup with the same answers, only faster.
# (The version is pinned; a test checks that the dispatcher still looks it up there.)
jsonrpcserver.dispatcher.signature = own_signature  # type: ignore[attr-defined]  # not re-exported


def success(value: Any) -> Result:
    """jsonrpcserver's ``Success(value)``, built without its Python-level helpers.

    ``Success`` calls the ``SuccessResult`` named tuple's generated ``__new__``; this
    builds the same tuple in C and wraps it the same way (one per call).
    """
    return Right(_new_tuple(SuccessResult, (value,)))


_new_tuple = tuple.__new__


def error_result(error: RpcError, path: str | None) -> Result:
    return Error(**error.to_json(path=path, correlation_id=current_correlation_id()))


def method_for(procedure: Procedure[ContextT]) -> JsonRpcMethod:
    """The jsonrpcserver method that runs ``procedure`` and never lets an exception out."""

    chain = compile_chain(procedure)
    dump = output_dumper(procedure)

    async def method(ctx: ContextT, /, **params: Any) -> Result:
        try:
            output = await chain(params, ctx)
            return success(dump(output))
        except Exception as exc:
            error = rpc_error_from_unknown(exc, where=procedure.name, logger=logger)
            return error_result(error, procedure.name)

    method.__signature__ = _METHOD_SIGNATURE  # type: ignore[attr-defined]
    method.__name__ = procedure.name
    return method


def constant_method(value: Any) -> JsonRpcMethod:
    """A method that always answers ``value`` (``rpc.discover`` answers the document)."""

    async def method(ctx: Any, /, **params: Any) -> Result:
        return Success(value)

    method.__signature__ = _METHOD_SIGNATURE  # type: ignore[attr-defined]
    return method


def methods_for(procedures: Mapping[str, Procedure[ContextT]]) -> dict[str, JsonRpcMethod]:
    return {name: method_for(procedure) for name, procedure in procedures.items()}


async def dispatch_one(
    methods: Mapping[str, JsonRpcMethod], ctx: Any, request: CheckedRequest
) -> dict[str, Any] | None:
    """Dispatch one checked request through jsonrpcserver; None for a notification.

    Uses jsonrpcserver's per-request dispatch (method lookup, argument binding, call)
    directly: its top-level entry point would parse, validate and wrap even a single
    request in ``asyncio.gather``, all of which the transport has already done. A
    checked request has the fields its ``Request`` has (method, params, id), so it is
    handed over as it is rather than rebuilt from the raw object.
    """
    _, result = await dispatch_request(methods, ctx, request)  # type: ignore[arg-type]
    if request.is_notification:
        return None
    return response_object(result, request.id)


def response_object(result: Result, request_id: Any) -> dict[str, Any]:
    """The JSON-RPC response object for jsonrpcserver's ``result`` (an Either)."""
    if isinstance(result, Right):
        return {"jsonrpc": "2.0", "result": result._value.result, "id": request_id}
    error = result._error
    body = {"code": error.code, "message": error.message}
    if error.data is not NODATA:  # "data" may be omitted (section 5.1)
        body["data"] = error.data
    return {"jsonrpc": "2.0", "error": body, "id": request_id}
