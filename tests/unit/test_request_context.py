"""``RequestContext.for_call``: a copy narrowed to one call, the request left as it was.

``for_signed_in_call`` is the same copy for a procedure that requires a caller: a
``SignedInContext``, whose caller is the one the call boundary checked.
"""

from __future__ import annotations

import dataclasses
from typing import cast

from middleware.context import AppServices, RequestContext, SignedInContext
from services.caller import Caller


def request_context(caller: Caller | None = None) -> RequestContext:
    # for_call only carries the services along: any object stands in for them here.
    return RequestContext(
        services=cast(AppServices, object()),
        correlation_id="cid-1",
        client_address="10.0.0.1",
        user_agent="tests",
        caller=caller,
        auth_failure=None if caller else "Token expired",
    )


def test_a_narrowed_copy_keeps_the_request_and_names_the_call() -> None:
    caller = Caller(user_id="u-1", email="a@example.com", role="admin", session_id="s-1")
    root = request_context(caller)
    narrowed = root.for_call("tab.update", is_mutation=True)
    assert (narrowed.procedure, narrowed.is_mutation) == ("tab.update", True)
    assert narrowed.services is root.services
    assert (narrowed.correlation_id, narrowed.client_address, narrowed.user_agent) == (
        "cid-1",
        "10.0.0.1",
        "tests",
    )
    assert narrowed.caller is caller
    assert (root.procedure, root.is_mutation) == ("", False)


PER_CALL_FIELDS = {"procedure", "is_mutation"}


def test_a_narrowed_copy_keeps_every_field_of_the_request() -> None:
    # Every field, whatever fields there are: one added later is covered too. A value
    # of its own per field, so that a field copied into another's place shows.
    values = {field.name: object() for field in dataclasses.fields(RequestContext)}
    assert values.keys() >= PER_CALL_FIELDS
    root = RequestContext(**values)  # type: ignore[arg-type]  # stand-ins, one per field
    narrowed = root.for_call("tab.update", is_mutation=True)

    assert narrowed is not root
    for field in dataclasses.fields(RequestContext):
        if field.name in PER_CALL_FIELDS:
            continue
        assert getattr(narrowed, field.name) is values[field.name], field.name
    assert (narrowed.procedure, narrowed.is_mutation) == ("tab.update", True)
    # The request's own context is left as it was.
    assert all(getattr(root, name) is value for name, value in values.items())


def test_a_signed_in_copy_keeps_every_field_of_the_request_and_takes_the_caller() -> None:
    values = {field.name: object() for field in dataclasses.fields(RequestContext)}
    root = RequestContext(**values)  # type: ignore[arg-type]  # stand-ins, one per field
    caller = Caller(user_id="u-1", email="a@example.com", role="admin", session_id="s-1")
    narrowed = root.for_signed_in_call(caller, "tab.update", is_mutation=True)

    assert type(narrowed) is SignedInContext
    assert narrowed.caller is caller
    for field in dataclasses.fields(RequestContext):
        if field.name in PER_CALL_FIELDS | {"caller"}:
            continue
        assert getattr(narrowed, field.name) is values[field.name], field.name
    assert (narrowed.procedure, narrowed.is_mutation) == ("tab.update", True)
    assert all(getattr(root, name) is value for name, value in values.items())


def test_a_signed_in_context_has_the_fields_and_slots_of_the_request() -> None:
    # Only the type of caller is narrower: no field of its own, no instance dict.
    assert dataclasses.fields(SignedInContext) == dataclasses.fields(RequestContext)
    assert SignedInContext.__slots__ == ()
    assert not hasattr(request_context().for_call("x", is_mutation=False), "__dict__")
