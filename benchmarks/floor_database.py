"""The database floor: ``auth.me``, ``account.list``, ``tickets.getTickets`` and
``inventory.listProducts`` as a developer would write them by hand.

A raw Starlette route doing the database work of the four procedures, with the driver
of each database (``floor_sqlite``, ``floor_postgresql``) and the app's output models,
and nothing else: no middleware, no rate limits, no error model beyond an envelope. Per
request: the bearer token decoded with python-jose as ``services/tokens.py`` does (same
key, algorithm and claims), then one query for the session joined to its user, kept only
while the session is live and the user active (``services/auth.py``, ``authenticate``).
A batch loads its caller once; each call then answers from it: ``auth.me`` with the user
as ``schemas.auth.AuthUser``, ``account.list`` with one query for the caller's accounts,
each an ``schemas.account.Account``, ``tickets.getTickets`` with one page of tickets and
their count (``floor_tickets``), ``inventory.listProducts`` with one page of one virtual
warehouse's units and their count (``floor_inventory``). All are dumped in JSON mode, so
the ``result`` of every answer is Switchyard's to the byte.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any, Protocol

from jose import JWTError, jwt
from pydantic import TypeAdapter
from sqlalchemy.engine import make_url
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from benchmarks.databases import libpq_url
from benchmarks.floor_inventory import answer_unit_page
from benchmarks.floor_postgresql import PostgresqlFloorDatabase
from benchmarks.floor_sqlite import SqliteFloorDatabase
from benchmarks.floor_tickets import answer_ticket_page
from schemas.account import Account
from schemas.auth import AuthUser
from services.tokens import ACCESS_TOKEN_TYPE, ALGORITHM
from switchyard.services import database_url
from switchyard.settings import Settings, resolve_secret_key

Row = dict[str, Any]
UNAUTHORIZED = {"code": -32001, "message": "Unauthorized"}
METHOD_NOT_FOUND = {"code": -32601, "message": "Method not found"}
_ACCOUNT_LIST = TypeAdapter(list[Account])
# The procedures a caller must be signed in for (every role may call them).
SIGNED_IN_METHODS = ("account.list", "tickets.getTickets", "inventory.listProducts")


class FloorConnection(Protocol):
    """One connection, held for the length of a request."""

    async def session_with_user(self, session_id: str) -> Row | None: ...
    async def accounts_of(self, user_id: str) -> list[Row]: ...
    async def ticket_page(self, *, limit: int, offset: int) -> list[Row]: ...
    async def ticket_count(self) -> int: ...
    async def unit_page(
        self, *, virtual_warehouse_type: str, limit: int, offset: int
    ) -> list[Row]: ...
    async def unit_count(self, *, virtual_warehouse_type: str) -> int: ...


class FloorDatabase(Protocol):
    async def open(self) -> None: ...
    async def close(self) -> None: ...
    def connection(self) -> AbstractAsyncContextManager[FloorConnection]: ...


def access_claims(authorization: str | None, secret_key: str) -> tuple[str, str] | None:
    """(user id, session id) of a valid ``Bearer`` access token; None for anything else.

    python-jose checks the signature with the algorithm pinned, and the expiry,
    issued-at and not-before claims; the rest are the claims the app's TokenService
    requires of an access token.
    """
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        claims = jwt.decode(token, secret_key, algorithms=[ALGORITHM])
    except JWTError:
        return None
    user_id, session_id = claims.get("sub"), claims.get("sid")
    if (
        claims.get("typ") != ACCESS_TOKEN_TYPE
        or not isinstance(user_id, str)
        or not isinstance(session_id, str)
        or not isinstance(claims.get("role"), str)
    ):
        return None
    return user_id, session_id


async def signed_in_user(connection: FloorConnection, user_id: str, session_id: str) -> Row | None:
    """The caller's user row, while its session is live and the user active."""
    row = await connection.session_with_user(session_id)
    if (
        row is None
        or row["session_user_id"] != user_id
        or row["revoked_at"] is not None
        or datetime.now(UTC) >= row["expires_at"]
        or not row["is_active"]
    ):
        return None
    return row


def answer_me(user: Row | None) -> Any:
    if user is None:
        return None  # auth.me is public: an anonymous caller gets null
    return AuthUser(
        id=user["id"],
        email=user["email"],
        name=user["full_name"],
        role=user["role"],
        is_active=user["is_active"],
        created_at=user["created_at"],
        updated_at=user["updated_at"],
        last_signed_in=user["last_signed_in_at"],
    ).model_dump(mode="json")


async def answer_accounts(user: Row, connection: FloorConnection) -> Any:
    rows = await connection.accounts_of(user["id"])
    return _ACCOUNT_LIST.dump_python([Account.model_validate(row) for row in rows], mode="json")


async def answer(
    member: dict[str, Any], user: Row | None, connection: FloorConnection | None
) -> Row:
    method = member.get("method")
    if method == "auth.me":
        return {"jsonrpc": "2.0", "result": answer_me(user), "id": member["id"]}
    if method not in SIGNED_IN_METHODS:
        return {"jsonrpc": "2.0", "error": METHOD_NOT_FOUND, "id": member.get("id")}
    if user is None or connection is None:
        return {"jsonrpc": "2.0", "error": UNAUTHORIZED, "id": member["id"]}
    if method == "account.list":
        result = await answer_accounts(user, connection)
    elif method == "tickets.getTickets":
        result = await answer_ticket_page(member.get("params") or {}, connection)
    else:
        result = await answer_unit_page(member.get("params") or {}, connection)
    return {"jsonrpc": "2.0", "result": result, "id": member["id"]}


def floor_database_for(settings: Settings) -> FloorDatabase:
    """The app's own database (DATABASE_URL, or the embedded SQLite file) for its driver."""
    url = make_url(database_url(settings))
    if url.get_backend_name() == "sqlite":
        assert url.database, "the SQLite URL names no file"
        return SqliteFloorDatabase(url.database)
    return PostgresqlFloorDatabase(libpq_url(url.render_as_string(hide_password=False)))


def create_database_floor_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    secret_key = resolve_secret_key(settings)
    database = floor_database_for(settings)

    async def rpc(request: Request) -> JSONResponse:
        payload = await request.json()
        members = payload if isinstance(payload, list) else [payload]
        claims = access_claims(request.headers.get("authorization"), secret_key)
        if claims is None:
            answers = [await answer(member, None, None) for member in members]
        else:
            async with database.connection() as connection:
                user = await signed_in_user(connection, *claims)
                answers = [await answer(member, user, connection) for member in members]
        return JSONResponse(answers if isinstance(payload, list) else answers[0])

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await database.open()
        try:
            yield
        finally:
            await database.close()

    return Starlette(routes=[Route("/rpc", rpc, methods=["POST"])], lifespan=lifespan)
