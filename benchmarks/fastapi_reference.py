"""The reference: ``auth.me``, ``account.list``, ``tickets.getTickets`` and
``inventory.listProducts`` as FastAPI's documentation writes them.

The tutorial's "SQL (Relational) Databases" with SQLModel (an engine, a session per
request from a ``get_session`` dependency, ``SessionDep``) and its security chapter (a
``get_current_user`` dependency decoding the bearer JWT), with sync ``def`` path
operations and ``response_model``. The tables are the app's (``db/tables``) and so are
the output models. The load generator posts a JSON-RPC call, so each procedure has its
own path (``POST /rpc/auth.me``) that takes the call and answers its envelope; single
calls only, a batch has no FastAPI equivalent to compare.

The tutorial's module-level engine and dependencies live in a factory here, so that a
test or a benchmark server builds one for the database it names.
"""

# No `from __future__ import annotations`: FastAPI reads the dependencies' Annotated
# types at run time, and the ones defined inside the factory are not module globals.

import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt
from pydantic import BaseModel
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, create_engine, func, select

from db.tables.account import BrowserAccountRow
from db.tables.auth import AuthSessionRow, UserRow
from db.tables.catalog import BrandRow, ProductModelRow, WarehouseRow
from db.tables.customers import CustomerRow
from db.tables.inventory import PhysicalProductRow
from db.tables.tickets import ServiceTicketRow
from schemas.account import Account
from schemas.auth import AuthUser
from schemas.inventory.unit import ListUnitsInput, UnitPage
from schemas.tickets.listing import GetTicketsInput, TicketPage
from services.inventory.warranty_rules import warranty_status
from services.tokens import ACCESS_TOKEN_TYPE, ALGORITHM
from switchyard.services import database_url
from switchyard.settings import Settings, resolve_secret_key

ResultT = TypeVar("ResultT")


class RpcCall(BaseModel):
    jsonrpc: Literal["2.0"]
    method: str
    params: dict[str, Any] = {}
    id: int | str


class RpcAnswer(BaseModel, Generic[ResultT]):
    jsonrpc: Literal["2.0"] = "2.0"
    result: ResultT
    id: int | str


def create_fastapi_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    secret_key = resolve_secret_key(settings)
    url = database_url(settings)
    # The tutorial's engine: SQLite needs check_same_thread off, as FastAPI runs each
    # request's sync code in its threadpool.
    connect_args = (
        {"check_same_thread": False} if make_url(url).get_backend_name() == "sqlite" else {}
    )
    engine = create_engine(url, connect_args=connect_args)

    def get_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    SessionDep = Annotated[Session, Depends(get_session)]  # noqa: N806 - the tutorial's name
    oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )

    def get_current_user(
        token: Annotated[str, Depends(oauth2_scheme)], session: SessionDep
    ) -> UserRow:
        try:
            payload = jwt.decode(token, secret_key, algorithms=[ALGORITHM])
        except JWTError:
            raise credentials_exception from None
        user_id, session_id = payload.get("sub"), payload.get("sid")
        if payload.get("typ") != ACCESS_TOKEN_TYPE or not isinstance(session_id, str):
            raise credentials_exception
        statement = (
            select(AuthSessionRow, UserRow)
            .join(UserRow, col(UserRow.id) == col(AuthSessionRow.user_id))
            .where(col(AuthSessionRow.id) == session_id)
        )
        found = session.exec(statement).first()
        if found is None:
            raise credentials_exception
        auth_session, user = found
        if (
            auth_session.user_id != user_id
            or auth_session.revoked_at is not None
            or datetime.now(UTC) >= auth_session.expires_at
            or not user.is_active
        ):
            raise credentials_exception
        return user

    CurrentUser = Annotated[UserRow, Depends(get_current_user)]  # noqa: N806

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.post("/rpc/auth.me", response_model=RpcAnswer[AuthUser])
    def read_me(call: RpcCall, current_user: CurrentUser) -> Any:
        user = AuthUser(
            id=current_user.id,
            email=current_user.email,
            name=current_user.full_name,
            role=current_user.role,
            is_active=current_user.is_active,
            created_at=current_user.created_at,
            updated_at=current_user.updated_at,
            last_signed_in=current_user.last_signed_in_at,
        )
        return {"jsonrpc": "2.0", "result": user, "id": call.id}

    @app.post("/rpc/account.list", response_model=RpcAnswer[list[Account]])
    def read_accounts(call: RpcCall, current_user: CurrentUser, session: SessionDep) -> Any:
        statement = (
            select(BrowserAccountRow)
            .where(col(BrowserAccountRow.user_id) == current_user.id)
            .order_by(
                col(BrowserAccountRow.created_at).asc().nulls_last(), col(BrowserAccountRow.id)
            )
        )
        accounts = session.exec(statement).all()
        return {"jsonrpc": "2.0", "result": accounts, "id": call.id}

    @app.post("/rpc/tickets.getTickets", response_model=RpcAnswer[TicketPage])
    def read_tickets(call: RpcCall, current_user: CurrentUser, session: SessionDep) -> Any:
        # The params as the app's own input model reads them (limit and offset, with
        # their defaults and bounds); the benchmark sends no filter.
        page = GetTicketsInput.model_validate(call.params)
        statement = (
            select(ServiceTicketRow, CustomerRow, ProductModelRow, BrandRow)
            .join(CustomerRow, col(CustomerRow.id) == col(ServiceTicketRow.customer_id))
            .join(ProductModelRow, col(ProductModelRow.id) == col(ServiceTicketRow.product_id))
            .join(BrandRow, col(BrandRow.id) == col(ProductModelRow.brand_id))
            .order_by(col(ServiceTicketRow.created_at).desc(), col(ServiceTicketRow.id))
            .offset(page.offset)
            .limit(page.limit)
        )
        # The response model builds each ticket's customers and products from the rows.
        tickets = [
            {
                **ticket.model_dump(),
                "customers": customer,
                "products": {**product.model_dump(), "brands": brand},
            }
            for ticket, customer, product, brand in session.exec(statement).all()
        ]
        total = session.exec(select(func.count()).select_from(ServiceTicketRow)).one()
        return {"jsonrpc": "2.0", "result": {"tickets": tickets, "total": total}, "id": call.id}

    @app.post("/rpc/inventory.listProducts", response_model=RpcAnswer[UnitPage])
    def read_units(call: RpcCall, current_user: CurrentUser, session: SessionDep) -> Any:
        # The params as the app's input model reads them; the benchmark filters by
        # virtual warehouse only, so that is the filter applied here.
        params = ListUnitsInput.model_validate(call.params)
        place = col(PhysicalProductRow.virtual_warehouse_type) == params.virtual_warehouse_type
        statement = (
            select(PhysicalProductRow, ProductModelRow, BrandRow, WarehouseRow)
            .join(ProductModelRow, col(ProductModelRow.id) == col(PhysicalProductRow.product_id))
            .join(BrandRow, col(BrandRow.id) == col(ProductModelRow.brand_id))
            .outerjoin(
                WarehouseRow, col(WarehouseRow.id) == col(PhysicalProductRow.physical_warehouse_id)
            )
            .where(place)
            .order_by(col(PhysicalProductRow.created_at).desc(), col(PhysicalProductRow.id).desc())
            .offset(params.offset)
            .limit(params.limit)
        )
        today = datetime.now(UTC).date()
        # The response model builds each unit's product and warehouse from the rows.
        units = [
            {
                **unit.model_dump(),
                "warranty_status": warranty_status(unit.warranty_end_date, today),
                "product": {**model.model_dump(), "brand": brand},
                "physical_warehouse": warehouse,
            }
            for unit, model, brand, warehouse in session.exec(statement).all()
        ]
        total = session.exec(
            select(func.count()).select_from(PhysicalProductRow).where(place)
        ).one()
        return {"jsonrpc": "2.0", "result": {"products": units, "total": total}, "id": call.id}

    return app
