"""The whole app in process: ``create_app`` on the test's database, called over ASGI.

For what only the whole app shows (the request's context and authentication, the
transport, where calls run) when a uvicorn server in another thread would hide it:
here the app's event loop is the test's own, so "the loop's thread" is the test's
thread, and the test can act between two requests (or during one).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine
from starlette.applications import Starlette

from db.unit_of_work import SqlUnitOfWork
from middleware.context import AppServices, RequestContext
from rpc import Router
from services import auth as auth_service
from switchyard.app import create_app
from switchyard.settings import Settings
from tests.conftest import TEST_SECRET_KEY
from tests.factories.auth import DEFAULT_PASSWORD, make_user
from tests.migrated_copies import migrate_fresh

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class InProcessApp:
    app: Starlette
    client: httpx.AsyncClient

    @property
    def services(self) -> AppServices:
        services: AppServices = self.app.state.services
        return services

    @property
    def engine(self) -> Engine:
        engine: Engine = self.app.state.engine
        return engine

    async def call(self, method: str, params: Any = None, token: str | None = None) -> JsonObject:
        """One JSON-RPC call; its answer (HTTP 200 asserted)."""
        body: JsonObject = {"jsonrpc": "2.0", "id": 1, "method": method}
        if params is not None:
            body["params"] = params
        response = await self.client.post("/rpc", json=body, headers=_bearer(token))
        assert response.status_code == 200, response.text
        answer: JsonObject = response.json()
        return answer

    def signed_in_user(self, email: str, role: str = "technician") -> str:
        """A new user, signed in through the login service: its access token."""
        services = self.services
        with SqlUnitOfWork(services.session_factory) as uow:
            uow.users.add(make_user(services.hasher, email=email, role=role))
            uow.commit()
        login = auth_service.login(
            SqlUnitOfWork(services.session_factory),
            services.hasher,
            services.tokens,
            email,
            DEFAULT_PASSWORD,
            services.clock,
        )
        return login.access_token


def result_of(answer: JsonObject) -> Any:
    assert "error" not in answer, answer
    return answer["result"]


@contextlib.asynccontextmanager
async def in_process_app(
    database_url: str,
    data_dir: Path,
    *,
    router: Router[RequestContext] | None = None,
    **overrides: Any,
) -> AsyncIterator[InProcessApp]:
    """The app on ``database_url`` (migrated here), with cheap Argon2 and no rate limits."""
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "secret_key": TEST_SECRET_KEY,
        "data_dir": data_dir,
        "password_memory_kib": 1024,
        "password_time_cost": 1,
        "password_parallelism": 1,
        "rate_limits_enabled": False,
        # The outbox stays as queued; the sender's own tests start the senders they need.
        "send_emails_in_server": False,
    }
    values.update(overrides)
    migrate_fresh(database_url)
    app = create_app(Settings(**values), router=router)
    transport = httpx.ASGITransport(app=app)
    # The app's lifespan, as a server runs it: on the way out it closes the pools (the
    # calls' own on PostgreSQL too) before the database is dropped, which PostgreSQL
    # refuses while it is in use.
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
    ):
        yield InProcessApp(app=app, client=client)


def _bearer(token: str | None) -> dict[str, str]:
    return {} if token is None else {"Authorization": f"Bearer {token}"}
