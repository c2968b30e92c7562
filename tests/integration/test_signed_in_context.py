"""The context each procedure's chain gets from the call boundary.

Procedures built on ``authed``, ``with_roles(...)`` or ``admin_only`` get a
``SignedInContext`` (their caller typed as present), made once at the call boundary
where access is checked; public ones get the plain per-call copy, signed in or not.
The procedures are built on the routers' own bases, so they get the chain every
procedure gets, on the app's services over a real database.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from middleware.context import AppServices, RequestContext, SignedInContext
from routers.base import admin_only, authed, hashes_passwords, public, with_roles
from rpc import ErrorCode, NoInput, ProcedureBuilder, RpcError
from rpc.execution import call_procedure
from services.caller import Caller
from switchyard.services import build_services
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY

pytestmark = pytest.mark.asyncio

TECHNICIAN = Caller(user_id="u-1", email="tech@example.com", role="technician", session_id="s-1")
ADMIN = Caller(user_id="u-2", email="admin@example.com", role="admin", session_id="s-2")


@pytest.fixture
def services(migrated_engine: Engine, tmp_path: Path) -> AppServices:
    settings = Settings(secret_key=TEST_SECRET_KEY, data_dir=tmp_path)
    return build_services(settings, migrated_engine)


def request(services: AppServices, caller: Caller | None) -> RequestContext:
    return RequestContext(
        services, f"cid-{secrets.token_hex(4)}", "10.0.0.7", "tests", caller=caller
    )


async def context_seen(
    base: ProcedureBuilder[Any], services: AppServices, caller: Caller | None
) -> RequestContext:
    seen: list[RequestContext] = []

    def resolve(ctx: RequestContext, _params: NoInput) -> int:
        seen.append(ctx)
        return 1

    procedure = base.output(int).query(resolve).named("tests.context")
    assert await call_procedure(procedure, request(services, caller), {}) == 1
    return seen[0]


@pytest.mark.parametrize(
    ("base", "caller"),
    [
        (authed, TECHNICIAN),
        (with_roles("technician", "admin"), TECHNICIAN),
        (admin_only, ADMIN),
        # Through another middleware of the chain: it hands the narrowed context on.
        (hashes_passwords(authed), TECHNICIAN),
    ],
    ids=["authed", "with_roles", "admin_only", "authed_hashing"],
)
async def test_a_procedure_that_requires_a_caller_gets_a_signed_in_context(
    services: AppServices, base: ProcedureBuilder[Any], caller: Caller
) -> None:
    ctx = await context_seen(base, services, caller)
    assert type(ctx) is SignedInContext
    assert ctx.caller is caller
    assert (ctx.procedure, ctx.is_mutation) == ("tests.context", False)


@pytest.mark.parametrize("caller", [None, TECHNICIAN], ids=["anonymous", "signed_in"])
async def test_a_public_procedure_gets_the_plain_context(
    services: AppServices, caller: Caller | None
) -> None:
    ctx = await context_seen(public, services, caller)
    assert type(ctx) is RequestContext
    assert ctx.caller is caller


async def test_without_a_caller_the_resolver_never_runs(services: AppServices) -> None:
    with pytest.raises(RpcError) as refused:
        await context_seen(authed, services, None)
    assert refused.value.code == ErrorCode.UNAUTHORIZED


async def test_a_caller_without_the_role_is_refused(services: AppServices) -> None:
    with pytest.raises(RpcError) as refused:
        await context_seen(admin_only, services, TECHNICIAN)
    assert refused.value.code == ErrorCode.FORBIDDEN
