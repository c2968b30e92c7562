"""jsonrpcserver's results as the dispatch bridge builds and reads them."""

from __future__ import annotations

import importlib

from rpc.dispatch import Right, error_result, response_object, success
from rpc.errors import ErrorCode, RpcError

# Imported after rpc.dispatch, which imports jsonrpcserver with its own import-time
# DeprecationWarning silenced (pytest turns warnings into errors).
jsonrpcserver = importlib.import_module("jsonrpcserver")


def test_right_is_the_class_of_jsonrpcservers_own_successes() -> None:
    # Taken from jsonrpcserver.result rather than from oslash: still the same class.
    assert isinstance(jsonrpcserver.Success(1), Right)
    assert not isinstance(jsonrpcserver.Error(-32000, "no"), Right)


def test_a_success_built_here_is_jsonrpcservers_success() -> None:
    assert success({"a": 1}) == jsonrpcserver.Success({"a": 1})
    assert response_object(success({"a": 1}), 7) == {"jsonrpc": "2.0", "result": {"a": 1}, "id": 7}


def test_an_error_result_becomes_an_error_response() -> None:
    answer = response_object(error_result(RpcError(ErrorCode.NOT_FOUND, "Gone"), "x.get"), 7)
    assert answer["error"]["code"] == -32004
    assert answer["error"]["data"]["path"] == "x.get"
    assert "result" not in answer
