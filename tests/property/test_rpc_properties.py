"""Properties of every published method, against the real app and a real database.

1. Whatever JSON value is sent as ``params``, the answer is a well-formed JSON-RPC 2.0
   response (exactly ``jsonrpc``, the echoed ``id``, and one of ``result``/``error``),
   an error has the one error shape (``data`` with ``code``, ``httpStatus``, ``path``,
   ``correlationId``), and it is never -32603: every failure the caller can
   cause has a name. Checked anonymously and as an admin.
2. Params generated from the method's own published JSON schema never give -32603
   either (they may well give domain errors such as NOT_FOUND or CONFLICT), and every
   error such a call gets is one the method declares in OpenRPC.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from rpc import ErrorCode
from switchyard.openrpc import openrpc_document
from tests.property.conftest import PropertyApp
from tests.property.examples import per_procedure_settings

DOCUMENT = openrpc_document()
METHODS: dict[str, dict[str, Any]] = {method["name"]: method for method in DOCUMENT["methods"]}
COMPONENTS: dict[str, Any] = DOCUMENT["components"]["schemas"]
REF_PREFIX = "#/components/schemas/"
ERROR_KEYS = {"code", "message", "data"}
DATA_KEYS = {"code", "httpStatus", "path", "correlationId"}
ISSUE_KEYS = {"path", "message", "type"}

# Examples per procedure come from the budget of the selected profile (examples.py).
PROPERTY_SETTINGS = per_procedure_settings(len(METHODS))

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
# Request ids a JSON-RPC client may use (numbers stay within what a double holds exactly).
request_ids = st.integers(min_value=-(2**53), max_value=2**53) | st.text(max_size=20)


def _inline(schema: Any) -> Any:
    """The schema with every ``#/components/schemas/...`` reference replaced by its target."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF_PREFIX):
            return _inline(COMPONENTS[ref.removeprefix(REF_PREFIX)])
        return {key: _inline(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_inline(item) for item in schema]
    return schema


def params_schema(method: dict[str, Any]) -> dict[str, Any]:
    """The object schema of a method's by-name params, from its content descriptors."""
    return {
        "type": "object",
        "properties": {d["name"]: _inline(d["schema"]) for d in method["params"]},
        "required": [d["name"] for d in method["params"] if d["required"]],
        "additionalProperties": False,
    }


def call(
    prop: PropertyApp, method: str, params: Any, request_id: Any, token: str | None
) -> tuple[Any, str]:
    correlation = f"prop-{uuid.uuid4().hex}"
    headers = {"Content-Type": "application/json", "X-Correlation-ID": correlation}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
    response = prop.post(json.dumps(body).encode(), headers)
    assert response.status_code == 200, response.text
    assert response.headers["x-correlation-id"] == correlation
    return response.json(), correlation


def check_response(
    answer: Any, *, method: str, params: Any, request_id: Any, correlation: str
) -> dict[str, Any] | None:
    """Assert the answer is well formed; return its error (None for a result)."""
    assert isinstance(answer, dict), answer
    assert set(answer) in ({"jsonrpc", "id", "result"}, {"jsonrpc", "id", "error"}), answer
    assert answer["jsonrpc"] == "2.0"
    assert answer["id"] == request_id
    assert type(answer["id"]) is type(request_id)
    if "result" in answer:
        assert isinstance(params, dict), "only by-name params can succeed"
        event("result")
        return None
    error = answer["error"]
    event(f"error {error.get('data', {}).get('code')}")
    assert set(error) == ERROR_KEYS, error
    assert isinstance(error["message"], str)
    assert error["message"]
    data = error["data"]
    assert set(data) >= DATA_KEYS, error
    key = ErrorCode[data["code"]]
    assert (error["code"], data["httpStatus"]) == (key.number, key.http_status), error
    assert data["correlationId"] == correlation
    assert key is not ErrorCode.INTERNAL_SERVER_ERROR, error
    for issue in data.get("issues", []):
        assert set(issue) == ISSUE_KEYS, issue
        assert isinstance(issue["path"], list)
        assert isinstance(issue["message"], str)
        assert isinstance(issue["type"], str)
    if isinstance(params, dict):
        # The envelope was fine, so the procedure answered: the error names it.
        assert data["path"] == method, error
        if key is ErrorCode.INVALID_PARAMS:
            assert data["issues"], error
    else:
        assert key in (ErrorCode.BAD_REQUEST, ErrorCode.INVALID_PARAMS), error
        assert data["path"] in (None, method), error
    return error


def declared_codes(method: str) -> set[int]:
    return {error["code"] for error in METHODS[method]["errors"]}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "admin"])
def test_any_params_get_a_well_formed_answer_and_never_an_internal_error(
    property_app: PropertyApp, method: str, signed_in: bool
) -> None:
    @PROPERTY_SETTINGS
    @given(params=json_values, request_id=request_ids)
    def holds(params: Any, request_id: Any) -> None:
        token = property_app.admin_token() if signed_in else None
        answer, correlation = call(property_app, method, params, request_id, token)
        check_response(
            answer, method=method, params=params, request_id=request_id, correlation=correlation
        )

    holds()


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "admin"])
def test_schema_valid_params_never_give_an_internal_error(
    property_app: PropertyApp, method: str, signed_in: bool
) -> None:
    @PROPERTY_SETTINGS
    @given(params=from_schema(params_schema(METHODS[method])))
    def holds(params: dict[str, Any]) -> None:
        token = property_app.admin_token() if signed_in else None
        answer, correlation = call(property_app, method, params, 1, token)
        error = check_response(
            answer, method=method, params=params, request_id=1, correlation=correlation
        )
        if error is not None:
            assert error["code"] in declared_codes(method), error

    holds()


def test_every_published_method_is_covered() -> None:
    # The properties run over the document's methods: make sure it has the app's.
    assert set(METHODS) >= {
        "auth.login",
        "auth.me",
        "auth.refresh",
        "auth.logout",
        "admin.setup",
        "admin.createUser",
        "admin.setUserRole",
        "admin.deactivateUser",
        "profile.getCurrentUser",
        "profile.updateProfile",
        "profile.getAllUsers",
        "account.list",
        "account.create",
        "account.update",
        "account.switch",
        "account.delete",
        "proxy.list",
        "proxy.create",
        "proxy.update",
        "proxy.delete",
        "proxy.test",
        "tab.list",
        "tab.create",
        "tab.update",
        "tab.close",
    }
