"""jsonrpcserver's per-call signature lookup: faster, with inspect's answers."""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from rpc import Procedure, ProcedureBuilder, Router
from rpc.dispatch import method_for, own_signature

# Imported after rpc.dispatch, which imports jsonrpcserver with its own import-time
# DeprecationWarning silenced (pytest turns warnings into errors).
dispatcher = importlib.import_module("jsonrpcserver.dispatcher")
Request, Left, Right = dispatcher.Request, dispatcher.Left, dispatcher.Right


def plain(a: int, b: str = "x") -> None: ...


async def coroutine_function(ctx: object, /, *, text: str) -> None: ...


def with_stored_signature(*args: Any, **kwargs: Any) -> None: ...


with_stored_signature.__signature__ = inspect.signature(plain)  # type: ignore[attr-defined]


def wrapped_by_decorator(a: int) -> int:
    return a


@functools.wraps(wrapped_by_decorator)
def decorator_wrapper(*args: Any, **kwargs: Any) -> int:
    return wrapped_by_decorator(*args, **kwargs)


def signature_is_none() -> None: ...


signature_is_none.__signature__ = None  # type: ignore[attr-defined]


class CallableObject:
    def __call__(self, x: int) -> int:
        return x

    def method(self, y: str) -> str:
        return y


# Named, so that test ids are the same in every process (pytest-xdist's workers must
# collect identical ids; a repr carries memory addresses).
CALLABLES: dict[str, Callable[..., Any]] = {
    "plain": plain,
    "coroutine_function": coroutine_function,
    "with_stored_signature": with_stored_signature,
    "decorator_wrapper": decorator_wrapper,
    "signature_is_none": signature_is_none,
    "callable_object": CallableObject(),
    "bound_method": CallableObject().method,
    "class": CallableObject,
    "partial": functools.partial(plain, 1),
    "builtin": len,
    "lambda": lambda q, /, *r, **s: None,
}


@pytest.mark.parametrize("subject", CALLABLES.values(), ids=CALLABLES.keys())
def test_the_answer_is_inspects_for_any_callable(subject: Callable[..., Any]) -> None:
    assert own_signature(subject) == inspect.signature(subject)
    assert own_signature(subject, follow_wrapped=False) == inspect.signature(
        subject, follow_wrapped=False
    )


def test_a_stored_signature_is_returned_as_it_is() -> None:
    assert own_signature(with_stored_signature) is with_stored_signature.__signature__  # type: ignore[attr-defined]


def test_a_stored_signature_that_is_not_one_is_refused_as_inspect_refuses_it() -> None:
    def odd() -> None: ...

    odd.__signature__ = "not a signature"  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        inspect.signature(odd)
    with pytest.raises(TypeError):
        own_signature(odd)


def test_jsonrpcservers_dispatcher_looks_signatures_up_through_it() -> None:
    # If a jsonrpcserver upgrade stops looking the signature up by this name, the
    # speed-up is silently lost: this says so.
    assert dispatcher.signature is own_signature
    assert "signature(func)" in inspect.getsource(dispatcher.validate_args)


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str


def _echo_procedure() -> Procedure[Any]:
    async def echo(ctx: Any, params: Text) -> Text:
        return params

    router: Router[Any] = Router({"echo": ProcedureBuilder().input(Text).output(Text).query(echo)})
    return next(iter(router))


def test_jsonrpcserver_still_binds_every_call_against_the_methods_signature() -> None:
    method = method_for(_echo_procedure())
    request = Request(method="test.echo", params={"text": "a"}, id=1)
    assert isinstance(dispatcher.validate_args(request, object(), method), Right)
    # By position, the context and the params do not fit (ctx, /, **params): refused
    # by jsonrpcserver as invalid params, as before.
    by_position = Request(method="test.echo", params=["a"], id=1)
    refused = dispatcher.validate_args(by_position, object(), method)
    assert isinstance(refused, Left)
    assert refused._error.code == -32602  # jsonrpcserver's InvalidParamsResult


def test_a_method_without_a_stored_signature_is_bound_by_inspect() -> None:
    def two_args(ctx: object, a: int) -> None: ...

    missing = Request(method="m", params={}, id=1)
    refused = dispatcher.validate_args(missing, object(), two_args)
    assert isinstance(refused, Left)
    assert "missing a required argument: 'a'" in refused._error.data
