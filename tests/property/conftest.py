"""Property-test fixtures: the real app in-process (``httpx.ASGITransport``, driven from
the synchronous hypothesis tests through an anyio blocking portal) on a migrated
database of the module's own, with an admin to call as.

Rate limits are off in this app: after a few examples every limited procedure would
answer TOO_MANY_REQUESTS before validating anything, and the properties would stop
exploring input validation, resolvers and the database. The limits themselves are
tested end to end in ``tests/e2e/test_http.py``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from starlette.applications import Starlette

from db.tables.auth import UserRow
from db.unit_of_work import SqlUnitOfWork
from middleware.context import AppServices
from services import auth as auth_service
from switchyard.app import create_app
from switchyard.settings import Settings
from tests.databases import temporary_postgres_database
from tests.migrated_copies import migrate_fresh

SECRET_KEY = "property-signing-key-that-is-long-enough-for-hs256"
SETUP_PASSWORD = "Setup-Property-77"
ADMIN_PASSWORD = "Harbour-Lights-42"


@pytest.fixture(scope="module")
def property_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        # At head already (a copy of the migrated template): property_app migrates it.
        yield from temporary_postgres_database(server_url, "switchyard_prop", migrated=True)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('property-db') / 'switchyard.db'}"


@dataclass(frozen=True)
class PropertyApp:
    portal: BlockingPortal
    client: httpx.AsyncClient
    app: Starlette
    admin_id: str

    def post(self, content: bytes, headers: dict[str, str]) -> httpx.Response:
        """POST /rpc through the ASGI transport, from synchronous test code."""
        send = functools.partial(self.client.post, "/rpc", content=content, headers=headers)
        return self.portal.call(send)

    @property
    def services(self) -> AppServices:
        services: AppServices = self.app.state.services
        return services

    def admin_token(self) -> str:
        """A fresh admin session: an example may sign the previous one out (auth.logout)
        or change the admin's email (profile.updateProfile), so look the email up."""
        services = self.services
        with SqlUnitOfWork(services.session_factory, read_only=True) as uow:
            admin = uow.users.get(self.admin_id)
            assert isinstance(admin, UserRow)
            email = admin.email
        result = auth_service.login(
            SqlUnitOfWork(services.session_factory),
            services.hasher,
            services.tokens,
            email,
            ADMIN_PASSWORD,
            services.clock,
        )
        return result.access_token


@pytest.fixture(scope="module")
def property_app(
    property_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PropertyApp]:
    migrate_fresh(property_database_url)
    settings = Settings(
        DATABASE_URL=property_database_url,
        secret_key=SECRET_KEY,
        data_dir=tmp_path_factory.mktemp("property-data"),
        setup_password=SETUP_PASSWORD,
        admin_email="root@property.test",
        admin_password=ADMIN_PASSWORD,
        password_memory_kib=1024,
        password_time_cost=1,
        password_parallelism=1,
        rate_limits_enabled=False,
        # No sender in the background: writing an email draws from the global random
        # generator (MIME boundaries), which Hypothesis rightly takes for a strategy
        # that is not reproducible when it happens during a draw.
        send_emails_in_server=False,
    )
    app = create_app(settings)
    services: AppServices = app.state.services
    admin = auth_service.create_admin(
        SqlUnitOfWork(services.session_factory),
        services.hasher,
        "prop-admin@property.test",
        ADMIN_PASSWORD,
        "Property Admin",
    )
    transport = httpx.ASGITransport(app=app)
    with start_blocking_portal() as portal:
        lifespan = app.router.lifespan_context(app)
        with portal.wrap_async_context_manager(lifespan):
            client = httpx.AsyncClient(transport=transport, base_url="http://property.test")
            try:
                yield PropertyApp(portal=portal, client=client, app=app, admin_id=admin.id)
            finally:
                portal.call(client.aclose)


@pytest.fixture(scope="module")
def token(property_app: PropertyApp) -> str:
    """An admin session shared by a module's input properties (none of them signs out)."""
    return property_app.admin_token()
