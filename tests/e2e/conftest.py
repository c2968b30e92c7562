"""End-to-end fixtures: the real app, served by uvicorn over real HTTP on 127.0.0.1.

One server per test module (starting one costs a database, migrations and a thread),
so tests never share state through the order they run in: every test makes its own
users with unique emails, through ``admin_account`` and ``make_user``.

Rate limits stay enabled, with the in-memory limiter of each app instance (a unique
key prefix keeps instances apart even when REDIS_URL points at a shared Redis).
``auth.login`` allows 30 anonymous calls a minute per client address, and every test
connects from 127.0.0.1: so the factories sign their users in through the login
service on the app's own collaborators (the same code ``auth.login`` runs, same
tokens), and only the tests about ``auth.login`` itself call it over HTTP. The tests
of the limits run on app instances of their own (``start_server``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from starlette.applications import Starlette

from db.tables.audit import AuditLogRow
from db.tables.auth import AuthSessionRow, UserRow
from db.unit_of_work import SqlUnitOfWork
from middleware.context import AppServices
from services import auth as auth_service
from switchyard.app import create_app
from switchyard.server import UVICORN_OPTIONS
from switchyard.settings import Settings
from tests.databases import temporary_postgres_database
from tests.migrated_copies import migrate_fresh

# The fields of a profile on the wire (the service-center contract's snake_case).
PROFILE_KEYS = {
    "id",
    "user_id",
    "full_name",
    "email",
    "avatar_url",
    "role",
    "is_active",
    "created_at",
    "updated_at",
}

SECRET_KEY = "e2e-signing-key-that-is-long-enough-for-hs256"
SETUP_PASSWORD = "Setup-Switchyard-77"
ADMIN_EMAIL = "root@switchyard.test"
ADMIN_PASSWORD = "Harbour-Lights-42"
USER_PASSWORD = "Correct-Horse-9"
ALLOWED_ORIGIN = "https://app.switchyard.test"

JsonObject = dict[str, Any]


def make_settings(database_url: str, data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test app: cheap Argon2, a fixed key, setup configured, limits on."""
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "secret_key": SECRET_KEY,
        "data_dir": data_dir,
        "setup_password": SETUP_PASSWORD,
        "admin_email": ADMIN_EMAIL,
        "admin_password": ADMIN_PASSWORD,
        "password_memory_kib": 1024,
        "password_time_cost": 1,
        "password_parallelism": 1,
        "rate_limits_enabled": True,
        "rate_limit_key_prefix": f"switchyard-e2e-{secrets.token_hex(6)}",
        "cors_origins": [ALLOWED_ORIGIN],
        # The outbox stays as queued; the sender's own tests start the senders they need.
        "send_emails_in_server": False,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass(frozen=True)
class LiveServer:
    """A running app: its base URL, and the app object for reaching its database."""

    url: str
    app: Starlette
    database_url: str

    @property
    def services(self) -> AppServices:
        services: AppServices = self.app.state.services
        return services

    @property
    def engine(self) -> Engine:
        engine: Engine = self.app.state.engine
        return engine

    def db(self) -> Session:
        return Session(self.engine)


@contextlib.contextmanager
def serve(
    settings: Settings, *, migrate: bool = True, ready_status: int = 200
) -> Iterator[LiveServer]:
    """Migrate the settings' database, then serve ``create_app(settings)`` until exit.

    Served once ``/healthz`` answers ``ready_status`` (503 for a server started on
    purpose without a database it can reach, which is then not migrated either).
    """
    assert settings.database_url is not None
    if migrate:
        migrate_fresh(settings.database_url)
    app = create_app(settings)
    # The socket is bound here and handed to uvicorn: no window in which another
    # process could take the free port between finding it and using it.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # Served as `switchyard serve` serves it (uvloop, httptools, uvicorn's own
    # X-Forwarded-For handling off), so what these tests see over HTTP is what runs.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", **UVICORN_OPTIONS
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, thread, ready_status)
        yield LiveServer(url=url, app=app, database_url=settings.database_url)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not stop"


def _wait_until_healthy(url: str, thread: threading.Thread, ready_status: int) -> None:
    deadline = time.monotonic() + 15
    with httpx.Client(base_url=url, timeout=2) as client:
        while time.monotonic() < deadline:
            if not thread.is_alive():
                raise RuntimeError("uvicorn exited during start-up")
            try:
                if client.get("/healthz").status_code == ready_status:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.02)
    raise RuntimeError(f"{url}/healthz did not answer {ready_status} within 15 s")


@pytest.fixture(scope="module")
def module_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The module's server's database: at head already on PostgreSQL (a copy of the
    migrated template, tests/migrated_copies.py), which ``serve`` then leaves as it is."""
    server_url = os.environ.get("DATABASE_URL", "")
    if server_url.startswith("postgresql"):
        yield from temporary_postgres_database(server_url, "switchyard_e2e", migrated=True)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('e2e-db') / 'switchyard.db'}"


@pytest.fixture(scope="module")
def server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    settings = make_settings(module_database_url, tmp_path_factory.mktemp("e2e-data"))
    with serve(settings) as live:
        yield live


@pytest.fixture
def start_server(database_url: str, tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start an app of the test's own on a fresh database, with settings overridden.

    For what must not touch the shared server: first-time setup, rate limits. At most
    one server per test (there is one fresh database per test).
    """
    with contextlib.ExitStack() as stack:

        def start(**overrides: Any) -> LiveServer:
            settings = make_settings(database_url, tmp_path, **overrides)
            return stack.enter_context(serve(settings))

        yield start


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


def rpc_call(
    client: httpx.Client,
    method: str,
    params: Any = None,
    token: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    request_id: Any = 1,
) -> JsonObject:
    """Send one raw JSON-RPC request; return the parsed response (HTTP 200 asserted)."""
    body: JsonObject = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        body["params"] = params
    response = client.post("/rpc", json=body, headers=_headers(token, headers))
    assert response.status_code == 200, response.text
    answer: JsonObject = response.json()
    assert answer["id"] == request_id
    return answer


def rpc_batch(
    client: httpx.Client,
    members: list[Any],
    token: str | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return client.post("/rpc", json=members, headers=_headers(token, headers))


def _headers(token: str | None, extra: dict[str, str] | None) -> dict[str, str]:
    headers = dict(extra or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def result_of(answer: JsonObject) -> Any:
    """The result of a successful call (fails the test with the error otherwise)."""
    assert "error" not in answer, answer
    return answer["result"]


def error_of(answer: JsonObject, code: int, data_code: str) -> JsonObject:
    """The error of a failed call, checked for its number, key and HTTP status."""
    assert "result" not in answer, answer
    error: JsonObject = answer["error"]
    assert error["code"] == code, error
    assert error["data"]["code"] == data_code, error
    return error


def issue_paths(error: JsonObject) -> list[list[Any]]:
    return [issue["path"] for issue in error["data"]["issues"]]


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def correlation_id() -> str:
    return f"e2e-{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Account:
    """A user of the running app, signed in: its id, credentials and tokens."""

    id: str
    email: str
    password: str
    role: str
    token: str
    refresh_token: str

    @property
    def session_id(self) -> str:
        return self.refresh_token.partition(".")[0]


def sign_in(server: LiveServer, email: str, password: str) -> Account:
    """Sign in through the login service on the app's collaborators (see module doc)."""
    services = server.services
    result = auth_service.login(
        SqlUnitOfWork(services.session_factory),
        services.hasher,
        services.tokens,
        email,
        password,
        services.clock,
        user_agent="e2e-fixture",
    )
    return Account(
        id=result.user.id,
        email=result.user.email,
        password=password,
        role=result.user.role,
        token=result.access_token,
        refresh_token=result.refresh_token,
    )


def create_admin_account(server: LiveServer, prefix: str = "admin") -> Account:
    services = server.services
    email = unique_email(prefix)
    auth_service.create_admin(
        SqlUnitOfWork(services.session_factory),
        services.hasher,
        email,
        USER_PASSWORD,
        f"Admin {prefix}",
    )
    return sign_in(server, email, USER_PASSWORD)


@pytest.fixture
def admin_account(server: LiveServer) -> Account:
    """A fresh admin (made as the CLI makes one), signed in."""
    return create_admin_account(server)


MakeUser = Callable[..., Account]


@pytest.fixture
def make_user(server: LiveServer, client: httpx.Client, admin_account: Account) -> MakeUser:
    """Create a user through ``admin.createUser`` and sign it in."""

    def make(role: str = "technician", *, full_name: str | None = None) -> Account:
        email = unique_email(role)
        created = result_of(
            rpc_call(
                client,
                "admin.createUser",
                {
                    "email": email,
                    "password": USER_PASSWORD,
                    "full_name": full_name or f"Test {role.title()}",
                    "role": role,
                },
                admin_account.token,
            )
        )
        account = sign_in(server, email, USER_PASSWORD)
        assert account.id == created["id"]
        return account

    return make


def audit_rows(server: LiveServer, correlation: str) -> list[AuditLogRow]:
    with server.db() as session:
        statement = select(AuditLogRow).where(AuditLogRow.correlation_id == correlation)
        return list(session.exec(statement.order_by(col(AuditLogRow.id))))


def load_user(server: LiveServer, user_id: str) -> UserRow | None:
    with server.db() as session:
        return session.get(UserRow, user_id)


def load_session(server: LiveServer, session_id: str) -> AuthSessionRow | None:
    with server.db() as session:
        return session.get(AuthSessionRow, session_id)


def count_users(server: LiveServer) -> int:
    with server.db() as session:
        return len(list(session.exec(select(UserRow.id))))
