"""The bridge to jsonrpcserver: one method per procedure, and dispatch of one request.

jsonrpcserver stays the dispatcher, made cheap and safe through its own hooks:
- the transport hands it already-parsed, already-checked request objects
  (``deserializer`` and ``validator`` are the identity),
- each method wrapper has a fixed ``__signature__`` so its per-call
  ``inspect.signature(...).bind`` is cheap and always succeeds,
- the wrapper catches every exception itself, so jsonrpcserver's fallback (which puts
  ``str(exc)`` in the response) never runs, and
- results are dumped to JSON-ready values first, so serialising can never fail later.
"""

from __future__ import annotations

import inspect
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

with warnings.catch_warnings():
    # jsonrpcserver 5.0.9 reads its bundled schema with importlib.resources' legacy API
    # at import time; the DeprecationWarning is its own, and harmless to us.
    warnings.filterwarnings("ignore", r"(read_text|open_text) is deprecated", DeprecationWarning)
    from jsonrpcserver import Error, Success
    from jsonrpcserver.async_main import dispatch_to_response
    from jsonrpcserver.response import to_serializable_one
    from jsonrpcserver.result import Result

from rpc.correlation import current_correlation_id
from rpc.errors import RpcError, internal_error
from rpc.execution import call_procedure, dump_output
from rpc.procedure import Procedure

ContextT = TypeVar("ContextT")

JsonRpcMethod = Callable[..., Awaitable[Result]]

logger = logging.getLogger("rpc.dispatch")

# (ctx, /, **params): jsonrpcserver binds the context positionally and params by name.
_METHOD_SIGNATURE = inspect.Signature(
    [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter("params", inspect.Parameter.VAR_KEYWORD),
    ]
)


def error_result(error: RpcError, path: str | None) -> Result:
    return Error(**error.to_json(path=path, correlation_id=current_correlation_id()))


def method_for(procedure: Procedure[ContextT]) -> JsonRpcMethod:
    """The jsonrpcserver method that runs ``procedure`` and never lets an exception out."""

    async def method(ctx: ContextT, /, **params: Any) -> Result:
        try:
            output = await call_procedure(procedure, ctx, params)
            return Success(dump_output(procedure, output))
        except RpcError as error:
            return error_result(error, procedure.name)
        except Exception:
            logger.exception("could not answer %s", procedure.name)
            return error_result(internal_error(), procedure.name)

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


def _identity(value: Any) -> Any:
    return value


def _accept(value: Any) -> Any:
    # The transport has already checked the envelope of this request object.
    return value


async def dispatch_one(
    methods: Mapping[str, JsonRpcMethod], ctx: Any, request: dict[str, Any]
) -> dict[str, Any] | None:
    """Dispatch one checked request object; None for a notification."""
    response = await dispatch_to_response(
        request,  # type: ignore[arg-type]  # parsed already: the deserializer is the identity
        methods,  # type: ignore[arg-type]
        context=ctx,
        deserializer=_identity,
        validator=_accept,
        post_process=to_serializable_one,
    )
    return response  # type: ignore[return-value]  # one request in, one object (or None) out
