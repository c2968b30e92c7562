"""Helpers shared by the end-to-end tests of every namespace: the error codes, the
roles, and one call as a signed-in user."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import Account, MakeUser, rpc_call

# (code, data.code) pairs, as error_of takes them.
UNAUTHORIZED = (-32001, "UNAUTHORIZED")
FORBIDDEN = (-32003, "FORBIDDEN")
NOT_FOUND = (-32004, "NOT_FOUND")
CONFLICT = (-32009, "CONFLICT")
BAD_REQUEST = (-32600, "BAD_REQUEST")
PRECONDITION_FAILED = (-32012, "PRECONDITION_FAILED")
TOO_MANY_REQUESTS = (-32029, "TOO_MANY_REQUESTS")
INVALID_PARAMS = (-32602, "INVALID_PARAMS")
# A well-formed id that no row has.
MISSING_ID = "00000000-0000-4000-8000-000000000000"


def call(client: httpx.Client, user: Account, method: str, params: Any = None) -> Any:
    """One call as ``user``."""
    return rpc_call(client, method, params, user.token)


# Every role, in the order the access table and the published roles list them.
ROLES = ["admin", "manager", "technician", "reception"]


def as_role(role: str, make_user: MakeUser, admin_account: Account) -> Account:
    """A signed-in user of ``role``: the module's admin, or a new user."""
    return admin_account if role == "admin" else make_user(role)
